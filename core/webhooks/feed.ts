/**
 * The change feed: RecordService's create, update and delete and the workflow
 * engine's transitions call `recordChanged` inside their transaction, and each
 * matching active subscription gets one `core_webhook_delivery` row (the
 * outbox) in that same transaction. So a delivery exists exactly when the change
 * committed, and nothing is sent here: the delivery job (delivery.ts) does that.
 *
 * The subscriptions of an organization are cached (entity, events, parsed
 * condition) for SUBSCRIPTION_TTL_MS and dropped whenever a webhook row is
 * written through the data layer, so a change in an organization without
 * webhooks costs no query. The cache only proposes candidates: the INSERT reads
 * the webhook row again (`is_active`) and tests the condition against the
 * record in SQL, so a stale cache never delivers for a disabled subscription.
 */
import { SqlParams, conditionToSql } from '../access/sql.js';
import { actorUserId } from '../data/actor.js';
import type { RecordService } from '../data/records.js';
import { columnOf, parseConditions, type ConditionNode, type ResolvedEntity } from '../manifest/index.js';

export const WEBHOOK_EVENTS = ['created', 'updated', 'deleted', 'transition'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK = 'core.webhook';
export const WEBHOOK_DELIVERY = 'core.webhook_delivery';
export const WEBHOOK_ATTEMPT = 'core.webhook_attempt';
/** The webhook service's own tables are never watched (a delivery would make a delivery). */
export const UNWATCHED = new Set([WEBHOOK, WEBHOOK_DELIVERY, WEBHOOK_ATTEMPT]);

export const SUBSCRIPTION_TTL_MS = 30_000;

interface Subscription {
  id: string;
  owner: { id: string; email: string } | null;
  entity: string;
  events: ReadonlySet<string>;
  condition?: ConditionNode;
}

const cache = new Map<string, { loadedAt: number; subscriptions: Subscription[] }>();

/** Drops the cached subscriptions of one organization (or of all). */
export function invalidateSubscriptions(organizationId?: string): void {
  if (organizationId) cache.delete(organizationId);
  else cache.clear();
}

async function subscriptionsOf(records: RecordService): Promise<Subscription[]> {
  const organizationId = records.organizationId;
  const hit = cache.get(organizationId);
  if (hit && Date.now() - hit.loadedAt < SUBSCRIPTION_TTL_MS) return hit.subscriptions;
  const table = records.runtime.registry.entity(WEBHOOK)!.table;
  const ownerColumn = columnOf(records.runtime.registry.entity(WEBHOOK)!.field.get('owner')!);
  const rows: { id: string; owner: string | null; email: string | null; entity: string; events: unknown; condition: unknown }[] = await records.entityManager.query(
    `SELECT w.id, w."${ownerColumn}" AS owner, u.email, w.entity, w.events, w.condition
       FROM "${table}" w LEFT JOIN core_user u ON u.organization_id = w.organization_id AND u.id = w."${ownerColumn}" AND u.is_active AND u.deleted_at IS NULL
      WHERE w.organization_id = $1 AND w.is_active`,
    [organizationId],
  );
  const subscriptions: Subscription[] = [];
  for (const row of rows) {
    const events = new Set(Array.isArray(row.events) ? row.events.map(String) : []);
    let condition: ConditionNode | undefined;
    if (row.condition && typeof row.condition === 'object' && Object.keys(row.condition).length) {
      const problems: { pointer: string; message: string }[] = [];
      condition = parseConditions(row.condition, '', problems, { interpolated: true });
      if (problems.length) continue; // checked when saved (hooks.ts); a row written around that check matches nothing
    }
    subscriptions.push({ id: row.id, owner: row.owner && row.email ? { id: row.owner, email: row.email } : null, entity: row.entity, events, condition });
  }
  cache.set(organizationId, { loadedAt: Date.now(), subscriptions });
  return subscriptions;
}

/**
 * Appends an outbox row for each active subscription to `event` on this
 * record, in the transaction `records` works in. For `deleted` it is called
 * before the row goes, so a condition still sees the record. Called before the
 * after-hooks, so a hook's own later change of the record is a later event;
 * `next_attempt_at` is the statement's clock, so deliveries of one
 * transaction go out in the order they were written.
 */
export async function recordChanged(records: RecordService, entity: ResolvedEntity, event: WebhookEvent, recordId: string, details?: Record<string, unknown>): Promise<void> {
  if (UNWATCHED.has(entity.key)) return;
  const matching = (await subscriptionsOf(records)).filter((s) => s.entity === entity.key && s.events.has(event));
  if (!matching.length) return;
  const registry = records.runtime.registry;
  const webhookTable = registry.entity(WEBHOOK)!.table;
  const deliveryTable = registry.entity(WEBHOOK_DELIVERY)!.table;
  const organizationId = records.organizationId;
  const timeZone = await records.timeZone();
  const inserted: { id: string; webhook_id: string }[] = [];
  const insert = async (ids: string[], condition?: ConditionNode): Promise<void> => {
    const params = new SqlParams();
    const where = [`w.organization_id = ${params.add(organizationId)}`, `w.id = ANY(${params.add(ids)})`, 'w.is_active'];
    if (condition) {
      const sql = conditionToSql(condition, entity, 'r', params, { registry, organizationId, timeZone });
      where.push(`EXISTS (SELECT 1 FROM "${entity.table}" r WHERE r.organization_id = ${params.add(organizationId)} AND r.id = ${params.add(recordId)} AND ${sql})`);
    }
    const userId = params.add(actorUserId(records.actor));
    const result: unknown = await records.entityManager.query(
      `INSERT INTO "${deliveryTable}" (id, organization_id, webhook_id, event, entity, record_id, details, delivery_id, status, attempts, next_attempt_at, created_by, updated_by)
       SELECT g.id, g.organization_id, g.webhook_id, ${params.add(event)}, ${params.add(entity.key)}, ${params.add(recordId)}, ${params.add(details ? JSON.stringify(details) : null)}::jsonb, g.id::text, 'queued', 0, clock_timestamp(), ${userId}::uuid, ${userId}::uuid
         FROM (SELECT gen_random_uuid() AS id, w.organization_id, w.id AS webhook_id FROM "${webhookTable}" w WHERE ${where.join(' AND ')}) g
       RETURNING id, webhook_id`,
      params.values,
    );
    inserted.push(...rowsOf(result));
  };
  const plain = matching.filter((s) => !s.condition).map((s) => s.id);
  if (plain.length) await insert(plain);
  for (const s of matching) {
    if (!s.condition) continue;
    // A condition checked when saved can stop fitting after a manifest change (a field removed): it then matches nothing, and the change itself goes on.
    if (!compiles(s.condition, entity, registry, organizationId)) continue;
    await insert([s.id], s.condition);
  }
  if (inserted.length) await fillPayloads(records, entity, recordId, inserted, matching, deliveryTable);
}

function compiles(condition: ConditionNode, entity: ResolvedEntity, registry: RecordService['runtime']['registry'], organizationId: string): boolean {
  try {
    conditionToSql(condition, entity, 'r', new SqlParams(), { registry, organizationId });
    return true;
  } catch {
    return false;
  }
}

/** INSERT … RETURNING through TypeORM: the rows, whichever shape the driver hands back. */
function rowsOf(result: unknown): { id: string; webhook_id: string }[] {
  const list = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
  return Array.isArray(list) ? (list as { id: string; webhook_id: string }[]) : [];
}

/**
 * Each new delivery's payload: the record as its webhook's owner may see it
 * now, read through Records for that person in this transaction (their row
 * and field rules), one read per owner. A record the owner may not read is
 * not sent: the delivery is `skipped` at once, saying why.
 */
async function fillPayloads(records: RecordService, entity: ResolvedEntity, recordId: string, inserted: { id: string; webhook_id: string }[], subscriptions: Subscription[], deliveryTable: string): Promise<void> {
  const byOwner = new Map<string, { owner: { id: string; email: string } | null; deliveries: string[] }>();
  for (const row of inserted) {
    const owner = subscriptions.find((s) => s.id === row.webhook_id)?.owner ?? null;
    const key = owner?.id ?? '';
    const group = byOwner.get(key) ?? { owner, deliveries: [] };
    group.deliveries.push(row.id);
    byOwner.set(key, group);
  }
  for (const { owner, deliveries } of byOwner.values()) {
    let payload: Record<string, unknown> | undefined;
    if (owner) {
      // The class of `records` (records.ts imports this file: no import back).
      const Service = records.constructor as typeof RecordService;
      const ownerRecords = await Service.for(records.runtime, { kind: 'user', userId: owner.id, organizationId: records.organizationId, email: owner.email }, records.entityManager);
      [payload] = await ownerRecords.getMany(entity.key, [recordId]);
    }
    await records.entityManager.query(
      payload
        ? `UPDATE "${deliveryTable}" SET payload = $2::jsonb WHERE id = ANY($1)`
        : `UPDATE "${deliveryTable}" SET status = 'skipped', last_error = $2 WHERE id = ANY($1)`,
      [deliveries, payload ? JSON.stringify(payload) : owner ? 'The webhook’s owner may not read this record.' : 'The webhook has no active owner whose view of the record could be sent.'],
    );
  }
}
