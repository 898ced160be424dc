/**
 * The inventory's daily reorder check (declared in module-manifests/inventory.json):
 * every reorder rule whose projected quantity (actual + ordered − reserved:
 * approved orders not yet received already count) is below its level, and
 * whose item is not on an order still being prepared (draft or awaiting
 * approval), goes onto one draft purchase order per supplier and warehouse.
 * Runs per organization through the job's tenant-bound Records.
 */
import type { JobContext, RecordData, Records } from '../../core/sdk.js';

// Approved orders are in the balance's ordered quantity; orders not approved yet are not, so they hold the item back.
const PREPARING = ['DRAFT', 'TO_APPROVE'];

async function all(records: Records, key: string, filters: Parameters<Records['find']>[1] = {}): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, filters, 1000)) out.push(...page);
  return out;
}

export async function reorderCheck(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const rules = await all(records, 'inventory.reorder_rule');
  const balances = new Map((await all(records, 'inventory.stock_balance')).map((b) => [`${b.item}|${b.warehouse}`, Number(b.projected ?? b.quantity)]));
  // An item already on an order being prepared is not ordered again every morning.
  const openOrders = new Set((await all(records, 'inventory.purchase_order', { filters: [{ field: 'status', op: 'in', value: PREPARING }] })).map((o) => o.id));
  const onOrder = new Set((await all(records, 'inventory.purchase_order_line')).filter((l) => openOrders.has(String(l.order))).map((l) => String(l.item)));
  const bySupplier = new Map<string, RecordData[]>();
  let withoutSupplier = 0;
  for (const rule of rules) {
    if ((balances.get(`${rule.item}|${rule.warehouse}`) ?? 0) >= Number(rule.level) || onOrder.has(String(rule.item))) continue;
    if (!rule.supplier) {
      withoutSupplier++;
      continue;
    }
    const k = `${rule.supplier}|${rule.warehouse}`;
    bySupplier.set(k, [...(bySupplier.get(k) ?? []), rule]);
  }
  const day = now.toISOString().slice(0, 10);
  let lines = 0;
  for (const [k, due] of bySupplier) {
    const [supplier, warehouse] = k.split('|');
    // No price list yet: the lines' rate is 0 for the purchaser to fill in, so the draft's total starts at 0.
    const order = await records.create('inventory.purchase_order', { supplier, warehouse, order_date: day, total: 0 });
    const items = new Set<string>();
    for (const rule of due) {
      if (items.has(String(rule.item))) continue;
      items.add(String(rule.item));
      await records.create('inventory.purchase_order_line', { order: order.id, item: rule.item, quantity: rule.quantity, rate: 0 });
      lines++;
    }
  }
  const orders = bySupplier.size;
  return `${orders} draft purchase order${orders === 1 ? '' : 's'} with ${lines} line${lines === 1 ? '' : 's'}${withoutSupplier ? `; ${withoutSupplier} rule${withoutSupplier === 1 ? '' : 's'} below level without a supplier` : ''}`;
}
