/**
 * Conditions checked against the entities they run on: every path resolves
 * (up to three hops, `$some` over a reverse reference), every value fits its
 * column, every placeholder can be compared with it. The same grammar serves
 * permission rules, dashboard cards and workflow `when`.
 */
import { isReadTime } from './constraint-conditions.js';
import type { ManifestProblem } from '../errors.js';
import { parseConditions, parsePlaceholder, type ConditionNode, type ConditionProblem } from './conditions.js';
import type { FieldType } from './manifest.types.js';
import { isUuid, type ResolvedEntity, type ResolvedField } from './model.js';
import { canonicalTime } from './validation.js';
import { lookupOf, resolvePath, type EntityLookup, type ResolvedPath } from './paths.js';

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
): void {
  const local: ConditionProblem[] = [];
  const tree = parseConditions(conditions, pointer, local);
  checkNode(tree, entity, lookupOf(entities), 0, local);
  for (const l of local) problems.push({ file, ...l });
}

function checkNode(node: ConditionNode, entity: ResolvedEntity, lookup: EntityLookup, hopsBefore: number, out: ConditionProblem[]): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((n) => checkNode(n, entity, lookup, hopsBefore, out));
      return;
    case 'not':
      checkNode(node.item, entity, lookup, hopsBefore, out);
      return;
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
      else checkNode(node.item, resolved.owner, lookup, hopsBefore + resolved.steps.length, out);
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
