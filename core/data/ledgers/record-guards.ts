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
 * has committed and sees its row. Related records of other entities are
 * seen as last committed (their writers take no lock of this entity).
 */
import { SqlParams, conditionToSql } from '../../access/sql.js';
import { RecordValidationError } from '../../errors.js';
import { parseConditions, type ResolvedEntity } from '../../manifest/index.js';
import { q, rowsOf, type PrimitiveContext } from './context.js';

/** After the INSERT (`changed` undefined) or UPDATE (the fields written) of `id`: refuses a record left in a guarded state. */
export async function checkGuards(ctx: PrimitiveContext, entity: ResolvedEntity, id: string, changed?: string[]): Promise<void> {
  const guards = (entity.guards ?? []).filter((g) => !changed || !g.on || g.on.some((f) => changed.includes(f)));
  if (!guards.length) return;
  await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`guard:${ctx.organizationId}:${entity.table}`]);
  for (const guard of guards) {
    const params = new SqlParams();
    const node = parseConditions(guard.refuse, '', [], { interpolated: true });
    const where = conditionToSql(node, entity, 'r', params, { registry: ctx.registry, organizationId: ctx.organizationId });
    const rows = rowsOf(await ctx.manager.query(
      `SELECT 1 FROM ${q(entity.table)} r WHERE r.organization_id = ${params.add(ctx.organizationId)} AND r.id = ${params.add(id)} AND ${where}`,
      params.values,
    ));
    if (rows.length) throw new RecordValidationError(entity.key, { [guard.field]: { message: guard.message, type: 'guard' } });
  }
}
