/**
 * SQL pieces shared by every read: the column list an actor may see, the
 * WHERE that always starts with the tenant, and row → record normalisation.
 */
import { SqlParams } from '../access/sql.js';
import { UmsError } from '../errors.js';
import { columnOf, isReadTime, isSystemColumn, SYSTEM_COLUMNS, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { expressionSql } from './constraints/constraint-sql.js';
import { canonicalTime, isDateTimeText } from '../manifest/validation.js';
import { SEARCH_FIELD, searchSql } from './constraints/search-indexes.js';
import type { FieldFilter, ListQuery, RecordData } from './contract.js';

export type { RecordData, FilterOp, FieldFilter, ListQuery } from './contract.js';

const q = (name: string): string => `"${name}"`;

/** A field's value in SQL: its column, or for a field computed at read time ($age) its expression. */
export const fieldSql = (entity: ResolvedEntity, f: ResolvedField, alias = 'r'): string =>
  isReadTime(f) ? expressionSql(f.computed!, entity, alias) : `${alias}.${q(columnOf(f))}`;

export function selectList(entity: ResolvedEntity, fields: readonly string[], alias = 'r'): string {
  const cols = SYSTEM_COLUMNS.select.map((c) => `${alias}.${q(c)}`);
  for (const name of fields) {
    const f = entity.field.get(name);
    if (!f || f.type === 'password') continue;
    cols.push(`${fieldSql(entity, f, alias)} AS ${q(f.name)}`);
  }
  return cols.join(', ');
}

/**
 * selectList for a field list that lives as long as its Access (`fieldsOf(entity).select`, cached
 * per principal): the same text every time, so it is built once per (list, entity, alias) instead of
 * once per request. Keyed weakly by the list: a principal's cache entry going away takes its texts.
 */
const selectTexts = new WeakMap<readonly string[], Map<string, { entity: ResolvedEntity; text: string }>>();
export function cachedSelectList(entity: ResolvedEntity, fields: readonly string[], alias = 'r'): string {
  let byEntity = selectTexts.get(fields);
  if (!byEntity) selectTexts.set(fields, (byEntity = new Map()));
  const key = `${entity.key} ${alias}`;
  const hit = byEntity.get(key);
  // The entity object is compared too: a manifest reload makes new ones, whose columns may differ.
  if (hit?.entity === entity) return hit.text;
  const text = selectList(entity, fields, alias);
  byEntity.set(key, { entity, text });
  return text;
}

export function normaliseValue(f: ResolvedField | undefined, v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (f && (f.type === 'decimal' || f.type === 'money') && typeof v === 'string') return Number(v);
  return v;
}

/** Fields whose driver value (numeric, as text) becomes a number: decimal and money. Once per entity object. */
const numericFields = new WeakMap<ResolvedEntity, ReadonlySet<string>>();
function numericFieldsOf(entity: ResolvedEntity): ReadonlySet<string> {
  let set = numericFields.get(entity);
  if (!set) numericFields.set(entity, (set = new Set(entity.fields.filter((f) => f.type === 'decimal' || f.type === 'money').map((f) => f.name))));
  return set;
}

/**
 * A driver row as a record: dates as ISO text, numerics as numbers, undefined as null (normaliseValue,
 * inlined: this runs for every column of every row read). `omit`: a helper column of the statement
 * (a keyset page's sort key) left out, so the row is copied once rather than twice. `drop`: fields
 * the reader may not see, left out in the same pass (what onlyFields would remove afterwards).
 */
export function normaliseRow(entity: ResolvedEntity, row: Record<string, unknown>, omit?: string, drop?: ReadonlySet<string>): RecordData {
  const numeric = numericFieldsOf(entity);
  const out: Record<string, unknown> = {};
  for (const k in row) {
    if (k === omit || drop?.has(k)) continue;
    const v = row[k];
    out[k] = v instanceof Date ? v.toISOString() : v === undefined ? null : typeof v === 'string' && numeric.has(k) ? Number(v) : v;
  }
  return out as RecordData;
}

const COMPARISON = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

type ColumnKind = 'uuid' | 'integer' | 'number' | 'boolean' | 'date' | 'time' | 'text';
const SYSTEM_KIND: Record<string, ColumnKind> = { id: 'uuid', created_at: 'date', updated_at: 'date' };
const FIELD_KIND: Record<ResolvedField['type'], ColumnKind> = {
  reference: 'uuid', integer: 'integer', decimal: 'number', money: 'number', boolean: 'boolean', date: 'date', datetime: 'date', time: 'time',
  string: 'text', text: 'text', enum: 'text', email: 'text', phone: 'text', url: 'text', json: 'text', password: 'text', file: 'uuid', files: 'text',
};
const EXPECTED: Record<ColumnKind, string> = { uuid: 'a record id', integer: 'a whole number', number: 'a number', boolean: 'true or false', date: 'a date', time: 'a time of day (HH:MM)', text: 'text without the NUL character' };

/** Whether a value can be compared with a column of this kind without PostgreSQL refusing the statement (22P02, 22007, 22003, 22021). */
function fits(kind: ColumnKind, v: unknown): boolean {
  if (v === null) return true;
  switch (kind) {
    case 'uuid':
      return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
    case 'integer': {
      const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= 2147483647;
    }
    case 'number':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(v));
    case 'boolean':
      return typeof v === 'boolean' || v === 'true' || v === 'false';
    case 'date':
      return v instanceof Date ? !Number.isNaN(v.getTime()) : typeof v === 'string' && isDateTimeText(v);
    case 'time':
      return typeof v === 'string' && canonicalTime(v) !== undefined;
    case 'text':
      return (typeof v === 'string' && !v.includes('\u0000')) || typeof v === 'number' || typeof v === 'boolean';
  }
}

