/**
 * Acyclic relations: a self-reference (parent) or a link entity (task A
 * depends on task B) declared `acyclic` refuses a link that would close a
 * cycle, or (with `hierarchy`) link a record to its own ancestor or
 * descendant. Two links that are each fine but together form a cycle must
 * not both pass, so the check runs under a transaction-scoped advisory lock
 * per organization and entity: the second writer waits for the first to
 * commit and then sees its link in the recursive query.
 */
import { fieldError, RecordValidationError } from '../../errors.js';
import { entityNoun } from '../../manifest/value-labels.js';
import type { ResolvedEntity } from '../../manifest/index.js';
import { colOf, q, rowsOf, titleOf, type PrimitiveContext } from './context.js';

async function lock(ctx: PrimitiveContext, entity: ResolvedEntity): Promise<void> {
  await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`acyclic:${ctx.organizationId}:${entity.table}`]);
}

/** Whether `start`, walking up `parentColumn` in `table`, reaches `goal` (start itself included). */
async function reachesUp(ctx: PrimitiveContext, table: string, parentColumn: string, start: unknown, goal: unknown): Promise<boolean> {
  const rows = rowsOf(await ctx.manager.query(
    `WITH RECURSIVE up(id) AS (
       SELECT $2::uuid
       UNION
       SELECT t.${q(parentColumn)} FROM ${q(table)} t JOIN up ON t.id = up.id WHERE t.organization_id = $1 AND t.${q(parentColumn)} IS NOT NULL
     ) SELECT 1 FROM up WHERE id = $3::uuid LIMIT 1`,
    [ctx.organizationId, start, goal],
  ));
  return rows.length > 0;
}

/**
 * Before a record of an acyclic entity is written: `values` is the record as
 * it will be, `id` its id (a new record's too), `changed` the fields written.
 */
export async function checkAcyclic(ctx: PrimitiveContext, entity: ResolvedEntity, id: string, values: Record<string, unknown>, changed: string[]): Promise<void> {
  const spec = entity.acyclic!;
  if (spec.kind === 'self') {
    const parent = values[spec.field];
    if (!changed.includes(spec.field) || parent === null || parent === undefined) return;
    await lock(ctx, entity);
    // The new parent must not be the record itself nor anything below it.
    if (await reachesUp(ctx, entity.table, colOf(entity, spec.field), parent, id)) {
      throw new RecordValidationError(entity.key, { [spec.field]: fieldError('cycle', 'would create a cycle: {title} is this {entity} or one below it', { title: await titleOf(ctx, entity, parent), entity: entityNoun(entity) }) });
    }
    return;
  }
  const from = values[spec.from];
  const to = values[spec.to];
  if (!changed.includes(spec.from) && !changed.includes(spec.to)) return;
  if (from === null || from === undefined || to === null || to === undefined) return;
  await lock(ctx, entity);
  const target = ctx.registry.entity(spec.target)!;
  const fromCol = q(colOf(entity, spec.from));
  const toCol = q(colOf(entity, spec.to));
  // Following links from `to`: reaching `from` means the new link closes a cycle (`from` = `to` included).
  const cycle = rowsOf(await ctx.manager.query(
    `WITH RECURSIVE reach(id) AS (
       SELECT $2::uuid
       UNION
       SELECT l.${toCol} FROM ${q(entity.table)} l JOIN reach r ON l.${fromCol} = r.id WHERE l.organization_id = $1 AND l.id <> $4::uuid AND l.${toCol} IS NOT NULL
     ) SELECT 1 FROM reach WHERE id = $3::uuid LIMIT 1`,
    [ctx.organizationId, to, from, id],
  ));
  if (cycle.length) {
    const error = String(from) === String(to)
      ? fieldError('cycle', 'cannot link a {entity} to itself', { entity: entityNoun(target) })
      : fieldError('cycle', 'would create a cycle: {to} already leads back to {from}', { to: await titleOf(ctx, target, to), from: await titleOf(ctx, target, from) });
    throw new RecordValidationError(entity.key, { [spec.to]: error });
  }
  if (spec.hierarchy) {
    const parent = colOf(target, spec.hierarchy);
    if ((await reachesUp(ctx, target.table, parent, from, to)) || (await reachesUp(ctx, target.table, parent, to, from))) {
      throw new RecordValidationError(entity.key, { [spec.to]: fieldError('cycle', "{to} and {from} are in one line of descent (one is the other's ancestor); link them through the hierarchy instead", { to: await titleOf(ctx, target, to), from: await titleOf(ctx, target, from) }) });
    }
  }
}
