/**
 * manifest:validate explains each booking primitive's mistakes with
 * file#pointer: unknown fields and properties, wrong types, a range whose ends
 * are not dates or numbers, a capacity parent that is not a reference,
 * conditions a constraint cannot hold (paths, placeholders, text order),
 * expressions over the wrong fields, sequence patterns and scopes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { bookingManifest } from './support/booking-fixture.js';
import type { Json } from './support/makerspace-fixture.js';
import { registryWith } from './support/workflow-fixture.js';
import { runCli } from './support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'ums-constraints-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Entities = { name: string; fields: Json[] } & Json;
/** The fixture with one entity changed by `change`. */
function variant(entityName: string, change: (e: Entities) => void): Json {
  const m = bookingManifest();
  change((m.entities as Entities[]).find((e) => e.name === entityName)!);
  return m;
}
const at = (entityName: string): string => `/entities/${(bookingManifest().entities as Entities[]).findIndex((e) => e.name === entityName)}`;

function problemsOf(manifest: Json): ManifestProblem[] {
  try {
    registryWith(manifest);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as ManifestError).problems;
  }
  throw new Error('the manifest loaded without problems');
}
const pointers = (ps: ManifestProblem[]): [string, string][] => ps.map((p) => [p.pointer, p.message]);

describe('booking primitives in manifest:validate', () => {
  it('the fixture itself is valid', () => {
    expect(() => registryWith(bookingManifest())).not.toThrow();
  });

  it('checks: an unknown field, a reference path, a placeholder, text order and a field of another type', () => {
    const ps = problemsOf(
      variant('reservation', (e) => {
        e.checks = [
          { field: 'nope', rule: { check_out: { $gt: { $field: 'check_in' } } } },
          { field: 'check_out', rule: { 'room.number': '204', status: { $gt: 'draft' } } },
          { field: 'check_in', rule: { check_in: { $gte: '${today}' }, adults: { $lt: { $field: 'check_in' } } } },
        ];
      }),
    );
    const r = at('reservation');
    expect(pointers(ps)).toEqual([
      [`${r}/checks/0/field`, 'unknown field "nope" in reservation'],
      [`${r}/checks/1/rule/room.number`, '"room.number" is a reference path: a constraint can only compare the record\'s own fields (the database checks it on one row)'],
      [`${r}/checks/1/rule/status/$gt`, '$gt compares numbers, dates and date-times; "status" is enum'],
      [`${r}/checks/2/rule/check_in/$gte`, 'placeholders such as ${today} change with the user or the day; a constraint holds for every record at any time'],
      [`${r}/checks/2/rule/adults/$lt`, '"adults" (integer) cannot be compared with "check_in" (date)'],
    ]);
  });

  it('noOverlap: an unknown property (JSON Schema), a range over text, ends of two types, an enum value that does not exist', () => {
    const schema = problemsOf(variant('reservation', (e) => void (e.noOverlap = [{ key: ['room'], range: ['check_in', 'check_out'], overlap: true }])));
    expect(schema.some((p) => p.pointer === `${at('reservation')}/noOverlap/0` && /overlap/.test(p.message))).toBe(true);
    const ps = problemsOf(
      variant('reservation', (e) => {
        e.noOverlap = [
          { key: ['room'], range: ['number', 'check_out'] },
          { key: ['room'], range: ['check_in', 'adults'], when: { status: 'booked' } },
        ];
      }),
    );
    const r = at('reservation');
    expect(pointers(ps)).toEqual([
      [`${r}/noOverlap/0/range/0`, 'a range\'s ends are dates, date-times, times or numbers; "number" is string'],
      [`${r}/noOverlap/1/range/1`, 'both ends of a range have one type: "check_in" is date, "adults" is integer'],
      [`${r}/noOverlap/1/when/status`, '"booked" cannot be compared with "status" (enum: one of draft, confirmed, checked_in, checked_out, cancelled)'],
    ]);
  });

  it('noOverlap: a key that is not an array is a type error at its pointer', () => {
    const ps = problemsOf(variant('reservation', (e) => void (e.noOverlap = [{ key: 'room', range: ['check_in', 'check_out'] }])));
    expect(ps.map((p) => p.pointer)).toContain(`${at('reservation')}/noOverlap/0/key`);
  });

  it('capacity: a parent that is not a reference, a limit that is not an integer, an overflow outside the enum', () => {
    const ps = problemsOf(
      variant('booking', (e) => {
        e.capacity = [
          { parent: 'status', limit: 'capacity' },
          { parent: 'session', limit: 'name', overflow: { field: 'status', value: 'queued', promoteTo: 'booked' } },
        ];
      }),
    );
    const b = at('booking');
    expect(pointers(ps)).toEqual([
      [`${b}/capacity/0/parent`, 'the parent "status" must be a reference field (it is enum)'],
      [`${b}/capacity/1/limit`, 'the limit "name" must be an integer field of session (it is string)'],
      [`${b}/capacity/1/overflow/value`, '"queued" is not one of booked, waitlisted, attended, cancelled'],
    ]);
  });

  it('capacity: an overflow value that would still take a place, a promotion that would not', () => {
    const ps = problemsOf(
      variant('booking', (e) => {
        e.capacity = [{ parent: 'session', limit: 'capacity', when: { status: { $ne: 'cancelled' } }, overflow: { field: 'status', value: 'waitlisted', promoteTo: 'cancelled' } }];
      }),
    );
    const b = at('booking');
    expect(pointers(ps)).toEqual([
      [`${b}/capacity/0/overflow/value`, '"waitlisted" matches "when", so an overflow record would still take a place'],
      [`${b}/capacity/0/overflow/promoteTo`, '"cancelled" does not match "when", so a promoted record would not take the freed place'],
    ]);
  });

  it('uniqueWhen: an unknown field and an unknown operator', () => {
    const ps = problemsOf(variant('booking', (e) => void (e.uniqueWhen = [{ fields: ['member', 'seat'], when: { status: { $like: 'b%' } } }])));
    const b = at('booking');
    expect(pointers(ps)).toEqual([
      [`${b}/uniqueWhen/0/fields/1`, 'unknown field "seat" in booking'],
      [`${b}/uniqueWhen/0/when/status/$like`, 'unknown operator "$like" (allowed: $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte)'],
    ]);
  });

  it('computed: a text result, an unknown operand, $days over a number, another computed field', () => {
    const ps = problemsOf(
      variant('reservation', (e) => {
        e.fields.push(
          { name: 'label', type: 'string', computed: 'rate' },
          { name: 'x', type: 'money', computed: { $mul: ['rate', 'price'] } },
          { name: 'y', type: 'integer', computed: { $days: ['check_in', 'adults'] } },
          { name: 'z', type: 'money', computed: { $add: ['amount', 1] } },
        );
      }),
    );
    const r = at('reservation');
    const n = (bookingManifest().entities as Entities[]).find((e) => e.name === 'reservation')!.fields.length;
    expect(pointers(ps)).toEqual([
      [`${r}/fields/${n}/type`, 'a computed field is integer, decimal or money (got string)'],
      [`${r}/fields/${n + 1}/computed/$mul/1`, 'unknown field "price" in reservation'],
      [`${r}/fields/${n + 2}/computed/$days/1`, '"adults" is integer: $days takes two date fields'],
      [`${r}/fields/${n + 3}/computed/$add/0`, '"amount" is computed itself; PostgreSQL\'s generated columns cannot read one another'],
    ]);
  });

  it('sequence: no counter token (JSON Schema), an unknown token, {scope.…} without a scope, a scope that is not a required reference', () => {
    const noCounter = problemsOf(variant('task', (e) => void (e.fields[1].sequence = { pattern: 'PRJ-{YYYY}' })));
    expect(noCounter.map((p) => p.pointer)).toContain(`${at('task')}/fields/1/sequence/pattern`);
    const ps = problemsOf(
      variant('task', (e) => {
        e.fields[1].sequence = { pattern: '{scope.code}-{Q}-{000}', scope: 'summary' };
        e.fields.push({ name: 'other', type: 'string', sequence: { pattern: '{scope.code}-{0}' } });
      }),
    );
    const t = at('task');
    expect(pointers(ps)).toEqual([
      [`${t}/fields/1/sequence/scope`, 'the scope "summary" must be a required reference field (it is string)'],
      [`${t}/fields/1/sequence/pattern`, 'unknown token {Q} (known: {YYYY} {YY} {MM} {DD} {000…} {scope.<field>})'],
      [`${t}/fields/3/sequence/pattern`, '{scope.code} needs a "scope"'],
    ]);
  });

  it('the CLI prints file#pointer: message and exits 1', async () => {
    const file = join(tmp, 'stays.json');
    writeFileSync(file, JSON.stringify(variant('booking', (e) => void (e.capacity = [{ parent: 'status', limit: 'capacity' }]))));
    const r = await runCli(['manifest:validate', file], { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}#${at('booking')}/capacity/0/parent: the parent "status" must be a reference field (it is enum)`);
  }, 60_000);
});
