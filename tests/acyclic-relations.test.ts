/**
 * Acyclic relations (manifest `acyclic`): a self-reference (the warehouse
 * tree) refuses a parent that is the record itself or below it; a link
 * entity (task dependencies) refuses a link that would close a cycle, a link
 * of a task to itself, and (with `hierarchy`) a link between a task and its
 * own ancestor or descendant. Two links that together would form a cycle,
 * written at once, give one refusal: the check runs under a lock.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { errorOf } from './support/errors.js';
import { stockroomDir } from './support/ledger-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const WH = 'stockroom.warehouse';
const TASK = 'stockroom.task';
const LINK = 'stockroom.task_link';
const dir = stockroomDir();
let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;

const task = async (title: string, parent?: string): Promise<string> => String((await keeper.create(TASK, { title, parent })).id);
const link = (from: string, to: string): Promise<unknown> => keeper.create(LINK, { task: from, depends_on: to });
const cycleMessage = async (p: Promise<unknown>, field: string): Promise<string> => {
  const err = await errorOf(p);
  expect(err).toBeInstanceOf(RecordValidationError);
  expect((err as RecordValidationError).fieldErrors[field].type).toBe('cycle');
  return (err as RecordValidationError).fieldErrors[field].message;
};

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: loadRegistry({ dir }), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stockroom', ['keeper']);
  keeper = await org.as('keeper');
}, 60_000);

afterAll(async () => {
  await runtime?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a self-reference declared acyclic', () => {
  it('refuses a parent that is the record itself or one below it; any other parent is fine', async () => {
    const site = String((await keeper.create(WH, { name: 'Site' })).id);
    const hall = String((await keeper.create(WH, { name: 'Hall', parent: site })).id);
    const shelf = String((await keeper.create(WH, { name: 'Shelf', parent: hall })).id);
    expect(await cycleMessage(keeper.update(WH, site, { parent: shelf }), 'parent')).toBe('would create a cycle: Shelf is this warehouse or one below it');
    await cycleMessage(keeper.update(WH, hall, { parent: hall }), 'parent');
    const other = String((await keeper.create(WH, { name: 'Other' })).id);
    await keeper.update(WH, shelf, { parent: other });
    await keeper.update(WH, site, { parent: shelf }); // no longer below Site
    expect((await keeper.get(WH, site)).parent).toBe(shelf);
  });
});

describe('a link entity declared acyclic', () => {
  it('refuses a link that closes a cycle, and a link of a task to itself', async () => {
    const [a, b, c] = [await task('A'), await task('B'), await task('C')];
    await link(a, b);
    await link(b, c);
    expect(await cycleMessage(link(c, a), 'depends_on')).toBe('would create a cycle: A already leads back to C');
    expect(await cycleMessage(link(a, a), 'depends_on')).toBe('cannot link a task to itself');
    await link(a, c); // a shortcut is no cycle
    expect(await keeper.count(LINK)).toBe(3);
  });

  it('refuses an update that would close a cycle', async () => {
    const [a, b, c] = [await task('U-A'), await task('U-B'), await task('U-C')];
    await link(a, b);
    const bc = (await link(b, c)) as { id: string };
    await cycleMessage(keeper.update(LINK, bc.id, { depends_on: a }), 'depends_on');
  });

  it('refuses a link between a task and its own ancestor or descendant', async () => {
    const parent = await task('Epic');
    const child = await task('Story', parent);
    const grandchild = await task('Sub-task', child);
    expect(await cycleMessage(link(grandchild, parent), 'depends_on')).toMatch(/Epic and Sub-task are in one line of descent/);
    await cycleMessage(link(parent, child), 'depends_on');
    const sibling = await task('Other story', parent);
    await link(sibling, child);
  });

  it('two links that together would form a cycle, written at once: one succeeds, one is refused (20 pairs)', async () => {
    for (let i = 0; i < 20; i++) {
      const [x, y] = [await task(`X${i}`), await task(`Y${i}`)];
      const results = await Promise.allSettled([link(x, y), link(y, x)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as RecordValidationError;
      expect(reason.fieldErrors.depends_on.type).toBe('cycle');
    }
  });
});
