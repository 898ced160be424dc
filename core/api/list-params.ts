/**
 * The query string of a list call, checked before anything reaches the data
 * layer: every unknown, unreadable or malformed parameter is a 400 naming it.
 *
 *   limit=50 (1–200)            cursor=<opaque>          sort=title | -title
 *   fields=title,author         include=author           filter[status]=active
 *   filter[copies][gte]=2       filter[category][in]=a,b filter[due_at][null]=true
 *   q=<text>                    (the search box: title and searchFields contain it)
 *
 * The cursor is the position after the previous page's last row, bound to the
 * sort it was made for and signed (HMAC), so a client cannot hand the database
 * a sort key it did not get from us.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { FieldFilter, FilterOp } from '../data/contract.js';
import type { KeysetPosition } from '../data/reader.js';
import { isSystemColumn, isUuid, type ResolvedEntity } from '../manifest/index.js';
import { badRequest } from './problem.js';
import { MAX_SEARCH_LENGTH, SEARCH_FIELD } from '../data/constraints/search-indexes.js';

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;
/** Operators a filter may use: the list operators plus lt/gt/ne. */
export const FILTER_OPS: readonly string[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'null'];

export interface ListParams {
  limit: number;
  sort?: { field: string; direction: 'asc' | 'desc' };
  filters: FieldFilter[];
  fields?: string[];
  include: string[];
  after?: KeysetPosition;
}

const KNOWN = new Set(['limit', 'cursor', 'sort', 'fields', 'include', 'filter', 'q']);

const single = (value: unknown, name: string): string => {
  if (typeof value !== 'string') throw badRequest(`The parameter "${name}" must be given once, as text.`, name);
  return value;
};

export class Cursors {
  /** A KeyObject made once: createHmac with raw bytes prepares the key again on every call (each list page signs one cursor). */
  private readonly key: KeyObject;

  constructor(key: Uint8Array) {
    this.key = createSecretKey(key);
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(`cursor:${body}`).digest();
  }

