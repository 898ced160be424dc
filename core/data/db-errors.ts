/**
 * PostgreSQL errors become field errors or clear conflicts, never a stack
 * trace page. Constraint names are the ones entity-schemas.ts gives.
 */
import { fieldError, RecordValidationError, UmsError } from '../errors.js';
import { fieldNoun, joinedNouns } from '../manifest/value-labels.js';
import { columnOf, type Registry, type ResolvedEntity } from '../manifest/index.js';
import { mapConstraintError } from './constraints/record-constraints.js';
import { primitiveDbError } from './ledgers/errors.js';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
  message?: string;
}

const pgErrorOf = (err: unknown): PgError | undefined => {
  const e = err as { driverError?: PgError; code?: string };
  if (e?.driverError?.code) return e.driverError;
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as PgError;
  return undefined;
};

function fieldForColumn(entity: ResolvedEntity, column: string | undefined): string | undefined {
  if (!column) return undefined;
  return entity.fields.find((f) => columnOf(f) === column)?.name;
}

function fieldForConstraint(entity: ResolvedEntity, constraint: string | undefined, detail: string | undefined): string | undefined {
  const fromDetail = /Key \(([^)]+)\)/.exec(detail ?? '')?.[1]?.split(', ').filter((c) => c !== 'organization_id').pop();
  const byDetail = fieldForColumn(entity, fromDetail);
  if (byDetail) return byDetail;
  return entity.fields.find((f) => constraint?.endsWith(`_${columnOf(f)}`))?.name;
}

/**
 * PostgreSQL aborted the transaction because another ran at the same time: a deadlock (40P01, which
 * concurrent inserts checked by one exclusion constraint can cause: each waits for the other's row)
 * or a serialization failure (40001). Nothing of it was kept, so the whole transaction may run again
 * (RecordService.transaction does, a few times, as Odoo retries such requests); the retry then sees
 * what the other committed and answers with the real outcome, e.g. the overlap's field error.
 */
export class ConcurrentChangeError extends UmsError {
  constructor(entity?: string) {
    super('CONFLICT', 'Another change to the same records happened at the same time; try again.', entity ? { entity } : {});
  }
}

const ABORTED_BY_CONCURRENCY = new Set(['40001', '40P01']);

/** True for an error after which the transaction can run again from its start. */
export function abortedByConcurrency(err: unknown): boolean {
  if (err instanceof ConcurrentChangeError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ABORTED_BY_CONCURRENCY.has(code);
}

export function mapDatabaseError(err: unknown, entity: ResolvedEntity, registry: Registry, operation: 'create' | 'update' | 'delete' | 'action'): unknown {
  if (err instanceof UmsError) return err;
  // checks, noOverlap, uniqueWhen and sequences name their constraints: their own messages first.
  const constrained = mapConstraintError(err, entity);
  if (constrained) return constrained;
  const pgErr = pgErrorOf(err);
  if (!pgErr) return err;
  const primitive = primitiveDbError(pgErr, entity, registry);
  if (primitive) return primitive;
  switch (pgErr.code) {
    case '23505': {
      const field = fieldForConstraint(entity, pgErr.constraint, pgErr.detail);
      const ix = entity.indexes.find((i) => i.unique && pgErr.constraint?.includes(i.fields.map((n) => (entity.field.get(n) ? columnOf(entity.field.get(n)!) : n)).join('_')));
      if (ix && ix.fields.length > 1) {
        const fields = joinedNouns(ix.fields.map((n) => fieldNoun(entity, n)), { en: ', ' });
        return new RecordValidationError(entity.key, { [ix.fields[0]]: fieldError('unique', 'this combination of {fields} already exists', { fields }) });
      }
      return new RecordValidationError(entity.key, { [field ?? '_record']: fieldError('unique', 'is already used by another record') });
    }
    // 23001: an ON DELETE RESTRICT key (checked at once); 23503: any other foreign key violation.
    // A same-tenant key names (organization_id, x_id): the field is x's, and another
    // organization's row is reported exactly like a missing one.
    case '23001':
    case '23503': {
      if (operation === 'delete') {
        const referencing = registry.entities.find((e) => e.table === pgErr.table);
        return new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} is still used by ${referencing ? referencing.pluralLabel.toLowerCase() : 'other records'}; remove those first.`, { entity: entity.key });
      }
      const field = fieldForConstraint(entity, pgErr.constraint, pgErr.detail);
      return new RecordValidationError(entity.key, { [field ?? '_record']: fieldError('reference', 'refers to a record that does not exist') });
    }
    case '23502':
      return new RecordValidationError(entity.key, { [fieldForColumn(entity, pgErr.column) ?? '_record']: fieldError('required', 'is required') });
    case '23514': {
      const field = entity.fields.find((f) => pgErr.constraint?.endsWith(columnOf(f)))?.name;
      return new RecordValidationError(entity.key, { [field ?? '_record']: fieldError('check', 'is not an allowed value') });
    }
    case '23P01': {
      const field = fieldForConstraint(entity, pgErr.constraint, pgErr.detail);
      return new RecordValidationError(entity.key, { [field ?? '_record']: fieldError('exclusion', 'conflicts with another record (they overlap)') });
    }
    case '40001':
    case '40P01':
      return new ConcurrentChangeError(entity.key);
    default:
      // Every other data exception (22xxx) and integrity violation (23xxx) is the input's fault: a 400, never a 500.
      if (pgErr.code?.startsWith('22')) {
        const field = fieldForColumn(entity, pgErr.column);
        return new RecordValidationError(entity.key, { [field ?? '_record']: fieldError('format', DATA_EXCEPTIONS[pgErr.code] ?? 'A value is out of range or malformed; nothing was saved.') });
      }
      if (pgErr.code?.startsWith('23')) {
        return new RecordValidationError(entity.key, { _record: fieldError('constraint', 'The record breaks a rule of the database; nothing was saved.') });
      }
      return err;
  }
}

/** PostgreSQL's data exceptions in words (the statement names no column, so they are the record's). */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22001': 'A text is longer than its field allows; nothing was saved.',
  '22003': 'A number is too large for its field; nothing was saved.',
  '22007': 'A date or time is not valid; nothing was saved.',
  '22008': 'A date or time is out of range; nothing was saved.',
  '22021': 'A text contains the NUL character (\\0), which cannot be stored; nothing was saved.',
  '22P02': 'A value does not have the type of its field; nothing was saved.',
  '22P05': 'A text contains a character that cannot be stored (such as \\u0000); nothing was saved.',
};
