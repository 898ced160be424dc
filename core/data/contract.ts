/**
 * The data layer as module code sees it: `Records`, the tenant- and
 * permission-scoped record service a plugin is handed (hooks, actions, jobs,
 * workflow hooks, seeds). `RecordService` implements it; the runtime behind it
 * (the database, the plugin registry) is not part of the contract.
 */
import type { Actor } from './actor.js';
import type { ResolvedEntity } from '../manifest/index.js';

export type RecordData = Record<string, unknown> & { id: string; version: number };

/**
 * Filter operators: `eq` (null: IS NULL), `ne` (null-safe: a NULL column is
 * "not equal" to a value), `gt`/`gte`/`lt`/`lte`, `in` (a list), `contains`
 * (case-insensitive substring on text fields, equality on others).
 * The field `$search` (SEARCH_FIELD) is the list's search box: its value is looked for, as
 * `contains`, in the entity's title and `searchFields` that the actor may read on every record.
 */
export type FilterOp = 'eq' | 'ne' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';

export interface FieldFilter {
  field: string;
  op: FilterOp;
  value: unknown;
}

export interface ListQuery {
  filters?: FieldFilter[];
  /** A manifest condition the records must also meet (a reference's picker `where`); placeholders are filled for the actor. */
  where?: Record<string, unknown>;
  sort?: { field: string; direction: 'asc' | 'desc' };
  /**
   * Only records whose span (`start` to `end`, two date or two datetime fields) overlaps the window
   * [from, to): a calendar's visible range, answered by the span's range index where a view declares it.
   */
  overlaps?: { start: string; end: string; from: string; to: string };
  limit?: number;
  offset?: number;
}

/** What `aggregate` groups by and measures (dashboard charts). */
export interface AggregateSpec {
  groupBy: string;
  bucket?: 'day' | 'week' | 'month';
  /** A second date: a record counts in every day from groupBy up to (not including) it. Needs `range`. */
  until?: string;
  /** Every bucket of the last (up to today) or next (from today) `count` days/weeks/months, empty ones 0. */
  range?: { direction: 'last' | 'next'; count: number };
  /** Sum this number field instead of counting records. */
  sum?: string;
  where?: Record<string, unknown>;
}

/** Groups and measures of a declared report (RecordService.report). */
export interface ReportSpec {
  groupBy: { field: string; bucket?: 'day' | 'week' | 'month' }[];
  measures: { kind: 'count' | 'sum' | 'avg'; field?: string }[];
  where?: Record<string, unknown>;
  filters?: FieldFilter[];
  /** Most rows returned (default 1000). */
  limit?: number;
}

/** A report's rows: each group's keys as text (as AggregateRow's key) and its measures (null: an average of nothing). */
export interface ReportResult {
  rows: { keys: (string | null)[]; values: (number | null)[] }[];
  /** How many groups there are (rows may be fewer: the limit). */
  total: number;
}

/** One group: the field's value as text (a reference's id, a bucket's first day YYYY-MM-DD), null for empty. */
export interface AggregateRow {
  key: string | null;
  value: number;
}

export interface ActionResult {
  message: string;
  record?: RecordData;
}

/**
 * Every method reads and writes in the actor's organization through the
 * actor's permission rules (a system actor: organization-bound, no role
 * checks); writes run the record pipeline (hooks, validation, references,
 * audit) in one transaction.
 */
export interface Records {
  /** Who acts: a signed-in user, or a named system actor (`job:<module>.<name>`, `<module>:<reason>`). */
  readonly actor: Actor;
  /** The organization every read and write is bound to. */
  readonly organizationId: string;
  /** The resolved manifest entity (`module.entity`); throws NOT_FOUND for an unknown key. */
  entity(key: string): ResolvedEntity;
  /** Readable records matching the filters (unreadable fields' filters do not apply), sorted, at most `limit` (default 50, max 1000). */
  find(key: string, query?: ListQuery): Promise<RecordData[]>;
  /** How many readable records match the filters. */
  count(key: string, filters?: FieldFilter[], conditions?: Record<string, unknown>): Promise<number>;
  /** Readable records counted or summed per group (see AggregateSpec); the fields must be ones every readable record shows. */
  aggregate(key: string, spec: AggregateSpec): Promise<AggregateRow[]>;
  /** Readable records grouped by several fields with counts, sums and averages (see ReportSpec): what a declared report shows. */
  report(key: string, spec: ReportSpec): Promise<ReportResult>;
  /** All readable records matching the query, a page at a time (keyset pagination: constant memory). */
  findPages(key: string, query?: Pick<ListQuery, 'filters' | 'sort' | 'overlaps'>, pageSize?: number): AsyncGenerator<RecordData[]>;
  /** One readable record; NOT_FOUND when missing or not readable (the same answer). */
  get(key: string, id: string): Promise<RecordData>;
  /** The readable records among `ids` (others are left out). */
  getMany(key: string, ids: string[]): Promise<RecordData[]>;
  /** Reads a record and locks its row until the transaction ends (needs `transaction` or an action). */
  lock(key: string, id: string): Promise<RecordData>;
  /** Creates a record: permission, hooks, validation, references, audit; returns what the actor may read of it. */
  create(key: string, input: Record<string, unknown>): Promise<RecordData>;
  /**
   * Creates many records of one entity at once (bulk seeds, imports): each input is checked as `create`
   * checks it, and the rows and their audit rows are written with multi-row INSERTs in one transaction.
   * All or nothing: the first refused input's error is `create`'s, with `where.index` its position.
   * Returns the records in input order. Every input's beforeCreate hooks run before any row is written
   * (a hook does not see the call's other rows); entities whose rows depend on one another as they are
   * written (overlaps, capacity, ledgers, acyclic links, guards, files) are created one after another.
   */
  createMany(key: string, inputs: readonly Record<string, unknown>[]): Promise<RecordData[]>;
  /** Changes the given fields; `expectedVersion` refuses the write if someone changed the record since. */
  update(key: string, id: string, input: Record<string, unknown>, options?: { expectedVersion?: number }): Promise<RecordData>;
  /** Deletes a record the actor may delete (hooks, references' onDelete, audit). */
  delete(key: string, id: string): Promise<void>;
  /** Runs a plugin's record action as this actor (permission = the CASL action of its name). */
  runAction(key: string, name: string, id: string, input?: Record<string, unknown>): Promise<ActionResult>;
  /** Runs `fn` in one transaction (joining the current one); everything rolls back if it throws. */
  transaction<T>(fn: (records: Records) => Promise<T>): Promise<T>;
  /** May the actor do `action` on some record of the entity, or (with `record`) on this one? */
  can(action: string, key: string, record?: Record<string, unknown>): Promise<boolean>;
  /** The fields of the entity the actor may read on some record. */
  readableFields(key: string): string[];
  /**
   * Whether the acting user holds this role; false for system actors. A role key (`library.member`,
   * core's `admin`, a custom role's name), or a bare name of the calling module's own role (`teacher`
   * in the institute's code means `institute.teacher`).
   */
  hasRole(name: string): boolean;
  /** Whether the organization has the module enabled (a plugin doing something for another module it does not depend on). */
  hasModule(moduleId: string): Promise<boolean>;
  /**
   * The same organization and transaction as a named system actor
   * (`<module>:<reason>`): no role checks, recorded under that name in the
   * audit log. For rules that must look past what the user may see (a seat
   * count over other students' enrollments).
   */
  asSystem(reason: string): Records;
}
