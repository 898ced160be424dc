/** UmsErrors become the AdminJS errors its action handler turns into notices and per-field form errors. */
import { ForbiddenError, NotFoundError, ValidationError } from 'adminjs';
import { RecordValidationError, UmsError } from '../errors.js';

export function toAdminError(err: unknown): unknown {
  if (err instanceof RecordValidationError) {
    const { _record, ...fields } = err.fieldErrors;
    return new ValidationError(fields, { message: _record?.message ?? err.message, type: 'validation' });
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
        return new ValidationError(field ? { [field]: { message: err.message, type: err.code } } : {}, { message: err.message, type: err.code });
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
