/**
 * A purchase order's approval follows the organization's threshold
 * (`org:settings --set po_approval_threshold=<number>`, 5,000 when never
 * set), read in the workflow's conditions as `{ "$org":
 * "settings.po_approval_threshold" }`: below it the order is placed at once,
 * from it a manager approves, from 10 times it a director (the admin) too;
 * changing the setting takes effect for the next order. The total is the sum
 * of the order's lines (a roll-up, read-only): a total typed low does not
 * dodge the approval. Bad `$org` operands are refused at load with
 * file#pointer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { ManifestError, RecordValidationError } from '../core/errors.js';
import { localDate, serverTimeZone } from '../core/manifest/index.js';
import { organizationSettings, updateOrganizationSettings } from '../core/tenancy/settings.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import type { Json } from './support/makerspace-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const PO = 'inventory.purchase_order';
let runtime: TestRuntime;
let org: Fixture;
let purchaser: RecordService;
let supplier: string;
let item: string;

/** An order of one line worth `total` (1 × total): its total is the line's amount. */
async function order(total: number): Promise<string> {
  const id = String((await purchaser.create(PO, { supplier, buyer: org.users.get('purchaser')!.id, order_date: localDate(new Date(), serverTimeZone()) })).id);
  await purchaser.create('inventory.purchase_order_line', { order: id, item, quantity: 1, rate: total });
  return id;
}
const engineOf = async (role: string) => WorkflowEngine.for(await org.as(role));
const status = async (id: string) => String((await purchaser.get(PO, id)).status);
const startable = async (id: string) => (await (await engineOf('purchaser')).available(PO, await purchaser.get(PO, id))).map((a) => a.name);
/** The steps of the order's open approval request (none once decided). */
async function plannedSteps(id: string): Promise<string[]> {
  const [request] = await (await engineOf('manager')).openRequests(PO, id);
  return request ? request.steps.steps.map((s) => s.name) : [];
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  org = await createFixtureOrg(runtime, 'inventory', ['purchaser', 'manager']);
  purchaser = await org.as('purchaser');
  supplier = String((await (await org.as('manager')).create('inventory.supplier', { name: 'Acme Supplies' })).id);
  item = String((await (await org.as('manager')).create('inventory.item', { sku: 'SKU-0042', name: 'প্রিন্টার কাগজ A4' })).id);
}, 120_000);
afterAll(() => runtime?.dispose());

