/**
 * A valued ledger (`ledger.valuation`): every movement is valued in its
 * transaction, before its row is written (the row is append-only, so its rate
 * and value cannot be filled in afterwards). The balance row is locked first
 * (`SELECT … FOR UPDATE`; created at zero if it is new), so concurrent
 * movements of one balance queue there and each one sees the value the last
 * one left; nothing is read without that lock. An incoming movement adds
 * quantity × its rate (or the value it carries: a transfer brings what left
 * the other warehouse); an outgoing one takes the moving average's share of
 * the value, or consumes the FIFO layers oldest first. Arithmetic is exact
 * (fixed point on BigInt), values are rounded to the value field's scale
 * once per movement, so the balance's value is exactly the sum of its
 * ledger's value changes.
 */
import { randomUUID } from 'node:crypto';
import type { ResolvedEntity } from '../../manifest/index.js';
import { movementRefusal } from './balances.js';
import { colOf, q, rowsOf, type PrimitiveContext } from './context.js';

// ── Fixed-point decimals: 12 places, enough for every numeric column UMS makes (scale ≤ 10).
const PLACES = 12;
const ONE = 10n ** BigInt(PLACES);
const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function dec(v: unknown): bigint {
  if (v === null || v === undefined || v === '') return 0n;
  const text = typeof v === 'number' ? v.toFixed(PLACES) : String(v).trim();
  const m = /^([-+])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const n = BigInt(m[2] || '0') * ONE + BigInt((m[3] ?? '').padEnd(PLACES, '0').slice(0, PLACES) || '0');
  return m[1] === '-' ? -n : n;
}

/** a × b ÷ c, rounded half away from zero. */
function mulDiv(a: bigint, b: bigint, c: bigint): bigint {
  const n = a * b;
  const sign = (n < 0n) !== (c < 0n) ? -1n : 1n;
  return sign * ((abs(n) * 2n + abs(c)) / (abs(c) * 2n));
}

/** Rounded to `scale` places, half away from zero. */
function round(a: bigint, scale: number): bigint {
  const unit = 10n ** BigInt(PLACES - scale);
  return mulDiv(a, 1n, unit) * unit;
}

