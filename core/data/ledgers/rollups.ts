/**
 * Roll-up sums kept in the child's write transaction: after a child row is
 * inserted, updated or deleted, each sum it feeds moves by the difference it
 * makes, with one atomic `UPDATE parent SET f = f + d` — never a read of the
 * sum followed by a write, so 20 lines inserted at once give the exact total.
 * The parent's row lock is taken by that UPDATE (FOR NO KEY UPDATE), which
 * does not conflict with the key-share lock the child's foreign key takes, so
 * concurrent children queue on the parent instead of deadlocking. Amounts
 * travel as text into numeric arithmetic: no float rounding.
 */
import type { ResolvedEntity, RollupFeed } from '../../manifest/index.js';
import { matchesWhen } from '../constraints/condition-eval.js';
import { colOf, q, type PrimitiveContext } from './context.js';

type Row = Record<string, unknown>;

/** What one row adds to one sum: its parent and amount, or undefined when it does not count. */
function share(child: ResolvedEntity, feed: RollupFeed, row: Row | undefined): { parent: string; amount: string } | undefined {
  if (!row) return undefined;
  const parent = row[feed.parent];
  const amount = row[feed.sum];
  if (parent === null || parent === undefined || amount === null || amount === undefined || amount === '') return undefined;
  if (!matchesWhen(feed.where, child, row)) return undefined;
  return { parent: String(parent), amount: String(amount) };
}

async function add(ctx: PrimitiveContext, feed: RollupFeed, parent: string, amount: string, sign: 1 | -1): Promise<void> {
  const target = ctx.registry.entity(feed.entity)!;
  const col = q(colOf(target, feed.field));
  await ctx.manager.query(
    `UPDATE ${q(target.table)} SET ${col} = COALESCE(${col}, 0) ${sign === 1 ? '+' : '-'} $1::numeric, updated_at = now(), version = version + 1
     WHERE organization_id = $2 AND id = $3`,
    [amount, ctx.organizationId, parent],
  );
}

/** After a child row is written: `before` is absent for an insert, `after` for a delete. */
export async function feedRollups(ctx: PrimitiveContext, child: ResolvedEntity, before: Row | undefined, after: Row | undefined): Promise<void> {
  for (const feed of child.rollupFeeds ?? []) {
    const was = share(child, feed, before);
    const now = share(child, feed, after);
    if (was && now && was.parent === now.parent) {
      if (was.amount === now.amount) continue;
      // One statement per parent: the difference, computed by PostgreSQL.
      const target = ctx.registry.entity(feed.entity)!;
      const col = q(colOf(target, feed.field));
      await ctx.manager.query(
        `UPDATE ${q(target.table)} SET ${col} = COALESCE(${col}, 0) + ($1::numeric - $2::numeric), updated_at = now(), version = version + 1
         WHERE organization_id = $3 AND id = $4`,
        [now.amount, was.amount, ctx.organizationId, now.parent],
      );
      continue;
    }
    if (was) await add(ctx, feed, was.parent, was.amount, -1);
    if (now) await add(ctx, feed, now.parent, now.amount, 1);
  }
}
