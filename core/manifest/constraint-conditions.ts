/**
 * Constraint conditions: the condition language restricted to what a
 * PostgreSQL constraint can hold — the record's own fields, literals checked
 * against their field's type, `{ "$field": … }` operands, `$and $or $not`; no
 * reference paths, no placeholders, no text order (collations differ).
 */
import type { ManifestProblem } from '../errors.js';
import { COMPARISON_OPERATORS, type ComparisonOperator, type Scalar } from './conditions.js';
import type { ConstraintNode, ConstraintOperand, ExpressionNode } from './constraint-types.js';
import { isUuid, type ResolvedEntity, type ResolvedField } from './model.js';
import { canonicalTime } from './validation.js';

export type Problems = { file: string; out: ManifestProblem[] };

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Constraint names stay within PostgreSQL's 63 characters and are unique per table. */
export function constraintName(prefix: string, table: string, parts: string[]): string {
  const name = `${prefix}_${table}_${parts.join('_')}`;
  if (name.length <= 63) return name;
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return `${name.slice(0, 54)}_${(h >>> 0).toString(36).padStart(7, '0').slice(0, 8)}`;
}

type Kind = 'number' | 'date' | 'datetime' | 'time' | 'text' | 'boolean' | 'uuid';
const KIND: Partial<Record<ResolvedField['type'], Kind>> = {
  integer: 'number', decimal: 'number', money: 'number', date: 'date', datetime: 'datetime', time: 'time', boolean: 'boolean', reference: 'uuid',
  string: 'text', text: 'text', enum: 'text', email: 'text', phone: 'text', url: 'text',
};
/** The kind a field compares as in a constraint, or undefined (json, password: not comparable). */
export const kindOfField = (f: ResolvedField): Kind | undefined => KIND[f.type];
const ORDERED: Kind[] = ['number', 'date', 'datetime', 'time'];

/** The fields a constraint condition reads (for "which writes can change it"). */
export function constraintFields(node: ConstraintNode, out = new Set<string>()): Set<string> {
  if (node.kind === 'cmp') {
    out.add(node.field);
    for (const o of node.operands) if ('field' in o) out.add(o.field);
  } else if (node.kind === 'not') constraintFields(node.item, out);
  else node.items.forEach((n) => constraintFields(n, out));
  return out;
}

function literalFits(f: ResolvedField, v: Scalar): boolean {
  if (v === null) return true;
  switch (kindOfField(f)) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (f.type !== 'integer' || Number.isInteger(v));
    case 'boolean':
      return typeof v === 'boolean';
    case 'uuid':
      return isUuid(v);
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
    case 'datetime':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v));
    case 'time':
      // As written and stored (HH:MM, :SS only when not zero), so the in-memory comparison of strings is the SQL one.
      return typeof v === 'string' && canonicalTime(v) === v;
    case 'text':
      return typeof v === 'string' && !v.includes('${') && (!f.values || f.values.includes(v));
    default:
      return false;
  }
}

