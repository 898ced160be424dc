/**
 * A declared report that names something that is not there (an entity, a field, a role), groups or
 * measures by a field of the wrong type, or writes a measure that is not exactly one of count/sum/avg
 * stops the load with `file#pointer: problem`, before any report is computed. The schema refuses
 * unknown keys and an unknown bucket or chart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function shop(reports: unknown[]): Record<string, unknown> {
  return {
    id: 'shop',
    version: '1.0.0',
    label: 'Shop',
    entities: [
      { name: 'item', fields: [{ name: 'title', type: 'string', required: true }, { name: 'status', type: 'enum', values: ['draft', 'live'] }, { name: 'price', type: 'money' }, { name: 'seats', type: 'integer' }, { name: 'on', type: 'date' }, { name: 'notes', type: 'text' }, { name: 'extra', type: 'json' }] },
      { name: 'order', fields: [{ name: 'item', type: 'reference', target: 'item' }, { name: 'qty', type: 'decimal' }, { name: 'placed_at', type: 'datetime' }, { name: 'paid', type: 'boolean' }] },
    ],
    roles: [{ name: 'clerk' }],
    permissions: { clerk: [{ action: 'read', subject: 'item' }] },
    reports,
  };
}

function load(reports: unknown[]): ManifestProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'ums-reports-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'shop.json'), JSON.stringify(shop(reports)));
  try {
    loadRegistry({ dir });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    const problems = (err as ManifestError).problems;
    for (const p of problems) expect(p.file).toMatch(/shop\.json$/);
    return problems;
  }
}
const pointers = (problems: ManifestProblem[]) => problems.map((p) => `${p.pointer}: ${p.message}`);

describe('report validation', () => {
  it('accepts reports with every option, and resolves them with defaults filled', () => {
    const reports = [
      { name: 'by_status', label: 'By status', entity: 'item', groupBy: ['status'], measures: [{ count: true }, { sum: 'price' }, { avg: 'seats', label: 'Seats on average' }], filters: ['status', 'on', 'price'], chart: 'pie', roles: ['clerk', 'admin'], conditions: { status: 'live' } },
      { name: 'orders', label: 'Orders per week', entity: 'order', groupBy: [{ field: 'placed_at', by: 'week' }, 'item', 'paid'], measures: [{ sum: 'qty' }], filters: ['item', 'paid', 'placed_at', 'created_at'] },
      { name: 'per_day', label: 'Per day', entity: 'item', groupBy: [{ field: 'created_at', by: 'day', label: 'Day' }], measures: [{ count: true }] },
    ];
    expect(load(reports)).toEqual([]);
    const dir = dirs[dirs.length - 1];
    const module = loadRegistry({ dir }).module('shop')!;
    expect(module.reports.map((r) => r.id)).toEqual(['shop.by_status', 'shop.orders', 'shop.per_day']);
    expect(module.reports[0]).toMatchObject({
      entity: 'shop.item',
      roles: ['shop.clerk', 'admin'],
      groupBy: [{ field: 'status', label: 'Status' }],
      measures: [{ kind: 'count', label: 'Count' }, { kind: 'sum', field: 'price', label: 'Total price' }, { kind: 'avg', field: 'seats', label: 'Seats on average' }],
      filters: [{ field: 'status', kind: 'value' }, { field: 'on', kind: 'range' }, { field: 'price', kind: 'range' }],
    });
    expect(module.reports[1].groupBy[0]).toEqual({ field: 'placed_at', by: 'week', label: 'Placed at', labelGiven: false });
  });

  it('names each wrong entity, field, type, role and measure with its pointer', () => {
    const problems = pointers(
      load([
        { name: 'a', label: 'a', entity: 'nothing', groupBy: ['status'], measures: [{ count: true }] },
        { name: 'b', label: 'b', entity: 'item', groupBy: ['colour', 'on', 'notes', { field: 'status', by: 'month' }], measures: [{ sum: 'title' }, { avg: 'nope' }, { count: true, sum: 'price' }], filters: ['size', 'extra'], roles: ['cashier'] },
        { name: 'b', label: 'dup', entity: 'item', groupBy: ['status', 'status'], measures: [{ count: true }], conditions: { colour: 'red' } },
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        '/reports/0/entity: unknown entity "nothing"',
        '/reports/1/groupBy/0: unknown field "colour" on Item',
        expect.stringMatching(/^\/reports\/1\/groupBy\/1: "on" is a date: group it/),
        '/reports/1/groupBy/2: a text field cannot group a report',
        '/reports/1/groupBy/3/by: "by" needs a date field ("status" is enum)',
        '/reports/1/measures/0/sum: "title" is not a number field of Item',
        '/reports/1/measures/1/avg: "nope" is not a number field of Item',
        expect.stringMatching(/^\/reports\/1\/measures\/2: a measure is exactly one of/),
        '/reports/1/filters/0: unknown field "size" on Item',
        '/reports/1/filters/1: a json field cannot filter a report',
        expect.stringMatching(/^\/reports\/1\/roles\/0: /),
        '/reports/2/name: duplicate report "b"',
        '/reports/2/groupBy/1: "status" is grouped twice',
        expect.stringMatching(/^\/reports\/2\/conditions/),
      ]),
    );
    expect(problems).toHaveLength(14);
  });

  it('the schema refuses unknown keys, buckets and charts, and a report without measures', () => {
    const problems = pointers(
      load([
        { name: 'a', label: 'a', entity: 'item', groupBy: [{ field: 'on', by: 'year' }], measures: [{ count: true }], chart: 'donut' },
        { name: 'b', label: 'b', entity: 'item', groupBy: ['status'], measures: [], colour: 'red' },
        { name: 'Bad Name', label: 'c', entity: 'item', groupBy: ['status'], measures: [{ median: 'price' }] },
      ]),
    );
    expect(problems.some((p) => p.startsWith('/reports/0/chart'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/reports/0/groupBy/0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/reports/1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/reports/2/name'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/reports/2/measures/0'))).toBe(true);
  });
});