function text(a: bigint, scale: number): string {
  const r = round(a, scale);
  const digits = abs(r).toString().padStart(PLACES + 1, '0');
  const int = digits.slice(0, digits.length - PLACES);
  const frac = digits.slice(digits.length - PLACES, digits.length - PLACES + scale);
  return `${r < 0n ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

type Layer = { qty: string; value: string };

/** Which method values this movement: fixed by the ledger, or named by a key's record (an item's valuation method). */
async function methodOf(ctx: PrimitiveContext, ledger: ResolvedEntity, values: Record<string, unknown>): Promise<'average' | 'fifo'> {
  const m = ledger.ledger!.valuation!.method;
  if ('fixed' in m) return m.fixed;
  const target = ctx.registry.entity(m.entity)!;
  const rows = rowsOf<{ method: string | null }>(
    await ctx.manager.query(`SELECT ${q(colOf(target, m.field))} AS method FROM ${q(target.table)} WHERE organization_id = $1 AND id = $2`, [ctx.organizationId, values[m.key]]),
  );
  // Anything but the FIFO value (an empty method too) is the moving average.
  return rows[0]?.method === m.fifo ? 'fifo' : 'average';
}

/**
 * Locks the balance row (`SELECT … FOR UPDATE`); a balance that is not there
 * yet (no lock can be taken on a row that is not there) is created at zero
 * first and then locked. The row nearly always exists, so the lock is one
 * statement: the hot rows are where posters queue, and every round trip
 * taken while holding one is a round trip every waiter waits for.
 */
async function lockBalance(ctx: PrimitiveContext, balance: ResolvedEntity, keys: unknown[]): Promise<{ id: string; qty: string; value: string; rate: string; layers: Layer[] }> {
  const spec = balance.balance!;
  const bv = spec.valuation!;
  const keyCols = spec.keys.map((k) => q(colOf(balance, k)));
  const where = keyCols.map((c, i) => `${c} = $${i + 2}`).join(' AND ');
  const locked = async () => rowsOf<{ id: string; qty: string; value: string; rate: string; layers: Layer[] | null }>(
    await ctx.manager.query(
      `SELECT id, ${q(colOf(balance, spec.quantity))}::text AS qty, ${q(colOf(balance, bv.value))}::text AS value, ${q(colOf(balance, bv.rate))}::text AS rate,
              ${bv.layers ? q(colOf(balance, bv.layers)) : 'NULL::jsonb'} AS layers
         FROM ${q(balance.table)} WHERE organization_id = $1 AND ${where} FOR UPDATE`,
      [ctx.organizationId, ...keys],
    ),
  )[0];
  let row = await locked();
  if (!row) {
    const others = balance.fields.filter((f) => f.name !== spec.quantity && !spec.keys.includes(f.name) && ![bv.value, bv.rate, bv.layers].includes(f.name) && f.default !== undefined);
    const layerCol = bv.layers ? [q(colOf(balance, bv.layers))] : [];
    const cols = ['id', 'organization_id', ...keyCols, q(colOf(balance, spec.quantity)), q(colOf(balance, bv.value)), q(colOf(balance, bv.rate)), ...layerCol, ...others.map((f) => q(colOf(balance, f.name)))];
    const params = [randomUUID(), ctx.organizationId, ...keys, 0, 0, 0, ...(bv.layers ? ['[]'] : []), ...others.map((f) => (f.type === 'json' ? JSON.stringify(f.default) : f.default))];
    // A concurrent first movement may insert it meanwhile: this waits for it and does nothing; the next statement sees its row (read committed).
    await ctx.manager.query(
      `INSERT INTO ${q(balance.table)} (${cols.join(', ')}, created_by, updated_by) VALUES (${params.map((_p, i) => `$${i + 1}`).join(', ')}, $${params.length + 1}, $${params.length + 1})
       ON CONFLICT (organization_id, ${keyCols.join(', ')}) DO NOTHING`,
      [...params, ctx.userId],
    );
    row = await locked();
  }
  return { ...row, layers: Array.isArray(row.layers) ? row.layers : [] };
}

/** Locks the balances a document is about to move, in key order, before any is moved: its movements may then go out before they come in (a transfer carries its value) without two documents ever waiting on each other crosswise. */
export async function lockBalances(ctx: PrimitiveContext, ledger: ResolvedEntity, movements: Record<string, unknown>[]): Promise<void> {
  const balance = ctx.registry.entity(ledger.ledger!.balance)!;
  const seen = new Map<string, unknown[]>();
  for (const values of movements) {
    const keys = balance.balance!.keys.map((k) => values[k]);
    seen.set(keys.map(String).join('\u0000'), keys);
  }
  // One balance has no order to keep: its first movement locks it (valueMovement), after that movement's own checks, so the row is held for less.
  if (seen.size < 2) return;
  for (const id of [...seen.keys()].sort()) await lockBalance(ctx, balance, seen.get(id)!);
}

/**
 * Before a valued ledger row is inserted: values the movement, moves its
 * balance (quantity, value, rate, layers) and fills the row's rate, value and
 * quantity after. A movement that would take a non-negative balance below zero
 * is refused as moveBalance refuses it.
 */
export async function valueMovement(ctx: PrimitiveContext, ledger: ResolvedEntity, values: Record<string, unknown>): Promise<void> {
  const val = ledger.ledger!.valuation!;
  const balance = ctx.registry.entity(ledger.ledger!.balance)!;
  const spec = balance.balance!;
  const bv = spec.valuation!;
  const d = dec(values[ledger.ledger!.quantity]);
  if (d === 0n) return;
  const scale = balance.field.get(bv.value)!.scale;
  const rateScale = balance.field.get(bv.rate)!.scale;
  // The method is read before the balance is locked: it is not guarded by that lock either way, and the lock is held for one statement less.
  const method = await methodOf(ctx, ledger, values);
  const row = await lockBalance(ctx, balance, spec.keys.map((k) => values[k]));
  const [qty, value] = [dec(row.qty), dec(row.value)];
  if (spec.nonNegative && qty + d < 0n) throw await movementRefusal(ctx, ledger, balance, values);
  const layers = row.layers.map((l) => ({ qty: dec(l.qty), value: dec(l.value) }));
  const currentRate = qty > 0n ? mulDiv(value, ONE, qty) : dec(row.rate);
  let change: bigint;
  if (d > 0n) {
    // Incoming: the value it carries, else quantity × its rate, else × the balance's current rate.
    const given = values[val.value];
    const rateIn = val.incomingRate && values[val.incomingRate] !== null && values[val.incomingRate] !== undefined ? dec(values[val.incomingRate]) : currentRate;
    change = given !== null && given !== undefined ? round(dec(given), scale) : round(mulDiv(d, rateIn, ONE), scale);
    if (method === 'fifo') layers.push({ qty: d, value: change });
  } else if (method === 'fifo') {
    // Outgoing, FIFO: the oldest layers first; a layer taken whole gives its exact value.
    let left = -d;
    change = 0n;
    while (left > 0n && layers.length) {
      const layer = layers[0];
      const take = left < layer.qty ? left : layer.qty;
      const taken = take === layer.qty ? layer.value : round(mulDiv(layer.value, take, layer.qty), scale);
      layer.qty -= take;
      layer.value -= taken;
      change -= taken;
      left -= take;
      if (layer.qty === 0n) layers.shift();
    }
    // Below zero (a balance that may go negative): the rest at the current rate.
    if (left > 0n) change -= round(mulDiv(left, currentRate, ONE), scale);
  } else {
    // Outgoing, moving average: its share of the value; the last unit takes what is left, so an empty balance is worth 0.
    change = qty + d === 0n ? -value : -round(mulDiv(-d, currentRate, ONE), scale);
  }
  const [newQty, newValue] = [qty + d, value + change];
  const newRate = newQty > 0n ? mulDiv(newValue, ONE, newQty) : d !== 0n ? mulDiv(abs(change), ONE, abs(d)) : currentRate;
  const qtyScale = balance.field.get(spec.quantity)!.scale;
  const sets = [`${q(colOf(balance, spec.quantity))} = $2`, `${q(colOf(balance, bv.value))} = $3`, `${q(colOf(balance, bv.rate))} = $4`];
  const params: unknown[] = [row.id, text(newQty, qtyScale), text(newValue, scale), text(newRate, rateScale)];
  if (bv.layers) {
    params.push(JSON.stringify(layers.map((l) => ({ qty: text(l.qty, qtyScale), value: text(l.value, scale) }))));
    sets.push(`${q(colOf(balance, bv.layers))} = $${params.length}`);
  }
  params.push(ctx.userId);
  await ctx.manager.query(`UPDATE ${q(balance.table)} SET ${sets.join(', ')}, updated_at = now(), updated_by = $${params.length}, version = version + 1 WHERE id = $1`, params);
  values[val.value] = text(change, scale);
  values[val.rate] = text(newRate, ledger.field.get(val.rate)!.scale);
  if (val.quantityAfter) values[val.quantityAfter] = text(newQty, ledger.field.get(val.quantityAfter)!.scale);
}
