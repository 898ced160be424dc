/**
 * SQL pieces shared by every read: the column list an actor may see, the
 * WHERE that always starts with the tenant, and row → record normalisation.
 */
import { SqlParams } from '../access/sql.js';
import { SYSTEM_FIELDS, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { columnOf } from './entity-schemas.js';

export type RecordData = Record<string, unknown> & { id: string; version: number };

export type FilterOp = 'eq' | 'contains' | 'gte' | 'lte' | 'in';
export interface FieldFilter {
  field: string;
  op: FilterOp;
  value: unknown;
}

export interface ListQuery {
  filters?: FieldFilter[];
  sort?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
}

const q = (name: string): string => `"${name}"`;
const SELECT_SYSTEM = SYSTEM_FIELDS.filter((c) => c !== 'organization_id');

export function selectList(entity: ResolvedEntity, fields: string[], alias = 'r'): string {
  const cols = SELECT_SYSTEM.map((c) => `${alias}.${q(c)}`);
  for (const name of fields) {
    const f = entity.field.get(name);
    if (!f || f.type === 'password') continue;
    cols.push(`${alias}.${q(columnOf(f))} AS ${q(f.name)}`);
  }
  return cols.join(', ');
}

export function normaliseValue(f: ResolvedField | undefined, v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (f && (f.type === 'decimal' || f.type === 'money') && typeof v === 'string') return Number(v);
  return v;
}

export function normaliseRow(entity: ResolvedEntity, row: Record<string, unknown>): RecordData {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = normaliseValue(entity.field.get(k), v);
  return out as RecordData;
}

/** Caller-supplied filters: only on fields the caller may read, always as parameters. */
export function filtersSql(entity: ResolvedEntity, filters: FieldFilter[], readable: ReadonlySet<string>, params: SqlParams, alias = 'r'): string[] {
  const parts: string[] = [];
  for (const filter of filters) {
    const isSystem = filter.field === 'id' || filter.field === 'created_at' || filter.field === 'updated_at';
    const f = entity.field.get(filter.field);
    if (!isSystem && (!f || !readable.has(f.name) || f.type === 'password')) continue;
    const column = `${alias}.${q(f ? columnOf(f) : filter.field)}`;
    const textual = f && ['string', 'text', 'email', 'phone', 'url'].includes(f.type);
    switch (filter.op) {
      case 'contains':
        if (textual) parts.push(`${column} ILIKE ${params.add(`%${String(filter.value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
        else parts.push(`${column} = ${params.add(filter.value)}`);
        break;
      case 'eq':
        parts.push(filter.value === null ? `${column} IS NULL` : `${column} = ${params.add(filter.value)}`);
        break;
      case 'gte':
        parts.push(`${column} >= ${params.add(filter.value)}`);
        break;
      case 'lte':
        parts.push(`${column} <= ${params.add(filter.value)}`);
        break;
      case 'in':
        parts.push(`${column} = ANY(${params.add(filter.value)})`);
        break;
    }
  }
  return parts;
}

export function orderSql(entity: ResolvedEntity, sort: ListQuery['sort'], readable: ReadonlySet<string>, alias = 'r'): string {
  const wanted = sort ?? entity.sort;
  const f = entity.field.get(wanted.field);
  const isSystem = (SYSTEM_FIELDS as readonly string[]).includes(wanted.field) && wanted.field !== 'organization_id';
  const usable = isSystem || (f && readable.has(f.name) && f.type !== 'password' && f.type !== 'json');
  const field = usable ? wanted.field : entity.sort.field;
  const column = entity.field.get(field) ? columnOf(entity.field.get(field)!) : field;
  const dir = (usable ? wanted.direction : entity.sort.direction) === 'desc' ? 'DESC' : 'ASC';
  return `${alias}.${q(column)} ${dir}${column === 'id' ? '' : `, ${alias}."id" ${dir}`}`;
}
