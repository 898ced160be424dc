/**
 * UmsErrors become the AdminJS errors its action handler turns into notices and per-field form errors.
 * A failure no field is to blame for (a stale version, a conflict, a value the database refused) is an
 * AppError: AdminJS's new/edit handlers ignore a ValidationError without property errors
 * (record.isValid() counts property errors only) and would report "Successfully updated".
 */
import { AppError, ForbiddenError, NotFoundError, ValidationError, type CurrentAdmin } from 'adminjs';
import { RecordValidationError, UmsError, type FieldError, type Words } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { say } from '../words.js';
import { languageOfAdmin } from './language.js';

/** `words` in `language` (core/words.ts), each part in that language where it has one, else in English. */
export function wordsIn(words: Words, language: string): string {
  const vars = Object.fromEntries(Object.entries(words.vars).map(([name, v]) => [name, typeof v === 'string' ? v : (v[language] ?? v.en ?? '')]));
  return say(words.text, language, vars);
}

/**
 * The error as AdminJS shows it; a UmsError that carries its words (a refusal) is said in `language`,
 * the reader's, while the error itself (API answers, logs) keeps its English message and code.
 */
export function toAdminError(err: unknown, language = 'en'): unknown {
  if (err instanceof RecordValidationError) {
    // Each field's error in the reader's language where it carries its words; AdminJS gets only message and type.
    const said = (e: FieldError): { message: string; type?: string } => ({ message: e.words && language !== 'en' ? wordsIn(e.words, language) : e.message, ...(e.type ? { type: e.type } : {}) });
    const { _record, ...fields } = err.fieldErrors;
    const message = _record ? said(_record).message : err.words && language !== 'en' ? wordsIn(err.words, language) : err.message;
    if (Object.keys(fields).length === 0) return new AppError(message);
    return new ValidationError(Object.fromEntries(Object.entries(fields).map(([name, e]) => [name, said(e)])), { message, type: 'validation' });
  }
  if (err instanceof UmsError && err.words && language !== 'en') {
    return toAdminError(new UmsError(err.code, wordsIn(err.words, language), err.where));
  }
  if (err instanceof UmsError) {
    switch (err.code) {
      case 'NOT_FOUND':
        return new NotFoundError(err.message, 'record');
      case 'FORBIDDEN':
      case 'MODULE_DISABLED':
        return new ForbiddenError(err.message);
      default: {
        const field = err.where.field;
        if (!field) return new AppError(err.message);
        return new ValidationError({ [field]: { message: err.message, type: err.code } }, { message: err.message, type: err.code });
      }
    }
  }
  return err;
}

/** Whether the error carries words to say in the reader's language (its own, or one of its fields'). */
function saysWords(err: unknown): boolean {
  if (!(err instanceof UmsError)) return false;
  return err.words !== undefined || (err instanceof RecordValidationError && Object.values(err.fieldErrors).some((e) => e.words));
}

/**
 * Runs `fn`, turning a UmsError into AdminJS's. With `reader`, a refusal is said in the reader's language
 * (looked up only when one is thrown, so the common path costs nothing).
 */
export async function adminErrors<T>(fn: () => Promise<T>, reader?: { runtime: Runtime; currentAdmin: CurrentAdmin | undefined }): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const language = reader && saysWords(err) ? await languageOfAdmin(reader.runtime, reader.currentAdmin).catch(() => 'en') : 'en';
    throw toAdminError(err, language);
  }
}

/**
 * A request body the parser could not read (malformed JSON, a multipart body without its boundary or
 * cut short): formidable 1.x reports these as plain errors, which would otherwise answer 500.
 */
export function badBodyAsUmsError(err: unknown): unknown {
  if (err instanceof UmsError || !(err instanceof Error)) return err;
  const fromParser = err instanceof SyntaxError || /[\\/]formidable[\\/]lib[\\/]/.test(err.stack ?? '');
  return fromParser ? new UmsError('BAD_REQUEST', 'The request body could not be read (malformed form data or JSON).') : err;
}
