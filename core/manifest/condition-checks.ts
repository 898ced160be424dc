/**
 * Conditions checked against the entities they run on: every path resolves
 * (up to three hops, `$some` over a reverse reference), every value fits its
 * column, every placeholder can be compared with it. The same grammar serves
 * permission rules, dashboard cards and workflow `when`.
 */
import { isReadTime } from './constraint-conditions.js';
import type { ManifestProblem } from '../errors.js';
import { MAX_HOPS, parseConditions, parsePlaceholder, type ConditionNode, type ConditionProblem } from './conditions.js';
import type { FieldType } from './manifest.types.js';
import { isUuid, type ResolvedEntity, type ResolvedField } from './model.js';
import { canonicalTime } from './validation.js';
import { lookupOf, resolvePath, resolveRelated, type EntityLookup, type ResolvedPath } from './paths.js';

/**
 * Checks a condition's grammar and that every path names a field: forward
 * hops through references, `$some` on reverse references, three hops at most.
 */
export function checkConditions(
  conditions: Record<string, unknown>,
  entity: ResolvedEntity,
  entities: ReadonlyMap<string, ResolvedEntity>,
  file: string,
  pointer: string,
  problems: ManifestProblem[],
  options: { joins?: boolean; fieldOperands?: boolean } = {},
): void {
  const local: ConditionProblem[] = [];
  const tree = parseConditions(conditions, pointer, local);
  checkNode(tree, { root: entity, lookup: lookupOf(entities), joins: options.joins === true, fieldOperands: options.joins === true || options.fieldOperands === true }, entity, 0, local);
  for (const l of local) problems.push({ file, ...l });
}

/**
 * `root`: the record the whole condition is about (what `{ "$field": … }` names a field of).
 * `joins`: whether `$related` and `$field` may appear — dashboard cards, whose SQL applies the
 * viewer's read rules to the joined entity; `fieldOperands`: `$field` alone — guards, decided in
 * SQL on the stored row. A permission rule or a workflow `when` is also decided in memory on one
 * record, where neither exists: refused there, never ignored.
 */
interface CheckScope {
  root: ResolvedEntity;
  lookup: EntityLookup;
  joins: boolean;
  /** `{ "$field": … }` alone: a guard, decided in SQL on the stored row only (no viewer, so no `$related`). */
  fieldOperands: boolean;
}

const JOINS_ONLY_IN_CARDS = 'is allowed in dashboard card conditions only (a rule, a workflow condition or a check is also decided on one record in memory, without the joined records)';

function checkNode(node: ConditionNode, scope: CheckScope, entity: ResolvedEntity, hopsBefore: number, out: ConditionProblem[]): void {
  const { lookup } = scope;
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((n) => checkNode(n, scope, entity, hopsBefore, out));
      return;
    case 'not':
      checkNode(node.item, scope, entity, hopsBefore, out);
      return;
    case 'related': {
      if (!scope.joins) return void out.push({ pointer: node.pointer, message: `$related ${JOINS_ONLY_IN_CARDS}` });
      const related = resolveRelated(lookup, entity, node.entity, node.on);
      if ('problem' in related) return void out.push({ pointer: `${node.pointer}${related.at}`, message: related.problem });
      // A join is a hop: it counts towards the three a condition may take.
      if (hopsBefore + 1 > MAX_HOPS) return void out.push({ pointer: node.pointer, message: `$related takes a hop beyond the ${MAX_HOPS} a condition allows` });
      checkNode(node.item, scope, related.target, hopsBefore + 1, out);
      return;
    }
    case 'compareField': {
      if (!scope.fieldOperands) return void out.push({ pointer: node.pointer, message: `{ "$field": … } is allowed in dashboard card and guard conditions only (a rule, a workflow condition or a check is also decided on one record in memory)` });
      const resolved = resolvePath(lookup, entity, node.path, 'compare', hopsBefore);
      if (typeof resolved === 'string') return void out.push({ pointer: node.pointer, message: resolved });
      const other = scope.root.field.get(node.field);
      const otherKind = other ? kindOf(other) : SYSTEM_KINDS[node.field];
      if (!otherKind) return void out.push({ pointer: node.pointer, message: `unknown field "${node.field}" on ${scope.root.key} (a { "$field": … } names a field of the record the condition is about)` });
      if (other && isReadTime(other)) return void out.push({ pointer: node.pointer, message: `"${node.field}" is computed at read time ($age): it cannot be compared in SQL` });
      const kind = resolved.field ? kindOf(resolved.field) : SYSTEM_KINDS[resolved.leaf];
      const comparable = (k: ValueKind | undefined) => (k === 'integer' ? 'number' : k === 'datetime' ? 'date' : k);
      if (comparable(kind) !== comparable(otherKind)) out.push({ pointer: node.pointer, message: `"${node.path}" (${resolved.field?.type ?? kind}) cannot be compared with ${scope.root.key}.${node.field} (${other?.type ?? otherKind})` });
      else if (kind === 'uuid' && node.op !== '$eq' && node.op !== '$ne') out.push({ pointer: node.pointer, message: `record ids are compared with $eq or $ne, not ${node.op}` });
      return;
    }
    case 'compare': {
      const resolved = resolvePath(lookup, entity, node.path, 'compare', hopsBefore);
      const message =
        typeof resolved === 'string'
          ? resolved
          : resolved.field && isReadTime(resolved.field)
            ? `"${node.path}" is computed at read time ($age): a permission condition cannot test it (filter a list by it instead)`
            : checkLiterals(node.path, node.value, resolved);
      if (message) out.push({ pointer: node.pointer, message });
      return;
    }
    case 'some': {
      const resolved = resolvePath(lookup, entity, node.path, 'some', hopsBefore);
      if (typeof resolved === 'string') out.push({ pointer: node.pointer, message: resolved });
      else checkNode(node.item, scope, resolved.owner, hopsBefore + resolved.steps.length, out);
    }
  }
}

