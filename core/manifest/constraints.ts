/**
 * Resolves and checks the booking primitives of each entity (checks,
 * noOverlap, capacity, uniqueWhen) and of fields (computed, sequence), after
 * references are linked. Constraint conditions are the condition language
 * restricted to what a PostgreSQL constraint can hold: the record's own
 * fields, literals and `{ "$field": … }` operands, no paths, no placeholders.
 */
import type { ManifestProblem } from '../errors.js';
import { COMPARISON_OPERATORS, type ComparisonOperator, type Scalar } from './conditions.js';
import type { ConstraintNode, ConstraintOperand, EntityConstraints, ExpressionNode } from './constraint-types.js';
import type { Entity, Field } from './manifest.types.js';
import { isUuid, type ResolvedEntity, type ResolvedField, type ResolvedModule } from './model.js';

type Problems = { file: string; out: ManifestProblem[] };

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

type Kind = 'number' | 'date' | 'datetime' | 'text' | 'boolean' | 'uuid';
const KIND: Partial<Record<ResolvedField['type'], Kind>> = {
  integer: 'number', decimal: 'number', money: 'number', date: 'date', datetime: 'datetime', boolean: 'boolean', reference: 'uuid',
  string: 'text', text: 'text', enum: 'text', email: 'text', phone: 'text', url: 'text',
};
/** The kind a field compares as in a constraint, or undefined (json, password: not comparable). */
export const kindOfField = (f: ResolvedField): Kind | undefined => KIND[f.type];
const ORDERED: Kind[] = ['number', 'date', 'datetime'];

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

function parseExpression(raw: unknown, entity: ResolvedEntity, pointer: string, p: Problems): ExpressionNode {
  const fail = (message: string): ExpressionNode => {
    p.out.push({ file: p.file, pointer, message });
    return { kind: 'number', value: 0 };
  };
  if (typeof raw === 'number') return { kind: 'number', value: raw };
  if (typeof raw === 'string') {
    const f = entity.field.get(raw);
    if (!f) return fail(`unknown field "${raw}" in ${entity.name}`);
    if (kindOfField(f) !== 'number') return fail(`"${raw}" is ${f.type}: arithmetic takes number fields (use $days for dates)`);
    if (f.computed) return fail(`"${raw}" is computed itself; PostgreSQL's generated columns cannot read one another`);
    return { kind: 'field', field: raw };
  }
  const [op, args] = Object.entries((raw ?? {}) as Record<string, unknown>)[0] ?? [];
  if (op === '$days') {
    const [from, to] = (args as string[]).map((n, i) => {
      const f = entity.field.get(n);
      if (!f || f.type !== 'date') p.out.push({ file: p.file, pointer: `${pointer}/$days/${i}`, message: f ? `"${n}" is ${f.type}: $days takes two date fields` : `unknown field "${n}" in ${entity.name}` });
      return n;
    });
    return { kind: 'days', from, to };
  }
  if (op === '$add' || op === '$sub' || op === '$mul' || op === '$div') {
    return { kind: 'arith', op, items: (args as unknown[]).map((a, i) => parseExpression(a, entity, `${pointer}/${op}/${i}`, p)) };
  }
  return fail(`unknown expression operator "${op}"`);
}

/** The fields an expression reads. */
export function expressionFields(node: ExpressionNode, out = new Set<string>()): Set<string> {
  if (node.kind === 'field') out.add(node.field);
  else if (node.kind === 'days') out.add(node.from).add(node.to);
  else if (node.kind === 'arith') node.items.forEach((n) => expressionFields(n, out));
  return out;
}

/**
 * When `when` reads only the overflow field, the overflow value must not take a
 * place (else a full parent would still be overfilled) and `promoteTo` must.
 */