describe('purchase order approval by the organization\'s threshold', () => {
  it('with no threshold set, 5,000 applies: below it the order is placed without approval', async () => {
    expect((await organizationSettings(runtime, org.org.slug)).switches).toEqual({});
    const id = await order(4999.99);
    expect(await startable(id)).toContain('place');
    expect(await startable(id)).not.toContain('request_approval');
    expect((await (await engineOf('purchaser')).run(PO, id, 'place')).record.status).toBe('APPROVED');
    const big = await order(5000);
    await expect((await engineOf('purchaser')).run(PO, big, 'place')).rejects.toThrow('Place order is not possible: the total must be less than the organization\'s setting "po_approval_threshold".');
  });

  it('the total is its lines\' sum, read-only: a total typed low does not avoid the approval', async () => {
    const buyer = org.users.get('purchaser')!.id;
    const order_date = localDate(new Date(), serverTimeZone());
    // Typed on create or on edit, a total is refused with a field error on it: the lines decide it.
    const refusedOnTotal = (err: unknown) => err instanceof RecordValidationError && Object.keys(err.fieldErrors).includes('total');
    expect(refusedOnTotal(await purchaser.create(PO, { supplier, buyer, order_date, total: 1 }).catch((err: unknown) => err))).toBe(true);
    const id = String((await purchaser.create(PO, { supplier, buyer, order_date })).id);
    expect(Number((await purchaser.get(PO, id)).total)).toBe(0);
    await purchaser.create('inventory.purchase_order_line', { order: id, item, quantity: 4, rate: 1500 });
    await purchaser.create('inventory.purchase_order_line', { order: id, item, quantity: 2, rate: 0.5 });
    expect(Number((await purchaser.get(PO, id)).total)).toBe(6001);
    expect(refusedOnTotal(await purchaser.update(PO, id, { total: 1 }).catch((err: unknown) => err))).toBe(true);
    expect(Number((await purchaser.get(PO, id)).total)).toBe(6001);
    expect(await startable(id)).not.toContain('place');
    await expect((await engineOf('purchaser')).run(PO, id, 'place')).rejects.toThrow(/not possible/);
    await (await engineOf('purchaser')).run(PO, id, 'request_approval');
    expect(await status(id)).toBe('TO_APPROVE');
    // Waiting for approval, the purchaser can no longer change the lines (and so the total).
    const [line] = await purchaser.find('inventory.purchase_order_line', { filters: [{ field: 'order', op: 'eq', value: id }] });
    await expect(purchaser.update('inventory.purchase_order_line', String(line.id), { quantity: 1 })).rejects.toThrow();
    expect(Number((await purchaser.get(PO, id)).total)).toBe(6001);
  });

  it('below a threshold of 1,000 no approval; from it a manager approves alone', async () => {
    await updateOrganizationSettings(runtime, org.org.slug, { set: 'po_approval_threshold=1000' });
    expect((await organizationSettings(runtime, org.org.slug)).switches).toEqual({ po_approval_threshold: 1000 });
    const small = await order(999);
    expect((await (await engineOf('purchaser')).run(PO, small, 'place')).record.status).toBe('APPROVED');
    const id = await order(2500);
    await expect((await engineOf('purchaser')).run(PO, id, 'place')).rejects.toThrow(/not possible/);
    await (await engineOf('purchaser')).run(PO, id, 'request_approval');
    expect(await status(id)).toBe('TO_APPROVE');
    expect(await plannedSteps(id)).toEqual(['manager']);
    const done = await (await engineOf('manager')).run(PO, id, 'approve');
    expect(done.moved).toBe(true);
    expect(await status(id)).toBe('APPROVED');
    expect(await plannedSteps(id)).toEqual([]);
  });

  it('from 10 times the threshold a director approves after the manager', async () => {
    const id = await order(10_000);
    await (await engineOf('purchaser')).run(PO, id, 'request_approval');
    expect((await (await engineOf('manager')).run(PO, id, 'approve')).moved).toBe(false);
    expect(await plannedSteps(id)).toEqual(['manager', 'director']);
    expect(await status(id)).toBe('TO_APPROVE');
    expect((await (await engineOf('admin')).run(PO, id, 'approve')).moved).toBe(true);
    expect(await status(id)).toBe('APPROVED');
    // Just under 10 times: the manager alone.
    const under = await order(9999.99);
    await (await engineOf('purchaser')).run(PO, under, 'request_approval');
    expect((await (await engineOf('manager')).run(PO, under, 'approve')).moved).toBe(true);
  });

  it('a threshold changed in the organization\'s settings takes effect for the next order', async () => {
    await updateOrganizationSettings(runtime, org.org.slug, { set: 'po_approval_threshold=20000' });
    const id = await order(10_000);
    expect(await startable(id)).toEqual(expect.arrayContaining(['place']));
    expect((await (await engineOf('purchaser')).run(PO, id, 'place')).record.status).toBe('APPROVED');
    const big = await order(20_000);
    await (await engineOf('purchaser')).run(PO, big, 'request_approval');
    expect((await (await engineOf('manager')).run(PO, big, 'approve')).moved).toBe(true);
  });

  it('refuses a threshold that is not a number or on/off at the command', async () => {
    await expect(updateOrganizationSettings(runtime, org.org.slug, { set: 'po_approval_threshold=1e9' })).rejects.toThrow(/not <name>=on\|off\|<number>/);
    await expect(updateOrganizationSettings(runtime, org.org.slug, { set: 'po_approval_threshold=lots' })).rejects.toThrow(/not <name>=on\|off\|<number>/);
    expect((await organizationSettings(runtime, org.org.slug)).switches).toEqual({ po_approval_threshold: 20000 });
  });
});

describe('load-time checks of { "$org": … } operands', () => {
  const inventory = (): Json => JSON.parse(readFileSync(new URL('../module-manifests/inventory.json', import.meta.url), 'utf8')) as Json;
  function withPlaceWhen(when: unknown): Json {
    const m = inventory() as { workflows: { name: string; transitions: { name: string; when?: unknown }[] }[] };
    m.workflows.find((w) => w.name === 'purchase_order')!.transitions.find((t) => t.name === 'place')!.when = when;
    return m as unknown as Json;
  }
  function problems(m: Json): string[] {
    try {
      registryWith(m);
      return [];
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      return err.problems.map((p) => `${p.pointer}: ${p.message}`);
    }
  }

  it('the shipped manifest loads', () => {
    expect(problems(inventory())).toEqual([]);
  });

  it('names a bad setting, an unknown key, a non-number, an operator that does not compare, and a field that is not a number', () => {
    expect(problems(withPlaceWhen({ total: { $lt: { $org: 'po_approval_threshold' } } }))).toEqual([expect.stringMatching(/transitions\/0\/when\/total\/\$lt: "\$org" names a setting as "settings\.<name>"/)]);
    expect(problems(withPlaceWhen({ total: { $lt: { $org: 'settings.Bad-Name' } } }))).toEqual([expect.stringMatching(/"\$org" names a setting/)]);
    expect(problems(withPlaceWhen({ total: { $lt: { $org: 'settings.po_approval_threshold', factor: 2 } } }))).toEqual([expect.stringMatching(/unknown key "factor" beside "\$org"/)]);
    expect(problems(withPlaceWhen({ total: { $lt: { $org: 'settings.po_approval_threshold', default: '5000' } } }))).toEqual([expect.stringMatching(/"default" is a number/)]);
    expect(problems(withPlaceWhen({ total: { $in: { $org: 'settings.po_approval_threshold' } } })).join('\n')).toMatch(/an organization setting compares with \$eq/);
    expect(problems(withPlaceWhen({ number: { $lt: { $org: 'settings.po_approval_threshold' } } })).join('\n')).toMatch(/transitions\/0\/when/);
  });
});
