/**
 * Constraint conditions (checks, `when` of noOverlap, capacity, uniqueWhen) and
 * computed expressions give the same answer in PostgreSQL and in memory —
 * true, false or unknown for conditions, the stored value for expressions — on
 * generated records with missing values, equal ends and ties, and on generated
 * conditions over every comparable field type.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateComputed, evaluateCondition } from '../core/data/constraints/condition-eval.js';
import { conditionSql, expressionSql } from '../core/data/constraints/constraint-sql.js';
import { columnType } from '../core/data/entity-schemas.js';
import { columnOf, type ResolvedEntity, type ResolvedField } from '../core/manifest/index.js';
import { parseConstraintCondition } from '../core/manifest/constraints.js';
import { bookingManifest } from './support/booking-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

let runtime: TestRuntime;
let entity: ResolvedEntity;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()) });
  entity = runtime.registry.entity('stays.reservation')!;
}, 60_000);
afterAll(() => runtime?.dispose());

const GUESTS = ['6f1c0a4e-4c1e-4d6b-9a57-1e0a4c7d2b10', '0b5d7c2a-9f3e-4a8b-8c1d-2e3f4a5b6c7d'];
const day = fc.integer({ min: 0, max: 6 }).map((d) => `2030-01-0${d + 1}`);
const orNull = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
const recordArb = fc.record({
  check_in: orNull(day),
  check_out: orNull(day),
  adults: orNull(fc.integer({ min: -1, max: 5 })),
  rate: orNull(fc.integer({ min: -5000, max: 50000 }).map((c) => c / 100)),
  discount: orNull(fc.integer({ min: 0, max: 300 }).map((c) => c / 100)),
  status: orNull(fc.constantFrom('draft', 'confirmed', 'checked_in', 'checked_out', 'cancelled')),
  guest: orNull(fc.constantFrom(...GUESTS)),
});

const typeSql = (f: ResolvedField): string => {
  const t = columnType(f);
  return t.type === 'varchar' ? 'varchar' : t.type === 'numeric' ? `numeric(${String(t.precision)}, ${String(t.scale)})` : String(t.type);
};

/** One generated record as a one-row sub-select with the table's column names and types. */
function rowSql(record: Record<string, unknown>, params: unknown[]): string {
  const cols = Object.keys(record).map((name) => {
    const f = entity.field.get(name)!;
    params.push(record[name]);
    return `$${params.length}::${typeSql(f)} AS "${columnOf(f)}"`;
  });
  return `(SELECT ${cols.join(', ')}) r`;
}

const comparisons: Record<string, fc.Arbitrary<unknown>> = {
  adults: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(null), fc.constant({ $field: 'adults' })),
  rate: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant({ $field: 'discount' }), fc.constant(null)),
  check_in: fc.oneof(day, fc.constant({ $field: 'check_out' })),
  check_out: fc.oneof(day, fc.constant({ $field: 'check_in' })),
  status: fc.constantFrom('confirmed', 'cancelled', null),
  guest: fc.constantFrom(GUESTS[0], null),
};
const literals: Record<string, fc.Arbitrary<unknown>> = {
  adults: fc.integer({ min: 0, max: 4 }),
  rate: fc.integer({ min: 0, max: 500 }),
  check_in: day,
  check_out: day,
  status: fc.constantFrom('confirmed', 'cancelled', 'draft'),
  guest: fc.constantFrom(...GUESTS),
};
const ordered = new Set(['adults', 'rate', 'check_in', 'check_out']);
const leaf: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom(...Object.keys(comparisons))
  .chain((field) =>
    fc.tuple(fc.constantFrom(...(ordered.has(field) ? ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'] : ['$eq', '$ne', '$in', '$nin'])), comparisons[field], fc.array(literals[field], { minLength: 1, maxLength: 3 })).map(([op, a, list]) => {
      if (op === '$in' || op === '$nin') return { [field]: { [op]: list } };
      // Ordering with null is refused at load; compare missing values through $eq/$ne.
      if (a === null && op !== '$eq' && op !== '$ne') return { [field]: { $eq: null } };
      return { [field]: { [op]: a } };
    }),
  );
const conditionArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ $and: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }), fc.record({ $or: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }), fc.record({ $not: tie('node') })),
})).node as fc.Arbitrary<Record<string, unknown>>;

describe('constraint conditions: SQL and memory agree', () => {
  it('on the fixture\'s own checks and `when`s, for generated records', async () => {
    const c = entity.constraints!;
    const nodes = [...c.checks.map((x) => x.rule), ...c.noOverlap.map((o) => o.when!)];
    await fc.assert(
      fc.asyncProperty(recordArb, async (record) => {
        for (const node of nodes) {
          const params: unknown[] = [];
          const [{ v }]: { v: boolean | null }[] = await runtime.dataSource.query(`SELECT ${conditionSql(node, entity, 'r')} AS v FROM ${rowSql(record, params)}`, params);
          expect(evaluateCondition(node, entity, record)).toBe(v);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('on the booking\'s capacity `when` and uniqueWhen `when`, for every status and a missing one', async () => {
    const booking = runtime.registry.entity('stays.booking')!;
    const nodes = [booking.constraints!.capacity[0].when!, booking.constraints!.uniqueWhen[0].when];
    for (const status of [...booking.field.get('status')!.values!, null]) {
      for (const node of nodes) {
        const [{ v }]: { v: boolean | null }[] = await runtime.dataSource.query(`SELECT ${conditionSql(node, booking, 'r')} AS v FROM (SELECT $1::varchar AS status) r`, [status]);
        expect(evaluateCondition(node, booking, { status })).toBe(v);
      }
    }
  });

  it('on generated conditions over numbers, dates, enums and references, with field operands and missing values', async () => {
    await fc.assert(
      fc.asyncProperty(conditionArb, recordArb, async (raw, record) => {
        const problems: { pointer: string; message: string }[] = [];
        const node = parseConstraintCondition(raw, entity, '/x', { file: 'gen', out: problems as never });
        expect(problems).toEqual([]);
        const params: unknown[] = [];
        const [{ v }]: { v: boolean | null }[] = await runtime.dataSource.query(`SELECT ${conditionSql(node, entity, 'r')} AS v FROM ${rowSql(record, params)}`, params);
        expect(evaluateCondition(node, entity, record)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('computed expressions: the generated column and the in-memory value agree', () => {
  it('nights, amount and per_adult on generated records (nulls, negatives, division by zero, rounding)', async () => {
    const computed = entity.fields.filter((f) => f.computed);
    await fc.assert(
      fc.asyncProperty(recordArb, async (record) => {
        const params: unknown[] = [];
        const select = computed.map((f) => `(${expressionSql(f.computed!, entity, 'r')})::${typeSql(f)} AS "${f.name}"`).join(', ');
        const [row]: Record<string, string | number | null>[] = await runtime.dataSource.query(`SELECT ${select} FROM ${rowSql(record, params)}`, params);
        for (const f of computed) expect(evaluateComputed(f, record)).toBe(row[f.name] === null ? null : Number(row[f.name]));
      }),
      { numRuns: 200 },
    );
  });
});
