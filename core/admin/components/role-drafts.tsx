/**
 * The role builder's model (components/role-builder.tsx): stored JSON rules ↔ drafts the form edits.
 * A draft is one subject, its actions, an optional field list and conditions that all must hold
 * (`{ path: { $op: value } }`, or `{ toMany: { $some: { field: { $op: value } } } }`). A rule the
 * builder cannot show is kept as it is (`raw`). Values are typed by the field they test: numbers for
 * numeric fields, true/false for booleans, lists for $in/$nin; placeholders stay as written.
 * (A .tsx beside the builder so AdminJS's bundler resolves it as it resolves the components.)
 */

import type { RoleBuilderOptions } from '../roles/options.js';

export type Options = RoleBuilderOptions;

export interface Cond {
  /** A field path, or a to-many path when `inner` is used. */
  path: string;
  /** The related record's field, for a `$some` condition. */
  inner?: string;
  op: string;
  value: string;
}

export interface Draft {
  subject: string;
  actions: string[];
  /** null: every field. */
  fields: string[] | null;
  conds: Cond[];
  inverted?: boolean;
  reason?: string;
  /** A stored rule the builder cannot show, kept unchanged. */
  raw?: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const text = (v: unknown): string => (Array.isArray(v) ? v.map(text).join(', ') : v === null ? 'null' : String(v));

/** `{ path: value }` or `{ path: { $op: value, … } }` → rows; undefined when the shape is not one the builder shows. */
function condsOf(conditions: Json, allowSome: boolean): Cond[] | undefined {
  const out: Cond[] = [];
  for (const [path, value] of Object.entries(conditions)) {
    if (path.startsWith('$')) return undefined;
    if (isScalar(value)) {
      out.push({ path, op: '$eq', value: text(value) });
      continue;
    }
    if (!isObject(value)) return undefined;
    if ('$some' in value) {
      const inner = isObject(value.$some) && allowSome ? condsOf(value.$some, false) : undefined;
      if (!inner || inner.length !== 1 || Object.keys(value).length !== 1) return undefined;
      out.push({ path, inner: inner[0].path, op: inner[0].op, value: inner[0].value });
      continue;
    }
    for (const [op, v] of Object.entries(value)) {
      if (!op.startsWith('$') || !(isScalar(v) || (Array.isArray(v) && v.every(isScalar)))) return undefined;
      out.push({ path, op, value: text(v) });
    }
  }
  return out;
}

/** The stored rules as drafts, or null when the text is not a JSON list of rules. */
export function fromJson(source: string): Draft[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source || '[]');
  } catch {
    return null;
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) return null;
  return parsed.map((rule): Draft => {
    if (!isObject(rule) || typeof rule.subject !== 'string' || rule.subject === 'all') return { subject: '', actions: [], fields: null, conds: [], raw: rule };
    const actions = Array.isArray(rule.action) ? rule.action.map(String) : typeof rule.action === 'string' ? [rule.action] : [];
    const conds = rule.conditions === undefined ? [] : isObject(rule.conditions) ? condsOf(rule.conditions, true) : undefined;
    if (!conds) return { subject: '', actions: [], fields: null, conds: [], raw: rule };
    return {
      subject: rule.subject,
      actions,
      fields: Array.isArray(rule.fields) ? rule.fields.map(String) : null,
      conds,
      inverted: rule.inverted === true ? true : undefined,
      reason: typeof rule.reason === 'string' ? rule.reason : undefined,
    };
  });
}

/** A typed value for a field of `type`: what a manifest author would have written. */
function typed(value: string, type: string | undefined): unknown {
  const v = value.trim();
  if (v.startsWith('${')) return v;
  if (v === 'null') return null;
  if (type && ['integer', 'decimal', 'money'].includes(type) && v !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (type === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

/** Drafts → the JSON rules the role stores (the server validates them). */
export function toJson(drafts: Draft[], options: Options | null): unknown[] {
  return drafts.map((d) => {
    if (d.raw !== undefined) return d.raw;
    const entity = options?.entities.find((e) => e.key === d.subject);
    const rule: Json = { action: d.actions.length === 1 ? d.actions[0] : d.actions, subject: d.subject };
    if (d.fields !== null) rule.fields = d.fields;
    const conditions: Json = {};
    for (const c of d.conds) {
      if (!c.path) continue;
      const many = entity?.toMany.find((t) => t.path === c.path);
      const field = many ? many.fields.find((f) => f.path === c.inner) : entity?.conditionFields.find((f) => f.path === c.path);
      const list = c.op === '$in' || c.op === '$nin';
      const value = list ? c.value.split(',').map((x) => typed(x, field?.type)).filter((x) => x !== '') : typed(c.value, field?.type);
      const compare = c.op === '$eq' && !list ? value : { [c.op]: value };
      if (many) conditions[c.path] = { $some: { [c.inner ?? '']: compare } };
      else if (isObject(conditions[c.path]) && isObject(compare)) conditions[c.path] = { ...(conditions[c.path] as Json), ...compare };
      else conditions[c.path] = compare;
    }
    if (Object.keys(conditions).length) rule.conditions = conditions;
    if (d.inverted) rule.inverted = true;
    if (d.reason) rule.reason = d.reason;
    return rule;
  });
}