export function parseConstraintCondition(raw: unknown, entity: ResolvedEntity, pointer: string, p: Problems, depth = 0): ConstraintNode {
  const fail = (ptr: string, message: string): ConstraintNode => {
    p.out.push({ file: p.file, pointer: ptr, message });
    return { kind: 'and', items: [] };
  };
  if (depth > 20) return fail(pointer, 'the condition nests deeper than 20 levels');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(pointer, 'a condition is an object of field names and operators');
  const items: ConstraintNode[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const ptr = `${pointer}/${escapePointer(key)}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || !value.length) items.push(fail(ptr, `${key} takes a non-empty array of conditions`));
      else items.push({ kind: key === '$and' ? 'and' : 'or', items: value.map((v, i) => parseConstraintCondition(v, entity, `${ptr}/${i}`, p, depth + 1)) });
      continue;
    }
    if (key === '$not') {
      items.push({ kind: 'not', item: parseConstraintCondition(value, entity, ptr, p, depth + 1) });
      continue;
    }
    if (key.startsWith('$')) {
      items.push(fail(ptr, `unknown operator "${key}" (allowed: $and, $or, $not, or a field name)`));
      continue;
    }
    const field = entity.field.get(key);
    if (key.includes('.')) {
      items.push(fail(ptr, `"${key}" is a reference path: a constraint can only compare the record's own fields (the database checks it on one row)`));
      continue;
    }
    if (!field) {
      items.push(fail(ptr, `unknown field "${key}" in ${entity.name}`));
      continue;
    }
    if (isReadTime(field)) {
      items.push(fail(ptr, `"${key}" is computed at read time ($age): it changes with the day, and a constraint holds for every record at any time`));
      continue;
    }
    if (!kindOfField(field)) {
      items.push(fail(ptr, `a ${field.type} field cannot be compared in a constraint`));
      continue;
    }
    const ops: [string, unknown][] =
      isScalar(value) || isFieldRef(value) ? [['$eq', value]] : typeof value === 'object' && value && !Array.isArray(value) ? Object.entries(value) : [];
    if (!ops.length) {
      items.push(fail(ptr, 'a condition value is a literal, { "$field": "<name>" } or an operator object'));
      continue;
    }
    for (const [op, operand] of ops) {
      const opPtr = isScalar(value) || isFieldRef(value) ? ptr : `${ptr}/${escapePointer(op)}`;
      const node = parseComparison(field, op, operand, entity, opPtr, p);
      if (node) items.push(node);
    }
  }
  return items.length === 1 ? items[0] : { kind: 'and', items };
}

const isFieldRef = (v: unknown): v is { $field: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { $field?: unknown }).$field === 'string';

function parseComparison(field: ResolvedField, op: string, operand: unknown, entity: ResolvedEntity, ptr: string, p: Problems): ConstraintNode | undefined {
  const problem = (message: string): undefined => {
    p.out.push({ file: p.file, pointer: ptr, message });
    return undefined;
  };
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(op)) return problem(`unknown operator "${op}" (allowed: ${COMPARISON_OPERATORS.join(', ')})`);
  const kind = kindOfField(field)!;
  if (['$gt', '$gte', '$lt', '$lte'].includes(op) && !ORDERED.includes(kind)) {
    // Text order depends on the database's collation, which the in-memory check cannot repeat.
    return problem(`${op} compares numbers, dates and date-times; "${field.name}" is ${field.type}`);
  }
  const list = op === '$in' || op === '$nin';
  const raw = list ? operand : [operand];
  if (!Array.isArray(raw) || (list && !raw.length)) return problem(`${op} takes a non-empty array of values`);
  const operands: ConstraintOperand[] = [];
  for (const v of raw) {
    if (typeof v === 'string' && v.includes('${')) return problem(`placeholders such as ${v} change with the user or the day; a constraint holds for every record at any time`);
    if (isFieldRef(v)) {
      if (list) return problem(`${op} takes literal values; compare with a field through $eq`);
      const other = entity.field.get(v.$field);
      if (!other) return problem(`unknown field "${v.$field}" in ${entity.name}`);
      const otherKind = kindOfField(other);
      if (otherKind !== kind) return problem(`"${field.name}" (${field.type}) cannot be compared with "${other.name}" (${other.type})`);
      operands.push({ field: other.name });
    } else if (isScalar(v)) {
      if (v === null && op !== '$eq' && op !== '$ne') return problem(`${op} cannot compare with null; use $eq or $ne null`);
      if (!literalFits(field, v)) return problem(`${JSON.stringify(v)} cannot be compared with "${field.name}" (${field.type}${field.values ? `: one of ${field.values.join(', ')}` : ''})`);
      operands.push({ value: v });
    } else return problem('a value is a literal or { "$field": "<name>" }');
  }
  return { kind: 'cmp', field: field.name, op: op as ComparisonOperator, operands };
}

/**
 * Whether a computed field depends on today ($age): PostgreSQL refuses such an
 * expression in a generated column (it must be immutable), and a stored value
 * would go stale at midnight, so the field has no column and every read
 * computes it (core/data/query.ts fieldSql) from the same expression.
 */
export function isReadTime(f: ResolvedField): boolean {
  const volatile = (n: ExpressionNode): boolean => n.kind === 'age' || (n.kind === 'arith' && n.items.some(volatile));
  return f.computed !== undefined && volatile(f.computed);
}
