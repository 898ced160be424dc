/**
 * Serial numbers: an item with `has_serial` carries one serial number per
 * unit on every stock entry line (`serial_numbers`, separated by commas or
 * new lines), checked when the line is written. When the entry is submitted
 * (or approved; the stock entry's afterUpdate hook in modules/inventory/index.ts,
 * in the transition's transaction) each serial moves with its unit: a
 * receipt puts it in stock in the receiving warehouse (a new serial, or one
 * issued earlier coming back), an issue marks it issued, a transfer moves it;
 * cancelling a submitted entry moves them back. Each serial's row is locked
 * (`SELECT … FOR UPDATE`, in number order so two entries cannot deadlock) and
 * its state is decided on the row as it is once the lock is ours: of 20
 * entries issuing one serial at once, exactly one wins, the others roll back
 * with "SN-1 is not in stock in Main store". The unique index (item, number)
 * refuses the same serial received twice. The writes go through the named
 * system actor `inventory:serial-numbers` (nobody edits a serial by hand).
 */
import { RecordValidationError, type EntityHooks, type RecordData, type Records } from '../../core/sdk.js';

const LINE = 'inventory.stock_entry_line';
const SERIAL = 'inventory.serial_number';

/** The serial numbers written on a line: trimmed, empty ones dropped. */
export function serialsOf(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function lineError(message: string): RecordValidationError {
  return new RecordValidationError(LINE, { serial_numbers: { message, type: 'serial' } }, message);
}

/** A line of a serialised item needs exactly one distinct serial per unit; other items none. */
async function checkLine(records: Records, values: Record<string, unknown>): Promise<void> {
  if (!values.item) return;
  const item = await records.get('inventory.item', String(values.item));
  const serials = serialsOf(values.serial_numbers);
  if (!item.has_serial) {
    if (serials.length) throw lineError(`must be empty: item ${String(item.sku)} has no serial numbers`);
    return;
  }
  const quantity = Number(values.quantity);
  if (!Number.isInteger(quantity)) throw new RecordValidationError(LINE, { quantity: { message: `must be a whole number: item ${String(item.sku)} is counted by serial number`, type: 'serial' } });
  const distinct = new Set(serials);
  if (distinct.size !== serials.length) throw lineError(`lists a serial number twice: ${serials.find((s, i) => serials.indexOf(s) !== i)}`);
  if (serials.length !== quantity) throw lineError(`needs one serial number per unit: ${quantity} unit${quantity === 1 ? '' : 's'}, ${serials.length} serial number${serials.length === 1 ? '' : 's'}`);
}

export const serialLineHooks: EntityHooks = {
  beforeCreate: (ctx, values) => checkLine(ctx.records, values),
  async beforeUpdate(ctx, change) {
    if (!change.changed.some((f) => f === 'item' || f === 'quantity' || f === 'serial_numbers')) return;
    await checkLine(ctx.records, change.values);
  },
};

async function warehouseName(records: Records, id: unknown): Promise<string> {
  return id ? String((await records.get('inventory.warehouse', String(id))).name) : '';
}

/** Moves the serials of one entry's lines: `from` → `to` (either may be empty: received or issued). */
async function moveSerials(system: Records, entry: RecordData, from: string | null, to: string | null): Promise<number> {
  const lines = await system.find(LINE, { filters: [{ field: 'entry', op: 'eq', value: String(entry.id) }], limit: 1000 });
  const wanted: { item: string; number: string }[] = [];
  for (const line of lines) {
    const serials = serialsOf(line.serial_numbers);
    if (!serials.length) continue;
    const item = await system.get('inventory.item', String(line.item));
    if (!item.has_serial) continue;
    for (const number of serials) wanted.push({ item: String(line.item), number });
  }
  // One lock order for every entry (item, then number): two entries sharing serials queue, never deadlock.
  wanted.sort((a, b) => (a.item === b.item ? (a.number < b.number ? -1 : a.number > b.number ? 1 : 0) : a.item < b.item ? -1 : 1));
  // The serials that exist, read per item (a receipt of 100 units is one read, not 100); each is still locked below.
  const known = new Map<string, RecordData>();
  const key = (item: string, number: unknown): string => `${item}\u0000${String(number)}`;
  for (const item of new Set(wanted.map((w) => w.item))) {
    const numbers = wanted.filter((w) => w.item === item).map((w) => w.number);
    for await (const page of system.findPages(SERIAL, { filters: [{ field: 'item', op: 'eq', value: item }, { field: 'number', op: 'in', value: numbers }] })) {
      for (const serial of page) known.set(key(item, serial.number), serial);
    }
  }
  const received = new Map<string, Record<string, unknown>>();
  for (const { item, number } of wanted) {
    const found = known.get(key(item, number));
    if (!found) {
      if (from) throw lineError(`${number} is not in stock in ${await warehouseName(system, from)}: no such serial number of this item`);
      if (received.has(key(item, number))) throw lineError(`${number} is already in stock in ${await warehouseName(system, to)}`);
      received.set(key(item, number), { item, number, warehouse: to, status: 'IN_STOCK' });
      continue;
    }
    const serial = await system.lock(SERIAL, String(found.id));
    if (from) {
      if (serial.status !== 'IN_STOCK' || String(serial.warehouse) !== from) throw lineError(`${number} is not in stock in ${await warehouseName(system, from)}`);
    } else if (serial.status === 'IN_STOCK') {
      throw lineError(`${number} is already in stock in ${await warehouseName(system, serial.warehouse)}`);
    }
    await system.update(SERIAL, String(serial.id), to ? { status: 'IN_STOCK', warehouse: to } : { status: 'ISSUED' });
  }
  // The new units received, as one set, after every lock (each entry locks, then inserts, in one order): the unique
  // index (item, number) refuses one that another entry made at the same moment.
  if (received.size) await system.createMany(SERIAL, [...received.values()]);
  return wanted.length;
}

/** Part of the stock entry's status hook (modules/inventory/index.ts): `submit` posts (also after an approval), `cancel` reverses. */
export async function moveSerialNumbers(system: Records, entry: RecordData, transition: string, fromState: string): Promise<void> {
  const from = entry.from_warehouse ? String(entry.from_warehouse) : null;
  const to = entry.to_warehouse ? String(entry.to_warehouse) : null;
  if (transition === 'submit') await moveSerials(system, entry, from, to);
  // Cancelling a submitted entry puts every serial back where it came from; a draft moved none.
  else if (fromState === 'SUBMITTED') await moveSerials(system, entry, to, from);
}
