/**
 * Delivering webhooks (the recurring job `core.webhook_delivery`, never inside
 * a web request or a database transaction). The same guarantees as mail
 * (core/mail/delivery.ts):
 * - Never lost. A delivery row exists once the change that caused it committed,
 *   and stays `queued` / `sending` until the receiver answered 2xx (`delivered`)
 *   or it failed MAX_ATTEMPTS times (`failed`; Send again queues it anew).
 * - Claim with a lease. One row at a time, in one autocommitted statement
 *   (`FOR UPDATE SKIP LOCKED`): status `sending`, attempts + 1, next attempt =
 *   now + lease. A worker killed at any point leaves it `sending`; when the
 *   lease ends the next run claims it again, noting the unfinished attempt.
 *   The request timeout is far below the lease.
 * - Duplicates are recognisable. HTTP has no commit point the sender can see:
 *   a worker killed after the receiver took the request but before the row is
 *   marked delivered sends it again. Every copy carries the same
 *   `X-UMS-Delivery` id (the row's delivery_id), so receivers de-duplicate.
 * - Marking the outcome is conditional on the claim (the row's version).
 *
 * The body is `{ id, event, entity, occurred_at, record, transition? }`; the
 * record is the delivery's payload, read through Records for the webhook's
 * owner in the change's transaction (feed.ts): what that person could see of
 * it then (for `deleted`, just before it went).
 * Deliveries of an inactive webhook wait; re-enabling it sends them. After
 * `disableAfter` failed attempts in a row (any of its deliveries) a webhook
 * is disabled with the reason; a success resets the count.
 */
import type { Runtime } from '../runtime.js';
import { WEBHOOK_SECRET_TABLE } from '../data/entity-schemas.js';
import { columnOf } from '../manifest/index.js';
import { invalidateSubscriptions, WEBHOOK, WEBHOOK_ATTEMPT, WEBHOOK_DELIVERY } from './feed.js';
import { BlockedAddressError, postThroughWall, type OutgoingOptions } from './outgoing.js';
import { decryptSecret, signatureHeader } from './secret.js';
import { crossTenant } from '../db/cross-tenant.js';
import { withinTenant } from '../data/tenant-scope.js';
import { writeAudit } from '../data/audit.js';
import { systemActor } from '../data/actor.js';

export const MAX_ATTEMPTS = 8;
export const DISABLE_AFTER_FAILURES = 15;
const DEFAULT_LEASE_SECONDS = 300;

/** 1 min, 2, 4 … capped at 6 h (as for mail). */
export const webhookRetrySeconds = (attempts: number): number => Math.min(60 * 2 ** Math.max(attempts - 1, 0), 6 * 3600);

export interface WebhookDeliveryOptions extends OutgoingOptions {
  /** At most this many deliveries per call (default 50). */
  limit?: number;
  /** How long a claimed delivery stays reserved for its worker (default 300 s). */
  leaseSeconds?: number;
  /** Failed attempts in a row after which a webhook is disabled (default 15). */
  disableAfter?: number;
  /** Called after the receiver answered and before the outcome is recorded (tests: kill the worker there). */
  afterSend?: (deliveryId: string) => Promise<void> | void;
}

interface Claimed {
  id: string;
  organization_id: string;
  webhook_id: string;
  event: string;
  entity: string;
  record_id: string;
  details: Record<string, unknown> | null;
  payload: Record<string, unknown> | null;
  delivery_id: string;
  attempts: number;
  version: number;
  created_at: Date;
  was: string;
}

interface Tables {
  webhook: string;
  delivery: string;
  attempt: string;
  /** delivery.webhook, attempt.delivery columns */
  webhookColumn: string;
  deliveryColumn: string;
}

function tablesOf(runtime: Runtime): Tables {
  const r = runtime.registry;
  const webhook = r.entity(WEBHOOK)!;
  const delivery = r.entity(WEBHOOK_DELIVERY)!;
  const attempt = r.entity(WEBHOOK_ATTEMPT)!;
  return {
    webhook: webhook.table,
    delivery: delivery.table,
    attempt: attempt.table,
    webhookColumn: columnOf(delivery.field.get('webhook')!),
    deliveryColumn: columnOf(attempt.field.get('delivery')!),
  };
}