function checkOverflow(when: ConstraintNode, overflow: { field: string; value: string; promoteTo: string }, pointer: string, p: Problems): void {
  const fields = constraintFields(when);
  if (fields.size !== 1 || !fields.has(overflow.field)) return;
  const holds = (node: ConstraintNode, value: string): boolean => {
    if (node.kind === 'not') return !holds(node.item, value);
    if (node.kind !== 'cmp') return node.kind === 'and' ? node.items.every((n) => holds(n, value)) : node.items.some((n) => holds(n, value));
    const literals = node.operands.map((o) => ('value' in o ? o.value : undefined));
    const found = literals.includes(value);
    return node.op === '$eq' || node.op === '$in' ? found : node.op === '$ne' || node.op === '$nin' ? !found : false;
  };
  if (holds(when, overflow.value)) p.out.push({ file: p.file, pointer: `${pointer}/value`, message: `"${overflow.value}" matches "when", so an overflow record would still take a place` });
  if (!holds(when, overflow.promoteTo)) p.out.push({ file: p.file, pointer: `${pointer}/promoteTo`, message: `"${overflow.promoteTo}" does not match "when", so a promoted record would not take the freed place` });
}

const RANGE_TYPES: ResolvedField['type'][] = ['date', 'datetime', 'integer', 'decimal', 'money'];

