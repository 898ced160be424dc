/**
 * The inventory dashboard's "Items below reorder level": a count of reorder rules whose stock
 * balance of the same item × warehouse (a `$related` join on key fields, no reference between
 * them) has a projected quantity below the rule's `level` (a `{ "$field": "level" }` operand), or
 * that have no balance at all while their level is above 0 — what the daily reorder check orders.
 * Counted over HTTP as each viewer: another organization's rows never count, a storekeeper counts
 * the rules of their own warehouses, and the card's list link lists exactly the rules it counted.
 * The two primitives are refused with a file#pointer where they cannot be decided (a permission rule).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry, localDate, serverTimeZone } from '../core/manifest/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

interface Card {
  id: string;
  label: string;
  count?: number;
  href?: string;
}

let runtime: TestRuntime;
let server: TestServer;
let a: Fixture;
let b: Fixture;
const belowInA: string[] = [];
const belowInMain: string[] = [];

const today = (): string => localDate(new Date(), serverTimeZone());

/** One world: warehouses, items, receipts, reservations and rules; returns the rules below level (by warehouse). */
async function world(manager: RecordService, prefix: string): Promise<{ main: string; annex: string; below: { main: string[]; annex: string[] } }> {
  const main = String((await manager.create('inventory.warehouse', { name: `${prefix} Main store` })).id);
  const annex = String((await manager.create('inventory.warehouse', { name: `${prefix} Annex` })).id);
  const item: Record<string, string> = {};
  for (const n of [1, 2, 3, 4, 5, 6]) item[n] = String((await manager.create('inventory.item', { sku: `${prefix}-I${n}`, name: `Item ${n}` })).id);
  const engine = await WorkflowEngine.for(manager);
  const receive = async (warehouse: string, lines: [string, number][]) => {
    const entry = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: today(), to_warehouse: warehouse });
    for (const [it, quantity] of lines) await manager.create('inventory.stock_entry_line', { entry: entry.id, item: it, quantity });
    await engine.run('inventory.stock_entry', String(entry.id), 'submit');
  };
  await receive(main, [[item[1], 10], [item[2], 5], [item[3], 2], [item[6], 8]]);
  await receive(annex, [[item[1], 1]]);
  // Item 6 has 8 in Main, 4 of them reserved: projected 4, below a level of 5 although the actual 8 is not.
  await manager.create('inventory.stock_reservation', { item: item[6], warehouse: main, quantity_change: 4 });
  const rule = async (it: string, warehouse: string, level: number) => String((await manager.create('inventory.reorder_rule', { item: it, warehouse, level, quantity: 10 })).id);
  await rule(item[1], main, 5); // 10: above
  await rule(item[2], main, 5); // 5: at the level, not below
  const m3 = await rule(item[3], main, 5); // 2: below
  const m4 = await rule(item[4], main, 3); // no balance: below
  await rule(item[5], main, 0); // no balance, level 0: nothing to order
  const m6 = await rule(item[6], main, 5); // projected 4: below
  const a1 = await rule(item[1], annex, 4); // 1: below
  const a2 = await rule(item[2], annex, 2); // no balance: below
  return { main, annex, below: { main: [m3, m4, m6], annex: [a1, a2] } };
}

async function dashboard(fixture: Fixture, role: string): Promise<{ cards: Card[]; get: (path: string) => Promise<{ status: number; body: Record<string, unknown> & { records?: { id: string }[] } }> }> {
  const client = await server.login(fixture.users.get(role)!.email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  return { cards: res.body.cards as Card[], get: (p) => client.get(p) };
}
const belowCard = (cards: Card[]): Card | undefined => cards.find((c) => c.label === 'Items below reorder level');

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 10 });
  a = await createFixtureOrg(runtime, 'inventory', ['manager', 'storekeeper', 'auditor']);
  b = await createFixtureOrg(runtime, 'inventory', ['manager']);
  const manager = await a.as('manager');
  const { main, below } = await world(manager, 'A');
  belowInA.push(...below.main, ...below.annex);
  belowInMain.push(...below.main);
  await manager.create('inventory.warehouse_assignment', { warehouse: main, user: a.users.get('storekeeper')!.id });
  // The other organization: the same shapes, so a missing tenant wall would double the counts.
  await world(await b.as('manager'), 'B');
  server = await startTestServer(runtime);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('items below reorder level', () => {
  it('counts the rules whose projected quantity is below their level, or that have no stock at all', async () => {
    const { cards } = await dashboard(a, 'manager');
    expect(belowCard(cards)?.count).toBe(5);
    const { cards: auditor } = await dashboard(a, 'auditor');
    expect(belowCard(auditor)?.count).toBe(5);
    // The other organization's manager counts their own five, never these.
    const { cards: other } = await dashboard(b, 'manager');
    expect(belowCard(other)?.count).toBe(5);
  }, 60_000);

  it('a storekeeper counts the rules of the warehouses they are assigned to', async () => {
    const { cards } = await dashboard(a, 'storekeeper');
    expect(belowCard(cards)?.count).toBe(3);
  }, 60_000);

  it('the card opens the list of exactly the rules it counted', async () => {
    for (const [role, expected] of [['manager', belowInA], ['storekeeper', belowInMain]] as const) {
      const { cards, get } = await dashboard(a, role);
      const card = belowCard(cards)!;
      expect(card.href).toBe(`/admin/resources/InventoryReorderRule?filters._card=${card.id}`);
      const list = await get(`${card.href!.replace('/admin/resources/', '/admin/api/resources/').replace('?', '/actions/list?')}&perPage=100`);
      expect(list.status).toBe(200);
      expect((list.body.records ?? []).map((r) => r.id).sort()).toEqual([...expected].sort());
    }
  }, 60_000);

  it('counts again when the stock moves: a receipt lifts a rule above its level', async () => {
    const manager = await a.as('manager');
    const [rule] = await manager.find('inventory.reorder_rule', { filters: [{ field: 'id', op: 'eq', value: belowInMain[0] }] });
    const entry = await manager.create('inventory.stock_entry', { purpose: 'RECEIPT', posting_date: today(), to_warehouse: rule.warehouse });
    await manager.create('inventory.stock_entry_line', { entry: entry.id, item: rule.item, quantity: 3 });
    await (await WorkflowEngine.for(manager)).run('inventory.stock_entry', String(entry.id), 'submit');
    // 2 + 3 = 5: at the level now.
    expect(belowCard((await dashboard(a, 'manager')).cards)?.count).toBe(4);
    expect(belowCard((await dashboard(a, 'storekeeper')).cards)?.count).toBe(2);
  }, 60_000);
});

