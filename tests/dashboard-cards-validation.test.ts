/**
 * A dashboard card that names something that is not there (a field, a role, a reference) or mixes
 * options of another card type stops the load with `file#pointer: problem`, before any dashboard is drawn.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function shop(dashboard: unknown[]): Record<string, unknown> {
  return {
    id: 'shop',
    version: '1.0.0',
    label: 'Shop',
    entities: [
      { name: 'item', fields: [{ name: 'title', type: 'string', required: true }, { name: 'status', type: 'enum', values: ['draft', 'live'] }, { name: 'price', type: 'money' }, { name: 'seats', type: 'integer' }, { name: 'on', type: 'date' }] },
      { name: 'order', fields: [{ name: 'item', type: 'reference', target: 'item' }, { name: 'note', type: 'string' }] },
    ],
    roles: [{ name: 'clerk' }],
    permissions: { clerk: [{ action: 'read', subject: 'item' }] },
    dashboard,
  };
}

function load(dashboard: unknown[]): ManifestProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'ums-cards-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'shop.json'), JSON.stringify(shop(dashboard)));
  try {
    loadRegistry({ dir });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as ManifestError).problems;
  }
}
const pointers = (problems: ManifestProblem[]) => problems.map((p) => `${p.pointer}: ${p.message}`);

describe('dashboard card validation', () => {
  it('accepts each card type with every option', () => {
    expect(
      load([
        { type: 'count', label: 'Live', entity: 'item', conditions: { status: 'live' }, roles: ['clerk', 'admin'] },
        { type: 'chart', label: 'By status', entity: 'item', chart: 'pie', groupBy: 'status', sum: 'price' },
        { type: 'chart', label: 'Per day', entity: 'item', chart: 'line', groupBy: 'on', bucket: 'day', last: 30 },
        { type: 'table', label: 'Top', entity: 'item', columns: ['title', 'price'], sort: { field: 'price', direction: 'desc' }, limit: 5, progress: { label: 'Orders', count: 'order', via: 'item', of: 'seats' } },
      ]),
    ).toEqual([]);
  });

  it('names each wrong field, role, reference and misplaced option with its pointer', () => {
    const problems = pointers(
      load([
        { type: 'count', label: 'x', entity: 'item', roles: ['cashier'], groupBy: 'status' },
        { type: 'chart', label: 'x', entity: 'item', chart: 'bar', groupBy: 'on' },
        { type: 'chart', label: 'x', entity: 'item', chart: 'bar', groupBy: 'status', sum: 'title', bucket: 'week' },
        { type: 'table', label: 'x', entity: 'item', columns: ['nmae'], progress: { label: 'p', count: 'order', via: 'note', of: 'title' } },
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/dashboard\/0\/roles\/0: unknown role "cashier"/),
        '/dashboard/0/groupBy: "groupBy" belongs to a chart card (this one is "count")',
        '/dashboard/1/groupBy: "on" is a date: say "bucket" (day, week or month)',
        '/dashboard/2/bucket: "bucket" needs a date field in "groupBy" ("status" is enum)',
        '/dashboard/2/sum: "title" is not a number field of Item',
        '/dashboard/3/columns/0: unknown field "nmae" on Item',
        '/dashboard/3/progress/via: "note" is no reference of Order to Item',
        '/dashboard/3/progress/of: "title" is not a number field of Item',
      ]),
    );
  });
});
