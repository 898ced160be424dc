/**
 * An in-app notification for one user (Notifications in the admin), written
 * through the caller's Records like any other record, so it commits or rolls
 * back with the change that caused it.
 */
import type { Records } from '../data/contract.js';

export interface NotificationInput {
  /** The user to notify (a core.user id). */
  user: string;
  title: string;
  body?: string;
  /** The record it is about, for the link in the notification list. */
  about?: { entity: string; id: string };
}

export async function notify(records: Records, input: NotificationInput): Promise<void> {
  await records.create('core.notification', {
    user: input.user,
    title: input.title.slice(0, 300),
    body: input.body ?? null,
    entity: input.about?.entity ?? null,
    record_id: input.about?.id ?? null,
  });
}
