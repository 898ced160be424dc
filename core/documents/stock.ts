/**
 * Inventory's documents: the data each needs and its layout, kept apart from
 * kinds.ts and pdf.ts (which register them) like the clinical ones. A
 * purchase order and a stock entry print their lines with quantity, rate
 * and amount; the valuation report prints one warehouse's balances with
 * their value and the totals.
 */
import type { DrawingHelpers } from './clinical.js';

type Doc = PDFKit.PDFDocument;

export interface StockLine {
  sku: string;
  item: string;
  unit?: string;
  quantity: number;
  rate?: number;
  batch?: string;
}

export interface PurchaseOrderData {
  order: string;
  date: string;
  status: string;
  supplier: { name: string; email?: string; phone?: string };
  buyer?: string;
  lines: StockLine[];
  currency?: string;
}

/** A submitted stock entry: a receipt into a warehouse, or a transfer between two. */
export interface StockEntryDocumentData {
  entry: string;
  date: string;
  status: string;
  from?: string;
  to?: string;
  purchaseOrder?: string;
  remarks?: string;
  lines: StockLine[];
  currency?: string;
}

export interface StockValuationData {
  warehouse: string;
  /** The day the balances are read (they are the balances as they stand). */
  asOf: string;
  lines: { sku: string; item: string; unit?: string; quantity: number; valuationRate: number; value: number }[];
  currency?: string;
}

export interface StockDataMap {
  purchase_order: PurchaseOrderData;
  goods_receipt: StockEntryDocumentData;
  transfer_note: StockEntryDocumentData;
  stock_valuation: StockValuationData;
}

export const STOCK_KINDS: Record<keyof StockDataMap, { title: string; prefix: string }> = {
  purchase_order: { title: 'Purchase order', prefix: 'PO' },
  goods_receipt: { title: 'Goods receipt', prefix: 'GR' },
  transfer_note: { title: 'Transfer note', prefix: 'TN' },
  stock_valuation: { title: 'Stock valuation report', prefix: 'SV' },
};

const round2 = (n: number): number => Math.round(n * 100) / 100;
const qty = (n: number): string => String(round2(Number(n) || 0));
const itemCell = (l: { sku: string; item: string; batch?: string }): string => `${l.sku} ${l.item}${l.batch ? ` (batch ${l.batch})` : ''}`;

function pricedLines(doc: Doc, h: DrawingHelpers, lines: StockLine[], currency?: string): void {
  h.table(
    doc,
    [{ header: 'Item', share: 0.46 }, { header: 'Unit', share: 0.1 }, { header: 'Quantity', share: 0.14, align: 'right' }, { header: 'Rate', share: 0.14, align: 'right' }, { header: 'Amount', share: 0.16, align: 'right' }],
    lines.map((l) => [itemCell(l), l.unit ?? '', qty(l.quantity), l.rate === undefined ? '' : h.formatAmount(l.rate, currency), l.rate === undefined ? '' : h.formatAmount(round2(l.quantity * l.rate), currency)]),
  );
  h.total(doc, 'Total quantity', qty(lines.reduce((s, l) => s + (Number(l.quantity) || 0), 0)));
  if (lines.some((l) => l.rate !== undefined)) h.total(doc, 'Total', h.formatAmount(round2(lines.reduce((s, l) => s + (Number(l.quantity) || 0) * (Number(l.rate) || 0), 0)), currency));
}

export function stockLayouts(h: DrawingHelpers): { [K in keyof StockDataMap]: (doc: Doc, data: StockDataMap[K]) => void } {
  return {
    purchase_order(doc, d) {
      h.details(doc, [['Order', d.order], ['Date', h.formatDate(d.date)], ['Status', d.status], ['Supplier', d.supplier.name], ['E-mail', d.supplier.email], ['Phone', d.supplier.phone], ['Buyer', d.buyer]]);
      pricedLines(doc, h, d.lines, d.currency);
    },
    goods_receipt(doc, d) {
      h.details(doc, [['Entry', d.entry], ['Posting date', h.formatDate(d.date)], ['Status', d.status], ['Received into', d.to], ['Purchase order', d.purchaseOrder]]);
      pricedLines(doc, h, d.lines, d.currency);
      h.note(doc, d.remarks);
      h.note(doc, 'Received by: ______________________');
    },
    transfer_note(doc, d) {
      h.details(doc, [['Entry', d.entry], ['Posting date', h.formatDate(d.date)], ['Status', d.status], ['From', d.from], ['To', d.to]]);
      h.table(doc, [{ header: 'Item', share: 0.6 }, { header: 'Unit', share: 0.15 }, { header: 'Quantity', share: 0.25, align: 'right' }], d.lines.map((l) => [itemCell(l), l.unit ?? '', qty(l.quantity)]));
      h.total(doc, 'Total quantity', qty(d.lines.reduce((s, l) => s + (Number(l.quantity) || 0), 0)));
      h.note(doc, d.remarks);
      h.note(doc, 'Dispatched by: ____________________    Received by: ____________________');
    },
    stock_valuation(doc, d) {
      h.details(doc, [['Warehouse', d.warehouse], ['As of', h.formatDate(d.asOf)], ['Items', d.lines.length]]);
      h.table(
        doc,
        [{ header: 'Item', share: 0.4 }, { header: 'Unit', share: 0.1 }, { header: 'Quantity', share: 0.15, align: 'right' }, { header: 'Valuation rate', share: 0.17, align: 'right' }, { header: 'Value', share: 0.18, align: 'right' }],
        d.lines.map((l) => [itemCell(l), l.unit ?? '', qty(l.quantity), h.formatAmount(l.valuationRate, d.currency), h.formatAmount(l.value, d.currency)]),
      );
      h.total(doc, 'Total quantity', qty(d.lines.reduce((s, l) => s + (Number(l.quantity) || 0), 0)));
      h.total(doc, 'Total value', h.formatAmount(round2(d.lines.reduce((s, l) => s + (Number(l.value) || 0), 0)), d.currency));
    },
  };
}
