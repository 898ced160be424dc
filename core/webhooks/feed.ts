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
import { parseConditions, type ConditionNode, type ResolvedEntity } from '../manifest/index.js';

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
  const rows: { id: string; entity: string; events: unknown; condition: unknown }[] = await records.entityManager.query(
    `SELECT id, entity, events, condition FROM "${table}" WHERE organization_id = $1 AND is_active`,
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
    subscriptions.push({ id: row.id, entity: row.entity, events, condition });
  }
  cache.set(organizationId, { loadedAt: Date.now(), subscriptions });
  return subscriptions;
}

/**
 * Appends an outbox row for each active subscription to `event` on this
 * record, in the transaction `records` works in. For `deleted` it is called
 * before the row goes, so a condition still sees the record.
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
  const insert = async (ids: string[], condition?: ConditionNode): Promise<void> => {
    const params = new SqlParams();
    const where = [`w.organization_id = ${params.add(organizationId)}`, `w.id = ANY(${params.add(ids)})`, 'w.is_active'];
    if (condition) {
      const sql = conditionToSql(condition, entity, 'r', params, { registry, organizationId, timeZone });
      where.push(`EXISTS (SELECT 1 FROM "${entity.table}" r WHERE r.organization_id = ${params.add(organizationId)} AND r.id = ${params.add(recordId)} AND ${sql})`);
    }
    const userId = params.add(actorUserId(records.actor));
    await records.entityManager.query(
      `INSERT INTO "${deliveryTable}" (id, organization_id, webhook_id, event, entity, record_id, details, delivery_id, status, attempts, next_attempt_at, created_by, updated_by)
       SELECT g.id, g.organization_id, g.webhook_id, ${params.add(event)}, ${params.add(entity.key)}, ${params.add(recordId)}, ${params.add(details ? JSON.stringify(details) : null)}::jsonb, g.id::text, 'queued', 0, now(), ${userId}::uuid, ${userId}::uuid
         FROM (SELECT gen_random_uuid() AS id, w.organization_id, w.id AS webhook_id FROM "${webhookTable}" w WHERE ${where.join(' AND ')}) g`,
      params.values,
    );
  };
  const plain = matching.filter((s) => !s.condition).map((s) => s.id);
  if (plain.length) await insert(plain);
  for (const s of matching) if (s.condition) await insert([s.id], s.condition);
}