  encode(position: KeysetPosition, sortTag: string): string {
    const body = Buffer.from(JSON.stringify({ k: position.key, i: position.id, s: sortTag })).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  decode(cursor: string, sortTag: string): KeysetPosition {
    const bad = badRequest('The cursor is not one this list gave out (or it was made for another sort): start again without it.', 'cursor');
    const [body, sig, extra] = cursor.split('.');
    if (!body || !sig || extra !== undefined || cursor.length > 2000) throw bad;
    const expected = this.mac(body);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad;
    let parsed: { k?: unknown; i?: unknown; s?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw bad;
    }
    if (parsed.s !== sortTag || !isUuid(parsed.i) || (parsed.k !== null && typeof parsed.k !== 'string')) throw bad;
    return { key: parsed.k, id: parsed.i };
  }
}

/** What the cursor is bound to: the sort actually used. */
export const sortTag = (sort: ListParams['sort'], entity: ResolvedEntity): string => {
  const s = sort ?? entity.sort;
  // A reference sorts by its target's title (data/reader.ts): a cursor of the id order is not one of this order.
  return `${s.field}${entity.field.get(s.field)?.type === 'reference' ? '~title' : ''}:${s.direction}`;
};

function filterValue(op: FilterOp | 'null', raw: string, name: string): { op: FilterOp; value: unknown } {
  if (raw.length > 1000) throw badRequest(`The filter ${name} is too long.`, name);
  if (op === 'null') {
    if (raw !== 'true' && raw !== 'false') throw badRequest(`The filter ${name} takes true or false.`, name);
    return { op: raw === 'true' ? 'eq' : 'ne', value: null };
  }
  if (op === 'in') {
    const values = raw.split(',');
    if (values.length > 100) throw badRequest(`The filter ${name} takes at most 100 values.`, name);
    return { op, value: values };
  }
  return { op, value: raw };
}

/** `readable`: the fields the caller may read on some record (filters, sort, fields and include may name only those). */
export function parseListParams(query: Record<string, unknown>, entity: ResolvedEntity, readable: ReadonlySet<string>, cursors: Cursors): ListParams {
  for (const name of Object.keys(query)) if (!KNOWN.has(name)) throw badRequest(`Unknown parameter "${name}"; a list takes limit, cursor, sort, fields, include, q and filter[<field>].`, name);
  const usable = (name: string, use: 'filter' | 'sort'): boolean => isSystemColumn(name, use) || (readable.has(name) && entity.field.get(name)?.type !== 'password');

  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    const raw = single(query.limit, 'limit');
    if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}.`, 'limit');
    limit = Number(raw);
  }

  let sort: ListParams['sort'];
  if (query.sort !== undefined) {
    const raw = single(query.sort, 'sort');
    const desc = raw.startsWith('-');
    const field = desc ? raw.slice(1) : raw;
    if (!usable(field, 'sort') || entity.field.get(field)?.type === 'json') throw badRequest(`Cannot sort by "${field}": not a field of ${entity.label} you may read and sort by.`, 'sort');
    sort = { field, direction: desc ? 'desc' : 'asc' };
  }

  const filters: FieldFilter[] = [];
  if (query.filter !== undefined) {
    if (!query.filter || typeof query.filter !== 'object' || Array.isArray(query.filter)) throw badRequest('Filters are written filter[<field>]=<value> or filter[<field>][<op>]=<value>.', 'filter');
    for (const [field, spec] of Object.entries(query.filter as Record<string, unknown>)) {
      if (!usable(field, 'filter')) throw badRequest(`Cannot filter by "${field}": not a field of ${entity.label} you may read.`, `filter[${field}]`);
      const f = entity.field.get(field);
      if (f?.type === 'json') throw badRequest(`Cannot filter by "${field}": JSON fields are not filterable.`, `filter[${field}]`);
      const specs = typeof spec === 'string' ? { eq: spec } : spec;
      if (!specs || typeof specs !== 'object' || Array.isArray(specs)) throw badRequest(`The filter on "${field}" is malformed.`, `filter[${field}]`);
      for (const [op, raw] of Object.entries(specs as Record<string, unknown>)) {
        const name = `filter[${field}][${op}]`;
        if (!FILTER_OPS.includes(op)) throw badRequest(`Unknown filter operator "${op}"; use one of ${FILTER_OPS.join(', ')}.`, name);
        filters.push({ field, ...filterValue(op as FilterOp | 'null', single(raw, name), name) });
      }
    }
    if (filters.length > 50) throw badRequest('At most 50 filters.', 'filter');
  }

  if (query.q !== undefined) {
    const raw = single(query.q, 'q');
    if (raw.length > MAX_SEARCH_LENGTH) throw badRequest(`The search (q) is too long: at most ${MAX_SEARCH_LENGTH} characters.`, 'q');
    if (raw.includes('\u0000')) throw badRequest('The search (q) must be text without the NUL character.', 'q');
    if (!entity.searchFields.length) throw badRequest(`${entity.pluralLabel} have no text fields to search.`, 'q');
    if (raw.trim()) filters.push({ field: SEARCH_FIELD, op: 'contains', value: raw });
  }

  const list = (name: 'fields' | 'include'): string[] | undefined => {
    if (query[name] === undefined) return undefined;
    const items = single(query[name], name).split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length > 100) throw badRequest(`Too many names in ${name}.`, name);
    return items;
  };
  const fields = list('fields');
  for (const f of fields ?? []) if (!readable.has(f) && !isSystemColumn(f, 'select')) throw badRequest(`Unknown field "${f}" in fields.`, 'fields');
  const include = list('include') ?? [];
  for (const f of include) {
    if (!readable.has(f) || entity.field.get(f)?.type !== 'reference') throw badRequest(`Cannot include "${f}": not a reference field of ${entity.label} you may read.`, 'include');
  }

  const after = query.cursor !== undefined ? cursors.decode(single(query.cursor, 'cursor'), sortTag(sort, entity)) : undefined;
  return { limit, sort, filters, fields, include, after };
}