describe('$related and $field in the manifest', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const shop = (extra: { dashboard?: unknown[]; permissions?: Record<string, unknown[]> }) => ({
    id: 'shop',
    version: '1.0.0',
    label: 'Shop',
    entities: [
      { name: 'item', fields: [{ name: 'title', type: 'string', required: true }] },
      { name: 'rule', fields: [{ name: 'item', type: 'reference', target: 'item' }, { name: 'level', type: 'decimal' }, { name: 'note', type: 'string' }] },
      { name: 'stock', fields: [{ name: 'item', type: 'reference', target: 'item' }, { name: 'quantity', type: 'decimal' }, { name: 'on', type: 'date' }] },
    ],
    roles: [{ name: 'clerk' }],
    permissions: extra.permissions ?? { clerk: [{ action: 'read', subject: 'rule' }] },
    dashboard: extra.dashboard ?? [],
  });
  const load = (manifest: unknown): string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'ums-related-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'shop.json'), JSON.stringify(manifest));
    try {
      loadRegistry({ dir });
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestError);
      return (err as ManifestError).problems.map((p: ManifestProblem) => `${p.file.endsWith('shop.json') ? 'shop.json' : p.file}#${p.pointer}: ${p.message}`);
    }
  };
  const related = (on: Record<string, string>, where?: unknown) => ({ $related: { entity: 'stock', on, ...(where ? { where } : {}) } });

  it('a card may join on key fields and compare with a field of the counted record', () => {
    expect(load(shop({ dashboard: [{ type: 'count', label: 'Low', entity: 'rule', conditions: related({ item: 'item' }, { quantity: { $lt: { $field: 'level' } } }) }] }))).toEqual([]);
  });

  it('names each wrong join, field and comparison with its pointer', () => {
    expect(
      load(
        shop({
          dashboard: [
            { type: 'count', label: 'a', entity: 'rule', conditions: { $related: { entity: 'nothing', on: { item: 'item' } } } },
            { type: 'count', label: 'b', entity: 'rule', conditions: related({ item: 'note' }) },
            { type: 'count', label: 'c', entity: 'rule', conditions: related({ item: 'item' }, { quantity: { $lt: { $field: 'levels' } } }) },
            { type: 'count', label: 'd', entity: 'rule', conditions: related({ item: 'item' }, { on: { $gt: { $field: 'level' } } }) },
            { type: 'count', label: 'e', entity: 'rule', conditions: { $related: { entity: 'stock', on: {}, join: true } } },
            { type: 'count', label: 'f', entity: 'rule', conditions: { level: { $in: { $field: 'level' } } } },
          ],
        }),
      ),
    ).toEqual([
      'shop.json#/dashboard/0/conditions/$related/entity: unknown entity "nothing"',
      'shop.json#/dashboard/1/conditions/$related/on/item: shop.stock.item (reference) and shop.rule.note (string) do not hold the same kind of value',
      'shop.json#/dashboard/2/conditions/$related/where/quantity/$lt: unknown field "levels" on shop.rule (a { "$field": … } names a field of the record the condition is about)',
      'shop.json#/dashboard/3/conditions/$related/where/on/$gt: "on" (date) cannot be compared with shop.rule.level (decimal)',
      'shop.json#/dashboard/4/conditions/$related/join: unknown key "join" in $related (allowed: entity, on, where)',
      'shop.json#/dashboard/4/conditions/$related/on: $related needs "on": at least one pair { "<field of the joined entity>": "<field of this record>" }',
      'shop.json#/dashboard/5/conditions/level/$in: $in takes a list of values, not { "$field": … } (use $eq, $ne, $gt, $gte, $lt, $lte)',
    ]);
  });

  it('a permission rule may not use them: it is also decided on one record in memory', () => {
    expect(load(shop({ permissions: { clerk: [{ action: 'read', subject: 'rule', conditions: related({ item: 'item' }, { quantity: { $lt: { $field: 'level' } } }) }] } }))).toEqual([
      'shop.json#/permissions/clerk/0/conditions/$related: $related is allowed in dashboard card conditions only (a rule, a workflow condition or a check is also decided on one record in memory, without the joined records)',
    ]);
  });
});
