/**
 * The read half of the data layer: what an actor may see, and how. Every read
 * adds the tenant condition and the actor's row filter (core/access), selects
 * the fields the actor's read rules need, and hands out only the fields this
 * record's rules allow (core/access/fields.ts). RecordService (records.ts)
 * adds the write pipeline and record actions on top.
 */
import type { EntityManager } from 'typeorm';
import type { Access } from '../access/ability.js';
import { conditionToSql, SqlParams, type SqlScope } from '../access/sql.js';
import { notFound, UmsError } from '../errors.js';
import { columnOf, interpolateConditions, isUuid, parseConditions, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { conditionUserOf, type Actor } from './actor.js';
import type { DataContext } from './context.js';
import { cachedSelectList, filtersSql, normaliseRow, orderSql, resolveSort, selectList, type FieldFilter, type ListQuery, type RecordData } from './query.js';
import type { AggregateRow, AggregateSpec, ReportResult, ReportSpec } from './contract.js';
import { loadSubject } from './subject.js';
import { overlapSql } from './constraints/span-indexes.js';
import { tenantScoped } from './tenant-scope.js';
import { AUDIT_ENTITY, currentAuditNames } from './audit-names.js';

const q = (name: string): string => `"${name}"`;

/** Where a keyset page continues: the last row's sort key (as text) and id. */
export interface KeysetPosition {
  key: string | null;
  id: string;
}

export interface ServiceOptions {
  /** Set while a custom action runs: its handler may write read-only fields of its own entity. */
  action?: { name: string; entity: string };
  /** The module whose plugin code was handed this service (names its `asSystem` actors). */
  module?: string;
}

export abstract class RecordReader {
  protected constructor(
    readonly runtime: DataContext,
    readonly actor: Actor,
    /** Null for a system actor: tenant-bound, no role checks. */
    readonly access: Access | null,
    manager: EntityManager,
    protected readonly options: ServiceOptions = {},
  ) {
    // Every statement of this service runs under the tenant policy of its organization.
    this.manager = tenantScoped(manager, actor.organizationId);
  }

  protected readonly manager: EntityManager;

  get organizationId(): string {
    return this.actor.organizationId;
  }

  entity(key: string): ResolvedEntity {
    const entity = this.runtime.registry.entity(key);
    if (!entity) throw new UmsError('NOT_FOUND', `Unknown entity "${key}".`, { entity: key });
    return entity;
  }

  /** Tenant-scoped load + the read rule: what the actor cannot read does not exist for them. */
  protected async loadReadable(entity: ResolvedEntity, id: string): Promise<RecordData> {
    const record = await this.loadForWrite(entity, id);
    if (!record) throw notFound(entity.label);
    if (this.access && !this.access.canOnRecord('read', entity, await this.subjectOf(entity, record))) throw notFound(entity.label);
    return record;
  }

  /**
   * A full stored record (lock, create and update results) as `get` would
   * show it: this record's rules decide its fields; a record the actor may not
   * read keeps its system columns only.
   */
  protected async visible(entity: ResolvedEntity, record: RecordData): Promise<RecordData> {
    if (!this.access) return record;
    const { every, perRecord } = this.access.fieldsOf(entity);
    // Every record readable and no field that varies: nothing to match.
    if (!perRecord.size && this.access.rowFilter('read', entity).kind === 'all') return onlyFields(entity, record, every);
    return onlyFields(entity, record, new Set(this.access.readableFieldsOf(entity, await this.subjectOf(entity, record))));
  }

  // ── Access questions (for screens and plugins) ──────────────────────────

  moduleEnabled(entity: ResolvedEntity): boolean {
    return this.access ? this.access.moduleEnabled(entity) : true;
  }

  /** The type-level question ("some record"), answered without the database: navigation, buttons, export/import gates. */
  canOnType(action: string, key: string): boolean {
    const entity = this.entity(key);
    return this.access ? this.access.canOnType(action, entity) : true;
  }

  async can(action: string, key: string, record?: Record<string, unknown>): Promise<boolean> {
    if (!record) return this.canOnType(action, key);
    const entity = this.entity(key);
    if (!this.access) return true;
    return this.access.canOnRecord(action, entity, await this.subjectOf(entity, record));
  }

  /** Fields some record of `entity` may show this actor (columns); which ones a given record shows is decided per record. */
  readableFields(entityOrKey: ResolvedEntity | string): string[] {
    const entity = typeof entityOrKey === 'string' ? this.entity(entityOrKey) : entityOrKey;
    const names = entity.fields.filter((f) => f.type !== 'password').map((f) => f.name);
    if (!this.access) return names;
    const { some } = this.access.fieldsOf(entity);
    return names.filter((n) => some.has(n));
  }

  /** What a read selects: the readable fields and, when fields vary per record, every field a read condition tests. */
  protected selectedFields(entity: ResolvedEntity): readonly string[] {
    return this.access ? this.access.fieldsOf(entity).select : allFieldNames(entity);
  }

  /** Fields that filters and sort may use: those every readable record shows (a field hidden on some rows would leak through them). */
  protected everyRecordFields(entity: ResolvedEntity): ReadonlySet<string> {
    return this.access ? this.access.fieldsOf(entity).every : new Set(entity.fields.map((f) => f.name));
  }

  /**
   * Caller-supplied filters as SQL. A filter on a field every readable record
   * shows applies as given; one on a field that only some records show applies
   * to those records only (the others drop out of the result whatever their
   * hidden value); one on a field no record shows is ignored.
   */
  protected filterWhere(entity: ResolvedEntity, filters: FieldFilter[], params: SqlParams): string[] {
    const perRecord = this.access?.fieldsOf(entity).perRecord;
    const where = filtersSql(entity, filters.filter((f) => !perRecord?.has(f.field)), this.everyRecordFields(entity), params);
    for (const filter of filters) {
      if (!perRecord?.has(filter.field)) continue;
      const shown = this.access!.rowFilterSql('read', entity, 'r', params, filter.field);
      const [part] = filtersSql(entity, [filter], new Set([filter.field]), params);
      if (part) where.push(shown ? `(${shown} AND ${part})` : part);
    }
    return where;
  }

  /** A window over a span: its two fields must show on every readable record, or the window would test hidden values. */
  protected overlapWhere(entity: ResolvedEntity, overlap: NonNullable<ListQuery['overlaps']>, params: SqlParams): string {
    const shown = this.everyRecordFields(entity);
    for (const name of [overlap.start, overlap.end]) {
      if (entity.field.has(name) && !shown.has(name)) throw new UmsError('FORBIDDEN', `You may not see ${entity.field.get(name)!.label} on every ${entity.label.toLowerCase()}, so they cannot be read by date.`, { entity: entity.key, field: name });
    }
    return overlapSql(entity, overlap, params);
  }

  // ── Reads ───────────────────────────────────────────────────────────────

  protected scopedWhere(entity: ResolvedEntity, action: string, params: SqlParams, alias = 'r'): string[] {
    const where = [`${alias}.organization_id = ${params.add(this.organizationId)}`];
    if (this.access) {
      if (!this.access.canOnType(action, entity)) return [...where, 'FALSE'];
      const rows = this.access.rowFilterSql(action, entity, alias, params);
      if (rows) where.push(rows);
    }
    return where;
  }

  async find(key: string, query: ListQuery = {}): Promise<RecordData[]> {
    const entity = this.entity(key);
    const params = new SqlParams();
    const where = [...this.scopedWhere(entity, 'read', params), ...this.filterWhere(entity, query.filters ?? [], params)];
    if (query.where) where.push(await this.conditionSql(entity, query.where, params));
    if (query.overlaps) where.push(this.overlapWhere(entity, query.overlaps, params));
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
    const byTitle = this.referenceTitleSort(entity, query.sort, params);
    const order = byTitle ? byTitle.order : orderSql(entity, query.sort, this.everyRecordFields(entity));
    const sql = `SELECT ${cachedSelectList(entity, this.selectedFields(entity))} FROM ${q(entity.table)} r${byTitle ? ` ${byTitle.join}` : ''} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit} OFFSET ${Math.max(query.offset ?? 0, 0)}`;
    const rows: Record<string, unknown>[] = await this.manager.query(sql, params.values);
    return this.shownRows(entity, rows);
  }

  /**
   * A list sorted by a reference is sorted by the target's title ("by book": by the books' titles, not
   * their ids): the target is LEFT JOINed inside the same organization and through the actor's own read
   * rules on it, so a target they may not read sorts as an empty title (last), as it shows without one;
   * its title must be a field they see on every target record, or the order would reveal hidden titles
   * (then the reference sorts by id, as before). Offset lists (AdminJS, `find`) and keyset pages (REST
   * cursors, exports: `findPage`, `findPages`) use the same join, the keyset on (title, id) with empty
   * titles last in both directions.
   */
  protected referenceTitleSort(entity: ResolvedEntity, sort: ListQuery['sort'], params: SqlParams): { join: string; order: string; column: string; desc: boolean } | undefined {
    const chosen = resolveSort(entity, sort, this.everyRecordFields(entity));
    const f = entity.field.get(chosen.field);
    if (!f || f.type !== 'reference' || !f.target) return undefined;
    const target = this.runtime.registry.entity(f.target);
    const title = target?.field.get(target.titleField);
    if (!target || !title || title.type === 'password' || title.type === 'json' || !this.everyRecordFields(target).has(title.name)) return undefined;
    const on = [`t_sort."id" = r.${q(columnOf(f))}`, `t_sort.organization_id = r.organization_id`];
    if (this.access) {
      if (!this.access.canOnType('read', target)) return undefined;
      const rows = this.access.rowFilterSql('read', target, 't_sort', params);
      if (rows) on.push(`(${rows})`);
    }
    const dir = chosen.direction === 'desc' ? 'DESC' : 'ASC';
    const column = `t_sort.${q(columnOf(title))}`;
    return { join: `LEFT JOIN ${q(target.table)} t_sort ON ${on.join(' AND ')}`, order: `${column} ${dir} NULLS LAST, r."id" ${dir}`, column, desc: chosen.direction === 'desc' };
  }

  /**
   * A keyset page's order (findPage, findPages): the sort column, or a reference's target title
   * (referenceTitleSort), with the condition for "after this position" that matches it.
   */
  private keysetOrder(entity: ResolvedEntity, sort: ReturnType<typeof resolveSort>, sortable: ReadonlySet<string>, params: SqlParams): { column: string; join: string; order: string; after: (position: KeysetPosition) => string } {
    const byTitle = this.referenceTitleSort(entity, sort, params);
    if (byTitle) return { column: byTitle.column, join: ` ${byTitle.join}`, order: byTitle.order, after: (position) => keysetAfterNullsLast(byTitle.column, byTitle.desc, position, params) };
    const column = `r.${q(sort.column)}`;
    return { column, join: '', order: orderSql(entity, sort, sortable), after: (position) => keysetAfter(column, sort.direction === 'desc', position, params) };
  }

  async count(key: string, filters: FieldFilter[] = [], conditions?: Record<string, unknown>): Promise<number> {
    const entity = this.entity(key);
    const params = new SqlParams();
    const where = [...this.scopedWhere(entity, 'read', params), ...this.filterWhere(entity, filters, params)];
    if (conditions) where.push(await this.conditionSql(entity, conditions, params));
    const [row]: { n: number }[] = await this.manager.query(`SELECT count(*)::int AS n FROM ${q(entity.table)} r WHERE ${where.join(' AND ')}`, params.values);
    return row.n;
  }

  /**
   * Everything `find` would return for these filters and sort, one page at a
   * time (exports). Keyset pagination on (sort column, id): each page is one
   * short query that continues after the last row of the previous page, so
   * 100,000 rows never sit in memory together and no page re-reads what an
   * OFFSET would skip.
   */
  async *findPages(key: string, query: Pick<ListQuery, 'filters' | 'sort' | 'overlaps'> = {}, pageSize = 1000): AsyncGenerator<RecordData[]> {
    const entity = this.entity(key);
    const selected = this.selectedFields(entity);
    const sortable = this.everyRecordFields(entity);
    // The same sort as find's ORDER BY (a field the actor may not read on every record falls back to the entity's default).
    const sort = resolveSort(entity, query.sort, sortable);
    const limit = Math.min(Math.max(Math.trunc(pageSize), 1), 10_000);
    let after: { key: string | null; id: string } | undefined;
    for (;;) {
      const params = new SqlParams();
      const where = [...this.scopedWhere(entity, 'read', params), ...this.filterWhere(entity, query.filters ?? [], params)];
      if (query.overlaps) where.push(this.overlapWhere(entity, query.overlaps, params));
      const keyset = this.keysetOrder(entity, sort, sortable, params);
      if (after) where.push(keyset.after(after));
      // The sort key travels as text: a JS Date would drop the microseconds a timestamptz keeps.
      const sql = `SELECT ${cachedSelectList(entity, selected)}, ${keyset.column}::text AS "__keyset" FROM ${q(entity.table)} r${keyset.join} WHERE ${where.join(' AND ')} ORDER BY ${keyset.order} LIMIT ${limit}`;
      const rows: Record<string, unknown>[] = await this.manager.query(sql, params.values);
      if (!rows.length) return;
      const last = rows[rows.length - 1];
      after = { key: last.__keyset === null ? null : String(last.__keyset), id: String(last.id) };
      yield this.shownRows(entity, rows, '__keyset');
      if (rows.length < limit) return;
    }
  }

  /**
   * One page of `find` continuing after a position (a REST cursor): keyset on
   * (sort column, id) as findPages, so a page costs the same however deep it
   * is. `next` is the position after the last row, or null on the last page.
   */
  async findPage(key: string, query: Pick<ListQuery, 'filters' | 'sort'> & { limit: number; after?: KeysetPosition }): Promise<{ records: RecordData[]; next: KeysetPosition | null }> {
    const entity = this.entity(key);
    const sortable = this.everyRecordFields(entity);
    const sort = resolveSort(entity, query.sort, sortable);
    const limit = Math.min(Math.max(Math.trunc(query.limit), 1), 1000);
    const params = new SqlParams();
    const where = [...this.scopedWhere(entity, 'read', params), ...this.filterWhere(entity, query.filters ?? [], params)];
    const keyset = this.keysetOrder(entity, sort, sortable, params);
    if (query.after) where.push(keyset.after(query.after));
    // One row more than asked tells whether another page follows.
    const sql = `SELECT ${cachedSelectList(entity, this.selectedFields(entity))}, ${keyset.column}::text AS "__keyset" FROM ${q(entity.table)} r${keyset.join} WHERE ${where.join(' AND ')} ORDER BY ${keyset.order} LIMIT ${limit + 1}`;
    const rows: Record<string, unknown>[] = await this.manager.query(sql, params.values);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? { key: last.__keyset === null ? null : String(last.__keyset), id: String(last.id) } : null;
    return { records: await this.shownRows(entity, page, '__keyset'), next };
  }

  /** Count of readable records that also match a manifest condition (dashboard cards); placeholders are filled for this actor. */
  async countMatching(key: string, conditions: Record<string, unknown> | undefined): Promise<number> {
    const entity = this.entity(key);
    const params = new SqlParams();
    const where = this.scopedWhere(entity, 'read', params);
    if (conditions) {
      const user = conditionUserOf(this.actor);
      const timeZone = await this.timeZone();
      const node = parseConditions(interpolateConditions(conditions, { user, now: new Date(), timeZone }), '', [], { interpolated: true });
      where.push(conditionToSql(node, entity, 'r', params, this.sqlScope(timeZone)));
    }
    const [row]: { n: number }[] = await this.manager.query(`SELECT count(*)::int AS n FROM ${q(entity.table)} r WHERE ${where.join(' AND ')}`, params.values);
    return row.n;
  }

  /**
   * Readable records counted (or a number field summed) per value of a field, or per
   * day/week/month of a date in the organization's time zone (dashboard charts). With
   * `range`, every bucket of the last/next N appears (empty ones as 0), and `until` spreads
   * a record over each day from `groupBy` up to it (occupancy per night). The fields used
   * must be ones every readable record shows, or a group would reveal hidden values.
   */
  async aggregate(key: string, spec: AggregateSpec): Promise<AggregateRow[]> {
    const entity = this.entity(key);
    const shown = this.everyRecordFields(entity);
    const params = new SqlParams();
    const columnFor = (name: string): string => {
      if (name === 'created_at' || name === 'updated_at') return `r.${q(name)}`;
      if (name === spec.groupBy && name.includes('.')) return this.hopColumn(entity, name, columnFor, params);
      const f = entity.field.get(name);
      if (!f || !shown.has(name) || f.type === 'password' || f.type === 'json') throw new UmsError('FORBIDDEN', `${entity.pluralLabel} cannot be grouped or summed by "${name}" for you.`, { entity: key, field: name });
      return `r.${q(columnOf(f))}`;
    };
    const isTimestamp = (name: string): boolean => name === 'created_at' || name === 'updated_at' || entity.field.get(name)?.type === 'datetime' || (name.includes('.') && this.hopField(entity, name)?.type === 'datetime');
    // Added only when a date is bucketed: PostgreSQL refuses a parameter no statement uses.
    const timeZone = await this.timeZone();
    let tzParam: string | undefined;
    const tz = (): string => (tzParam ??= `${params.add(timeZone)}::text`);
    // A date-time is read as its local day first, so a bucket is the organization's day, week or month.
    const dayOf = (name: string): string => (isTimestamp(name) ? `(${columnFor(name)} AT TIME ZONE ${tz()})::date` : columnFor(name));
    const where = this.scopedWhere(entity, 'read', params);
    if (spec.where) where.push(await this.conditionSql(entity, spec.where, params));
    const measure = spec.sum ? `coalesce(sum(${columnFor(spec.sum)}), 0)::float8` : 'count(r.id)::int';
    const unit = spec.bucket;
    if (unit && !['day', 'week', 'month'].includes(unit)) throw new UmsError('BAD_REQUEST', `Unknown bucket "${unit}".`, { entity: key });
    const bucketOf = (name: string): string => `date_trunc('${unit}', ${dayOf(name)})::date`;
    if (unit && spec.range) {
      const n = Math.min(Math.max(Math.trunc(spec.range.count), 1), 366);
      const today = `date_trunc('${unit}', (now() AT TIME ZONE ${tz()})::date)`;
      const step = `interval '1 ${unit}'`;
      const start = spec.range.direction === 'last' ? `(${today} - ${n - 1} * ${step})` : today;
      const match = spec.until
        ? `${dayOf(spec.groupBy)} <= b.k AND ${dayOf(spec.until)} > b.k`
        : `${bucketOf(spec.groupBy)} = b.k`;
      const sql = `WITH b AS (SELECT generate_series(${start}, ${start} + ${n - 1} * ${step}, ${step})::date AS k)
        SELECT to_char(b.k, 'YYYY-MM-DD') AS k, ${measure} AS v FROM b LEFT JOIN ${q(entity.table)} r ON ${where.join(' AND ')} AND ${match}
        GROUP BY b.k ORDER BY b.k`;
      const rows: { k: string; v: number }[] = await this.manager.query(sql, params.values);
      return rows.map((r) => ({ key: r.k, value: Number(r.v) }));
    }
    const group = unit ? `to_char(${bucketOf(spec.groupBy)}, 'YYYY-MM-DD')` : `${columnFor(spec.groupBy)}::text`;
    const order = unit ? 'k' : 'v DESC, k';
    const rows: { k: string | null; v: number }[] = await this.manager.query(
      `SELECT ${group} AS k, ${measure} AS v FROM ${q(entity.table)} r WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY ${order} LIMIT ${unit ? 400 : 50}`,
      params.values,
    );
    return rows.map((r) => ({ key: r.k, value: Number(r.v) }));
  }

  /**
   * Readable records grouped by several fields (a date by its local day, week or month) with
   * counts, sums and averages: what a declared report shows (core/reports). Groups and measures
   * must be fields every readable record shows; filters apply as in lists. Rows come in group
   * order, at most `limit`; `total` is the number of groups there are.
   */
  async report(key: string, spec: ReportSpec): Promise<ReportResult> {
    const entity = this.entity(key);
    const shown = this.everyRecordFields(entity);
    const columnFor = (name: string): string => {
      if (name === 'created_at' || name === 'updated_at') return `r.${q(name)}`;
      const f = entity.field.get(name);
      if (!f || !shown.has(name) || f.type === 'password' || f.type === 'json') throw new UmsError('FORBIDDEN', `${entity.pluralLabel} cannot be grouped or summed by "${name}" for you.`, { entity: key, field: name });
      return `r.${q(columnOf(f))}`;
    };
    const isTimestamp = (name: string): boolean => name === 'created_at' || name === 'updated_at' || entity.field.get(name)?.type === 'datetime';
    const params = new SqlParams();
    const where = this.scopedWhere(entity, 'read', params);
    if (spec.where) where.push(await this.conditionSql(entity, spec.where, params));
    where.push(...this.filterWhere(entity, spec.filters ?? [], params));
    let tzParam: string | undefined;
    const timeZone = await this.timeZone();
    const tz = (): string => (tzParam ??= `${params.add(timeZone)}::text`);
    const groups = spec.groupBy.map((g, i) => {
      if (!g.bucket) return `${columnFor(g.field)}::text AS k${i}`;
      if (!['day', 'week', 'month'].includes(g.bucket)) throw new UmsError('BAD_REQUEST', `Unknown bucket "${g.bucket}".`, { entity: key });
      const day = isTimestamp(g.field) ? `(${columnFor(g.field)} AT TIME ZONE ${tz()})::date` : columnFor(g.field);
      return `to_char(date_trunc('${g.bucket}', ${day})::date, 'YYYY-MM-DD') AS k${i}`;
    });
    const measures = spec.measures.map((m, i) => {
      if (m.kind === 'count') return `count(r.id)::float8 AS v${i}`;
      const column = columnFor(m.field ?? '');
      return m.kind === 'sum' ? `coalesce(sum(${column}), 0)::float8 AS v${i}` : `avg(${column})::float8 AS v${i}`;
    });
    const limit = Math.min(Math.max(Math.trunc(spec.limit ?? 1000), 1), 1_000_000);
    const positions = spec.groupBy.map((_, i) => String(i + 1)).join(', ');
    const rows: Record<string, string | number | null>[] = await this.manager.query(
      `SELECT ${[...groups, ...measures].join(', ')}, count(*) OVER ()::int AS total FROM ${q(entity.table)} r WHERE ${where.join(' AND ')}
        GROUP BY ${positions} ORDER BY ${positions} LIMIT ${params.add(limit)}`,
      params.values,
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      rows: rows.map((r) => ({
        keys: spec.groupBy.map((_, i) => (r[`k${i}`] === null ? null : String(r[`k${i}`]))),
        values: spec.measures.map((_, i) => (r[`v${i}`] === null ? null : Number(r[`v${i}`]))),
      })),
    };
  }

  /**
   * A chart group one hop through a reference ("state.group"): the target's
   * field, read only from target records the actor may read (others group as
   * empty), and only when every readable target record shows that field.
   */
  private hopField(entity: ResolvedEntity, path: string): ResolvedField | undefined {
    const [head, leaf, ...rest] = path.split('.');
    const ref = entity.field.get(head);
    const target = ref?.type === 'reference' && ref.target ? this.runtime.registry.entity(ref.target) : undefined;
    return rest.length ? undefined : target?.field.get(leaf);
  }

  private hopColumn(entity: ResolvedEntity, path: string, columnFor: (name: string) => string, params: SqlParams): string {
    const [head, leaf] = path.split('.');
    const target = this.runtime.registry.entity(entity.field.get(head)?.target ?? '');
    const field = this.hopField(entity, path);
    if (!target || !field || field.type === 'password' || field.type === 'json' || !this.everyRecordFields(target).has(leaf)) {
      throw new UmsError('FORBIDDEN', `${entity.pluralLabel} cannot be grouped by "${path}" for you.`, { entity: entity.key, field: path });
    }
    const where = [...this.scopedWhere(target, 'read', params, 'g'), `g.id = ${columnFor(head)}`];
    return `(SELECT g.${q(columnOf(field))} FROM ${q(target.table)} g WHERE ${where.join(' AND ')})`;
  }

  /** A manifest condition (placeholders filled for this actor) as SQL on alias `r`. */
  private async conditionSql(entity: ResolvedEntity, conditions: Record<string, unknown>, params: SqlParams): Promise<string> {
    const timeZone = await this.timeZone();
    const node = parseConditions(interpolateConditions(conditions, { user: conditionUserOf(this.actor), now: new Date(), timeZone }), '', [], { interpolated: true });
    return conditionToSql(node, entity, 'r', params, this.sqlScope(timeZone));
  }

  /**
   * How this reader's conditions become SQL: a `$related` entity (dashboard cards) is read through
   * the viewer's own scope, as any list of it would be, and only by fields every record of it shows
   * them — otherwise the count would reveal rows or values their rules hide, and the card is left out.
   */
  private sqlScope(timeZone: string): SqlScope {
    return {
      registry: this.runtime.registry,
      organizationId: this.organizationId,
      timeZone,
      relatedScope: (target, alias, params, fields) => {
        const shown = this.everyRecordFields(target);
        const hidden = fields.filter((f) => f !== 'id' && !shown.has(f));
        if ((this.access && !this.access.canOnType('read', target)) || hidden.length) {
          throw new UmsError('FORBIDDEN', `${target.pluralLabel} cannot be compared${hidden.length ? ` by ${hidden.join(', ')}` : ''} for you.`, { entity: target.key, field: hidden[0] });
        }
        return this.scopedWhere(target, 'read', params, alias);
      },
    };
  }

  /** One record, read through the same filtered query as lists; missing and not allowed look the same. */
  async get(key: string, id: string): Promise<RecordData> {
    const found = await this.getMany(key, [id]);
    if (!found.length) throw notFound(this.entity(key).label);
    return found[0];
  }

  async getMany(key: string, ids: string[]): Promise<RecordData[]> {
    const entity = this.entity(key);
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const params = new SqlParams();
    const where = [...this.scopedWhere(entity, 'read', params), `r.id = ANY(${params.add(valid)})`];
    const rows: Record<string, unknown>[] = await this.manager.query(`SELECT ${cachedSelectList(entity, this.selectedFields(entity))} FROM ${q(entity.table)} r WHERE ${where.join(' AND ')}`, params.values);
    return this.shownRows(entity, rows);
  }

  /**
   * Reads one record for a change in the current transaction and locks its row,
   * so concurrent actions on it (two librarians issuing the last copy) queue up.
   */
  async lock(key: string, id: string): Promise<RecordData> {
    const entity = this.entity(key);
    if (!this.manager.queryRunner?.isTransactionActive) throw new UmsError('INTERNAL', 'lock() needs a transaction (use records.transaction or an action).');
    return this.visible(entity, await this.loadReadable(entity, id));
  }

  /**
   * Rows the read filter selected (with `selectedFields`) → what the actor
   * sees: the fields every readable record shows, plus those this record's own
   * rules allow, matched on the full row before anything is removed.
   */
  protected async shownOfReadable(entity: ResolvedEntity, rows: RecordData[]): Promise<RecordData[]> {
    // Audit entries written before a declared rename read under today's names (core/data/audit-names.ts).
    if (entity.key === AUDIT_ENTITY) rows = await currentAuditNames(this.manager, rows, (key) => this.runtime.registry.workflow(key)?.field);
    if (!this.access) return rows;
    const { every, perRecord } = this.access.fieldsOf(entity);
    const out: RecordData[] = [];
    for (const row of rows) {
      const shown = perRecord.size ? new Set(this.access.readableFieldsOf(entity, await this.subjectOf(entity, row))) : every;
      out.push(onlyFields(entity, row, shown));
    }
    return out;
  }

  /**
   * Driver rows → what the actor sees (normaliseRow, then shownOfReadable). When every readable
   * record shows the same fields — the usual case — the hidden ones are left out while each row is
   * normalised, one copy per row instead of three (a list's rows were copied to drop the keyset
   * column, to normalise, and to drop hidden fields). `omit`: the statement's helper column.
   */
  protected async shownRows(entity: ResolvedEntity, rows: Record<string, unknown>[], omit?: string): Promise<RecordData[]> {
    if (entity.key !== AUDIT_ENTITY) {
      if (!this.access) return rows.map((r) => normaliseRow(entity, r, omit));
      const { every, perRecord } = this.access.fieldsOf(entity);
      if (!perRecord.size) {
        const drop = hiddenFields(entity, every);
        return rows.map((r) => normaliseRow(entity, r, omit, drop));
      }
    }
    return this.shownOfReadable(entity, rows.map((r) => normaliseRow(entity, r, omit)));
  }

  /** Raw stored record (all fields), locked for the rest of the transaction. Tenant-scoped only. */
  protected async loadForWrite(entity: ResolvedEntity, id: string): Promise<RecordData | undefined> {
    if (!isUuid(id)) return undefined;
    const params = new SqlParams();
    const names = entity.fields.map((f) => f.name);
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${selectList(entity, names)} FROM ${q(entity.table)} r WHERE r.organization_id = ${params.add(this.organizationId)} AND r.id = ${params.add(id)} FOR UPDATE`,
      params.values,
    );
    return rows[0] ? normaliseRow(entity, rows[0]) : undefined;
  }

  /**
   * The object CASL checks: the record's values plus what the actor's
   * conditions follow (reference paths, `$some` related records), loaded by
   * organization-scoped queries in this transaction (see data/subject.ts).
   */
  async subjectOf(entity: ResolvedEntity, record: Record<string, unknown>): Promise<Record<string, unknown>> {
    return loadSubject({ manager: this.manager, registry: this.runtime.registry, organizationId: this.organizationId }, entity, record, this.access?.subjectPlans.get(entity.key));
  }

  /** The organization's currency setting (ISO 4217), undefined when it has none (screens then use the environment's). */
  async currency(): Promise<string | undefined> {
    return this.access ? this.access.principal.currency : this.runtime.access.currency(this.organizationId);
  }

  /** The organization's default language (for whom has chose none: notifications written for them). */
  async organizationLanguage(): Promise<string> {
    const inTransaction = this.manager.queryRunner?.isTransactionActive === true;
    return this.runtime.access.language(this.organizationId, inTransaction ? (_organization, sql, parameters) => this.manager.query(sql, parameters) : undefined);
  }

  /** The organization's time zone: date placeholders and dates compared with timestamps are read in it. */
  async timeZone(): Promise<string> {
    if (this.access?.timeZone) return this.access.timeZone;
    // Inside a transaction a cache miss is read on its connection, not on a second one from the pool.
    const inTransaction = this.manager.queryRunner?.isTransactionActive === true;
    return this.runtime.access.timeZone(this.organizationId, inTransaction ? (_organization, sql, parameters) => this.manager.query(sql, parameters) : undefined);
  }
}

/**
 * Rows after `after` in `ORDER BY column dir, id dir` (findPages). PostgreSQL
 * sorts NULLs last ascending and first descending, so a NULL sort key needs
 * its own branch.
 */
function keysetAfter(column: string, desc: boolean, after: { key: string | null; id: string }, params: SqlParams): string {
  const cmp = desc ? '<' : '>';
  const id = params.add(after.id);
  if (column === 'r."id"') return `r."id" ${cmp} ${id}`;
  if (after.key === null) return desc ? `(${column} IS NOT NULL OR r."id" < ${id})` : `(${column} IS NULL AND r."id" > ${id})`;
  const key = params.add(after.key);
  const beyond = `(${column} ${cmp} ${key} OR (${column} = ${key} AND r."id" ${cmp} ${id}))`;
  return desc ? beyond : `(${beyond} OR ${column} IS NULL)`;
}
/**
 * Rows after `after` in `ORDER BY column dir NULLS LAST, id dir` (a reference sorted by its target's
 * title: a target without one, or one the actor may not read, comes last both ways).
 */
function keysetAfterNullsLast(column: string, desc: boolean, after: { key: string | null; id: string }, params: SqlParams): string {
  const cmp = desc ? '<' : '>';
  const id = params.add(after.id);
  if (after.key === null) return `(${column} IS NULL AND r."id" ${cmp} ${id})`;
  const key = params.add(after.key);
  return `(${column} ${cmp} ${key} OR (${column} = ${key} AND r."id" ${cmp} ${id}) OR ${column} IS NULL)`;
}

/** The record with its system columns and only the `shown` fields. */
/** Every field's name, once per entity object (what a system actor's reads select). */
const fieldNames = new WeakMap<ResolvedEntity, readonly string[]>();
function allFieldNames(entity: ResolvedEntity): readonly string[] {
  let names = fieldNames.get(entity);
  if (!names) fieldNames.set(entity, (names = entity.fields.map((f) => f.name)));
  return names;
}

/** The entity's fields outside `shown` (what onlyFields removes), once per visibility set (cached per Access and entity). */
const hidden = new WeakMap<ReadonlySet<string>, { entity: ResolvedEntity; drop: ReadonlySet<string> }>();
function hiddenFields(entity: ResolvedEntity, shown: ReadonlySet<string>): ReadonlySet<string> {
  const hit = hidden.get(shown);
  if (hit?.entity === entity) return hit.drop;
  const drop = new Set(entity.fields.map((f) => f.name).filter((n) => !shown.has(n)));
  hidden.set(shown, { entity, drop });
  return drop;
}

function onlyFields(entity: ResolvedEntity, record: RecordData, shown: ReadonlySet<string>): RecordData {
  // A plain loop: this runs for every row of every list (entries/filter/fromEntries cost a few % of a list's CPU).
  const out: Record<string, unknown> = {};
  for (const k in record) if (!entity.field.has(k) || shown.has(k)) out[k] = record[k];
  return out as RecordData;
}

