/**
 * What a condition path walks through. `a.b.leaf` follows references `a` then
 * `b` (forward hops, to-one) and compares `leaf`; the path of a `$some` ends in
 * a reverse reference (to-many): the name a reference field declares with
 * `inverse` on the entity it points at. The loader, the SQL translator and the
 * in-memory loader resolve paths with this one function.
 */
import { MAX_HOPS } from './conditions.js';
import { SYSTEM_FIELDS, type ResolvedEntity, type ResolvedField } from './model.js';

export interface EntityLookup {
  entity(key: string): ResolvedEntity | undefined;
  readonly entities: readonly ResolvedEntity[];
}

/** One hop: along `field` of `from` (forward), or back along `field` of the child `to` (reverse). */
export type PathStep =
  | { kind: 'forward'; field: ResolvedField; from: ResolvedEntity; to: ResolvedEntity }
  | { kind: 'reverse'; field: ResolvedField; from: ResolvedEntity; to: ResolvedEntity };

export interface ResolvedPath {
  steps: PathStep[];
  /** The entity the last segment belongs to. */
  owner: ResolvedEntity;
  /** The compared field (`compare` paths): undefined for a system column such as `created_by`. */
  field?: ResolvedField;
  /** The last segment (`compare`: a field or system column; `some`: the reverse reference). */
  leaf: string;
}

const isSystem = (name: string): boolean => (SYSTEM_FIELDS as readonly string[]).includes(name);

/** The reference field that declares `name` as its inverse on `entity`. */
export function reverseReference(lookup: EntityLookup, entity: ResolvedEntity, name: string): { field: ResolvedField; child: ResolvedEntity } | undefined {
  for (const child of lookup.entities) {
    const field = child.fields.find((f) => f.type === 'reference' && f.target === entity.key && f.inverse === name);
    if (field) return { field, child };
  }
  return undefined;
}

/**
 * Resolves `path` on `entity`; `hopsBefore` counts the hops of enclosing
 * `$some`s. Returns a message naming the offending segment when the path is not
 * valid for `use`.
 */
export function resolvePath(lookup: EntityLookup, entity: ResolvedEntity, path: string, use: 'compare' | 'some', hopsBefore = 0): ResolvedPath | string {
  const segments = path.split('.');
  const steps: PathStep[] = [];
  let owner = entity;
  for (let i = 0; i < segments.length - 1; i++) {
    const name = segments[i];
    const field = owner.field.get(name);
    if (!field && !isSystem(name)) {
      return reverseReference(lookup, owner, name)
        ? `"${name}" is a reverse reference (to-many) on ${owner.key}: use { "${segments.slice(0, i + 1).join('.')}": { "$some": { … } } }`
        : `unknown field "${name}" on ${owner.key} (in "${path}")`;
    }
    if (field?.type !== 'reference' || !field.target) return `"${name}" on ${owner.key} is not a reference, so "${path}" cannot follow it`;
    const to = lookup.entity(field.target);
    if (!to) return `"${name}" on ${owner.key} points at an unknown entity`;
    steps.push({ kind: 'forward', field, from: owner, to });
    owner = to;
  }
  const leaf = segments[segments.length - 1];
  if (use === 'some') {
    const reverse = reverseReference(lookup, owner, leaf);
    if (!reverse) {
      const field = owner.field.get(leaf);
      return field?.type === 'reference' || isSystem(leaf) || field
        ? `$some needs a reverse reference (to-many), and "${leaf}" on ${owner.key} is ${field?.type === 'reference' ? 'a reference to one record: compare through it with "' + path + '.<field>"' : 'a field'}`
        : `unknown reverse reference "${leaf}" on ${owner.key} (a reference field pointing at ${owner.key} declares it with "inverse")`;
    }
    steps.push({ kind: 'reverse', field: reverse.field, from: owner, to: reverse.child });
  } else {
    const field = owner.field.get(leaf);
    if (!field && !isSystem(leaf)) {
      return reverseReference(lookup, owner, leaf)
        ? `"${leaf}" is a reverse reference (to-many) on ${owner.key}: use { "${path}": { "$some": { … } } }`
        : `unknown field "${leaf}" on ${owner.key}${segments.length > 1 ? ` (in "${path}")` : ''}`;
    }
    if (field?.type === 'password' || field?.type === 'json') return `conditions cannot compare ${field.type} field "${leaf}"`;
    if (hopsBefore + steps.length > MAX_HOPS) return `"${path}" takes ${hopsBefore + steps.length} reference hops${hopsBefore ? ' counting the enclosing $some' : ''}; conditions allow at most ${MAX_HOPS}`;
    return { steps, owner, field, leaf };
  }
  if (hopsBefore + steps.length > MAX_HOPS) return `"${path}" takes ${hopsBefore + steps.length} reference hops${hopsBefore ? ' counting the enclosing $some' : ''}; conditions allow at most ${MAX_HOPS}`;
  return { steps, owner: steps[steps.length - 1].to, leaf };
}

/** A Registry-like lookup over a plain map (the loader's entities). */
export function lookupOf(entities: ReadonlyMap<string, ResolvedEntity>): EntityLookup {
  return { entity: (key) => entities.get(key), entities: [...entities.values()] };
}

/** A `$related` join resolved: the joined entity and each pair of key columns (its field, this record's field). */
export interface ResolvedRelated {
  target: ResolvedEntity;
  pairs: { joined: string; own: string }[];
}

/** A key field of a join: a stored field or id (no password, json or computed-at-read-time value to join on). */
function joinColumn(entity: ResolvedEntity, name: string): { column: string; type: string } | undefined {
  if (name === 'id') return { column: 'id', type: 'reference' };
  const field = entity.field.get(name);
  if (!field || field.type === 'password' || field.type === 'json' || field.type === 'files') return undefined;
  return { column: field.column, type: field.type === 'file' ? 'reference' : field.type };
}

/**
 * The `$related` of a condition on `entity`: `name` is an entity of the same module (or `module.entity`),
 * `on` maps its fields to `entity`'s; both sides of a pair must hold the same kind of value (two
 * references to the same entity, two dates…). Returns a message naming what is wrong otherwise.
 */
export function resolveRelated(lookup: EntityLookup, entity: ResolvedEntity, name: string, on: Record<string, string>): ResolvedRelated | { problem: string; at: string } {
  const target = lookup.entity(name.includes('.') ? name : `${entity.module}.${name}`);
  if (!target) return { problem: `unknown entity "${name}"`, at: '/entity' };
  const pairs: ResolvedRelated['pairs'] = [];
  for (const [joined, own] of Object.entries(on)) {
    const a = joinColumn(target, joined);
    const b = joinColumn(entity, own);
    const at = `/on/${joined.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!a) return { problem: `"${joined}" is no field of ${target.key} that a join can match`, at };
    if (!b) return { problem: `"${own}" is no field of ${entity.key} that a join can match`, at };
    const targetOf = (e: ResolvedEntity, n: string) => (n === 'id' ? e.key : e.field.get(n)?.target);
    const sameKind = a.type === 'reference' || b.type === 'reference' ? a.type === b.type && targetOf(target, joined) === targetOf(entity, own) : a.type === b.type;
    if (!sameKind) return { problem: `${target.key}.${joined} (${a.type}) and ${entity.key}.${own} (${b.type}) do not hold the same kind of value`, at };
    pairs.push({ joined: a.column, own: b.column });
  }
  return { target, pairs };
}