type Outcome =
  | { status: 'delivered'; code: number; ms: number }
  | { status: 'retry' | 'failed'; code?: number; ms?: number; error: string; counts: boolean }
  | { status: 'skipped'; error: string };

export async function deliverPendingWebhooks(runtime: Runtime, options: WebhookDeliveryOptions = {}): Promise<{ delivered: number; failed: number; skipped: number }> {
  const limit = Math.max(options.limit ?? 50, 1);
  const lease = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const t = tablesOf(runtime);
  const totals = { delivered: 0, failed: 0, skipped: 0 };
  for (let i = 0; i < limit; i++) {
    const claimed = await claimNext(runtime, t, lease);
    if (!claimed) break;
    if (claimed.was === 'sending') {
      await logAttempt(runtime, t, claimed, claimed.attempts - 1, { error: 'The attempt did not finish (the worker stopped); sent again with the same delivery id.' });
    }
    const outcome = claimed.attempts > MAX_ATTEMPTS ? { status: 'failed' as const, error: `Gave up after ${MAX_ATTEMPTS} attempts that did not finish.`, counts: false } : await attempt(runtime, t, claimed, options);
    await finish(runtime, t, claimed, outcome, options.disableAfter ?? DISABLE_AFTER_FAILURES);
    if (outcome.status === 'delivered') totals.delivered++;
    else if (outcome.status === 'skipped') totals.skipped++;
    else totals.failed++;
  }
  return totals;
}

async function claimNext(runtime: Runtime, t: Tables, leaseSeconds: number): Promise<Claimed | undefined> {
  const result: unknown[] = await crossTenant(runtime.dataSource, 'webhook-delivery', (owner) => owner.query(
    `WITH picked AS (
       SELECT d.id, d.status AS was FROM "${t.delivery}" d JOIN "${t.webhook}" w ON w.id = d."${t.webhookColumn}" AND w.is_active
        WHERE d.status IN ('queued', 'sending') AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE OF d SKIP LOCKED)
     UPDATE "${t.delivery}" d
        SET status = 'sending', attempts = d.attempts + 1, version = d.version + 1, updated_at = now(),
            next_attempt_at = now() + make_interval(secs => $1)
       FROM picked WHERE d.id = picked.id
     RETURNING d.id, d.organization_id, d."${t.webhookColumn}" AS webhook_id, d.event, d.entity, d.record_id, d.details, d.payload, d.delivery_id, d.attempts, d.version, d.created_at, picked.was`,
    [leaseSeconds],
  ));
  return ((result[0] as Claimed[] | undefined) ?? [])[0];
}

