/**
 * Inventory's PDFs: a purchase order, the goods receipt of a receipt, the
 * transfer note of a transfer and a warehouse's stock valuation report
 * print their lines, values and totals (a Bengali item name prints and
 * reads back), and printing follows the read rules: a storekeeper prints
 * only the entries and the valuation of the warehouses they are assigned to.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { printDocumentFor } from '../core/documents/index.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let manager: RecordService;
let main: string;
let annex: string;
let rice: string;
let bolts: string;
let receiptId: string;
let transferId: string;
let annexReceipt: string;
let order: string;
const BENGALI = 'মসুর ডাল';
const squash = (s: string): string => s.replace(/\s+/g, '');
const actor = (role: string) => org.users.get(role)!.actor;
const today = (): string => localDate(new Date(), serverTimeZone());

async function entry(purpose: string, from: string | null, to: string | null, lines: [string, number, number?][]): Promise<string> {
  const id = String((await manager.create('inventory.stock_entry', { purpose, posting_date: today(), from_warehouse: from, to_warehouse: to, remarks: `${purpose} for the test` })).id);
  for (const [item, quantity, rate] of lines) await manager.create('inventory.stock_entry_line', { entry: id, item, quantity, rate });
  await (await WorkflowEngine.for(manager)).run('inventory.stock_entry', id, 'submit');
  return id;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  org = await createFixtureOrg(runtime, 'inventory', ['storekeeper', 'purchaser', 'manager', 'auditor']);
  manager = await org.as('manager');
  main = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
  annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
  await manager.create('inventory.warehouse_assignment', { warehouse: main, user: org.users.get('storekeeper')!.id });
  rice = String((await manager.create('inventory.item', { sku: 'SKU-0001', name: BENGALI, unit: 'kg' })).id);
  bolts = String((await manager.create('inventory.item', { sku: 'SKU-0002', name: 'Hex bolt M8', unit: 'box' })).id);
  receiptId = await entry('RECEIPT', null, main, [[rice, 10, 12.5], [bolts, 4, 100]]);
  transferId = await entry('TRANSFER', main, annex, [[rice, 3]]);
  annexReceipt = await entry('RECEIPT', null, annex, [[bolts, 2, 90]]);
  const supplier = String((await manager.create('inventory.supplier', { name: 'Acme Supplies', email: 'orders@acme.test' })).id);
  const purchaser = await org.as('purchaser');
  order = String((await purchaser.create('inventory.purchase_order', { supplier, buyer: org.users.get('purchaser')!.id, order_date: today() })).id);
  await purchaser.create('inventory.purchase_order_line', { order, item: rice, quantity: 50, rate: 12.5 });
  await purchaser.create('inventory.purchase_order_line', { order, item: bolts, quantity: 4.5, rate: 100 });
}, 120_000);
afterAll(async () => {
  await runtime?.dispose();
});

describe('inventory documents', () => {
  it('the purchase order prints the supplier, each line with its amount and the total', async () => {
    const { number } = await manager.get('inventory.purchase_order', order);
    const text = await pdfText((await printDocumentFor(runtime, actor('purchaser'), 'inventory.purchase_order', order, 'print_purchase_order')).content);
    for (const part of ['Purchase order', String(number), 'Acme Supplies', 'orders@acme.test', 'SKU-0001', 'SKU-0002 Hex bolt M8', '625.00', '450.00', '1,075.00', 'DRAFT']) expect(text).toContain(part);
    expect(squash(text)).toContain(squash(BENGALI));
  });

  it('the goods receipt prints the receiving warehouse, the lines and the value received', async () => {
    const { number } = await manager.get('inventory.stock_entry', receiptId);
    const text = await pdfText((await printDocumentFor(runtime, actor('storekeeper'), 'inventory.stock_entry', receiptId, 'goods_receipt')).content);
    for (const part of ['Goods receipt', String(number), 'Main store', 'Hex bolt M8', '125.00', '400.00', '525.00', 'RECEIPT for the test']) expect(text).toContain(part);
    expect(squash(text)).toContain(squash(BENGALI));
  });

  it('the transfer note prints both warehouses and the quantities moved', async () => {
    const text = await pdfText((await printDocumentFor(runtime, actor('storekeeper'), 'inventory.stock_entry', transferId, 'transfer_note')).content);
    for (const part of ['Transfer note', 'Main store', 'Annex', 'SKU-0001', 'Total quantity']) expect(text).toContain(part);
    expect(text).toMatch(/Total quantity\s+3\b/);
  });

  it('a receipt has no transfer note and a transfer no goods receipt', async () => {
    expect((await errorOf(printDocumentFor(runtime, actor('manager'), 'inventory.stock_entry', receiptId, 'transfer_note'))).code).toMatch(/CONFLICT|NOT_FOUND|FORBIDDEN|VALIDATION/);
    expect((await errorOf(printDocumentFor(runtime, actor('manager'), 'inventory.stock_entry', transferId, 'goods_receipt'))).code).toMatch(/CONFLICT|NOT_FOUND|FORBIDDEN|VALIDATION/);
  });

  it('the stock valuation report lists the warehouse\'s items with quantity, rate and value, and the totals', async () => {
    const text = await pdfText((await printDocumentFor(runtime, actor('storekeeper'), 'inventory.warehouse', main, 'stock_valuation')).content);
    // Main store after the transfer: 7 kg at 12.50 (87.50) and 4 boxes at 100.00 (400.00).
    for (const part of ['Stock valuation report', 'Main store', 'SKU-0001', 'SKU-0002 Hex bolt M8', '12.50', '87.50', '400.00', 'Total value', '487.50']) expect(text).toContain(part);
    expect(text).toMatch(/Total quantity\s+11\b/);
    expect(squash(text)).toContain(squash(BENGALI));
    const annexText = await pdfText((await printDocumentFor(runtime, actor('auditor'), 'inventory.warehouse', annex, 'stock_valuation')).content);
    // Annex: 3 kg transferred at 12.50 (37.50) and 2 boxes at 90.00 (180.00).
    for (const part of ['Annex', '37.50', '180.00', '217.50']) expect(annexText).toContain(part);
  });

  it('a storekeeper prints only for the warehouses they are assigned to', async () => {
    expect((await errorOf(printDocumentFor(runtime, actor('storekeeper'), 'inventory.stock_entry', annexReceipt, 'goods_receipt'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('storekeeper'), 'inventory.warehouse', annex, 'stock_valuation'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    await expect(printDocumentFor(runtime, actor('auditor'), 'inventory.stock_entry', annexReceipt, 'goods_receipt')).resolves.toBeDefined();
    await expect(printDocumentFor(runtime, actor('storekeeper'), 'inventory.purchase_order', order, 'print_purchase_order')).resolves.toBeDefined();
  });
});
