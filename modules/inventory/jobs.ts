/**
 * The inventory's daily reorder check (declared in module-manifests/inventory.json):
 * every reorder rule whose projected quantity (actual + ordered − reserved:
 * approved orders not yet received already count) is below its level, and
 * whose item is not on an order still being prepared (draft or awaiting
 * approval), goes onto one draft purchase order per supplier and warehouse.
 * Runs per organization through the job's tenant-bound Records.
 */
import { notify, type JobContext, type RecordData, type Records } from '../../core/sdk.js';

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
    const order = await records.create('inventory.purchase_order', { supplier, warehouse, order_date: day });
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

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function usersWithRole(records: Records, role: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const r of await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: role }], limit: 10 })) {
    for (const a of await all(records, 'core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: r.id }] })) ids.add(String(a.user));
  }
  return [...ids];
}

/** The warehouses a batch was received or transferred into (submitted entries), for their storekeepers. */
async function warehousesOf(records: Records, batch: string): Promise<string[]> {
  const entries = new Set((await all(records, 'inventory.stock_entry_line', { filters: [{ field: 'batch', op: 'eq', value: batch }] })).map((l) => String(l.entry)));
  const out = new Set<string>();
  for (const id of entries) {
    const entry = await records.get('inventory.stock_entry', id);
    if (entry.status === 'SUBMITTED' && entry.to_warehouse) out.add(String(entry.to_warehouse));
  }
  return [...out];
}

/**
 * Batch expiry alerts (daily): a batch expiring within 30 days, and again within 7,
 * is announced once per threshold — a notification to the storekeepers assigned to
 * the warehouses it was received into and to every inventory manager. The batch's
 * `alerted_30_at` / `alerted_7_at` stamp, written in the same transaction, makes a
 * second run (or a missed day) announce nothing twice; a batch first seen inside 7
 * days gets the 7-day alert only.
 */
export async function batchExpiryAlerts(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  const managers = await usersWithRole(records, 'inventory.manager');
  let alerts = 0;
  let people = 0;
  for (const [days, stamp, other] of [[7, 'alerted_7_at', 'alerted_30_at'], [30, 'alerted_30_at', null]] as const) {
    const expiring = await all(records, 'inventory.batch', { filters: [{ field: 'expiry', op: 'gte', value: today }, { field: 'expiry', op: 'lte', value: addDays(today, days) }] });
    for (const batch of expiring) {
      if (batch[stamp]) continue;
      const item = await records.get('inventory.item', String(batch.item));
      const keepers = new Set<string>();
      for (const warehouse of await warehousesOf(records, String(batch.id))) {
        for (const a of await all(records, 'inventory.warehouse_assignment', { filters: [{ field: 'warehouse', op: 'eq', value: warehouse }] })) keepers.add(String(a.user));
      }
      const title = `Batch ${String(batch.number)} of ${String(item.sku)} expires on ${String(batch.expiry)} (within ${days} days)`;
      for (const user of new Set([...keepers, ...managers])) {
        await notify(records, { user, title, body: `${String(item.name)}: issue or move it before ${String(batch.expiry)}.`, about: { entity: 'inventory.batch', id: String(batch.id) } });
        people++;
      }
      // Inside 7 days the 30-day alert is not sent any more: the one alert says it all.
      await records.update('inventory.batch', String(batch.id), { [stamp]: now.toISOString(), ...(other && !batch[other] ? { [other]: now.toISOString() } : {}) });
      alerts++;
    }
  }
  return `${alerts} batch expiry alert${alerts === 1 ? '' : 's'} to ${people} recipient${people === 1 ? '' : 's'}`;
}