/** The last wall before SQL: a filter value the column cannot hold is the caller's error (400), not the database's (500). */
function checkFilterValue(entity: ResolvedEntity, f: ResolvedField | undefined, filter: FieldFilter): void {
  const kind = f ? FIELD_KIND[f.type] : SYSTEM_KIND[filter.field];
  if (!kind) return;
  const values = filter.op === 'in' ? filter.value : [filter.value];
  if (!Array.isArray(values) || values.some((v) => !fits(kind, v))) {
    throw new UmsError('BAD_REQUEST', `The filter on ${f?.label ?? filter.field} must be ${filter.op === 'in' ? `a list of ${EXPECTED[kind]} values` : EXPECTED[kind]}.`, { entity: entity.key, field: filter.field });
  }
}

/** Caller-supplied filters: only on fields the caller may read, always as parameters. */
export function filtersSql(entity: ResolvedEntity, filters: FieldFilter[], readable: ReadonlySet<string>, params: SqlParams, alias = 'r'): string[] {
  const parts: string[] = [];
  for (const filter of filters) {
    if (filter.field === SEARCH_FIELD) {
      const part = searchSql(entity, filter.value, readable, params, alias);
      if (part) parts.push(part);
      continue;
    }
    const isSystem = isSystemColumn(filter.field, 'filter');
    const f = entity.field.get(filter.field);
    if (!isSystem && (!f || !readable.has(f.name) || f.type === 'password')) continue;
    checkFilterValue(entity, f, filter);
    const column = f ? fieldSql(entity, f, alias) : `${alias}.${q(filter.field)}`;
    const textual = f && ['string', 'text', 'email', 'phone', 'url'].includes(f.type);
    switch (filter.op) {
      case 'contains':
        if (textual) parts.push(`${column} ILIKE ${params.add(`%${String(filter.value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
        else parts.push(`${column} = ${params.add(filter.value)}`);
        break;
      case 'eq':
        parts.push(filter.value === null ? `${column} IS NULL` : `${column} = ${params.add(filter.value)}`);
        break;
      case 'ne':
        parts.push(filter.value === null ? `${column} IS NOT NULL` : `${column} IS DISTINCT FROM ${params.add(filter.value)}`);
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        parts.push(`${column} ${COMPARISON[filter.op]} ${params.add(filter.value)}`);
        break;
      case 'in':
        parts.push(`${column} = ANY(${params.add(filter.value)})`);
        break;
    }
  }
  return parts;
}

/** The sort a read uses: the requested one when the actor may read (and sort by) that field, else the entity's default. */
export function resolveSort(entity: ResolvedEntity, sort: ListQuery['sort'], readable: ReadonlySet<string>): { field: string; column: string; direction: 'asc' | 'desc' } {
  const wanted = sort ?? entity.sort;
  const f = entity.field.get(wanted.field);
  // A read-time field has no column to sort on (nor one a keyset cursor could use).
  const usable = isSystemColumn(wanted.field, 'sort') || (f && readable.has(f.name) && f.type !== 'password' && f.type !== 'json' && f.type !== 'files' && !isReadTime(f));
  const chosen = usable ? wanted : entity.sort;
  const field = entity.field.get(chosen.field);
  return { field: chosen.field, column: field ? columnOf(field) : chosen.field, direction: chosen.direction === 'desc' ? 'desc' : 'asc' };
}

export function orderSql(entity: ResolvedEntity, sort: ListQuery['sort'], readable: ReadonlySet<string>, alias = 'r'): string {
  const { column, direction } = resolveSort(entity, sort, readable);
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return `${alias}.${q(column)} ${dir}${column === 'id' ? '' : `, ${alias}."id" ${dir}`}`;
}
