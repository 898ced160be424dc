/**
 * Row-level security from the data layer's side: every statement a
 * RecordService sends runs as the application role with the actor's
 * organization set (`ums.organization_id`), inside a transaction, so the
 * database's tenant policy (core/db/tenant-walls.ts) applies to every path that
 * goes through the data layer: records, reads, system actors, plugins, hooks,
 * jobs, exports, imports and the engines writing through `records.entityManager`.
 *
 * The setting always travels with a statement, in the same round trip
 * (scoped-query.ts: extended-protocol messages before one Sync). Inside a
 * transaction it is made once, with the first statement (SET LOCAL semantics:
 * it ends with the transaction). A statement outside a transaction is a
 * transaction of its own: the setting and the statement before one Sync, one
 * round trip, no BEGIN or COMMIT.
 *
 * `readsTogether(fn)` lets the reads of one short server-side step (an admin
 * list: its rows, the records they refer to, its count) share one explicit
 * transaction: BEGIN, the setting and the first read of the step's
 * organization in one round trip, later reads in it, committed and handed back
 * to the pool when `fn` settles, so no
 * connection is held while waiting on a client. The setting is still
 * transaction-local: a connection back in the pool carries no role and no
 * tenant (tests/shared-read-scope.test.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { UmsError } from '../errors.js';
import { isUuid } from '../manifest/index.js';
import { APP_ROLE, BYPASS_ROLE, TENANT_SETTING } from '../db/tenant-walls.js';
import { queryAfter } from './scoped-query.js';

const SCOPE = Symbol('ums.tenantScope');

/**
 * Which side of the wall a scoped manager's statements run on: an
 * organization's id (APP_ROLE with that organization set), or BYPASS (the named
 * bypass of core/db/cross-tenant.ts: BYPASS_ROLE, no organization). A symbol,
 * so no string handed in as an organization id can mean the bypass.
 */
const BYPASS = Symbol('ums.bypass');
type Wall = string | typeof BYPASS;
type Scoped = EntityManager & { [SCOPE]?: { wall: Wall; base: EntityManager } };

/** The wall each open transaction was scoped to, and at which savepoint depth. */
const scopedRunners = new WeakMap<QueryRunner, { wall: Wall; depth: number }>();

const scopeSql = (wall: Wall): string => {
  // The bypass clears the organization too: a statement of the bypass after one inside the wall, in one transaction, names no tenant.
  if (wall === BYPASS) return `SELECT set_config('role', '${BYPASS_ROLE}', true), set_config('${TENANT_SETTING}', '', true)`;
  // A literal: a statement sent ahead of another without parameters of its own; only a UUID gets here.
  if (!isUuid(wall)) throw new UmsError('INTERNAL', `Not an organization id: "${wall}".`);
  return `SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', '${wall}', true)`;
};

