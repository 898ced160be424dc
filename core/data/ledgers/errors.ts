/**
 * Database errors of the bookkeeping primitives in words: a second run for a
 * period, a balance the CHECK constraint keeps from going negative, a ledger
 * trigger's refusal. Undefined when the error is none of theirs.
 */
import { fieldError, forbidden, RecordValidationError, type UmsError } from '../../errors.js';
import { entityNoun, fieldNoun, joinedNouns } from '../../manifest/value-labels.js';
import type { Registry, ResolvedEntity } from '../../manifest/index.js';
import { balanceCheckName, runPeriodIndexName } from './ddl.js';

export function primitiveDbError(pg: { code?: string; constraint?: string; table?: string }, entity: ResolvedEntity, registry: Registry): UmsError | undefined {
  if (pg.code === '23505' && entity.run && pg.constraint === runPeriodIndexName(entity)) {
    const period = joinedNouns(entity.run.period.map((f) => fieldNoun(entity, f)), { en: ', ' });
    return new RecordValidationError(entity.key, { [entity.run.period[0]]: fieldError('unique', 'there is already a {entity} for this period ({period}); cancel it first to run again', { entity: entityNoun(entity), period }) });
  }
  if (pg.code === '23514' && pg.constraint) {
    if (entity.balance && pg.constraint === balanceCheckName(entity)) return new RecordValidationError(entity.key, { [entity.balance.quantity]: fieldError('balance', 'cannot go below zero') });
    // Writing a ledger row, the balance's CHECK (and only it) is the balance's rule.
    const balance = entity.ledger ? registry.entity(entity.ledger.balance) : undefined;
    if (balance && pg.table === balance.table && pg.constraint === balanceCheckName(balance)) return new RecordValidationError(entity.key, { [entity.ledger!.quantity]: fieldError('balance', 'would take the balance below zero') });
  }
  if (pg.code === '42501' && entity.ledger) return forbidden(`${entity.pluralLabel} are a ledger: entries are never changed or deleted; post a reversing entry.`, { entity: entity.key });
  return undefined;
}
