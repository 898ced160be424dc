/**
 * Ordered stock: the `ordered` quantity of a stock balance is moved by its own
 * ledger (`stock_order_entry`, declared with `"moves": "ordered"`), so it is
 * kept by the same atomic balance update as the actual quantity and checked
 * by the same nightly ledger check. This file writes its movements:
 * - a purchase order becoming APPROVED (placed, or approved) puts each line's
 *   quantity on order for the order's warehouse ("Deliver to");
 * - a submitted receipt for the order takes what it received off the order
 *   (never more than is still on order), and its cancellation puts it back
 *   while the order is still open;
 * - an order marked received, or cancelled, takes off whatever is left.
 * Each runs in the transition's transaction with the order's row locked, so two
 * receipts of one order cannot both take the same outstanding quantity.
 * Projected = actual + ordered − reserved is a computed field of the balance.
 */
import type { RecordData, Records, WorkflowHook } from '../../core/sdk.js';

const ORDERED = 'inventory.stock_order_entry';
const OPEN = new Set(['APPROVED', 'PARTIALLY_RECEIVED']);

async function all(records: Records, key: string, field: string, value: string): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters: [{ field, op: 'eq', value }] }, 1000)) out.push(...page);
  return out;
}

/** What is still on order, per item and warehouse: the order's ordered-stock movements summed. */
async function outstanding(system: Records, order: string): Promise<Map<string, { item: string; warehouse: string; quantity: number }>> {
  const left = new Map<string, { item: string; warehouse: string; quantity: number }>();
  for (const row of await all(system, ORDERED, 'purchase_order', order)) {
    const k = `${row.item}|${row.warehouse}`;
    const was = left.get(k) ?? { item: String(row.item), warehouse: String(row.warehouse), quantity: 0 };
    left.set(k, { ...was, quantity: was.quantity + Number(row.quantity_change) });
  }
  return left;
}

/** Round as the decimal column keeps it, so sums of movements stay exact. */
const exact = (n: number): number => Math.round(n * 1e6) / 1e6;

async function takeOffOrder(system: Records, order: string): Promise<void> {
  for (const left of (await outstanding(system, order)).values()) {
    if (exact(left.quantity) !== 0) await system.create(ORDERED, { item: left.item, warehouse: left.warehouse, purchase_order: order, quantity_change: exact(-left.quantity) });
  }
}

/** Workflow hook of the purchase order's place, approve, receive and cancel. */
export const trackOrderedStock: WorkflowHook = async (ctx) => {
  const order = ctx.record;
  const system = ctx.records.asSystem('ordered-stock');
  const id = String(order.id);
  if (ctx.to === 'APPROVED') {
    // An order with no warehouse to deliver to counts as ordered stock of no warehouse.
    if (!order.warehouse) return;
    for (const line of await all(system, 'inventory.purchase_order_line', 'order', id)) {
      await system.create(ORDERED, { item: line.item, warehouse: order.warehouse, purchase_order: id, quantity_change: line.quantity });
    }
    return;
  }
  if (ctx.to === 'RECEIVED' || (ctx.to === 'CANCELLED' && OPEN.has(ctx.from))) await takeOffOrder(system, id);
};

/** A receipt of a purchase order, submitted or cancelled: what it received comes off (or back onto) the order. */
export async function receiptAgainstOrder(system: Records, entry: RecordData, transition: string, from: string): Promise<void> {
  if (!entry.purchase_order || !entry.to_warehouse) return;
  const orderId = String(entry.purchase_order);
  // The order's row lock: receipts of one order queue here, each sees what the last one left on order.
  const order = await system.lock('inventory.purchase_order', orderId);
  if (transition === 'submit') {
    const left = await outstanding(system, orderId);
    for (const line of await all(system, 'inventory.stock_entry_line', 'entry', String(entry.id))) {
      for (const open of left.values()) {
        if (open.item !== String(line.item) || open.quantity <= 0) continue;
        const take = exact(Math.min(open.quantity, Number(line.quantity)));
        open.quantity -= take;
        await system.create(ORDERED, { item: open.item, warehouse: open.warehouse, purchase_order: orderId, entry: entry.id, quantity_change: -take });
        break;
      }
    }
    return;
  }
  // Cancelling a submitted receipt: back on order, unless the order is closed meanwhile (received or cancelled).
  if (from !== 'SUBMITTED' || !OPEN.has(String(order.status))) return;
  for (const row of await all(system, ORDERED, 'entry', String(entry.id))) {
    await system.create(ORDERED, { item: row.item, warehouse: row.warehouse, purchase_order: orderId, entry: entry.id, quantity_change: exact(-Number(row.quantity_change)) });
  }
}
