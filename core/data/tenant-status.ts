/**
 * What an organization's lifecycle and plan mean for the data layer, checked
 * in every write's own transaction (core/tenancy/lifecycle.ts sets them):
 *  - a suspended, archived or deleting organization is read-only, for every actor:
 *    suspended because its data must stay as it was while the bill is open,
 *    archived because that is what archived means; the message says which
 *    and why;
 *  - `max_records`: creating a manifest record takes one from a counter
 *    with a conditional UPDATE (`record_count < max_records`), so twenty
 *    concurrent creates at the limit cannot all win: they queue on the
 *    organization's row and the loser sees the limit. A CHECK constraint
 *    holds the same bound. The counter is kept only while a limit is set
 *    (org:limits counts the records when it sets one), so organizations
 *    without a limit pay one primary-key read per write and no row lock;
 *  - `max_users`: creating or re-activating a user locks the organization's
 *    row and counts its active users (users are few; a counter would have to
 *    follow activation, deletion and erasure).
 */
import type { EntityManager } from 'typeorm';
import type { ResolvedEntity } from '../manifest/index.js';
import { UmsError } from '../errors.js';
import { transactionRunner } from './tenant-scope.js';

export type OrganizationStatus = 'active' | 'suspended' | 'archived' | 'deleting' | 'deleted';

/** Statuses whose users may not sign in or act at all (org:suspend, org:delete). */
export const SIGNED_OUT_STATUSES: readonly OrganizationStatus[] = ['suspended', 'deleting', 'deleted'];

interface Row {
  status: OrganizationStatus;
  status_reason: string | null;
  max_records: number | null;
  max_users: number | null;
}

export interface WriteAllowance {
  maxRecords: number | null;
  maxUsers: number | null;
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

/** The refusal a person sees when their organization is not active. */
export function inactiveMessage(status: OrganizationStatus, reason: string | null): string {
  const why = reason ? `: ${reason}` : '';
  switch (status) {
    case 'suspended':
      return `This organization is suspended${why}. Its data is kept unchanged; contact your provider to have it resumed.`;
    case 'deleting':
      return `This organization is being deleted${why}. Its data is kept until the end of the grace period; contact your provider to have it restored.`;
    case 'deleted':
      return 'This organization has been deleted.';
    default:
      return `This organization is archived${why}. Its data can be read but no longer changed.`;
  }
}

/**
 * The organization's status and limits, read once per transaction: a posting
 * writes five records in one, and the row is read without a lock either way
 * (a status change committed after this read is seen by the next
 * transaction, as it was by the next write before), so asking again within
 * the transaction only costs round trips. Outside a transaction every call reads.
 */
// Keyed by the query runner, as files.ts keys its removals: TypeORM makes a new one for every transaction (only migrations start one by hand, once).
const statusInTransaction = new WeakMap<object, Map<string, Row | undefined>>();
async function organizationRow(manager: EntityManager, organizationId: string): Promise<Row | undefined> {
  const runner = manager.queryRunner?.isTransactionActive ? transactionRunner(manager) : undefined;
  const known = runner ? statusInTransaction.get(runner) : undefined;
  if (known?.has(organizationId)) return known.get(organizationId);
  const [row] = rowsOf<Row>(await manager.query('SELECT status, status_reason, max_records, max_users FROM core_organization WHERE id = $1', [organizationId]));
  if (runner) {
    const map = known ?? new Map<string, Row | undefined>();
    map.set(organizationId, row);
    statusInTransaction.set(runner, map);
  }
  return row;
}

/** Refuses any write in an organization that is not active; returns its plan limits for the create path. */
export async function requireWritable(manager: EntityManager, organizationId: string, entity: ResolvedEntity): Promise<WriteAllowance> {
  const row = await organizationRow(manager, organizationId);
  if (!row) return { maxRecords: null, maxUsers: null };
  if (row.status !== 'active') {
    throw new UmsError(row.status === 'archived' ? 'ORGANIZATION_ARCHIVED' : 'ORGANIZATION_SUSPENDED', inactiveMessage(row.status, row.status_reason), { entity: entity.key });
  }
  return { maxRecords: row.max_records, maxUsers: row.max_users };
}

/** Whether records of this entity count against max_records: the manifests' own entities, not the core's. */
export const countsAsRecord = (entity: ResolvedEntity): boolean => entity.module !== 'core';

/** Takes one record from the plan, atomically; refuses when none is left. */
export async function claimRecord(manager: EntityManager, organizationId: string, entity: ResolvedEntity, allowance: WriteAllowance): Promise<void> {
  if (allowance.maxRecords === null || !countsAsRecord(entity)) return;
  const taken = rowsOf<{ max_records: number }>(
    await manager.query(
      `UPDATE core_organization SET record_count = record_count + 1 WHERE id = $1 AND max_records IS NOT NULL AND record_count < max_records RETURNING max_records`,
      [organizationId],
    ),
  );
  if (taken.length) return;
  const [now] = rowsOf<{ max_records: number | null }>(await manager.query('SELECT max_records FROM core_organization WHERE id = $1', [organizationId]));
  if (now?.max_records === null || now === undefined) return; // the limit was lifted meanwhile
  throw new UmsError(
    'PLAN_LIMIT_REACHED',
    `This organization's plan allows ${now.max_records} records, and all of them are used. Delete records you no longer need or ask your provider to raise the limit.`,
    { entity: entity.key },
  );
}

/** Gives a deleted record's place back (only counted while a limit is set). */
export async function releaseRecord(manager: EntityManager, organizationId: string, entity: ResolvedEntity): Promise<void> {
  if (!countsAsRecord(entity)) return;
  await manager.query('UPDATE core_organization SET record_count = greatest(record_count - 1, 0) WHERE id = $1 AND max_records IS NOT NULL', [organizationId]);
}

/** Before a user is created or re-activated: the organization's row is locked, so concurrent ones count one after another. */
export async function claimUserSeat(manager: EntityManager, organizationId: string, allowance: WriteAllowance, exceptUserId?: string): Promise<void> {
  if (allowance.maxUsers === null) return;
  const [row] = rowsOf<{ max_users: number | null }>(await manager.query('SELECT max_users FROM core_organization WHERE id = $1 FOR UPDATE', [organizationId]));
  if (row?.max_users === null || row === undefined) return;
  const [{ n }] = rowsOf<{ n: number }>(
    await manager.query('SELECT count(*)::int AS n FROM core_user WHERE organization_id = $1 AND is_active AND deleted_at IS NULL AND id IS DISTINCT FROM $2', [organizationId, exceptUserId ?? null]),
  );
  if (n < row.max_users) return;
  throw new UmsError(
    'PLAN_LIMIT_REACHED',
    `This organization's plan allows ${row.max_users} active users, and all of them are taken. Deactivate a user or ask your provider to raise the limit.`,
    { entity: 'core.user', field: 'email' },
  );
}
