/**
 * Row-level security from the data layer's side: every statement a
 * RecordService sends runs as the application role with the actor's
 * organization set (`ums.organization_id`), inside a transaction, so the
 * database's tenant policy (core/db/tenant-walls.ts) applies to every path that
 * goes through the data layer: records, reads, system actors, plugins, hooks,
 * jobs, exports, imports and the engines writing through `records.entityManager`.
 *
 * Inside a transaction the setting is made once, before the first statement
 * (SET LOCAL semantics: it ends with the transaction). A read outside a
 * transaction gets a short one of its own: BEGIN and the setting travel in one
 * round trip, then the statement, then COMMIT.
 *
 * `readsTogether(fn)` lets the reads of one short server-side step (an admin
 * list: its rows, the records they refer to, its count) share one such
 * transaction instead of one each: opened at the first read of the step's
 * organization, committed and handed back to the pool when `fn` settles, so no
 * connection is held while waiting on a client. The setting is still
 * transaction-local: a connection back in the pool carries no role and no
 * tenant (tests/shared-read-scope.test.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { UmsError } from '../errors.js';
import { isUuid } from '../manifest/index.js';
import { APP_ROLE, TENANT_SETTING } from '../db/tenant-walls.js';

const SCOPE = Symbol('ums.tenantScope');
type Scoped = EntityManager & { [SCOPE]?: { organizationId: string; base: EntityManager } };

/** The organization each open transaction was scoped to, and at which savepoint depth. */
const scopedRunners = new WeakMap<QueryRunner, { organizationId: string; depth: number }>();

const scopeSql = (organizationId: string): string => {
  // A literal, so BEGIN and the setting share one simple-protocol round trip; only a UUID gets here.
  if (!isUuid(organizationId)) throw new UmsError('INTERNAL', `Not an organization id: "${organizationId}".`);
  return `SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', '${organizationId}', true)`;
};

async function scopeTransaction(runner: QueryRunner, organizationId: string): Promise<void> {
  const depth = (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
  const known = scopedRunners.get(runner);
  // A savepoint rolled back below the depth the setting was made at took it with it: set it again.
  if (known && known.organizationId === organizationId && depth >= known.depth) return;
  await runner.query(scopeSql(organizationId));
  scopedRunners.set(runner, { organizationId, depth });
}

type Client = { query(text: string): Promise<unknown> };

/** Opens a connection with a transaction scoped to `organizationId`: BEGIN and the setting in one round trip. */
async function openScoped(dataSource: DataSource, organizationId: string): Promise<{ runner: QueryRunner; client: Client }> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as Client;
    await client.query(`BEGIN; ${scopeSql(organizationId)}`);
    return { runner, client };
  } catch (err) {
    await runner.release();
    throw err;
  }
}

/** Ends a transaction opened by openScoped and hands the connection back (ROLLBACK after a failure). */
async function closeScoped(opened: { runner: QueryRunner; client: Client }, ok: boolean): Promise<void> {
  try {
    if (ok) await opened.client.query('COMMIT');
    else await opened.client.query('ROLLBACK').catch(() => undefined);
  } finally {
    await opened.runner.release();
  }
}

/** The transaction the reads of one readsTogether step share, opened by its first read. */
class SharedReads {
  private opened?: Promise<{ runner: QueryRunner; client: Client }>;
  private organizationId?: string;
  closed = false;

  /** Runs `sql` in the shared transaction, or returns undefined when it belongs to another organization or data source. */
  async query<T>(dataSource: DataSource, organizationId: string, sql: string, parameters?: unknown[]): Promise<{ result: T } | undefined> {
    if (this.closed) return undefined;
    if (!this.opened) {
      this.organizationId = organizationId;
      this.opened = openScoped(dataSource, organizationId);
      this.opened.catch(() => undefined);
    }
    const opened = this.opened;
    // One tenant per shared transaction: a read for another organization (or database) takes its own.
    if (this.organizationId !== organizationId) return undefined;
    let runner: QueryRunner;
    try {
      ({ runner } = await opened);
    } catch (err) {
      if (this.opened === opened) this.opened = this.organizationId = undefined;
      throw err;
    }
    if (runner.connection !== dataSource) return undefined;
    try {
      return { result: (await runner.query(sql, parameters)) as T };
    } catch (err) {
      // A failed statement aborts the transaction: end it, and let later reads open a fresh one.
      if (this.opened === opened) {
        this.opened = undefined;
        this.organizationId = undefined;
        await closeScoped(await opened, false);
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const opened = this.opened;
    this.opened = undefined;
    if (!opened) return;
    let scoped: { runner: QueryRunner; client: Client };
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

/** `manager`, with every statement scoped to `organizationId` (see the file comment). */
export function tenantScoped(manager: EntityManager, organizationId: string): EntityManager {
  const existing = (manager as Scoped)[SCOPE];
  if (existing?.organizationId === organizationId) return manager;
  const base = existing?.base ?? manager;
  const scoped = Object.create(base) as Scoped;
  scoped[SCOPE] = { organizationId, base };
  scoped.query = async <T = unknown>(sql: string, parameters?: unknown[]): Promise<T> => {
    const runner = base.queryRunner;
    if (runner?.isTransactionActive) {
      await scopeTransaction(runner, organizationId);
      return runner.query(sql, parameters) as Promise<T>;
    }
    const shared = await sharedReads.getStore()?.query<T>(base.connection, organizationId, sql, parameters);
    if (shared) return shared.result;
    const own = await openScoped(base.connection, organizationId);
    let ok = false;
    try {
      const result = (await own.runner.query(sql, parameters)) as T;
      ok = true;
      return result;
    } finally {
      await closeScoped(own, ok);
    }
  };
  return scoped;
}
