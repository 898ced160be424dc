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
 */
import type { EntityManager, QueryRunner } from 'typeorm';
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
    const own = base.connection.createQueryRunner();
    try {
      const client = (await own.connect()) as { query(text: string): Promise<unknown> };
      await client.query(`BEGIN; ${scopeSql(organizationId)}`);
      try {
        const result = (await own.query(sql, parameters)) as T;
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      await own.release();
    }
  };
  return scoped;
}
