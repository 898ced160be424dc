/**
 * Why a transition cannot be taken now, in words a person can act on. A
 * transition's `when` that the record does not match is named by the
 * manifest's `whenMessage`, or else by a sentence generated from the first
 * condition that fails, naming the field (through references: "the room's
 * housekeeping status") and what it needs ("must be Clean or Inspected").
 * Each top-level condition is decided on its own by the same SQL as the
 * whole (WorkflowPeople.whenHolds), so the sentence names one that really
 * fails. The admin shows it as the refusal's notice and the API as the
 * problem's detail; every module gets it from its manifest alone.
 */
import { isOrgSettingRef, ORG_SETTING_PREFIX, snakeToLabel, type Registry, type ResolvedEntity, type ResolvedField, type ResolvedTransition, type ResolvedWorkflow } from '../manifest/index.js';
import { enumLabels } from '../manifest/value-labels.js';
import { stateLabel } from './labels.js';

type Conditions = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A label inside a sentence: "Housekeeping status" → "housekeeping status"; "ID document number" stays. */
const inSentence = (label: string): string => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));

const orList = (items: string[]): string => (items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/** The refusal's sentence when the record's state is not one the transition leaves from. */
export function stateReason(entity: ResolvedEntity, wf: ResolvedWorkflow, t: ResolvedTransition, state: string): string {
  return `${t.label} is not possible: the ${entity.label.toLowerCase()} is ${stateLabel(wf, state)} (it needs ${t.from.map((s) => stateLabel(wf, s)).join(' or ')}).`;
}

/**
 * The refusal's sentence when the record does not match `when`; `holds`
 * decides one condition on the record (it is called for the top-level
 * conditions in order, until one fails).
 */
export async function whenReason(registry: Registry, entity: ResolvedEntity, t: ResolvedTransition, holds: (conditions: Conditions) => Promise<boolean>): Promise<string> {
  const because = t.whenMessage?.trim().replace(/\.$/, '') || (await firstFailing(registry, entity, t.when ?? {}, holds)) || `the ${entity.label.toLowerCase()} does not meet its conditions`;
  return `${t.label} is not possible: ${because}.`;
}

async function firstFailing(registry: Registry, entity: ResolvedEntity, when: Conditions, holds: (conditions: Conditions) => Promise<boolean>): Promise<string | undefined> {
  for (const [key, value] of Object.entries(when)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) {
        if (!isObject(part) || (await holds(part))) continue;
        return (await firstFailing(registry, entity, part, holds)) ?? describe(registry, entity, part);
      }
      continue;
    }
    if (await holds({ [key]: value })) continue;
    return describeOne(registry, entity, key, value);
  }
  return undefined;
}

/** Every condition of an object, joined: what an alternative of an `$or` asks for. */
function describe(registry: Registry, entity: ResolvedEntity, conditions: Conditions): string {
  return Object.entries(conditions).map(([k, v]) => describeOne(registry, entity, k, v)).join(' and ');
}

function describeOne(registry: Registry, entity: ResolvedEntity, key: string, value: unknown): string {
  if (key === '$or' && Array.isArray(value)) return `one of these must hold: ${value.filter(isObject).map((c) => describe(registry, entity, c)).join('; or ')}`;
  if (key === '$and' && Array.isArray(value)) return value.filter(isObject).map((c) => describe(registry, entity, c)).join(' and ');
  if (key === '$not' && isObject(value)) return `it must not be that ${describe(registry, entity, value)}`;
  if (key.startsWith(ORG_SETTING_PREFIX)) return `the organization's setting "${key.slice(ORG_SETTING_PREFIX.length)}" must be ${value === true ? 'on' : 'off'}`;
  const { words, field, owner } = pathWords(registry, entity, key);
  const shown = (v: unknown): string => valueWords(registry, owner, field, v);
  if (!isObject(value)) return Array.isArray(value) ? `${words} must be ${orList(value.map(shown))}` : equals(words, field, value, shown);
  const parts: string[] = [];
  for (const [op, v] of Object.entries(value)) {
    switch (op) {
      case '$eq':
        parts.push(equals(words, field, v, shown));
        break;
      case '$ne':
        parts.push(v === null ? `${words} must be ${field?.type === 'reference' ? 'assigned' : 'filled in'}` : `${words} must not be ${shown(v)}`);
        break;
      case '$in':
        parts.push(`${words} must be ${orList((Array.isArray(v) ? v : [v]).map(shown))}`);
        break;
      case '$nin':
        parts.push(`${words} must not be ${orList((Array.isArray(v) ? v : [v]).map(shown))}`);
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        parts.push(`${words} must be ${(isDate(field) ? DATE_ORDER : NUMBER_ORDER)[op]} ${shown(v)}`);
        break;
      case '$some':
        parts.push(isObject(v) ? `${words} must include one where ${describe(registry, registry.entity(relatedKey(registry, owner, key)) ?? entity, v)}` : `${words} must include one`);
        break;
      default:
        parts.push(`${words} does not meet its condition`);
    }
  }
  return parts.join(' and ');
}

