/**
 * One error type for the whole runtime: a stable code, where it happened, and a
 * human message. HTTP status is derived from the code, never chosen ad hoc.
 */
export type UmsErrorCode =
  | 'MANIFEST_INVALID'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'MODULE_DISABLED'
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'TOO_MANY_REQUESTS'
  | 'DATABASE_UNAVAILABLE'
  | 'ORGANIZATION_SUSPENDED'
  | 'ORGANIZATION_ARCHIVED'
  | 'PLAN_LIMIT_REACHED'
  /** Core code asked a tenant-scoped manager for something other than its scoped query (core/data/tenant-scope.ts): a bug, 500. */
  | 'TENANT_SCOPE'
  | 'INTERNAL';

export interface ErrorLocation {
  file?: string;
  pointer?: string;
  entity?: string;
  field?: string;
  /** Which input of a set (createMany) the error is about, from 0. */
  index?: number;
}

/**
 * A message as words a reader's language can say again (core/words.ts looks them up by `text`, the English
 * template): each `{name}` part is either one string or the part in each language (`{ en: 'course', bn: 'কোর্স' }`,
 * English where a language has none). The error's `message` stays the English sentence: what API clients and logs read.
 */
export interface Words {
  text: string;
  vars: Record<string, string | Record<string, string>>;
}

/** `words` in English, the error message's own language. */
export const wordsInEnglish = (words: Words): string =>
  words.text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = words.vars[name];
    return v === undefined ? whole : typeof v === 'string' ? v : (v.en ?? whole);
  });

export class UmsError extends Error {
  constructor(
    readonly code: UmsErrorCode,
    message: string,
    readonly where: ErrorLocation = {},
    /** The message as words to say in the reader's language, where a person reads it (the admin's notices). */
    readonly words?: Words,
  ) {
    super(message);
    this.name = 'UmsError';
  }

  get status(): number {
    switch (this.code) {
      case 'VALIDATION_FAILED':
      case 'BAD_REQUEST':
      case 'MANIFEST_INVALID':
        return 400;
      case 'FORBIDDEN':
      case 'MODULE_DISABLED':
      case 'ORGANIZATION_SUSPENDED':
      case 'ORGANIZATION_ARCHIVED':
        return 403;
      case 'NOT_FOUND':
        return 404;
      case 'CONFLICT':
      case 'PLAN_LIMIT_REACHED':
        return 409;
      case 'REQUEST_TIMEOUT':
        return 408;
      case 'PAYLOAD_TOO_LARGE':
        return 413;
      case 'TOO_MANY_REQUESTS':
        return 429;
      case 'DATABASE_UNAVAILABLE':
        return 503;
      default:
        return 500;
    }
  }
}

/** A problem found in a manifest: which file, which JSON pointer inside it, and what. */
export interface ManifestProblem {
  file: string;
  pointer: string;
  message: string;
}

export class ManifestError extends UmsError {
  constructor(readonly problems: ManifestProblem[]) {
    super('MANIFEST_INVALID', formatManifestProblems(problems), {
      file: problems[0]?.file,
      pointer: problems[0]?.pointer,
    });
    this.name = 'ManifestError';
  }
}

export function formatManifestProblems(problems: ManifestProblem[]): string {
  return problems.map((p) => `${p.file}#${p.pointer || '/'}: ${p.message}`).join('\n');
}

/**
 * One field's error: `message` is the English sentence (API clients, logs, the CLI); `words`, where present,
 * let the admin say it again in the reader's language (core/admin/errors.ts; not enumerable, so JSON and
 * comparisons see `{ message, type }` only), `type` is the rule that failed.
 */
export interface FieldError {
  message: string;
  type?: string;
  words?: Words;
}

/** Per-field record errors, as AdminJS and API clients show them. */
export type FieldErrors = Record<string, FieldError>;

/**
 * `words` travel with the error without being part of what it serialises to: not enumerable, so the
 * field errors that API answers, logs and jobs write (JSON, spreads, comparisons) stay `{ message, type }`.
 */
function withWords(error: { message: string; type: string }, words: Words): FieldError {
  return Object.defineProperty(error, 'words', { value: words, enumerable: false });
}

/** A field error in words (UMS's own sentence, looked up in core/words.ts by `text`), its English as the message. */
export function fieldError(type: string, text: string, vars: Words['vars'] = {}): FieldError {
  const words = { text, vars };
  return withWords({ message: wordsInEnglish(words), type }, words);
}

/**
 * A field error whose sentence the manifest wrote (a check's or guard's `message`): said as it is in each
 * language it is given in (`{ en, bn }`), English where a language has none.
 */
export function givenFieldError(type: string, sentence: Record<string, string> & { en: string }): FieldError {
  return withWords({ message: sentence.en, type }, { text: '{sentence}', vars: { sentence } });
}

export class RecordValidationError extends UmsError {
  constructor(
    entity: string,
    readonly fieldErrors: FieldErrors,
    message: string | Words = 'The record has errors: see the fields.',
  ) {
    super('VALIDATION_FAILED', typeof message === 'string' ? message : wordsInEnglish(message), { entity, field: Object.keys(fieldErrors)[0] }, typeof message === 'string' ? undefined : message);
    this.name = 'RecordValidationError';
  }
}

export const notFound = (entity: string): UmsError =>
  new UmsError('NOT_FOUND', `No such ${entity} record.`, { entity });

export const forbidden = (message: string | Words, where: ErrorLocation = {}): UmsError =>
  typeof message === 'string' ? new UmsError('FORBIDDEN', message, where) : new UmsError('FORBIDDEN', wordsInEnglish(message), where, message);

export const conflict = (message: string, where: ErrorLocation = {}): UmsError =>
  new UmsError('CONFLICT', message, where);
