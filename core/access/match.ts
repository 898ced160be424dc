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
import { parseConditions, type ConditionNode, type ConditionProblem, type Scalar } from '../manifest/index.js';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T/;
const isNull = (v: unknown): boolean => v === null || v === undefined;

/**
 * Orders a stored value against a literal the way PostgreSQL does once the
 * literal (a bound parameter) is cast to the column's type; undefined when the
 * comparison is NULL (a NULL side) or impossible (a literal of another type).
 */
function order(value: unknown, literal: Scalar): number | undefined {
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
      const b = Date.parse(text);
      if (!Number.isNaN(a) && !Number.isNaN(b)) return Math.sign(a - b);
    }
    return value < text ? -1 : value > text ? 1 : 0;
  }
  return undefined;
}

const equals = (value: unknown, literal: Scalar): boolean => (literal === null ? isNull(value) : order(value, literal) === 0);

/** True when the condition holds for the object; NULL counts as "not true", as in a WHERE clause. */
export function matchCondition(node: ConditionNode, object: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => matchCondition(n, object));
    case 'or':
      return node.items.some((n) => matchCondition(n, object));
    case 'not':
      return !matchCondition(node.item, object);
    case 'compare': {
      const value = object[node.path];
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
          const c = order(value, node.value as Scalar);
          if (c === undefined) return false;
          return { $gt: c > 0, $gte: c >= 0, $lt: c < 0, $lte: c <= 0 }[node.op];
        }
      }
    }
  }
}

/** CASL's `conditionsMatcher` option: conditions arrive interpolated, with `ref.field` keys flattened. */
export function conditionsMatcher(conditions: unknown): MatchConditions {
  const problems: ConditionProblem[] = [];
  const node = parseConditions(conditions, '', problems, { interpolated: true });
  // Rules are validated when manifests load and when custom roles are saved; anything else is a bug.
  if (problems.length) throw new UmsError('INTERNAL', `A permission condition does not validate: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
  return ((object: Record<string, unknown>) => matchCondition(node, object)) as MatchConditions;
}