const isDate = (f: ResolvedField | undefined): boolean => f?.type === 'date' || f?.type === 'datetime' || f?.type === 'time';
const NUMBER_ORDER: Record<string, string> = { $gt: 'more than', $gte: 'at least', $lt: 'less than', $lte: 'at most' };
const DATE_ORDER: Record<string, string> = { $gt: 'after', $gte: 'on or after', $lt: 'before', $lte: 'on or before' };

function equals(words: string, field: ResolvedField | undefined, v: unknown, shown: (v: unknown) => string): string {
  if (v === null) return `${words} must be empty`;
  if (field?.type === 'boolean') return v === true ? `${words} must be ticked` : `${words} must not be ticked`;
  return `${words} must be ${shown(v)}`;
}

/** "the room's housekeeping status", the field at the end of the path and the entity that holds it. */
function pathWords(registry: Registry, start: ResolvedEntity, path: string): { words: string; field?: ResolvedField; owner: ResolvedEntity } {
  const segments = path.split('.');
  let owner = start;
  const names: string[] = [];
  let field: ResolvedField | undefined;
  for (const [i, segment] of segments.entries()) {
    field = owner.field.get(segment);
    names.push(inSentence(field?.label ?? (segment === 'id' ? 'record' : snakeToLabel(segment))));
    if (i === segments.length - 1) break;
    const next = field?.type === 'reference' && field.target ? registry.entity(field.target) : undefined;
    if (!next) {
      // An inverse (the children of a parent) or an unknown hop: name the rest as written.
      names.push(...segments.slice(i + 1).map((s) => inSentence(snakeToLabel(s))));
      field = undefined;
      break;
    }
    owner = next;
  }
  const words = names.length === 1 ? `the ${names[0]}` : `the ${names.slice(0, -1).join("'s ")}'s ${names[names.length - 1]}`;
  return { words, field, owner };
}

/** The entity an inverse (`$some` over `children`) points at, by looking for the reference that declares it. */
function relatedKey(registry: Registry, owner: ResolvedEntity, path: string): string {
  const last = path.split('.').pop()!;
  for (const e of registry.entities) for (const f of e.fields) if (f.type === 'reference' && f.target === owner.key && f.inverse === last) return e.key;
  return owner.key;
}

function valueWords(registry: Registry, owner: ResolvedEntity, field: ResolvedField | undefined, v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string' && v.startsWith('${user')) return 'you';
  if (typeof v === 'string' && /^\$\{(now|today)/.test(v)) return v === '${today}' ? 'today' : v === '${now}' ? 'now' : v.slice(2, -1);
  if (field?.type === 'enum' && typeof v === 'string') return enumLabels(registry, owner, field).get(v)?.label ?? v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (isOrgSettingRef(v)) {
    const name = `the organization's setting "${String(v.$org).replace(/^settings\./, '')}"`;
    return v.times !== undefined && v.times !== 1 ? `${v.times} times ${name}` : name;
  }
  return String(v);
}
