/**
 * What one stock posting costs the database, pinned: the statements of
 * creating an issue entry, its line and submitting it through the workflow
 * (the bench's posting, `npm run bench -- --only=contention`), and how many
 * of the submit's statements run while the hot balance row is locked. Under
 * contention every other posting of the item waits for those; the profile
 * showed the driver's sending dominating a posting's CPU. A change that adds
 * a round trip (or takes the balance lock earlier) fails here and must say
 * why in the new number.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { statementsSent } from './support/sent-statements.js';

let runtime: TestRuntime;
let org: Fixture;
let warehouse: string;
const items = new Map<string, string>();

const today = (): string => localDate(new Date(), serverTimeZone());
async function post(svc: RecordService, purpose: 'RECEIPT' | 'ISSUE', item: string, quantity: number, rate?: number): Promise<void> {
  const [from, to] = purpose === 'ISSUE' ? [warehouse, null] : [null, warehouse];
  const entry = await svc.create('inventory.stock_entry', { purpose, posting_date: today(), from_warehouse: from, to_warehouse: to });
  await svc.create('inventory.stock_entry_line', { entry: entry.id, item, quantity, rate: rate ?? null });
  await (await WorkflowEngine.for(svc)).run('inventory.stock_entry', String(entry.id), 'submit');
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'inventory', ['manager']);
  const manager = await org.as('manager');
  warehouse = String((await manager.create('inventory.warehouse', { name: 'Main store' })).id);
  for (const method of ['MOVING_AVERAGE', 'FIFO']) {
    const id = String((await manager.create('inventory.item', { sku: `HOT-${items.size}`, name: `Hot ${method}`, valuation_method: method })).id);
    items.set(method, id);
    await post(manager, 'RECEIPT', id, 1000, 2.5);
    await post(manager, 'ISSUE', id, 1); // warm: the balance exists, as for every hot item
  }
}, 60_000);
afterAll(async () => runtime?.dispose());

/** The statements of one issue of 1 unit, split by transaction (START … COMMIT). */
async function oneIssue(method: string): Promise<string[][]> {
  const manager = await org.as('manager');
  const sent = await statementsSent(() => true, () => post(manager, 'ISSUE', items.get(method)!, 1));
  const transactions: string[][] = [];
  for (const { sql } of sent) {
    if (/^START TRANSACTION/.test(sql)) transactions.push([]);
    transactions[transactions.length - 1]?.push(sql.replace(/\s+/g, ' '));
  }
  return transactions;
}

describe('one stock posting (issue of one line, through the workflow)', () => {
  it.each(['MOVING_AVERAGE', 'FIFO'])('sends 47 statements in three transactions and holds the %s balance lock for the last 7', async (method) => {
    const [entry, line, submit, ...more] = await oneIssue(method);
    expect(more).toEqual([]);
    // Create the entry: BEGIN, organization status, number, warehouse reference, INSERT … RETURNING, entity limit, audit, COMMIT.
    expect(entry).toHaveLength(8);
    // Create the line: BEGIN, status, parent's state (posted documents are read-only), the item (does it need serial
    // numbers? one per unit), both references in one, INSERT, limit, the line's batch guards (tracked item → a batch
    // of that item, untracked → none: three guards, one statement, no lock), audit, COMMIT.
    expect(line).toHaveLength(10);
    // The submit reads, before the balance is locked: the entry's lines once more (serial numbers to move), and for
    // submit's `when` (an adjustment from the organization's threshold needs an approval) its settings and the check.
    expect(submit).toHaveLength(29);
    // The balance is locked once, late: then only its UPDATE, the ledger row, its limit and audit, the requests check and COMMIT.
    const locks = submit.filter((s) => /FROM "inventory_stock_balance" .*FOR UPDATE/.test(s));
    expect(locks).toHaveLength(1);
    const held = submit.slice(submit.indexOf(locks[0]));
    expect(held).toHaveLength(7);
    expect(held[held.length - 1]).toBe('COMMIT');
    // What the invariants need is all still there: the conditional balance write, the ledger row, history and audit rows.
    expect(submit.filter((s) => s.startsWith('UPDATE "inventory_stock_balance"'))).toHaveLength(1);
    expect(submit.filter((s) => s.startsWith('INSERT INTO "inventory_stock_ledger_entry"'))).toHaveLength(1);
    expect(submit.filter((s) => s.startsWith('INSERT INTO "core_workflow_event"'))).toHaveLength(1);
    expect(submit.filter((s) => s.startsWith('INSERT INTO core_audit_log'))).toHaveLength(4);
  });

  it('a transfer still locks both balances in key order before moving either', async () => {
    const manager = await org.as('manager');
    const annex = String((await manager.create('inventory.warehouse', { name: 'Annex' })).id);
    const item = items.get('MOVING_AVERAGE')!;
    const entry = await manager.create('inventory.stock_entry', { purpose: 'TRANSFER', posting_date: today(), from_warehouse: warehouse, to_warehouse: annex });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item, quantity: 2 });
    const sent = await statementsSent((sql) => /inventory_stock_balance/.test(sql), () => WorkflowEngine.for(manager).then((e) => e.run('inventory.stock_entry', String(entry.id), 'submit')).then(() => undefined));
    const kinds = sent.map((s) => (/FOR UPDATE/.test(s.sql) ? `lock ${String(s.params[2])}` : s.sql.trimStart().split(' ')[0]));
    const [first, second] = [warehouse, annex].sort();
    // Both locked (the new one created at zero first) before the first UPDATE; each movement re-locks its own row (already ours) before writing it.
    expect(kinds.slice(0, kinds.indexOf('UPDATE'))).toEqual(expect.arrayContaining([`lock ${first}`, `lock ${second}`]));
    // A balance that does not exist yet is looked for, inserted at zero and locked again: its lock shows twice in a row.
    const lockOrder = [...new Set(kinds.filter((k) => k.startsWith('lock')))];
    expect(lockOrder).toEqual([`lock ${first}`, `lock ${second}`]);
    expect(kinds.filter((k) => k === 'UPDATE')).toHaveLength(2);
  });
});
