/**
 * UmsErrors become the AdminJS errors its action handler turns into notices and per-field form errors.
 * A failure no field is to blame for (a stale version, a conflict, a value the database refused) is an
 * AppError: AdminJS's new/edit handlers ignore a ValidationError without property errors
 * (record.isValid() counts property errors only) and would report "Successfully updated".
 */
import { AppError, ForbiddenError, NotFoundError, ValidationError } from 'adminjs';
import { RecordValidationError, UmsError } from '../errors.js';

export function toAdminError(err: unknown): unknown {
  if (err instanceof RecordValidationError) {
    const { _record, ...fields } = err.fieldErrors;
    const message = _record?.message ?? err.message;
    if (Object.keys(fields).length === 0) return new AppError(message);
    return new ValidationError(fields, { message, type: 'validation' });
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

export async function adminErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAdminError(err);
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
