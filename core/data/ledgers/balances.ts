/**
 * A ledger movement moves its balance in the same transaction, atomically:
 * an upsert for a movement that adds (the first one creates the balance
 * row), a conditional `UPDATE … WHERE qty + d >= 0` for one that takes from a
 * non-negative balance. PostgreSQL re-checks the condition on the newest row
 * after waiting for a concurrent writer, so 20 issues of the last 10 units
 * give exactly 10 successes; nothing is read first and then written. The
 * CHECK constraint on the balance holds the same rule should any other path
 * try. Callers that move several balances (a document) sort the movements
 * by `balanceOrder` first, so two transfers in opposite directions take the
 * row locks in one order and cannot deadlock. A ledger's further balances
 * (`subBalances`: batch × warehouse) move the same way right after it.
 */
import { randomUUID } from 'node:crypto';
import { fieldError, givenFieldError, RecordValidationError } from '../../errors.js';
import { sentenceInLanguages } from '../../manifest/error-texts.js';
import { fieldNoun } from '../../manifest/value-labels.js';
import { isTimeZone, localDate, serverTimeZone, type ResolvedEntity } from '../../manifest/index.js';
import { colOf, q, rowsOf, valueTitle, type PrimitiveContext } from './context.js';

const numberText = (v: unknown): string => {
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : String(v);
};

/** A sort key for a movement's balance: entity, then its key values (row locks are taken in this order). */
export function balanceOrder(ledger: ResolvedEntity, registry: PrimitiveContext['registry'], values: Record<string, unknown>): string {
  const balance = registry.entity(ledger.ledger!.balance)!;
  return [balance.table, ...balance.balance!.keys.map((k) => String(values[k]))].join('\u0000');
}

/**
 * The organization's posting settings, read in the caller's transaction: a
 * system actor's service has no compiled access holding the time zone, and
 * asking the pool for a second connection while this one is held could
 * starve it under load (every connection waiting for another).
 */
export async function postingSettings(manager: PrimitiveContext['manager'], organizationId: string): Promise<{ today: string; allowBackdated: boolean }> {
  const rows = rowsOf<{ timezone: string | null; allow: boolean }>(await manager.query(`SELECT timezone, allow_backdated_postings AS allow FROM core_organization WHERE id = $1`, [organizationId]));
  const stored = rows[0]?.timezone;
  return { today: localDate(new Date(), stored && isTimeZone(stored) ? stored : serverTimeZone()), allowBackdated: rows[0]?.allow ?? true };
}

/** Before a ledger row is inserted: a backdated posting is refused when the organization says so. */
export async function checkPostingDate(ctx: PrimitiveContext, ledger: ResolvedEntity, values: Record<string, unknown>): Promise<void> {
  const dateField = ledger.ledger!.date;
  const date = dateField ? values[dateField] : undefined;
  if (typeof date !== 'string' || !date) return;
  const { today: now, allowBackdated } = await postingSettings(ctx.manager, ctx.organizationId);
  if (date < now && !allowBackdated) {
    throw new RecordValidationError(ledger.key, { [dateField!]: fieldError('backdated', 'is before today ({today}); this organization does not accept backdated postings', { today: now }) });
  }
}

/** After a ledger row is inserted: its quantity moves its balance, or the whole write is refused. */
export async function moveBalance(ctx: PrimitiveContext, ledger: ResolvedEntity, values: Record<string, unknown>): Promise<void> {
  // A ledger declared with `moves` moves that field (ordered, reserved), never refused below zero.
  await moveOne(ctx, ledger, ctx.registry.entity(ledger.ledger!.balance)!, ledger.ledger!.moves, values);
}

/**
 * After a ledger row is inserted: its further balances (a batch × warehouse one) move by the same
 * quantity, each one whose keys the row names; a row without a batch leaves the batch balances alone.
 * Called after the main balance moved, whose row lock (a batch's item's stock in that warehouse)
 * is what orders these locks between two documents.
 */
export async function moveSubBalances(ctx: PrimitiveContext, ledger: ResolvedEntity, values: Record<string, unknown>): Promise<void> {
  for (const key of ledger.ledger!.subBalances ?? []) {
    const balance = ctx.registry.entity(key)!;
    if (balance.balance!.keys.some((k) => values[k] === null || values[k] === undefined || values[k] === '')) continue;
    await moveOne(ctx, ledger, balance, undefined, values);
  }
}

