/**
 * Constraint conditions and computed expressions evaluated in memory, with
 * exactly the semantics of their SQL (constraint-sql.ts): three-valued logic
 * (a comparison with a missing value is unknown), a CHECK holds unless false, a
 * `when` selects a record only when true; numbers rounded as PostgreSQL rounds
 * into the column (half away from zero). tests/constraint-parity.test.ts holds
 * the two together on generated records.
 */
import { timeSeconds } from '../../manifest/validation.js';
import type { ConstraintNode, ConstraintOperand, ExpressionNode, ResolvedEntity, ResolvedField, Scalar } from '../../manifest/index.js';

/** true, false, or null (unknown). */
export type Truth = boolean | null;

const missing = (v: unknown): boolean => v === null || v === undefined;

function comparable(f: ResolvedField, v: unknown): number | string | boolean {
  if (f.type === 'integer' || f.type === 'decimal' || f.type === 'money') return Number(v);
  if (f.type === 'datetime') return Date.parse(String(v));
  if (f.type === 'date') return String(v).slice(0, 10);
  // Seconds after midnight, as PostgreSQL orders time values (a value not valid yet never reaches a comparison: validation runs first).
  if (f.type === 'time') return timeSeconds(String(v)) ?? Number.NaN;
  if (f.type === 'reference') return String(v).toLowerCase();
  if (f.type === 'boolean') return Boolean(v);
  return String(v);
}

function operandValue(record: Record<string, unknown>, o: ConstraintOperand): unknown {
  return 'field' in o ? record[o.field] : o.value;
}

function compare(f: ResolvedField, op: string, left: unknown, right: unknown): Truth {
  if (missing(left) || missing(right)) return null;
  const a = comparable(f, left);
  const b = comparable(f, right);
  switch (op) {
    case '$eq':
      return a === b;
    case '$ne':
      return a !== b;
    case '$gt':
      return a > b;
    case '$gte':
      return a >= b;
    case '$lt':
      return a < b;
    default:
      return a <= b;
  }
}

const and = (xs: Truth[]): Truth => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or = (xs: Truth[]): Truth => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const not = (x: Truth): Truth => (x === null ? null : !x);

export function evaluateCondition(node: ConstraintNode, entity: ResolvedEntity, record: Record<string, unknown>): Truth {
  switch (node.kind) {
    case 'and':
      return and(node.items.map((n) => evaluateCondition(n, entity, record)));
    case 'or':
      return or(node.items.map((n) => evaluateCondition(n, entity, record)));
    case 'not':
      return not(evaluateCondition(node.item, entity, record));
    case 'cmp': {
      const f = entity.field.get(node.field)!;
      const value = record[node.field];
      if (node.op === '$in' || node.op === '$nin') {
        const found = or(node.operands.map((o) => compare(f, '$eq', value, operandValue(record, o))));
        return node.op === '$in' ? found : not(found);
      }
      const o = node.operands[0];
      if ('value' in o && o.value === null) return node.op === '$eq' ? missing(value) : !missing(value);
      return compare(f, node.op, value, operandValue(record, o));
    }
  }
}

/** A `when`: the record is selected only when the condition is true (absent: always). */
export const matchesWhen = (node: ConstraintNode | undefined, entity: ResolvedEntity, record: Record<string, unknown>): boolean =>
  node === undefined || evaluateCondition(node, entity, record) === true;

const DAY = 86_400_000;

/** An expression's value over a record's fields (null when a field it reads is missing or a division is by zero), before any rounding. */
export function evaluateRaw(node: ExpressionNode, record: Record<string, unknown>): number | null {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'field':
      return missing(record[node.field]) ? null : Number(record[node.field]);
    case 'days': {
      const [from, to] = [record[node.from], record[node.to]];
      if (missing(from) || missing(to)) return null;
      return Math.round((Date.parse(String(to).slice(0, 10)) - Date.parse(String(from).slice(0, 10))) / DAY);
    }
    case 'age':
      return missing(record[node.from]) ? null : ageOn(String(record[node.from]).slice(0, 10), new Date().toISOString().slice(0, 10));
    case 'arith': {
      const values = node.items.map((n) => evaluateRaw(n, record));
      if (values.some((v) => v === null)) return null;
      const [first, ...rest] = values as number[];
      if (node.op === '$div') return rest[0] === 0 ? null : first / rest[0];
      return rest.reduce((acc, v) => (node.op === '$add' ? acc + v : node.op === '$sub' ? acc - v : acc * v), first);
    }
  }
}

/**
 * Whole years from `born` to `today` (both YYYY-MM-DD), as PostgreSQL's
 * date_part('year', age(today, born)) counts them: the year is complete on the
 * same month and day (a 29 February birthday completes on 1 March in other years).
 */
export function ageOn(born: string, today: string): number {
  const [by, bm, bd] = born.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Rounds half away from zero, as numeric → integer/numeric(p, s) does; binary noise (299.96999…) is cut first. */
function roundLikePostgres(value: number, scale: number): number {
  const scaled = Number((Math.abs(value) * 10 ** scale).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / 10 ** scale;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** The value a computed field gets, as the generated column stores it. */
export function evaluateComputed(f: ResolvedField, record: Record<string, unknown>): number | null {
  const raw = evaluateRaw(f.computed!, record);
  if (raw === null || !Number.isFinite(raw)) return null;
  return roundLikePostgres(raw, f.type === 'integer' ? 0 : f.scale);
}

export type { Scalar };
