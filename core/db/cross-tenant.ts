/**
 * The named bypass of the tenant walls (README, Security): the only way for
 * code outside core/db and the data layer's wall (core/data/tenant-scope.ts)
 * to reach rows of every organization. Its statements run as the bypass role
 * (BYPASS_ROLE, core/db/tenant-walls.ts: set with `set_config('role', …, true)`
 * in the statement's own transaction, or once in the caller's transaction),
 * which a policy lets past row-level security and whose privileges are rows
 * only: it cannot ALTER, DROP or TRUNCATE a table. The pool's login role, which
 * owns the tables, is left to migrations and start-up; the one purpose that
 * needs it (`bench`: VACUUM, CHECKPOINT, ALTER DATABASE on its own fixture) is
 * marked `owner` below. `npm run lint` refuses any other use of the owner
 * connection (scripts/check-owner-connection.ts).
 *
 * Every use names one of the purposes below — a closed list, so what crosses
 * tenants can be read in one place and is listed in the README — and is
 * logged with that purpose (no SQL, no parameters: they may carry addresses
 * and token hashes). Purposes on a request's or a worker's hot path log at
 * debug, the others at info. A bypass that writes tenant data outside the
 * data layer records an audit row naming the system actor `cross-tenant:<purpose>`
 * (`auditCrossTenant`); writes that go through a RecordService are audited by
 * it under their own system actor.
 */
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { BYPASS_SCOPE_SQL, bypassScoped } from '../data/tenant-scope.js';
import { errorField, log } from '../log.js';

interface Purpose {
  /** Why this cannot be scoped to one organization (shown in the README's Security section). */
  why: string;
  /** Hot paths (every request, every poll of a worker) log at debug; the rest at info. */
  hot?: boolean;
  /** Runs as the owner, not the bypass role: maintenance commands only the owner may run. Never on a request's path. */
  owner?: boolean;
}

export const CROSS_TENANT_PURPOSES = {
  'sign-in': { why: 'an address is looked up in every organization before one is known (the admin and API sign-in)', hot: true },
  'account-by-address': { why: 'forgot-password, reset, invitation and account-deletion codes are found by address or token, before the organization is known' },
  'api-token': { why: 'a refresh token or API client secret is found by its hash, before the organization is known', hot: true },
  'cors-origins': { why: 'an Origin header is matched against every organization’s allowed origins before the request names one', hot: true },
  'organization-registry': { why: 'the organization row itself (slug, status) is read before a request or job is bound to it; core_organization has no organization_id', hot: true },
  'auth-expiry': { why: 'expired codes and throttle rows of every organization are removed by one periodic job' },
  'jobs-scheduler': { why: 'the scheduler and worker pick due jobs of every organization and file garbage of every organization', hot: true },
  'mail-delivery': { why: 'the delivery worker claims due outbox mail of every organization', hot: true },
  'webhook-delivery': { why: 'the delivery worker claims due webhook deliveries of every organization and disables failing hooks', hot: true },
  'report-runs': { why: 'the report worker claims queued report runs of every organization', hot: true },
  'documents': { why: 'the documents job picks queued documents of every organization (each is then printed as its requester)', hot: true },
  'plugin-upgrades': { why: 'a module’s data upgrade runs once in every organization that enabled it, at start-up' },
  'tenancy': { why: 'organizations are created, suspended, limited, exported, imported, deleted and purged by operator commands' },
  'organization-purge': { why: 'a deleted organization’s rows are removed with the append-only tables’ user triggers off for the batch (ALTER TABLE … DISABLE TRIGGER USER needs the owner)', owner: true },
  'operator-cli': { why: 'operator commands (org:list, access:explain, role and migration look-ups) run before or across organizations' },
  'ops-health': { why: 'health and metrics read the migrations table and the job queue, which belong to no organization', hot: true },
  'bench': { why: 'the benchmark builds and measures its own fixture organizations (VACUUM, CHECKPOINT and ALTER DATABASE need the owner)', owner: true },
} as const satisfies Record<string, Purpose>;

export type CrossTenantPurpose = keyof typeof CROSS_TENANT_PURPOSES;

/**
 * Runs `fn` with a manager outside the tenant wall, named `purpose` in the log:
 * its statements run as the bypass role (or the owner, for an `owner`
 * purpose). It serves `query` and `transaction` (`bypass.transaction(async (tx)
 * => …)`: the role is set once in that transaction), and fails closed on every
 * other member of EntityManager, as the tenant-scoped manager does. A manager
 * handed on to a RecordService inside such a transaction is scoped to that
 * service's organization for its statements; the next bypass statement sets
 * the bypass role again. A failure is logged (its code and message) and rethrown.
 */
export async function crossTenant<T>(dataSource: DataSource, purpose: CrossTenantPurpose, fn: (owner: EntityManager) => Promise<T>): Promise<T> {
  const known: Purpose = CROSS_TENANT_PURPOSES[purpose];
  const level = known.hot ? 'debug' : 'info';
  const started = Date.now();
  try {
    const result = await fn(known.owner ? dataSource.manager : bypassScoped(dataSource.manager));
    log()[level]({ crossTenant: purpose, ms: Date.now() - started }, 'cross-tenant bypass');
    return result;
  } catch (err) {
    // A hot path's caller handles and reports its own failures (a poll that finds no table yet); the rest warn.
    log()[known.hot ? 'debug' : 'warn']({ crossTenant: purpose, ms: Date.now() - started, err: errorField(err) }, 'cross-tenant bypass failed');
    throw err;
  }
}

/** The system actor a bypass's own writes are audited under. */
export const crossTenantActor = (purpose: CrossTenantPurpose): string => `cross-tenant:${purpose}`;

/**
 * An audit row for tenant data a bypass wrote itself (not through a
 * RecordService), in the write's transaction, naming `cross-tenant:<purpose>`.
 */
export async function auditCrossTenant(
  owner: EntityManager,
  purpose: CrossTenantPurpose,
  row: { organizationId: string; module: string; entity: string; recordId: string; actionName: string; changes: Record<string, unknown> },
): Promise<void> {
  await owner.query(
    `INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by)
     VALUES ($1, NULL, $2, $3, $4, $5, 'action', $6, $7, NULL, NULL, NULL)`,
    [row.organizationId, crossTenantActor(purpose), row.module, row.entity, row.recordId, row.actionName, JSON.stringify(row.changes)],
  );
}

/**
 * A dedicated connection in an open transaction as the bypass role, for a
 * bypass that must hold one connection itself (an export's repeatable-read
 * snapshot): `begin` opens the transaction (e.g. `BEGIN ISOLATION LEVEL
 * REPEATABLE READ READ ONLY`), the role is set in it, and it is logged like
 * crossTenant. The caller ends the transaction and releases the runner.
 */
export async function crossTenantRunner(dataSource: DataSource, purpose: CrossTenantPurpose, begin: string): Promise<QueryRunner> {
  const known: Purpose = CROSS_TENANT_PURPOSES[purpose];
  log()[known.hot ? 'debug' : 'info']({ crossTenant: purpose, runner: true }, 'cross-tenant bypass');
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query(begin);
    if (!known.owner) await runner.query(BYPASS_SCOPE_SQL);
    return runner;
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
    throw err;
  }
}