/** Moves `balance` (its quantity, or the field `moves`) by the row's quantity: an upsert in, a conditional update out. */
async function moveOne(ctx: PrimitiveContext, ledger: ResolvedEntity, balance: ResolvedEntity, moves: string | undefined, values: Record<string, unknown>): Promise<void> {
  const spec = balance.balance!;
  const delta = Number(values[ledger.ledger!.quantity] ?? 0);
  if (!Number.isFinite(delta) || delta === 0) return;
  const keys = spec.keys.map((k) => values[k]);
  const keyCols = spec.keys.map((k) => q(colOf(balance, k)));
  const target = moves ?? spec.quantity;
  const qty = q(colOf(balance, target));
  const table = q(balance.table);
  const amount = String(values[ledger.ledger!.quantity]);
  if (delta > 0 || !spec.nonNegative || moves || (await negativeAllowed(ctx, balance, values))) {
    // The balance's other fields start at their defaults (numeric defaults are the record layer's, not the column's).
    const others = balance.fields.filter((f) => f.name !== target && !spec.keys.includes(f.name) && f.default !== undefined);
    const params = [randomUUID(), ctx.organizationId, ...keys, amount, ctx.userId, ...others.map((f) => (f.type === 'json' ? JSON.stringify(f.default) : f.default))];
    const n = keys.length;
    const otherCols = others.map((f) => `, ${q(colOf(balance, f.name))}`).join('');
    const otherParams = others.map((_f, i) => `, $${n + 5 + i}`).join('');
    await ctx.manager.query(
      `INSERT INTO ${table} (id, organization_id, ${keyCols.join(', ')}, ${qty}, created_by, updated_by${otherCols})
       VALUES ($1, $2, ${keys.map((_k, i) => `$${i + 3}`).join(', ')}, $${n + 3}, $${n + 4}, $${n + 4}${otherParams})
       ON CONFLICT (organization_id, ${keyCols.join(', ')}) DO UPDATE
         SET ${qty} = COALESCE(${table}.${qty}, 0) + EXCLUDED.${qty}, updated_at = now(), updated_by = EXCLUDED.updated_by, version = ${table}.version + 1`,
      params,
    );
    return;
  }
  // Taking from a non-negative balance: only if enough is there, decided by the row as it is when the lock is ours.
  const where = keyCols.map((c, i) => `${c} = $${i + 4}`).join(' AND ');
  const moved = rowsOf<{ id: string }>(
    await ctx.manager.query(
      `UPDATE ${table} SET ${qty} = ${qty} + $1, updated_at = now(), updated_by = $2, version = version + 1
       WHERE organization_id = $3 AND ${where} AND ${qty} + $1 >= 0 RETURNING id`,
      [amount, ctx.userId, ctx.organizationId, ...keys],
    ),
  );
  if (moved.length) return;
  throw await movementRefusal(ctx, ledger, balance, values);
}

/**
 * Whether the key record named by `negativeAllowedBy` lets this balance go
 * below zero. Its row is locked FOR SHARE until the transaction ends, so the
 * flag cannot be turned off between this answer and the movement it decides.
 */
async function negativeAllowed(ctx: PrimitiveContext, balance: ResolvedEntity, values: Record<string, unknown>): Promise<boolean> {
  const exemption = balance.balance!.negativeAllowedBy;
  if (!exemption) return false;
  const target = ctx.registry.entity(exemption.entity)!;
  const rows = rowsOf<{ allowed: boolean | null }>(
    await ctx.manager.query(`SELECT ${q(colOf(target, exemption.field))} AS allowed FROM ${q(target.table)} WHERE organization_id = $1 AND id = $2 FOR SHARE`, [ctx.organizationId, values[exemption.key]]),
  );
  return rows[0]?.allowed === true;
}

/** "Only 3 of item SKU-0042 in Main store": what is left, named by the balance's key records. */
export async function movementRefusal(ctx: PrimitiveContext, ledger: ResolvedEntity, balance: ResolvedEntity, values: Record<string, unknown>): Promise<RecordValidationError> {
  const spec = balance.balance!;
  const where = spec.keys.map((k, i) => `${q(colOf(balance, k))} = $${i + 2}`).join(' AND ');
  const rows = rowsOf<{ qty: string }>(await ctx.manager.query(`SELECT ${q(colOf(balance, spec.quantity))} AS qty FROM ${q(balance.table)} WHERE organization_id = $1 AND ${where}`, [ctx.organizationId, ...spec.keys.map((k) => values[k])]));
  const left = numberText(rows[0]?.qty ?? 0);
  const titles = new Map<string, string>();
  for (const k of spec.keys) titles.set(k, await valueTitle(ctx, balance, k, values[k]));
  const [first, ...rest] = spec.keys;
  const error = spec.refusal
    ? givenFieldError('balance', sentenceInLanguages(balance, spec.refusal, (template) => template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'quantity' ? left : (titles.get(name) ?? `{${name}}`)))))
    : rest.length
      ? fieldError('balance', 'Only {quantity} of {field} {key} in {place}', { quantity: left, field: fieldNoun(balance, first), key: titles.get(first)!, place: rest.map((k) => titles.get(k)).join(', ') })
      : fieldError('balance', 'Only {quantity} of {field} {key}', { quantity: left, field: fieldNoun(balance, first), key: titles.get(first)! });
  return new RecordValidationError(ledger.key, { [ledger.ledger!.quantity]: error }, error.words ?? error.message);
}