/** Builds the body as the owner may see it, signs it, and sends it through the wall. */
async function attempt(runtime: Runtime, t: Tables, d: Claimed, options: WebhookDeliveryOptions): Promise<Outcome> {
  const [hook]: { url: string; secret: string | null }[] = await withinTenant(runtime.dataSource, d.organization_id).query(
    `SELECT w.url, s.secret_encrypted AS secret FROM "${t.webhook}" w LEFT JOIN ${WEBHOOK_SECRET_TABLE} s ON s.webhook_id = w.id WHERE w.id = $1`,
    [d.webhook_id],
  );
  if (!hook) return { status: 'skipped', error: 'The webhook no longer exists.' };
  if (!hook.secret) return { status: 'failed', error: 'The webhook has no signing secret: run New secret.', counts: false };
  if (!d.payload) return { status: 'skipped', error: 'No record view was stored for this delivery (its owner could not read the record).' };
  const record = d.payload;
  const body = JSON.stringify({
    id: d.delivery_id,
    event: d.event,
    entity: d.entity,
    occurred_at: new Date(d.created_at).toISOString(),
    record,
    ...(d.event === 'transition' && d.details ? { transition: d.details } : {}),
  });
  const now = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'UMS-Webhooks/1',
    'x-ums-delivery': d.delivery_id,
    'x-ums-event': d.event,
    'x-ums-signature': signatureHeader(decryptSecret(hook.secret), body, now),
  };
  const started = Date.now();
  try {
    const res = await postThroughWall(hook.url, body, headers, options);
    const ms = Date.now() - started;
    await options.afterSend?.(d.delivery_id);
    if (res.status >= 200 && res.status < 300) return { status: 'delivered', code: res.status, ms };
    const error = `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 300)}` : ''}`;
    return { status: d.attempts >= MAX_ATTEMPTS ? 'failed' : 'retry', code: res.status, ms, error, counts: true };
  } catch (err) {
    const ms = Date.now() - started;
    if (err instanceof BlockedAddressError) return { status: 'failed', ms, error: `${err.message} Not retried.`, counts: true };
    const e = err as { code?: unknown; message?: unknown };
    const error = `${typeof e.code === 'string' ? `${e.code}: ` : ''}${typeof e.message === 'string' ? e.message : String(err)}`;
    return { status: d.attempts >= MAX_ATTEMPTS ? 'failed' : 'retry', ms, error, counts: true };
  }
}

async function finish(runtime: Runtime, t: Tables, d: Claimed, outcome: Outcome, disableAfter: number): Promise<void> {
  const code = 'code' in outcome ? (outcome.code ?? null) : null;
  const error = 'error' in outcome ? outcome.error.slice(0, 2000) : null;
  const status = outcome.status === 'retry' ? 'queued' : outcome.status;
  const retryIn = outcome.status === 'retry' ? webhookRetrySeconds(d.attempts) : 0;
  await withinTenant(runtime.dataSource, d.organization_id).query(
    `UPDATE "${t.delivery}" SET status = $3::varchar, last_status = $4, last_error = $5, updated_at = now(), version = version + 1,
            next_attempt_at = now() + make_interval(secs => $6), delivered_at = CASE WHEN $3::varchar = 'delivered' THEN now() ELSE delivered_at END
      WHERE id = $1 AND version = $2`,
    [d.id, d.version, status, code, error, retryIn],
  );
  if (outcome.status === 'skipped') return;
  await logAttempt(runtime, t, d, d.attempts, { code, ms: 'ms' in outcome ? outcome.ms : undefined, error });
  if (outcome.status === 'delivered') {
    await withinTenant(runtime.dataSource, d.organization_id).query(`UPDATE "${t.webhook}" SET failure_count = 0 WHERE id = $1 AND failure_count <> 0`, [d.webhook_id]);
  } else if (outcome.counts) {
    // One conditional statement: concurrent failures count each, and the one that reaches the limit disables.
    const reason = `Disabled after ${disableAfter} failed deliveries in a row (last: ${error ?? 'unknown'}). Fix the receiver, then set Active again.`.slice(0, 2000);
    const disabled: unknown[] = await withinTenant(runtime.dataSource, d.organization_id).query(
      `UPDATE "${t.webhook}" SET failure_count = failure_count + 1, updated_at = now(), version = version + 1,
              is_active = CASE WHEN failure_count + 1 >= $2 THEN false ELSE is_active END,
              disabled_reason = CASE WHEN failure_count + 1 >= $2 AND is_active THEN $3 ELSE disabled_reason END
        WHERE id = $1 RETURNING is_active`,
      [d.webhook_id, disableAfter, reason],
    );
    const rows = (disabled[0] as { is_active: boolean }[] | undefined) ?? [];
    if (rows[0] && !rows[0].is_active) {
      // The worker changed a tenant's configuration: the audit log says so, under its own name.
      await writeAudit(withinTenant(runtime.dataSource, d.organization_id), systemActor(d.organization_id, 'webhooks:auto-disable'), runtime.registry.entity(WEBHOOK)!, {
        action: 'update',
        recordId: d.webhook_id,
        changes: { is_active: { before: true, after: false }, disabled_reason: { before: null, after: reason } },
      });
      invalidateSubscriptions(d.organization_id);
    }
  }
}

async function logAttempt(runtime: Runtime, t: Tables, d: Claimed, n: number, entry: { code?: number | null; ms?: number; error?: string | null }): Promise<void> {
  await withinTenant(runtime.dataSource, d.organization_id).query(
    `INSERT INTO "${t.attempt}" (id, organization_id, "${t.deliveryColumn}", attempt, response_code, duration_ms, error) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
    [d.organization_id, d.id, Math.max(n, 1), entry.code ?? null, entry.ms ?? null, entry.error ?? null],
  );
}
