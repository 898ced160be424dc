/**
 * Guards: states a write may not leave a record in, declared with the
 * permission condition language (`"refuse": { "state.group": "completed",
 * "children": { "$some": { "state.group": { "$nin": [...] } } } }`). They are
 * checked after the row is written, in the write's transaction, by the same
 * SQL translator as row filters, so paths and `$some` over related records
 * see the record as it now is. Two writes that are each fine but together
 * refused (a parent completing while its child reopens) must not both pass:
 * the check runs under a transaction-scoped advisory lock per organization
 * and entity, held to commit, so the second writer checks after the first
 * has committed and sees its row (guards that read only forward references,
 * a line's item, take no such lock). Related records of other entities are
 * seen as last committed (their writers take no lock of this entity).
 * A guard on the parent a record hangs on (`order.status`) also refuses
 * deleting the record (checkDeleteGuards).
 */
import { SqlParams, conditionToSql } from '../../access/sql.js';
import { givenFieldError, RecordValidationError } from '../../errors.js';
import { sentenceInLanguages } from '../../manifest/error-texts.js';
import { parseConditions, type ResolvedEntity, type ResolvedGuard } from '../../manifest/index.js';
import { q, rowsOf, type PrimitiveContext } from './context.js';

/**
 * Refuses with the first matching guard's field error when the stored row `id` matches its
 * `refuse`: one statement for all of them (a stock line has three), each guard a column.
 */
async function refuseIfMatched(ctx: PrimitiveContext, entity: ResolvedEntity, id: string, guards: ResolvedGuard[]): Promise<void> {
  if (!guards.length) return;
  const params = new SqlParams();
  const scope = { registry: ctx.registry, organizationId: ctx.organizationId };
  const columns = guards.map((g, i) => `(${conditionToSql(parseConditions(g.refuse, '', [], { interpolated: true }), entity, 'r', params, scope)}) IS TRUE AS g${i}`);
  const [row] = rowsOf<Record<string, boolean>>(await ctx.manager.query(
    `SELECT ${columns.join(', ')} FROM ${q(entity.table)} r WHERE r.organization_id = ${params.add(ctx.organizationId)} AND r.id = ${params.add(id)}`,
    params.values,
  ));
  const guard = row ? guards.find((_g, i) => row[`g${i}`]) : undefined;
  if (guard) throw new RecordValidationError(entity.key, { [guard.field]: givenFieldError('guard', sentenceInLanguages(entity, guard.message)) });
}

/** After the INSERT (`changed` undefined) or UPDATE (the fields written) of `id`: refuses a record left in a guarded state. */
export async function checkGuards(ctx: PrimitiveContext, entity: ResolvedEntity, id: string, changed?: string[]): Promise<void> {
  const guards = (entity.guards ?? []).filter((g) => !changed || !g.on || g.on.some((f) => changed.includes(f)));
  if (!guards.length) return;
  if (guards.some((g) => g.readsRelated)) await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`guard:${ctx.organizationId}:${entity.table}`]);
  await refuseIfMatched(ctx, entity, id, guards);
}

/**
 * Before the DELETE of `record`: a guard that reads only the parent its field references
 * (`order.status` is not DRAFT) refuses removing the record as it refuses changing it. The
 * parent's row is locked first, so its state cannot change between this check and the commit
 * (a transition locks it FOR UPDATE and waits). FOR NO KEY UPDATE is the lock a roll-up of the
 * parent takes later in the same delete anyway: two deletes of one parent's lines queue here
 * rather than both share-lock it and then deadlock upgrading.
 */
export async function checkDeleteGuards(ctx: PrimitiveContext, entity: ResolvedEntity, record: Record<string, unknown>): Promise<void> {
  const guards = (entity.guards ?? []).filter((g) => g.holdsOnDelete && record[g.field] !== null && record[g.field] !== undefined);
  for (const field of new Set(guards.map((g) => g.field))) {
    const target = ctx.registry.entity(entity.field.get(field)!.target!)!;
    await ctx.manager.query(`SELECT 1 FROM ${q(target.table)} WHERE organization_id = $1 AND id = $2 FOR NO KEY UPDATE`, [ctx.organizationId, record[field]]);
  }
  await refuseIfMatched(ctx, entity, String(record.id), guards);
}