type ValueKind = 'uuid' | 'number' | 'integer' | 'boolean' | 'text' | 'date' | 'datetime' | 'time';

const SYSTEM_KINDS: Record<string, ValueKind> = {
  id: 'uuid', organization_id: 'uuid', created_by: 'uuid', updated_by: 'uuid', created_at: 'datetime', updated_at: 'datetime', version: 'integer',
};

/** What a condition may compare each field type with. */
const VALUE_KINDS: Record<FieldType, ValueKind> = {
  reference: 'uuid', integer: 'integer', decimal: 'number', money: 'number', boolean: 'boolean', date: 'date', datetime: 'datetime', time: 'time',
  string: 'text', text: 'text', enum: 'text', email: 'text', phone: 'text', url: 'text', json: 'text', password: 'text', file: 'uuid', files: 'text',
};

const kindOf = (f: ResolvedField): ValueKind => VALUE_KINDS[f.type];

/** The kinds of column a value that is exactly one placeholder may be compared with. */
function placeholderKinds(value: string): ValueKind[] | undefined {
  const m = /^\$\{([^}]*)\}$/.exec(value);
  const p = m ? parsePlaceholder(m[1]) : undefined;
  if (!p || typeof p === 'string') return undefined;
  if (p.kind === 'user') return p.name === 'user.email' ? ['text'] : ['uuid', 'text'];
  return ['datetime', 'date', 'text'];
}

/** A literal the column cannot hold would make the list query fail at run time: refuse it at load. */
function checkLiterals(path: string, value: unknown, resolved: ResolvedPath): string | undefined {
  const field = resolved.field;
  const kind = field ? kindOf(field) : SYSTEM_KINDS[resolved.leaf];
  if (!kind) return undefined;
  for (const v of Array.isArray(value) ? value : [value]) {
    if (v === null) continue;
    if (typeof v === 'string' && v.includes('${')) {
      // Unknown placeholders are reported by the grammar check; a known one must fit the column.
      const kinds = placeholderKinds(v);
      if (kinds && !kinds.includes(kind)) return `${v} cannot be compared with "${path}" (${field?.type ?? kind})`;
      continue;
    }
    const ok = {
      uuid: isUuid(v),
      integer: Number.isInteger(v),
      number: typeof v === 'number',
      boolean: typeof v === 'boolean',
      text: typeof v === 'string' && (!field?.values || field.values.includes(v)),
      date: typeof v === 'string' && !Number.isNaN(Date.parse(v)),
      datetime: typeof v === 'string' && !Number.isNaN(Date.parse(v)),
      time: typeof v === 'string' && canonicalTime(v) === v,
    }[kind];
    if (!ok) {
      const expected = field?.values ? `one of ${field.values.join(', ')}` : { uuid: 'a record id', integer: 'a whole number', number: 'a number', boolean: 'true or false', text: 'a string', date: 'a date', datetime: 'a date and time', time: 'a time of day as HH:MM (HH:MM:SS when the seconds are not 0)' }[kind];
      // A value renamed in this manifest (valuesRenamedFrom) is named with its new name: the condition was written before the rename.
      const renamedTo = Object.entries(field?.valuesRenamedFrom ?? {}).find(([, old]) => old === v)?.[0];
      return `${JSON.stringify(v)} cannot be compared with "${path}": expected ${expected}${renamedTo ? ` ("${String(v)}" was renamed to "${renamedTo}")` : ''}`;
    }
  }
  return undefined;
}
