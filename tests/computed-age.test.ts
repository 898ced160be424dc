/**
 * `$age`: whole years from a date field to today. Today moves, so the field has
 * no stored column (PostgreSQL refuses a non-immutable generated column, and a
 * stored age would go stale at midnight): every read computes it in SQL, the
 * write path computes it in memory (hooks see it), and both count a year as
 * complete on the same month and day. Filters use the expression; a sort on it
 * falls back to the entity's default (no column for a keyset cursor).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateComputed } from '../core/data/constraints/condition-eval.js';
import type { RecordService } from '../core/data/records.js';
import { ManifestError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';
import type { Json } from './support/makerspace-fixture.js';

const PERSON = 'clinic.person';

function clinicManifest(extra: Json[] = [], entityExtra: Json = {}): Json {
  return {
    id: 'clinic',
    version: '1.0.0',
    label: 'Clinic',
    systemTypes: [{ name: 'clinic', label: 'Clinic (age fixture)' }],
    entities: [
      {
        name: 'person',
        titleField: 'name',
        fields: [
          { name: 'name', type: 'string', required: true },
          { name: 'born', type: 'date' },
          { name: 'age', type: 'integer', computed: { $age: 'born' } },
          { name: 'age_next_year', type: 'integer', computed: { $add: [{ $age: 'born' }, 1] } },
          ...extra,
        ],
        ...entityExtra,
      },
    ],
    roles: [{ name: 'desk', label: 'Desk' }],
    permissions: { desk: [{ action: 'manage', subject: 'person' }] },
  };
}

const todayUtc = (): string => new Date().toISOString().slice(0, 10);
const shift = (day: string, years: number, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(clinicManifest()) });
  org = await createFixtureOrg(runtime, 'clinic', ['desk']);
  desk = await org.as('desk');
}, 60_000);
afterAll(() => runtime?.dispose());

describe('$age, a computed field that depends on today', () => {
  it('has no column: the table stores the date of birth only', async () => {
    const cols: { column_name: string }[] = await runtime.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'clinic_person'`);
    const names = cols.map((c) => c.column_name);
    expect(names).toContain('born');
    expect(names).not.toContain('age');
    expect(names).not.toContain('age_next_year');
  });

  it('is the same in SQL (every read) and in memory (the write path) around birthdays, leap days and empty dates', async () => {
    const today = todayUtc();
    const entity = runtime.registry.entity(PERSON)!;
    const field = entity.field.get('age')!;
    const fixed = [shift(today, 30, 0), shift(today, 30, 1), shift(today, 30, -1), '2000-02-29', '2004-02-29', today, null];
    const generated = fc.sample(fc.date({ min: new Date('1900-01-01'), max: new Date(), noInvalidDate: true }), { numRuns: 60, seed: 11 }).map((d) => d.toISOString().slice(0, 10));
    const borns = [...fixed, ...generated];
    const created = [];
    for (const [i, born] of borns.entries()) created.push(await desk.create(PERSON, { name: `P${i}`, born }));
    const read = new Map((await desk.find(PERSON, { limit: 1000 })).map((r) => [r.id, r]));
    for (const [i, born] of borns.entries()) {
      const memory = evaluateComputed(field, { born });
      expect({ born, sql: read.get(created[i].id)!.age }).toEqual({ born, sql: memory });
      expect(created[i].age).toBe(memory); // the create's answer is the read's
      expect(read.get(created[i].id)!.age_next_year).toBe(memory === null ? null : memory + 1);
    }
    expect(read.get(created[0].id)!.age).toBe(30); // 30 today
    expect(read.get(created[1].id)!.age).toBe(29); // 30 tomorrow
    expect(read.get(created[2].id)!.age).toBe(30); // 30 since yesterday
    expect(read.get(created[6].id)!.age).toBeNull();
  });

  it('filters through the expression, and a sort on it falls back to the default', async () => {
    const today = todayUtc();
    await desk.create(PERSON, { name: 'Filter-old', born: shift(today, 90, -3) });
    const old = await desk.find(PERSON, { filters: [{ field: 'age', op: 'gte', value: 90 }], limit: 1000 });
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((r) => Number(r.age) >= 90)).toBe(true);
    expect(old.map((r) => r.name)).toContain('Filter-old');
    const sorted = await desk.find(PERSON, { sort: { field: 'age', direction: 'desc' }, limit: 5 });
    expect(sorted.length).toBe(5);
  });

  it('is refused as input, on a non-date field and inside a constraint, with file#pointer', () => {
    const problems = (m: Json): string[] => {
      try {
        registryWith(m);
      } catch (err) {
        if (err instanceof ManifestError) return err.problems.map((p) => `${p.pointer}: ${p.message}`);
        throw err;
      }
      return [];
    };
    expect(problems(clinicManifest([{ name: 'bad', type: 'integer', computed: { $age: 'name' } }]))).toEqual([expect.stringMatching(/fields\/4\/computed: "name" is string: \$age takes a date field/)]);
    expect(problems(clinicManifest([], { checks: [{ field: 'age', rule: { age: { $gte: 0 } } }] }))).toEqual(expect.arrayContaining([expect.stringMatching(/checks\/0.*computed at read time/)]));
    const ruled = clinicManifest();
    (ruled.permissions as Record<string, unknown[]>).desk.push({ action: 'read', subject: 'person', conditions: { age: { $gte: 18 } } });
    expect(problems(ruled)).toEqual([expect.stringMatching(/permissions\/desk\/1\/conditions\/age: "age" is computed at read time/)]);
  });

  it('is read-only in input', async () => {
    await expect(desk.create(PERSON, { name: 'X', born: '1990-01-01', age: 3 })).rejects.toThrow();
  });
});