/** Pass 2 of the loader (after references are linked): every entity of `m` gets its `constraints`, fields their `computed`/`sequence`. */
export function resolveConstraints(m: ResolvedModule, entities: ReadonlyMap<string, ResolvedEntity>, problems: ManifestProblem[]): void {
  const p: Problems = { file: m.file, out: problems };
  m.manifest.entities.forEach((raw: Entity, ei) => {
    const entity = m.entities[ei];
    if (!entity) return;
    const at = (path: string): string => `${entity.pointer}${path}`;
    const problem = (pointer: string, message: string): void => void problems.push({ file: m.file, pointer, message });
    const fieldIn = (name: string, pointer: string, what = 'field'): ResolvedField | undefined => {
      const f = entity.field.get(name);
      if (!f) problem(pointer, `unknown ${what} "${name}" in ${entity.name}`);
      return f;
    };
    // Fields: computed ones are read-only; a sequence is a read-only text with its own unique constraint.
    raw.fields.forEach((rf: Field, fi) => {
      const f = entity.fields[fi];
      if (rf.computed !== undefined) {
        if (!['integer', 'decimal', 'money'].includes(f.type)) problem(at(`/fields/${fi}/type`), `a computed field is integer, decimal or money (got ${f.type})`);
        if (rf.default !== undefined || rf.required) problem(at(`/fields/${fi}`), 'a computed field takes no default and is never required: its value comes from the expression');
        f.readOnly = true;
        // Marked now, parsed below: an expression may not read another computed field, declared before or after it.
        f.computed = { kind: 'number', value: 0 };
      }
      if (rf.sequence) {
        if (f.type !== 'string') problem(at(`/fields/${fi}/type`), `a sequence field is a string (got ${f.type})`);
        if (rf.computed !== undefined) problem(at(`/fields/${fi}/sequence`), 'a field is either computed or a sequence');
        const scope = rf.sequence.scope;
        const scopeField = scope === undefined ? undefined : fieldIn(scope, at(`/fields/${fi}/sequence/scope`));
        if (scopeField && (scopeField.type !== 'reference' || !scopeField.required)) problem(at(`/fields/${fi}/sequence/scope`), `the scope "${scope}" must be a required reference field (it is ${scopeField.required ? '' : 'optional '}${scopeField.type})`);
        for (const token of rf.sequence.pattern.match(/\{[^}]*\}/g) ?? []) {
          const name = token.slice(1, -1);
          if (/^0+$/.test(name) || ['YYYY', 'YY', 'MM', 'DD'].includes(name)) continue;
          const sf = /^scope\.([a-z][a-z0-9_]*)$/.exec(name)?.[1];
          const target = scopeField?.target ? entities.get(scopeField.target) : undefined;
          if (!sf) problem(at(`/fields/${fi}/sequence/pattern`), `unknown token ${token} (known: {YYYY} {YY} {MM} {DD} {000…} {scope.<field>})`);
          else if (!scopeField) problem(at(`/fields/${fi}/sequence/pattern`), `${token} needs a "scope"`);
          else if (target && !target.field.has(sf)) problem(at(`/fields/${fi}/sequence/pattern`), `unknown field "${sf}" in ${target.name}`);
        }
        if ((rf.sequence.pattern.match(/\{0+\}/g) ?? []).length !== 1) problem(at(`/fields/${fi}/sequence/pattern`), 'a pattern has exactly one counter token such as {00000}');
        f.readOnly = true;
        f.sequence = {
          pattern: rf.sequence.pattern,
          scope,
          constraint: constraintName('UQS', entity.table, [f.column]),
        };
      }
    });
    raw.fields.forEach((rf: Field, fi) => {
      if (rf.computed !== undefined) entity.fields[fi].computed = parseExpression(rf.computed, entity, at(`/fields/${fi}/computed`), p);
    });
    const constraints: EntityConstraints = { checks: [], noOverlap: [], capacity: [], uniqueWhen: [] };
    (raw.checks ?? []).forEach((c, i) => {
      fieldIn(c.field, at(`/checks/${i}/field`));
      const rule = parseConstraintCondition(c.rule, entity, at(`/checks/${i}/rule`), p);
      constraints.checks.push({ constraint: constraintName('CHK', entity.table, [c.name ?? `${c.field}_${i}`]), field: c.field, rule, message: c.message ?? 'does not satisfy the rule' });
    });
    (raw.noOverlap ?? []).forEach((o, i) => {
      const ptr = at(`/noOverlap/${i}`);
      o.key.forEach((k, ki) => {
        const f = fieldIn(k, `${ptr}/key/${ki}`);
        if (f && !kindOfField(f)) problem(`${ptr}/key/${ki}`, `a ${f.type} field cannot be a key`);
      });
      const [start, end] = o.range.map((n, ri) => fieldIn(n, `${ptr}/range/${ri}`));
      if (start && !RANGE_TYPES.includes(start.type)) problem(`${ptr}/range/0`, `a range's ends are dates, date-times or numbers; "${start.name}" is ${start.type}`);
      else if (start && end && kindOfField(start) !== kindOfField(end)) problem(`${ptr}/range/1`, `both ends of a range have one type: "${start.name}" is ${start.type}, "${end.name}" is ${end.type}`);
      const when = o.when ? parseConstraintCondition(o.when, entity, `${ptr}/when`, p) : undefined;
      constraints.noOverlap.push({ constraint: constraintName('EXC', entity.table, [String(i), ...o.key]), key: o.key, range: [o.range[0], o.range[1]], bounds: o.bounds ?? '[)', when, message: o.message });
    });
    (raw.capacity ?? []).forEach((c, i) => {
      const ptr = at(`/capacity/${i}`);
      const parent = fieldIn(c.parent, `${ptr}/parent`);
      if (parent && parent.type !== 'reference') problem(`${ptr}/parent`, `the parent "${c.parent}" must be a reference field (it is ${parent.type})`);
      const parentEntity = parent?.type === 'reference' && parent.target ? entities.get(parent.target) : undefined;
      const limit = parentEntity?.field.get(c.limit);
      if (parentEntity && !limit) problem(`${ptr}/limit`, `unknown field "${c.limit}" in ${parentEntity.name}`);
      else if (limit && limit.type !== 'integer') problem(`${ptr}/limit`, `the limit "${c.limit}" must be an integer field of ${parentEntity!.name} (it is ${limit.type})`);
      const when = c.when ? parseConstraintCondition(c.when, entity, `${ptr}/when`, p) : undefined;
      if (c.overflow) {
        const of = fieldIn(c.overflow.field, `${ptr}/overflow/field`);
        if (of && of.type !== 'enum') problem(`${ptr}/overflow/field`, `the overflow field must be an enum (it is ${of.type})`);
        for (const key of ['value', 'promoteTo'] as const) {
          if (of?.values && !of.values.includes(c.overflow[key])) problem(`${ptr}/overflow/${key}`, `"${c.overflow[key]}" is not one of ${of.values.join(', ')}`);
        }
      }
      if (c.overflow && when) checkOverflow(when, c.overflow, `${ptr}/overflow`, p);
      constraints.capacity.push({ parent: c.parent, parentEntity: parentEntity?.key ?? '', limit: c.limit, when, overflow: c.overflow, message: c.message });
    });
    (raw.uniqueWhen ?? []).forEach((u, i) => {
      const ptr = at(`/uniqueWhen/${i}`);
      u.fields.forEach((n, k) => fieldIn(n, `${ptr}/fields/${k}`));
      const when = parseConstraintCondition(u.when, entity, `${ptr}/when`, p);
      constraints.uniqueWhen.push({ constraint: constraintName('UQW', entity.table, [u.name ?? `${i}_${u.fields.join('_')}`]), fields: u.fields, when, message: u.message });
    });
    entity.constraints = constraints;
  });
}
