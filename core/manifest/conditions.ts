/**
 * The condition grammar of permission rules and dashboard cards: a small,
 * allow-listed subset of CASL's MongoDB query language. Both the manifest
 * validator and the access compiler walk conditions with this one function, so
 * what validates is exactly what the SQL translator and CASL understand.
 */
import { addDays, addMonths, localDate, serverTimeZone, startOfMonth, startOfWeek } from './dates.js';

export const COMPARISON_OPERATORS = ['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
/** Placeholders without an offset; date ones also take one (`${today-7d}`, `${now+2h}`, `${startOfMonth-1m}`). */
export const PLACEHOLDERS = ['user.id', 'user.organizationId', 'user.email', 'now', 'today', 'tomorrow', 'yesterday', 'startOfWeek', 'startOfMonth'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
/** Most reference hops one condition path may take, `$some` included (`student.guardians` + `guardian.user` is three). */
export const MAX_HOPS = 3;

const USER_PLACEHOLDERS = ['user.id', 'user.organizationId', 'user.email'] as const;
const DATE_BASES = ['now', 'today', 'tomorrow', 'yesterday', 'startOfWeek', 'startOfMonth'] as const;
type DateBase = (typeof DATE_BASES)[number];
const DATE_PLACEHOLDER_RE = /^([A-Za-z]+)(?:([+-])(\d{1,4})([a-z]))?$/;

export type ParsedPlaceholder =
  | { kind: 'user'; name: (typeof USER_PLACEHOLDERS)[number] }
  | { kind: 'date'; base: DateBase; amount: number; unit: 'h' | 'd' | 'w' | 'm' };

/**
 * A placeholder name, or why it is not one. Units: `d` days, `w` weeks, `m`
 * calendar months (dates only), `h` hours (`now` only).
 */
export function parsePlaceholder(name: string): ParsedPlaceholder | string {
  if ((USER_PLACEHOLDERS as readonly string[]).includes(name)) return { kind: 'user', name: name as (typeof USER_PLACEHOLDERS)[number] };
  const match = DATE_PLACEHOLDER_RE.exec(name);
  const known = `known: \${user.id}, \${user.organizationId}, \${user.email}, ${DATE_BASES.map((b) => `\${${b}}`).join(', ')}, with an optional offset such as \${today-7d}`;
  if (!match || !(DATE_BASES as readonly string[]).includes(match[1])) return `unknown placeholder "\${${name}}" (${known})`;
  const base = match[1] as DateBase;
  if (match[2] === undefined) return { kind: 'date', base, amount: 0, unit: 'd' };
  const unit = match[4];
  const units = base === 'now' ? ['h', 'd', 'w'] : ['d', 'w', 'm'];
  if (!units.includes(unit)) return `unknown offset unit "${unit}" in "\${${name}}" (${base === 'now' ? '${now} takes h, d or w' : `\${${base}} takes d, w or m`})`;
  return { kind: 'date', base, amount: Number(match[3]) * (match[2] === '-' ? -1 : 1), unit: unit as 'h' | 'd' | 'w' | 'm' };
}

/** True when `name` (without `${…}`) is a placeholder this grammar knows. */
export const isPlaceholder = (name: string): boolean => typeof parsePlaceholder(name) !== 'string';

export type Scalar = string | number | boolean | null;

export type ConditionNode =
  | { kind: 'and'; items: ConditionNode[] }
  | { kind: 'or'; items: ConditionNode[] }
  | { kind: 'not'; item: ConditionNode }
  | { kind: 'compare'; path: string; op: ComparisonOperator; value: Scalar | Scalar[]; pointer: string }
  /** `path` ends in a reverse reference (to-many): true when some related record matches `item`. */
  | { kind: 'some'; path: string; item: ConditionNode; pointer: string }
  /**
   * `{ "<path>": { "$lt": { "$field": "level" } } }`: the path's value compared with another field of
   * the record the whole condition is about (the card's entity), not with a literal. Dashboard cards only.
   */
  | { kind: 'compareField'; path: string; op: FieldComparisonOperator; field: string; pointer: string }
  /**
   * `{ "$related": { "entity": "stock_balance", "on": { "item": "item", "warehouse": "warehouse" }, "where": { … } } }`:
   * true when some record of `entity` whose `on` fields (keys: its fields) equal this record's (values) matches
   * `where` — a join on key fields where no reference exists (a reorder rule and the balance of its item ×
   * warehouse). Dashboard cards only: the SQL side applies the viewer's read rules to the joined entity.
   */
  | { kind: 'related'; entity: string; on: Record<string, string>; item: ConditionNode; pointer: string };

/** What a `{ "$field": … }` operand may be compared with: an order or (in)equality, not a list. */
export const FIELD_COMPARISON_OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte'] as const;
export type FieldComparisonOperator = (typeof FIELD_COMPARISON_OPERATORS)[number];
/** The keys of a `$related` object. */
const RELATED_KEYS = new Set(['entity', 'on', 'where']);
const isFieldRef = (v: unknown): v is { $field: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, '$field');

export interface ConditionProblem {
  pointer: string;
  message: string;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const PLACEHOLDER_RE = /\$\{([^}]*)\}/g;

const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Placeholder names used in a value, e.g. `${user.id}` → `user.id`. */
export function placeholdersIn(value: string): string[] {
  return [...value.matchAll(PLACEHOLDER_RE)].map((m) => m[1]);
}

/** How deep $and, $or, $not and $some may nest: far beyond any real rule, short of exhausting a stack. */
export const MAX_CONDITION_DEPTH = 20;

/**
 * Parses a condition object into a tree. Problems (unknown operator, bad
 * value, unknown placeholder) are collected with JSON pointers relative to `base`.
 * `interpolated`: placeholders were already replaced, so values are data (an
 * e-mail address may contain `${`) and are not checked for placeholders.
 */
export function parseConditions(
  conditions: unknown,
  base: string,
  problems: ConditionProblem[],
  options: { interpolated?: boolean; depth?: number } = {},
): ConditionNode {
  // Rules nested thousands deep (a custom role is data an org admin types) would exhaust the stack later.
  const depth = (options.depth ?? 0) + 1;
  if (depth > MAX_CONDITION_DEPTH) {
    problems.push({ pointer: base, message: `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels ($and, $or, $not, $some)` });
    return { kind: 'and', items: [] };
  }
  options = { ...options, depth };
  const checkPlaceholders = options.interpolated ? () => undefined : checkPlaceholderNames;
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    problems.push({ pointer: base, message: 'conditions must be an object' });
    return { kind: 'and', items: [] };
  }
  const items: ConditionNode[] = [];
  for (const [key, value] of Object.entries(conditions)) {
    const pointer = `${base}/${escapePointer(key)}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        problems.push({ pointer, message: `${key} takes a non-empty array of conditions` });
        continue;
      }
      const children = value.map((v, i) => parseConditions(v, `${pointer}/${i}`, problems, options));
      items.push({ kind: key === '$and' ? 'and' : 'or', items: children });
    } else if (key === '$not') {
      items.push({ kind: 'not', item: parseConditions(value, pointer, problems, options) });
    } else if (key === '$related') {
      const related = parseRelated(value, pointer, problems, options);
      if (related) items.push(related);
    } else if (key.startsWith('$')) {
      problems.push({ pointer, message: `unknown operator "${key}" (allowed: $and, $or, $not, $related, ${COMPARISON_OPERATORS.join(', ')})` });
    } else if (isScalar(value)) {
      checkPlaceholders(value, pointer, problems);
      items.push({ kind: 'compare', path: key, op: '$eq', value, pointer });
    } else if (typeof value === 'object' && !Array.isArray(value) && '$some' in (value as object)) {
      const others = Object.keys(value as object).filter((k) => k !== '$some');
      if (others.length) problems.push({ pointer, message: `$some cannot be combined with other operators (${others.join(', ')}): use $and` });
      const inner = (value as Record<string, unknown>).$some;
      items.push({ kind: 'some', path: key, item: parseConditions(inner, `${pointer}/$some`, problems, options), pointer });
    } else if (isFieldRef(value)) {
      problems.push({ pointer, message: `compare with another field through an operator: { "${key}": { "$eq": { "$field": … } } }` });
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const ops = Object.entries(value as Record<string, unknown>);
      if (ops.length === 0) problems.push({ pointer, message: 'an operator object needs at least one operator' });
      for (const [op, operand] of ops) {
        const opPointer = `${pointer}/${escapePointer(op)}`;
        if (!(COMPARISON_OPERATORS as readonly string[]).includes(op)) {
          problems.push({ pointer: opPointer, message: `unknown operator "${op}" (allowed: ${COMPARISON_OPERATORS.join(', ')}, or $some on a reverse reference)` });
          continue;
        }
        if (isFieldRef(operand)) {
          const extra = Object.keys(operand).filter((k) => k !== '$field');
          if (typeof operand.$field !== 'string' || !/^[a-z][a-z0-9_]*$/.test(operand.$field) || extra.length) {
            problems.push({ pointer: opPointer, message: `{ "$field": … } names one field of the record the condition is about, such as { "$field": "level" }${extra.length ? ` (unknown key ${extra.map((k) => `"${k}"`).join(', ')})` : ''}` });
          } else if (!(FIELD_COMPARISON_OPERATORS as readonly string[]).includes(op)) {
            problems.push({ pointer: opPointer, message: `${op} takes a list of values, not { "$field": … } (use ${FIELD_COMPARISON_OPERATORS.join(', ')})` });
          } else items.push({ kind: 'compareField', path: key, op: op as FieldComparisonOperator, field: operand.$field, pointer: opPointer });
          continue;
        }
        const isList = op === '$in' || op === '$nin';
        if (isList ? !(Array.isArray(operand) && operand.every(isScalar)) : !isScalar(operand)) {
          problems.push({ pointer: opPointer, message: isList ? `${op} takes an array of values` : `${op} takes a single value` });
          continue;
        }
        for (const v of isList ? (operand as Scalar[]) : [operand as Scalar]) checkPlaceholders(v, opPointer, problems);
        items.push({ kind: 'compare', path: key, op: op as ComparisonOperator, value: operand as Scalar | Scalar[], pointer });
      }
    } else {
      problems.push({ pointer, message: 'a condition value must be a literal, a placeholder or an operator object' });
    }
  }
  return items.length === 1 ? items[0] : { kind: 'and', items };
}

/** `$related`'s object: an entity name, an `on` map of its fields to this record's, and an optional `where`. */
function parseRelated(value: unknown, pointer: string, problems: ConditionProblem[], options: { interpolated?: boolean; depth?: number }): ConditionNode | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ pointer, message: '$related takes { "entity": …, "on": { "<its field>": "<this record\'s field>" }, "where": { … } }' });
    return undefined;
  }
  const v = value as Record<string, unknown>;
  let ok = true;
  for (const k of Object.keys(v)) {
    if (!RELATED_KEYS.has(k)) {
      problems.push({ pointer: `${pointer}/${escapePointer(k)}`, message: `unknown key "${k}" in $related (allowed: entity, on, where)` });
      ok = false;
    }
  }
  if (typeof v.entity !== 'string' || !v.entity) {
    problems.push({ pointer: `${pointer}/entity`, message: '$related needs "entity": the entity whose records are joined' });
    ok = false;
  }
  const on = v.on;
  if (typeof on !== 'object' || on === null || Array.isArray(on) || !Object.keys(on).length || !Object.values(on).every((f) => typeof f === 'string')) {
    problems.push({ pointer: `${pointer}/on`, message: '$related needs "on": at least one pair { "<field of the joined entity>": "<field of this record>" }' });
    ok = false;
  }
  const item = v.where === undefined ? ({ kind: 'and', items: [] } as ConditionNode) : parseConditions(v.where, `${pointer}/where`, problems, options);
  return ok ? { kind: 'related', entity: v.entity as string, on: on as Record<string, string>, item, pointer } : undefined;
}

function checkPlaceholderNames(value: Scalar, pointer: string, problems: ConditionProblem[]): void {
  if (typeof value !== 'string') return;
  for (const name of placeholdersIn(value)) {
    const parsed = parsePlaceholder(name);
    if (typeof parsed === 'string') problems.push({ pointer, message: parsed });
  }
}

/** Every comparison in a condition tree, not inside `$some` (those are about another entity): the field path, where it is, and what it compares with. */
export function conditionPaths(
  node: ConditionNode,
  out: { path: string; pointer: string; op: ComparisonOperator; value: Scalar | Scalar[] }[] = [],
): { path: string; pointer: string; op: ComparisonOperator; value: Scalar | Scalar[] }[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((n) => conditionPaths(n, out));
      break;
    case 'not':
      conditionPaths(node.item, out);
      break;
    case 'compare':
      out.push({ path: node.path, pointer: node.pointer, op: node.op, value: node.value });
      break;
    case 'some':
    case 'related':
    case 'compareField':
      break;
  }
  return out;
}

/** Condition keys use `ref.field`; CASL would read that as a nested path, so they travel as `ref__field`. */
export const flatPath = (path: string): string => path.replaceAll('.', '__');

export interface PlaceholderValues {
  user: { id: string; organizationId: string; email: string };
  now: Date;
  /** The organization's IANA time zone for date placeholders; the server's when absent. */
  timeZone?: string;
}

/** A date placeholder's value: an ISO timestamp for `${now…}`, a `YYYY-MM-DD` date otherwise. */
export function datePlaceholderValue(p: ParsedPlaceholder & { kind: 'date' }, now: Date, timeZone: string): string {
  if (p.base === 'now') {
    const hours = p.unit === 'h' ? p.amount : p.unit === 'd' ? p.amount * 24 : p.amount * 24 * 7;
    return new Date(now.getTime() + hours * 3_600_000).toISOString();
  }
  const today = localDate(now, timeZone);
  const base = { today, tomorrow: addDays(today, 1), yesterday: addDays(today, -1), startOfWeek: startOfWeek(today), startOfMonth: startOfMonth(today) }[p.base];
  if (p.unit === 'm') return addMonths(base, p.amount);
  return addDays(base, p.unit === 'w' ? p.amount * 7 : p.amount);
}

/**
 * Replaces placeholders in a raw condition object (before it reaches CASL, which
 * does not interpolate). A value that is exactly one placeholder keeps its type.
 */
export function interpolateConditions<T>(conditions: T, values: PlaceholderValues): T {
  const timeZone = values.timeZone ?? serverTimeZone();
  const lookup = (name: string): string => {
    const p = parsePlaceholder(name);
    // Fail closed: validated manifests never get here, but an unknown name must not match anything.
    if (typeof p === 'string') throw new Error(p);
    if (p.kind === 'date') return datePlaceholderValue(p, values.now, timeZone);
    return { 'user.id': values.user.id, 'user.organizationId': values.user.organizationId, 'user.email': values.user.email }[p.name];
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('${') ? v.replace(PLACEHOLDER_RE, (_m, name: string) => lookup(name)) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(conditions) as T;
}
