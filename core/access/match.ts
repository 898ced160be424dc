/**
 * The in-memory side of a condition. CASL's default matcher knows neither
 * $and/$or/$not at the top level (it reads them as field names and never
 * matches) nor SQL's NULL rules (it finds `null < 5` true). So the ability is
 * given this matcher instead: it evaluates the same parsed tree the SQL
 * translator reads, with the translator's semantics, so that a single-record
 * check and a list query cannot disagree.
 */
import type { MatchConditions } from '@casl/ability';
import { UmsError } from '../errors.js';
import { DATE_ONLY, flatPath, parseConditions, serverTimeZone, startOfDay, type ConditionNode, type ConditionProblem, type Scalar } from '../manifest/index.js';

/**
 * The value of a path that runs through an empty reference. SQL's
 * `ref_id IN (SELECT …)` is not true whatever the comparison, so in memory
 * every comparison with it is false (and its `$not` true).
 */
export const MISSING: unique symbol = Symbol('no related record');

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T/;
const isNull = (v: unknown): boolean => v === null || v === undefined;

/**
 * Orders a stored value against a literal the way PostgreSQL does once the
 * literal (a bound parameter) is cast to the column's type; undefined when the
 * comparison is NULL (a NULL side) or impossible (a literal of another type).
 */
function order(value: unknown, literal: Scalar, timeZone: string): number | undefined {
  if (isNull(value) || literal === null) return undefined;
  if (typeof value === 'number') {
    const n = typeof literal === 'boolean' || literal === '' ? NaN : Number(literal);
    return Number.isNaN(n) ? undefined : Math.sign(value - n);
  }
  if (typeof value === 'boolean') {
    const b = literal === true || literal === 'true' ? true : literal === false || literal === 'false' ? false : undefined;
    return b === undefined ? undefined : Number(value) - Number(b);
  }
  if (typeof value === 'string') {
    const text = String(literal);
    if (ISO_DATETIME.test(value)) {
      const a = Date.parse(value);
      // A date against a timestamp: the start of that day in the organization's time zone, as the SQL translator binds it.
      const b = DATE_ONLY.test(text) ? startOfDay(text, timeZone).getTime() : Date.parse(text);
      if (!Number.isNaN(a) && !Number.isNaN(b)) return Math.sign(a - b);
    }
    // A timestamp against a date column: PostgreSQL reads the literal's date as written (`${now}` on a date field).
    const other = DATE_ONLY.test(value) && ISO_DATETIME.test(text) ? text.slice(0, 10) : text;
    return value < other ? -1 : value > other ? 1 : 0;
  }
  return undefined;
}

/**
 * True when the condition holds for the object; NULL counts as "not true", as
 * in a WHERE clause. The object carries each path's value under `ref__field`
 * keys and, for `$some`, the related records (each such an object itself), as
 * RecordService.subjectOf loads them.
 */
export function matchCondition(node: ConditionNode, object: Record<string, unknown>, timeZone = serverTimeZone()): boolean {
  const equals = (value: unknown, literal: Scalar): boolean => (literal === null ? isNull(value) : order(value, literal, timeZone) === 0);
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => matchCondition(n, object, timeZone));
    case 'or':
      return node.items.some((n) => matchCondition(n, object, timeZone));
    case 'not':
      return !matchCondition(node.item, object, timeZone);
    case 'related':
    case 'compareField':
      // Only dashboard cards may use them (checked at load), and cards are counted in SQL: failing closed here.
      throw new UmsError('INTERNAL', `${node.kind === 'related' ? '$related' : '{ "$field": … }'} cannot be decided on one record in memory (${node.pointer})`);
    case 'some': {
      const related = object[flatPath(node.path)];
      return Array.isArray(related) && related.some((r) => matchCondition(node.item, r as Record<string, unknown>, timeZone));
    }
    case 'compare': {
      const value = object[flatPath(node.path)];
      if (value === MISSING) return false;
      switch (node.op) {
        case '$eq':
          return equals(value, node.value as Scalar);
        case '$ne':
          return !equals(value, node.value as Scalar);
        case '$in':
          return (node.value as Scalar[]).some((v) => equals(value, v));
        case '$nin':
          return !(node.value as Scalar[]).some((v) => equals(value, v));
        default: {
          const c = order(value, node.value as Scalar, timeZone);
          if (c === undefined) return false;
          return { $gt: c > 0, $gte: c >= 0, $lt: c < 0, $lte: c <= 0 }[node.op];
        }
      }
    }
  }
}

/** CASL's `conditionsMatcher` option for one organization's time zone: conditions arrive interpolated, with `ref.field` keys flattened. */
export function conditionsMatcherFor(timeZone: string): (conditions: unknown) => MatchConditions {
  return (conditions) => {
    const problems: ConditionProblem[] = [];
    const node = parseConditions(conditions, '', problems, { interpolated: true });
    // Rules are validated when manifests load and when custom roles are saved; anything else is a bug.
    if (problems.length) throw new UmsError('INTERNAL', `A permission condition does not validate: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
    return ((object: Record<string, unknown>) => matchCondition(node, object, timeZone)) as MatchConditions;
  };
}
