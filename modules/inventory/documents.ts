/**
 * Inventory's four PDFs, each read as the printing user (what they may not
 * read stays off the paper): a purchase order with its lines, the goods
 * receipt of a submitted receipt entry, the transfer note of a submitted
 * transfer, and one warehouse's stock valuation (items, quantity, valuation
 * rate, value, totals). Who may print is granted in the manifest beside the
 * read rules (a storekeeper: the entries and valuation of their warehouses).
 */
import { documentAction, type RecordData, type Records, type StockEntryDocumentData, type StockLine, type StockValuationData } from '../../core/sdk.js';

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

async function all(records: Records, key: string, field: string, value: unknown): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters: [{ field, op: 'eq', value }], sort: { field: 'created_at', direction: 'asc' } })) out.push(...page);
  return out;
}

async function byId(records: Records, key: string, ids: unknown[]): Promise<Map<string, RecordData>> {
  const wanted = [...new Set(ids.filter((i) => i !== null && i !== undefined).map(String))];
  return new Map((wanted.length ? await records.getMany(key, wanted) : []).map((r) => [r.id, r]));
}

async function nameOf(records: Records, key: string, id: unknown): Promise<string | undefined> {
  if (!id) return undefined;
  const [row] = await records.getMany(key, [String(id)]);
  return text(row?.name ?? row?.number);
}

async function linesOf(records: Records, key: string, parentField: string, parentId: string): Promise<StockLine[]> {
  const lines = await all(records, key, parentField, parentId);
  const items = await byId(records, 'inventory.item', lines.map((l) => l.item));
  const batches = lines.some((l) => l.batch) ? await byId(records, 'inventory.batch', lines.map((l) => l.batch)) : new Map<string, RecordData>();
  return lines.map((l) => {
    const item = items.get(String(l.item));
    return {
      sku: String(item?.sku ?? ''),
      item: String(item?.name ?? ''),
      unit: text(item?.unit),
      quantity: Number(l.quantity),
      rate: l.rate === null || l.rate === undefined ? undefined : Number(l.rate),
      batch: text(batches.get(String(l.batch))?.number),
    };
  });
}

async function entryData(records: Records, entry: RecordData): Promise<StockEntryDocumentData> {
  return {
    entry: text(entry.number) ?? entry.id,
    date: String(entry.posting_date),
    status: String(entry.status),
    from: await nameOf(records, 'inventory.warehouse', entry.from_warehouse),
    to: await nameOf(records, 'inventory.warehouse', entry.to_warehouse),
    purchaseOrder: await nameOf(records, 'inventory.purchase_order', entry.purchase_order),
    remarks: text(entry.remarks),
    lines: await linesOf(records, 'inventory.stock_entry_line', 'entry', entry.id),
  };
}

export const purchaseOrderDocument = documentAction({
  name: 'print_purchase_order',
  entity: 'purchase_order',
  label: 'Print purchase order',
  translations: { bn: { label: 'ক্রয় আদেশ প্রিন্ট করুন' } },
  kind: 'purchase_order',
  async build(ctx, order) {
    const [supplier] = await ctx.records.getMany('inventory.supplier', [String(order.supplier)]);
    const [buyer] = order.buyer ? await ctx.records.getMany('core.user', [String(order.buyer)]) : [];
    return {
      order: text(order.number) ?? order.id,
      date: String(order.order_date),
      status: String(order.status),
      supplier: { name: String(supplier?.name ?? ''), email: text(supplier?.email), phone: text(supplier?.phone) },
      buyer: text(buyer?.name),
      lines: await linesOf(ctx.records, 'inventory.purchase_order_line', 'order', order.id),
    };
  },
});

export const goodsReceipt = documentAction({
  name: 'goods_receipt',
  entity: 'stock_entry',
  label: 'Goods receipt',
  translations: { bn: { label: 'পণ্য গ্রহণ রসিদ' } },
  kind: 'goods_receipt',
  isAvailable: (entry) => entry.purpose === 'RECEIPT' && entry.status === 'SUBMITTED',
  build: (ctx, entry) => entryData(ctx.records, entry),
});

export const transferNote = documentAction({
  name: 'transfer_note',
  entity: 'stock_entry',
  label: 'Transfer note',
  translations: { bn: { label: 'স্থানান্তর নোট' } },
  kind: 'transfer_note',
  isAvailable: (entry) => entry.purpose === 'TRANSFER' && entry.status === 'SUBMITTED',
  build: (ctx, entry) => entryData(ctx.records, entry),
});

export const stockValuation = documentAction({
  name: 'stock_valuation',
  entity: 'warehouse',
  label: 'Stock valuation report',
  translations: { bn: { label: 'মজুদ মূল্যায়ন প্রতিবেদন' } },
  kind: 'stock_valuation',
  async build(ctx, warehouse): Promise<StockValuationData> {
    const balances = (await all(ctx.records, 'inventory.stock_balance', 'warehouse', warehouse.id)).filter((b) => Number(b.quantity) !== 0);
    const items = await byId(ctx.records, 'inventory.item', balances.map((b) => b.item));
    const lines = balances
      .map((b) => {
        const item = items.get(String(b.item));
        return { sku: String(item?.sku ?? ''), item: String(item?.name ?? ''), unit: text(item?.unit), quantity: Number(b.quantity), valuationRate: Number(b.valuation_rate ?? 0), value: Number(b.stock_value ?? 0) };
      })
      .sort((a, b) => a.sku.localeCompare(b.sku));
    return { warehouse: String(warehouse.name), asOf: new Date().toISOString().slice(0, 10), lines };
  },
});

export const inventoryDocuments = [purchaseOrderDocument, goodsReceipt, transferNote, stockValuation];
