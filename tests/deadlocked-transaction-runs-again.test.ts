/**
 * A transaction PostgreSQL aborts because of a concurrent one (here a real deadlock: two transactions
 * updating two books in opposite orders) runs again from its start, so both changes are made and nobody
 * is told "try again"; an ordinary failure is not repeated. This is what lets twenty concurrent bookings
 * of one slot (exclusion constraints can deadlock each other's checks) end in one winner and nineteen
 * field errors instead of a stray CONFLICT.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Records } from '../core/sdk.js';
import { createFixtureOrg, createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let system: () => Promise<Records>;

beforeAll(async () => {
  runtime = await createTestRuntime();
  const fixture = await createFixtureOrg(runtime, 'library', []);
  system = fixture.system;
});
afterAll(() => runtime.dispose());

describe('a transaction aborted by a concurrent one', () => {
  it('runs again after a deadlock: both transactions commit, the one PostgreSQL chose ran twice', async () => {
    const records = await system();
    const a = await records.create('library.book', { title: 'Deadlock A', copies_total: 1 });
    const b = await records.create('library.book', { title: 'Deadlock B', copies_total: 1 });
    let bothHoldTheirFirst!: () => void;
    const barrier = new Promise<void>((resolve) => (bothHoldTheirFirst = resolve));
    let holding = 0;
    const runs = { ab: 0, ba: 0 };
    const crossed = (first: string, second: string, key: 'ab' | 'ba', shelf: string) =>
      system().then((r) =>
        r.transaction(async (tx) => {
          runs[key]++;
          await tx.update('library.book', first, { shelf });
          if (++holding === 2) bothHoldTheirFirst();
          await barrier;
          await tx.update('library.book', second, { shelf });
          return key;
        }),
      );
    const results = await Promise.allSettled([crossed(String(a.id), String(b.id), 'ab', 'AB'), crossed(String(b.id), String(a.id), 'ba', 'BA')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    // One of the two was aborted by PostgreSQL's deadlock detector and ran once more.
    expect(runs.ab + runs.ba).toBe(3);
    const shelves = (await records.find('library.book', { filters: [{ field: 'title', op: 'in', value: ['Deadlock A', 'Deadlock B'] }] })).map((r) => r.shelf);
    // Whichever ran last wrote both books.
    expect(new Set(shelves).size).toBe(1);
  }, 60_000);

  it('an ordinary error is not run again', async () => {
    const records = await system();
    let runs = 0;
    await expect(
      records.transaction(async (tx) => {
        runs++;
        await tx.create('library.book', { title: 'Rolled back', copies_total: 1 });
        throw new Error('the plugin refused');
      }),
    ).rejects.toThrow('the plugin refused');
    expect(runs).toBe(1);
    expect(await records.find('library.book', { filters: [{ field: 'title', op: 'eq', value: 'Rolled back' }] })).toHaveLength(0);
  });
});