/** `sql` in the runner's open transaction, with the setting sent ahead of it when the transaction does not hold it yet. */
async function inTransaction<T>(runner: QueryRunner, wall: Wall, sql: string, parameters?: unknown[]): Promise<T> {
  const depth = (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
  const known = scopedRunners.get(runner);
  // A savepoint rolled back below the depth the setting was made at took it with it: set it again.
  if (known && known.wall === wall && depth >= known.depth) return runner.query(sql, parameters) as Promise<T>;
  const client = await runner.connect();
  const result = await queryAfter<T>(client, [scopeSql(wall)], sql, parameters);
  scopedRunners.set(runner, { wall, depth });
  return result;
}

type Client = { query(text: string): Promise<unknown> };
interface Held { runner: QueryRunner; client: Client }

/** A pooled connection (with its TypeORM runner, released by the caller). */
async function connect(dataSource: DataSource): Promise<Held> {
  const runner = dataSource.createQueryRunner();
  try {
    return { runner, client: (await runner.connect()) as Client };
  } catch (err) {
    await runner.release();
    throw err;
  }
}

/** Ends a transaction opened by SharedReads and hands the connection back (ROLLBACK after a failure). */
async function closeScoped(opened: Held, ok: boolean): Promise<void> {
  try {
    if (ok) await opened.client.query('COMMIT');
    else await opened.client.query('ROLLBACK').catch(() => undefined);
  } finally {
    await opened.runner.release();
  }
}

/**
 * The transaction the reads of one readsTogether step share. Its first read
 * opens it: BEGIN, the setting and that read in one round trip (scoped-query.ts);
 * later reads of the step run in it; close() commits and hands the connection back.
 */
class SharedReads {
  /** The connection, once the opening read has left it in the open transaction. */
  private opened?: Promise<Held>;
  private organizationId?: string;
  closed = false;

  /** Runs `sql` in the shared transaction, or returns undefined when it belongs to another organization or data source. */
  async query<T>(dataSource: DataSource, organizationId: string, sql: string, parameters?: unknown[]): Promise<{ result: T } | undefined> {
    if (this.closed) return undefined;
    if (!this.opened) return this.open<T>(dataSource, organizationId, sql, parameters);
    const opened = this.opened;
    // One tenant per shared transaction: a read for another organization (or database) takes its own.
    if (this.organizationId !== organizationId) return undefined;
    let scoped: Held;
    try {
      scoped = await opened;
    } catch {
      // The opening read failed (and has told its caller): this read opens a fresh transaction.
      return this.closed ? undefined : this.query<T>(dataSource, organizationId, sql, parameters);
    }
    if (scoped.runner.connection !== dataSource) return undefined;
    try {
      return { result: (await scoped.runner.query(sql, parameters)) as T };
    } catch (err) {
      // A failed statement aborts the transaction: end it, and let later reads open a fresh one.
      if (this.opened === opened) await this.abandon(scoped);
      throw err;
    }
  }

  /** The step's first read: BEGIN, the tenant setting and `sql` in one round trip; the transaction stays open. */
  private async open<T>(dataSource: DataSource, organizationId: string, sql: string, parameters?: unknown[]): Promise<{ result: T }> {
    this.organizationId = organizationId;
    let ready!: (scoped: Held) => void;
    let failed!: (err: unknown) => void;
    const opened = new Promise<Held>((resolve, reject) => ((ready = resolve), (failed = reject)));
    opened.catch(() => undefined);
    this.opened = opened;
    let scoped: Held | undefined;
    try {
      scoped = await connect(dataSource);
      const result = await queryAfter<T>(scoped.client, ['BEGIN', scopeSql(organizationId)], sql, parameters);
      ready(scoped);
      return { result };
    } catch (err) {
      failed(err);
      if (this.opened === opened) this.opened = this.organizationId = undefined;
      if (scoped) await closeScoped(scoped, false);
      throw err;
    }
  }

  private async abandon(scoped: Held): Promise<void> {
    this.opened = this.organizationId = undefined;
    await closeScoped(scoped, false);
  }

  async close(): Promise<void> {
    this.closed = true;
    const opened = this.opened;
    this.opened = undefined;
    if (!opened) return;
    let scoped: Held;
    try {
      scoped = await opened;
    } catch {
      return;
    }
    await closeScoped(scoped, true);
  }
}

const sharedReads = new AsyncLocalStorage<SharedReads>();

/**
 * Runs `fn` with the data layer's reads outside a transaction sharing one short transaction
 * (see the file comment). Only for steps that read and then answer: the connection is handed
 * back when `fn` settles, before anything is sent to the client.
 */
export async function readsTogether<T>(fn: () => Promise<T>): Promise<T> {
  const shared = new SharedReads();
  try {
    return await sharedReads.run(shared, fn);
  } finally {
    await shared.close();
  }
}

/** The message every refused member of a tenant-scoped manager throws with (README, Security). */
export const SCOPED_MANAGER_REFUSAL = 'tenant-scoped manager: use query()';

const refuse = (member: string): UmsError =>
  new UmsError('TENANT_SCOPE', `${SCOPED_MANAGER_REFUSAL} — "${member}" would run as the database owner, outside the organization's wall.`);

/**
 * What a scoped manager's `queryRunner` shows: whether a transaction is open
 * (the data layer's only question of it). Its statements (`query`, `manager`,
 * `startTransaction`…) would run as the owner without the setting: refused.
 */
const runnerViews = new WeakMap<QueryRunner, QueryRunner>();
function runnerView(runner: QueryRunner): QueryRunner {
  let view = runnerViews.get(runner);
  if (!view) {
    view = new Proxy(runner, {
      get(target, member) {
        if (member === 'isTransactionActive' || member === 'isReleased') return target[member];
        if (member === 'then' || typeof member === 'symbol') return undefined;
        throw refuse(`queryRunner.${member}`);
      },
      set: (_target, member) => {
        throw refuse(`queryRunner.${String(member)}`);
      },
    });
    runnerViews.set(runner, view);
  }
  return view;
}

/**
 * The open transaction's own query runner behind `manager`, scoped or not: a
 * key for what one transaction remembers (files to remove after commit, the
 * organization's status). For core/data only; never hand it to plugin code.
 */
export const transactionRunner = (manager: EntityManager): QueryRunner | undefined => (manager as Scoped)[SCOPE]?.base.queryRunner ?? manager.queryRunner;

/**
 * `manager`, with every statement scoped to `organizationId` (see the file
 * comment). It fails closed: only `query` (scoped), `transaction` (its
 * callback gets a manager scoped the same way) and `queryRunner`'s
 * `isTransactionActive` are served. Every other member — `getRepository`,
 * `createQueryBuilder`, `find*`, `save`, `sql`, `connection`… — would send SQL
 * as the owner without the tenant setting, and throws a TENANT_SCOPE error
 * ("tenant-scoped manager: use query()") instead (tests/tenant-scoped-manager-fails-closed.test.ts).
 */
export function tenantScoped(manager: EntityManager, organizationId: string): EntityManager {
  return scopedTo(manager, organizationId);
}

/**
 * `manager`, with every statement run as the bypass role (BYPASS_ROLE, no
 * organization set): the same fail-closed manager as tenantScoped's, on the
 * other side of the wall. For core/db/cross-tenant.ts only, which names and
 * logs every use; everything else goes through crossTenant.
 */
export function bypassScoped(manager: EntityManager): EntityManager {
  return scopedTo(manager, BYPASS);
}

/** The SQL that puts an open transaction of a dedicated runner on the bypass's side (crossTenantRunner). */
export const BYPASS_SCOPE_SQL = scopeSql(BYPASS);

function scopedTo(manager: EntityManager, wall: Wall): EntityManager {
  const existing = (manager as Scoped)[SCOPE];
  if (existing?.wall === wall) return manager;
  const base = existing?.base ?? manager;
  const query = async <T = unknown>(sql: string, parameters?: unknown[]): Promise<T> => {
    const runner = base.queryRunner;
    if (runner?.isTransactionActive) return inTransaction<T>(runner, wall, sql, parameters);
    // The bypass never joins a step's shared reads: those belong to one organization.
    const shared = wall === BYPASS ? undefined : await sharedReads.getStore()?.query<T>(base.connection, wall, sql, parameters);
    if (shared) return shared.result;
    // A transaction of its own: the setting and the statement before one Sync, one round trip, no BEGIN/COMMIT.
    const own = await connect(base.connection);
    try {
      return await queryAfter<T>(own.client, [scopeSql(wall)], sql, parameters);
    } finally {
      await own.runner.release();
    }
  };
  // TypeORM's own overloads: (fn) or (isolationLevel, fn); the transaction (a savepoint inside one) is scoped too.
  const transaction = <T>(first: unknown, second?: unknown): Promise<T> => {
    const fn = (typeof first === 'function' ? first : second) as (m: EntityManager) => Promise<T>;
    const run = (inner: EntityManager): Promise<T> => fn(scopedTo(inner, wall));
    return typeof first === 'string' ? base.transaction(first as Parameters<EntityManager['transaction']>[0] & string, run) : base.transaction(run);
  };
  const scope = { wall, base };
  const target = Object.create(base) as Scoped;
  return new Proxy(target, {
    get(_target, member) {
      switch (member) {
        case SCOPE:
          return scope;
        case 'query':
          return query;
        case 'transaction':
          return transaction;
        case 'queryRunner':
          return base.queryRunner && runnerView(base.queryRunner);
        case '@instanceof':
          return base['@instanceof'];
        case 'then':
          return undefined; // not a thenable: an async function may return it
      }
      if (typeof member === 'symbol') return undefined;
      throw refuse(member);
    },
    set: (_target, member) => {
      throw refuse(String(member));
    },
    defineProperty: (_target, member) => {
      throw refuse(String(member));
    },
  });
}

/**
 * Inside the wall, for code that knows its organization but needs no
 * RecordService (a session check, a report run of the actor's organization):
 * a manager whose `query` is scoped to `organizationId`, as the data layer's.
 * Only `query` (and `transaction`) work: repositories, query builders and the
 * find/save family throw (see tenantScoped).
 */
export const withinTenant = (dataSource: DataSource, organizationId: string): EntityManager => tenantScoped(dataSource.manager, organizationId);

/** `fn` in one transaction of `organizationId`'s, inside the wall (see withinTenant). */
export const tenantTransaction = <T>(dataSource: DataSource, organizationId: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> =>
  dataSource.transaction((manager) => fn(tenantScoped(manager, organizationId)));
