/**
 * The filter operators plugins get from Records (`eq ne gt gte lt lte in
 * contains`): strict comparisons, a null-safe `ne`, and `in` on a list, so an
 * overlap check is one query instead of two.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Records } from '../core/sdk.js';
import { createFixtureOrg, createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let records: Records;

beforeAll(async () => {
  runtime = await createTestRuntime();
  const fixture = await createFixtureOrg(runtime, 'library', []);
  records = await fixture.system();
  for (const [title, copies, shelf] of [['A', 1, 'S-1'], ['B', 2, null], ['C', 3, 'S-3'], ['D', 4, 'S-1']] as const) {
    await records.create('library.book', { title, copies_total: copies, shelf });
  }
});
afterAll(() => runtime.dispose());

const titles = async (filters: Parameters<Records['find']>[1] extends infer Q ? (Q extends { filters?: infer F } ? F : never) : never): Promise<string[]> =>
  (await records.find('library.book', { filters, sort: { field: 'title', direction: 'asc' } })).map((b) => String(b.title));

describe('Records filter operators', () => {
  it('gt and lt are strict; gte and lte include the bound', async () => {
    expect(await titles([{ field: 'copies_total', op: 'gt', value: 2 }])).toEqual(['C', 'D']);
    expect(await titles([{ field: 'copies_total', op: 'lt', value: 2 }])).toEqual(['A']);
    expect(await titles([{ field: 'copies_total', op: 'gte', value: 2 }, { field: 'copies_total', op: 'lte', value: 3 }])).toEqual(['B', 'C']);
  });

  it('an overlap of [2, 4) is one query: gt the start and lt the end', async () => {
    expect(await titles([{ field: 'copies_total', op: 'gt', value: 1 }, { field: 'copies_total', op: 'lt', value: 4 }])).toEqual(['B', 'C']);
  });

  it('ne is null-safe: a record without a value is "not equal"; ne null means "has a value"', async () => {
    expect(await titles([{ field: 'shelf', op: 'ne', value: 'S-1' }])).toEqual(['B', 'C']);
    expect(await titles([{ field: 'shelf', op: 'ne', value: null }])).toEqual(['A', 'C', 'D']);
    expect(await titles([{ field: 'shelf', op: 'eq', value: null }])).toEqual(['B']);
  });

  it('count agrees with find for the same filters', async () => {
    expect(await records.count('library.book', [{ field: 'shelf', op: 'ne', value: 'S-1' }])).toBe(2);
    expect(await records.count('library.book', [{ field: 'copies_total', op: 'in', value: [1, 4] }])).toBe(2);
  });
});
