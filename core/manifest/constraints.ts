/**
 * Resolves and checks the booking primitives of each entity (checks,
 * noOverlap, capacity, uniqueWhen) and of fields (computed, sequence), after
 * references are linked. Their conditions are parsed by constraint-conditions.ts.
 */
import type { ManifestProblem } from '../errors.js';
import { constraintFields, constraintName, isReadTime, kindOfField, parseConstraintCondition, type Problems } from './constraint-conditions.js';
import { DEFAULT_CHECK_MESSAGE, type ConstraintNode, type EntityConstraints, type ExpressionNode, type ResolvedCapacity } from './constraint-types.js';
import type { Entity, Field } from './manifest.types.js';
import type { ResolvedEntity, ResolvedField, ResolvedModule } from './model.js';

export { constraintFields, constraintName, isReadTime, kindOfField, parseConstraintCondition } from './constraint-conditions.js';
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
  if (op === '$age') {
    const f = typeof args === 'string' ? entity.field.get(args) : undefined;
    if (!f || f.type !== 'date') return fail(f ? `"${String(args)}" is ${f.type}: $age takes a date field` : `unknown field "${String(args)}" in ${entity.name}`);
    return { kind: 'age', from: String(args) };
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
  else if (node.kind === 'age') out.add(node.from);
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

type RawLimitCount = { count: string; by: string; when?: unknown };

/** `limit: { count, by, when }`: the parent's places are the records of `count` whose `by` points at it. */
function resolveLimitCount(raw: RawLimitCount, moduleId: string, parent: ResolvedEntity | undefined, entities: ReadonlyMap<string, ResolvedEntity>, pointer: string, p: Problems): ResolvedCapacity['limitCount'] {
  const problem = (at: string, message: string): undefined => void p.out.push({ file: p.file, pointer: at, message });
  const counted = entities.get(raw.count.includes('.') ? raw.count : `${moduleId}.${raw.count}`);
  if (!counted) return problem(`${pointer}/count`, `unknown entity "${raw.count}"`);
  const by = counted.field.get(raw.by);
  if (!by) return problem(`${pointer}/by`, `unknown field "${raw.by}" in ${counted.name}`);
  if (parent && (by.type !== 'reference' || by.target !== parent.key)) return problem(`${pointer}/by`, `"${raw.by}" of ${counted.name} must be a reference to ${parent.name} (the parent)`);
  const when = raw.when === undefined ? undefined : parseConstraintCondition(raw.when, counted, `${pointer}/when`, p);
  return { entity: counted.key, by: raw.by, when };
}

const RANGE_TYPES: ResolvedField['type'][] = ['date', 'datetime', 'integer', 'decimal', 'money'];
/** A time of day may bound a noOverlap (a weekly slot), not a capacity range, whose points are days and instants. */
const OVERLAP_RANGE_TYPES: ResolvedField['type'][] = [...RANGE_TYPES, 'time'];

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
      else if (isReadTime(f)) problem(pointer, `"${name}" is computed at read time ($age): it has no column a constraint could hold`);
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
      constraints.checks.push({ constraint: constraintName('CHK', entity.table, [c.name ?? `${c.field}_${i}`]), field: c.field, rule, message: c.message ?? DEFAULT_CHECK_MESSAGE });
    });
    (raw.noOverlap ?? []).forEach((o, i) => {
      const ptr = at(`/noOverlap/${i}`);
      o.key.forEach((k, ki) => {
        const f = fieldIn(k, `${ptr}/key/${ki}`);
        if (f && !kindOfField(f)) problem(`${ptr}/key/${ki}`, `a ${f.type} field cannot be a key`);
      });
      const [start, end] = o.range.map((n, ri) => fieldIn(n, `${ptr}/range/${ri}`));
      if (start && !OVERLAP_RANGE_TYPES.includes(start.type)) problem(`${ptr}/range/0`, `a range's ends are dates, date-times, times or numbers; "${start.name}" is ${start.type}`);
      else if (start && end && kindOfField(start) !== kindOfField(end)) problem(`${ptr}/range/1`, `both ends of a range have one type: "${start.name}" is ${start.type}, "${end.name}" is ${end.type}`);
      const when = o.when ? parseConstraintCondition(o.when, entity, `${ptr}/when`, p) : undefined;
      constraints.noOverlap.push({ constraint: constraintName('EXC', entity.table, [String(i), ...o.key]), key: o.key, range: [o.range[0], o.range[1]], bounds: o.bounds ?? '[)', when, message: o.message });
    });
    (raw.capacity ?? []).forEach((c, i) => {
      const ptr = at(`/capacity/${i}`);
      const parent = fieldIn(c.parent, `${ptr}/parent`);
      if (parent && parent.type !== 'reference') problem(`${ptr}/parent`, `the parent "${c.parent}" must be a reference field (it is ${parent.type})`);
      const parentEntity = parent?.type === 'reference' && parent.target ? entities.get(parent.target) : undefined;
      const limitName = typeof c.limit === 'string' ? c.limit : undefined;
      const limit = limitName === undefined ? undefined : parentEntity?.field.get(limitName);
      if (parentEntity && limitName !== undefined && !limit) problem(`${ptr}/limit`, `unknown field "${limitName}" in ${parentEntity.name}`);
      else if (limit && limit.type !== 'integer') problem(`${ptr}/limit`, `the limit "${limitName}" must be an integer field of ${parentEntity!.name} (it is ${limit.type})`);
      const limitCount = typeof c.limit === 'object' ? resolveLimitCount(c.limit, m.id, parentEntity, entities, `${ptr}/limit`, p) : undefined;
      const when = c.when ? parseConstraintCondition(c.when, entity, `${ptr}/when`, p) : undefined;
      if (c.overflow) {
        const of = fieldIn(c.overflow.field, `${ptr}/overflow/field`);
        if (of && of.type !== 'enum') problem(`${ptr}/overflow/field`, `the overflow field must be an enum (it is ${of.type})`);
        for (const key of ['value', 'promoteTo'] as const) {
          if (of?.values && !of.values.includes(c.overflow[key])) problem(`${ptr}/overflow/${key}`, `"${c.overflow[key]}" is not one of ${of.values.join(', ')}`);
        }
      }
      if (c.overflow && when) checkOverflow(when, c.overflow, `${ptr}/overflow`, p);
      let range: { fields: [string, string]; bounds: '[)' | '[]' } | undefined;
      if (c.range) {
        const [start, end] = c.range.map((n, ri) => fieldIn(n, `${ptr}/range/${ri}`));
        if (start && !RANGE_TYPES.includes(start.type)) problem(`${ptr}/range/0`, `a range's ends are dates, date-times or numbers; "${start.name}" is ${start.type}`);
        else if (start && end && kindOfField(start) !== kindOfField(end)) problem(`${ptr}/range/1`, `both ends of a range have one type: "${start.name}" is ${start.type}, "${end.name}" is ${end.type}`);
        // Who is promoted when a night frees depends on which nights they need: no waitlist over ranges yet.
        if (c.overflow) problem(`${ptr}/overflow`, 'a capacity over a range refuses when a point is full; an overflow (waitlist) needs a capacity without "range"');
        range = { fields: [c.range[0], c.range[1]], bounds: c.bounds ?? '[)' };
      } else if (c.bounds) problem(`${ptr}/bounds`, '"bounds" belongs to a "range"');
      constraints.capacity.push({ parent: c.parent, parentEntity: parentEntity?.key ?? '', limit: limitName, limitCount, range, when, overflow: c.overflow, message: c.message });
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
