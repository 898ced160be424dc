/** Webhook subscriptions made the way an org admin makes them: over the admin's HTTP API. */
import type { AdminClient } from './http.js';
import type { TestRuntime } from './runtime.js';

export interface Subscription {
  id: string;
  secret: string;
}

/** Creates a webhook in the admin, then runs New secret and reads the secret from the notice (shown once). */
export async function subscribe(admin: AdminClient, fields: { name: string; url: string; entity: string; events: string[]; condition?: Record<string, unknown> }): Promise<Subscription> {
  const form: Record<string, string> = { name: fields.name, url: fields.url, entity: fields.entity, events: JSON.stringify(fields.events), is_active: 'true' };
  if (fields.condition) form.condition = JSON.stringify(fields.condition);
  const created = await admin.post('/admin/api/resources/CoreWebhook/actions/new', form);
  const record = created.body.record as { params?: Record<string, unknown>; errors?: Record<string, unknown> } | undefined;
  const id = record?.params?.id;
  if (created.status !== 200 || typeof id !== 'string' || Object.keys(record?.errors ?? {}).length) throw new Error(`webhook not created: ${created.status} ${JSON.stringify(created.body)}`);
  const rotated = await admin.post(`/admin/api/resources/CoreWebhook/records/${id}/new_secret`);
  const message = String((rotated.body.notice as { message?: unknown } | undefined)?.message ?? '');
  const secret = /Signing secret (whsec_[A-Za-z0-9_-]+)/.exec(message)?.[1];
  if (!secret) throw new Error(`no secret in the New secret notice: ${JSON.stringify(rotated.body)}`);
  return { id, secret };
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event: string;
  record_id: string;
  delivery_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
}

export const deliveries = async (runtime: TestRuntime, webhookId?: string): Promise<DeliveryRow[]> =>
  runtime.dataSource.query(
    `SELECT id, webhook_id, event, record_id, delivery_id, status, attempts, next_attempt_at, last_status, last_error FROM core_webhook_delivery ${webhookId ? 'WHERE webhook_id = $1' : ''} ORDER BY created_at, id`,
    webhookId ? [webhookId] : [],
  );

/** As if the backoff had passed: every waiting delivery is due now. */
export const makeDue = (runtime: TestRuntime): Promise<unknown> => runtime.dataSource.query(`UPDATE core_webhook_delivery SET next_attempt_at = now() WHERE status IN ('queued', 'sending')`);
