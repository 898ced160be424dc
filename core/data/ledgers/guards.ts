/**
 * What the record pipeline (records.ts) asks of the bookkeeping primitives:
 * which writes they refuse outright (a ledger is append-only, a balance is
 * kept by its ledger only), and what runs before and after a row is written.
 */
import { forbidden } from '../../errors.js';
import type { ResolvedEntity } from '../../manifest/index.js';
import { checkAcyclic } from './acyclic.js';
import { checkPostingDate, moveBalance, moveSubBalances } from './balances.js';
import type { PrimitiveContext } from './context.js';
import { checkDeleteGuards, checkGuards } from './record-guards.js';
import { valueMovement } from './valuation.js';
import { feedRollups } from './rollups.js';

export type { PrimitiveContext } from './context.js';

/** Refusals that depend on the entity only (the database refuses them too, but a person gets a reason, not a 500). */
export function refusePrimitiveWrite(entity: ResolvedEntity, operation: 'create' | 'update' | 'delete', registry: PrimitiveContext['registry']): void {
  if (entity.ledger && operation !== 'create') {
    throw forbidden(`${entity.pluralLabel} are a ledger: an entry is never ${operation === 'update' ? 'changed' : 'deleted'}; correct a mistake with a reversing entry.`, { entity: entity.key });
  }
  if (entity.balance) {
    const ledger = entity.balance.ledger ? registry.entity(entity.balance.ledger) : undefined;
    throw forbidden(`${entity.pluralLabel} are kept by ${ledger ? `the ${ledger.pluralLabel.toLowerCase()}` : 'their ledger'}: post a movement instead of ${operation === 'create' ? 'creating' : operation === 'update' ? 'editing' : 'deleting'} a balance.`, { entity: entity.key });
  }
}

/** Whether a screen should offer `action` at all: false for what refusePrimitiveWrite refuses whoever asks. */
export function primitiveAllows(entity: ResolvedEntity, action: string): boolean {
  if (entity.ledger && (action === 'update' || action === 'delete')) return false;
  if (entity.balance && (action === 'create' || action === 'update' || action === 'delete')) return false;
  return true;
}

/** Before the INSERT or UPDATE: links that would form a cycle, postings dated before today where the organization forbids it. */
export async function beforeWrite(ctx: PrimitiveContext, entity: ResolvedEntity, id: string, values: Record<string, unknown>, changed: string[]): Promise<void> {
  if (entity.acyclic) await checkAcyclic(ctx, entity, id, values, changed);
  if (entity.ledger) await checkPostingDate(ctx, entity, values);
  // A valued ledger moves its balance now: the row it is about to write carries the rate and value.
  if (entity.ledger?.valuation) await valueMovement(ctx, entity, values);
}

/** After the INSERT: a ledger row moves its balance (or the whole write is refused; a valued one did before) and its further balances; a child moves the sums it feeds. */
export async function afterInsert(ctx: PrimitiveContext, entity: ResolvedEntity, values: Record<string, unknown>): Promise<void> {
  if (entity.ledger && !entity.ledger.valuation) await moveBalance(ctx, entity, values);
  if (entity.ledger?.subBalances) await moveSubBalances(ctx, entity, values);
  if (entity.rollupFeeds) await feedRollups(ctx, entity, undefined, values);
}

/** After the row is written (a create: `changed` undefined): the entity's guards, on the record as it now is. */
export async function afterWriteRow(ctx: PrimitiveContext, entity: ResolvedEntity, id: string, changed?: string[]): Promise<void> {
  if (entity.guards) await checkGuards(ctx, entity, id, changed);
}

/** After an UPDATE or DELETE (`after` absent): a child moves the roll-up sums it feeds by the difference it makes. */
export async function afterChange(ctx: PrimitiveContext, entity: ResolvedEntity, before: Record<string, unknown>, after: Record<string, unknown> | undefined): Promise<void> {
  if (entity.rollupFeeds) await feedRollups(ctx, entity, before, after);
}

/** Before the DELETE: a guard on the parent's state (a placed order) refuses removing its child too. */
export async function beforeDelete(ctx: PrimitiveContext, entity: ResolvedEntity, record: Record<string, unknown>): Promise<void> {
  if (entity.guards?.some((g) => g.holdsOnDelete)) await checkDeleteGuards(ctx, entity, record);
}
