/**
 * The two answers the parity tests compare: which records the in-memory
 * check (CASL with our matcher) allows a principal, and which the SQL row
 * filter selects, plus a readable difference of the two.
 */
import type { DataSource } from 'typeorm';
import { SqlParams } from '../../core/access/sql.js';
import type { RecordService } from '../../core/data/records.js';
import type { ResolvedEntity } from '../../core/manifest/index.js';

export interface Principal {
  role: string;
  records: RecordService;
}

/** Ids of `all` the principal's in-memory check allows for `action`. */
export async function allowedInMemory(p: Principal, action: string, entity: ResolvedEntity, all: Record<string, unknown>[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const record of all) {
    if (p.records.access!.canOnRecord(action, entity, await p.records.subjectOf(entity, record))) out.add(String(record.id));
  }
  return out;
}

/** Ids the principal's SQL row filter for `action` (on `field`, when given) selects in its organization. */
export async function allowedBySql(dataSource: DataSource, p: Principal, action: string, entity: ResolvedEntity, field?: string): Promise<Set<string>> {
  const params = new SqlParams();
  const where = [`r.organization_id = ${params.add(p.records.organizationId)}`];
  const filter = p.records.access!.rowFilterSql(action, entity, 'r', params, field);
  if (filter) where.push(filter);
  const rows: { id: string }[] = await dataSource.query(`SELECT r.id FROM "${entity.table}" r WHERE ${where.join(' AND ')}`, params.values);
  return new Set(rows.map((r) => r.id));
}

/** One line per disagreement (empty when the sets are equal). */
export function difference(label: string, listed: Set<string>, checked: Set<string>): string[] {
  const onlyListed = [...listed].filter((id) => !checked.has(id));
  const onlyChecked = [...checked].filter((id) => !listed.has(id));
  return onlyListed.length || onlyChecked.length ? [`${label}: listed but denied ${JSON.stringify(onlyListed)}, allowed but not listed ${JSON.stringify(onlyChecked)}`] : [];
}
