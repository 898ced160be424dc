/**
 * Demo data, deterministic per organization: a warehouse tree (Main store
 * with its cold room, and an annex), items (some batch-tracked, some
 * serialised), suppliers, reorder rules (some items below their level),
 * purchase orders in every state and stock entries over the last 90 days,
 * submitted through the workflow so the ledger and balances come from real
 * postings. Everything is made as the demo manager, as a person would.
 */
import { workflows, type Records, type SeedContext } from '../../core/sdk.js';

const NOUNS = ['Bolt', 'Nut', 'Washer', 'Bearing', 'Gasket', 'Valve', 'Hose', 'Filter', 'Cable', 'Fuse', 'Relay', 'Sensor', 'Bracket', 'Hinge', 'Spring', 'Seal', 'Pump', 'Glove', 'Mask', 'Tape'];
const KINDS = ['steel', 'brass', 'nylon', 'rubber', 'copper', 'heavy duty', 'compact', 'industrial', 'mini', 'large'];
const UNITS = ['pcs', 'pcs', 'pcs', 'box', 'kg', 'm', 'l'];
const COMPANIES = ['Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Cyberdyne'];

/** Small deterministic generator, so every demo reset shows the same stock. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export async function seedInventory(ctx: SeedContext): Promise<void> {
  const demo = ctx.size === 'demo';
  const r = rng(ctx.organization.slug.length * 104_729);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const managerUser = ctx.usersByRole.get('inventory.manager');
  const records: Records = managerUser ? await ctx.as(managerUser) : ctx.records;
  const engine = await workflows(records);

  const main = await records.create('inventory.warehouse', { name: 'Main store' });
  const cold = await records.create('inventory.warehouse', { name: 'Cold room', parent: main.id });
  const annex = await records.create('inventory.warehouse', { name: 'Annex' });
  const warehouses = [main, cold, annex].map((w) => String(w.id));
  const keeper = ctx.usersByRole.get('inventory.storekeeper');
  if (keeper) {
    await records.create('inventory.warehouse_assignment', { warehouse: main.id, user: keeper.id });
    await records.create('inventory.warehouse_assignment', { warehouse: cold.id, user: keeper.id });
  }

  const suppliers: string[] = [];
  for (let i = 0; i < (demo ? 12 : 4); i++) {
    const name = `${COMPANIES[i]} Supplies`;
    suppliers.push(String((await records.create('inventory.supplier', { name, email: `orders@${COMPANIES[i].toLowerCase()}.example`, phone: `+1 555 01${String(i).padStart(2, '0')}` })).id));
  }

  const itemCount = demo ? 150 : 20;
  const items: { id: string; sku: string; batches: string[]; serial: boolean }[] = [];
  for (let i = 0; i < itemCount; i++) {
    const hasBatch = i < (demo ? 20 : 3);
    const hasSerial = !hasBatch && i < (demo ? 30 : 5);
    const item = await records.create('inventory.item', {
      sku: `SKU-${String(i + 1).padStart(4, '0')}`,
      name: `${NOUNS[i % NOUNS.length]}, ${KINDS[Math.floor(i / NOUNS.length) % KINDS.length]}`,
      unit: hasSerial ? 'pcs' : UNITS[i % UNITS.length],
      has_batch: hasBatch,
      has_serial: hasSerial,
      // A third of the items are valued FIFO, the rest at the moving average.
      valuation_method: i % 3 === 2 ? 'FIFO' : 'MOVING_AVERAGE',
    });
    const batches: string[] = [];
    if (hasBatch) {
      for (let b = 0; b < 2; b++) {
        // Some batches expire within the month, so the expiry card and alerts have something to show.
        const expiry = new Date(Date.now() + (b === 0 ? int(3, 40) : int(60, 400)) * 86_400_000).toISOString().slice(0, 10);
        batches.push(String((await records.create('inventory.batch', { number: `B${String(i + 1).padStart(3, '0')}-${b + 1}`, item: item.id, expiry })).id));
      }
    }
    items.push({ id: String(item.id), sku: String(item.sku), batches, serial: hasSerial });
  }

  // Stock entries over the last 90 days, oldest first; the seed keeps its own tally so no issue is refused.
  const stock = new Map<string, number>();
  const key = (item: string, wh: string): string => `${item}|${wh}`;
  const entryCount = demo ? 600 : 20;
  let made = 0;
  const perLines = demo ? 3 : 2;
  // Serialised items: the serials in stock per item and warehouse (received ones numbered <SKU>-S0001…), so each line names its units.
  const inStock = new Map<string, string[]>();
  const serialCount = new Map<string, number>();
  const serialsFor = (item: { id: string; sku: string; serial: boolean }, from: string | null, to: string | null, quantity: number): string | null => {
    if (!item.serial) return null;
    let units: string[];
    if (from) {
      const there = inStock.get(key(item.id, from)) ?? [];
      units = there.splice(0, quantity);
    } else {
      const n = serialCount.get(item.id) ?? 0;
      units = Array.from({ length: quantity }, (_v, i) => `${item.sku}-S${String(n + i + 1).padStart(4, '0')}`);
      serialCount.set(item.id, n + quantity);
    }
    if (to) inStock.set(key(item.id, to), [...(inStock.get(key(item.id, to)) ?? []), ...units]);
    return units.join(', ');
  };
  const submit = async (values: Record<string, unknown>, lines: { item: string; quantity: number; batch?: string; serials?: string | null }[]): Promise<void> => {
    const entry = await records.create('inventory.stock_entry', values);
    const units = lines.reduce((n, l) => n + l.quantity, 0);
    // Adjustments stay under the default approval threshold (1,000), so the seed submits them itself (the demo manager may not approve their own).
    const rateOf = (): number => {
      const rate = Math.round((2 + r() * 80) * 100) / 100;
      return values.purpose === 'ADJUSTMENT' ? Math.min(rate, Math.floor((999 / units) * 100) / 100) : rate;
    };
    await records.createMany('inventory.stock_entry_line', lines.map((line) => ({ entry: entry.id, item: line.item, quantity: line.quantity, batch: line.batch ?? null, serial_numbers: line.serials ?? null, rate: rateOf() })));
    await engine.run('inventory.stock_entry', String(entry.id), 'submit');
  };
  // Exactly entryCount submitted entries: a draw with nothing to move (an issue from an empty shelf) is drawn again.
  for (let e = 0; made < entryCount && e < entryCount * 4; e++) {
    const date = daysAgo(90 - Math.floor((made * 90) / entryCount));
    // The first entries receive every item; after that receipts, issues, transfers and a few adjustments mix.
    const opening = e * perLines < itemCount;
    const purpose = opening ? 'RECEIPT' : (['RECEIPT', 'ISSUE', 'ISSUE', 'TRANSFER', 'ADJUSTMENT'] as const)[int(0, 4)];
    const from = purpose === 'ISSUE' || purpose === 'TRANSFER' || (purpose === 'ADJUSTMENT' && r() < 0.5) ? warehouses[int(0, 2)] : null;
    const to = purpose === 'RECEIPT' || (purpose === 'ADJUSTMENT' && !from) ? warehouses[opening ? 0 : int(0, 2)] : purpose === 'TRANSFER' ? warehouses.find((w) => w !== from)! : null;
    const lines: { item: string; quantity: number; batch?: string; serials?: string | null }[] = [];
    const used = new Set<string>();
    for (let l = 0; l < perLines; l++) {
      const item = opening ? items[(e * perLines + l) % itemCount] : items[int(0, itemCount - 1)];
      if (used.has(item.id)) continue;
      used.add(item.id);
      // A batch-tracked item moves one of its batches, and an issue takes only what that batch has there.
      const batch = item.batches.length ? item.batches[int(0, item.batches.length - 1)] : undefined;
      const have = from ? (stock.get(key(batch ?? item.id, from)) ?? 0) : Infinity;
      // Items 1–15 (demo) stay low: small receipts, so they end below their reorder level.
      const low = items.indexOf(item) >= itemCount - (demo ? 15 : 2);
      const quantity = from ? Math.min(have, int(1, 10)) : opening && low ? int(1, 3) : low ? 0 : int(20, 120);
      if (quantity <= 0) continue;
      lines.push({ item: item.id, quantity, batch, serials: serialsFor(item, from, to, quantity) });
    }
    if (!lines.length) continue;
    for (const line of lines) {
      const kept = line.batch ?? line.item;
      if (from) stock.set(key(kept, from), (stock.get(key(kept, from)) ?? 0) - line.quantity);
      if (to) stock.set(key(kept, to), (stock.get(key(kept, to)) ?? 0) + line.quantity);
    }
    await submit({ purpose, posting_date: date, from_warehouse: from, to_warehouse: to, remarks: opening ? 'Opening stock' : null }, lines);
    made++;
  }
  // One draft the storekeeper can submit.
  await records.create('inventory.stock_entry', { purpose: 'ISSUE', posting_date: daysAgo(0), from_warehouse: main.id, remarks: 'Draft: add lines and submit' });

  // Reorder rules: the last items (kept low above) below their level, others comfortably above.
  const ruleCount = demo ? 40 : 5;
  for (let i = 0; i < ruleCount; i++) {
    const item = items[itemCount - 1 - i];
    const below = i < (demo ? 15 : 2);
    await records.create('inventory.reorder_rule', { item: item.id, warehouse: main.id, level: below ? 10 : 5, quantity: 50, supplier: suppliers[i % suppliers.length] });
  }

  // Purchase orders in every state.
  const orderCount = demo ? 40 : 8;
  const purchaserUser = ctx.usersByRole.get('inventory.purchaser');
  const purchaser = purchaserUser ? await ctx.as(purchaserUser) : records;
  const purchaserEngine = await workflows(purchaser);
  for (let o = 0; o < orderCount; o++) {
    // Orders are for the items that are not kept low, so approved ones (ordered stock, in the projected quantity) do not lift those above their level.
    // The total is the sum of the lines (a roll-up): every fifth order is large (a line of 100 at 50 to 250, so from
    // the 5,000 threshold), the others stay under it (at most 4 lines of 20 at 62).
    const large = o % 5 === 0;
    const lines = Array.from({ length: int(1, 4) }, () => ({ item: items[int(0, itemCount - 1 - (demo ? 15 : 2))].id, quantity: int(5, 20), rate: Math.round((2 + r() * 60) * 100) / 100 }));
    if (large) lines.push({ item: items[int(0, itemCount - 1 - (demo ? 15 : 2))].id, quantity: 100, rate: 50 + int(0, 200) });
    const order = await purchaser.create('inventory.purchase_order', { supplier: suppliers[o % suppliers.length], warehouse: main.id, order_date: daysAgo(int(0, 60)), buyer: purchaserUser?.id ?? managerUser?.id });
    await purchaser.createMany('inventory.purchase_order_line', lines.map((line) => ({ order: order.id, ...line })));
    const id = String(order.id);
    if (large) {
      // Large orders: a third wait for a manager, the others are approved (and some partly received).
      await purchaserEngine.run('inventory.purchase_order', id, 'request_approval');
      const big = (o / 5) % 3;
      if (big === 0) continue;
      await engine.run('inventory.purchase_order', id, 'approve');
      if (big === 1) await engine.run('inventory.purchase_order', id, 'receive_part');
      continue;
    }
    const state = o % 6;
    if (state === 0) continue; // draft
    await purchaserEngine.run('inventory.purchase_order', id, 'place');
    if (state === 2) await purchaserEngine.run('inventory.purchase_order', id, 'cancel');
    if (state === 4) await engine.run('inventory.purchase_order', id, 'receive_part');
    if (state === 5) await engine.run('inventory.purchase_order', id, 'receive');
  }
}
