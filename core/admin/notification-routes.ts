/**
 * The notification bell's routes, for the signed-in user's own notifications only:
 *
 *   GET  <root>/x/notifications            { unread, items: [{ id, title, body, created_at, read, href }] } (newest 20)
 *   POST <root>/x/notifications/:id/read   marks it read; a browser form is sent on to the record (303), JSON gets { ok, href }
 *   POST <root>/x/notifications/read-all   marks every unread one read
 *
 * Notifications are engine-written records that only admins may read as a table (core manifest), so these
 * routes read and mark them through a named system actor of the user's organization, always with
 * `user = <the signed-in user>`: someone else's notification is NOT_FOUND, like a missing one. Only unread
 * ones are marked, so marking one read twice keeps the first time.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { classNameOf } from '../data/entity-schemas.js';
import { REPORT_RUN_NOTIFICATION_ENTITY, reportRunFileUrl } from './reports/runs.js';
import { RecordService } from '../data/records.js';
import { UmsError } from '../errors.js';
import { ADMIN_ROOT, NOTIFICATIONS_PATH } from '../paths.js';
import type { Runtime } from '../runtime.js';
import type { Actor } from '../data/actor.js';

const NOTIFICATION = 'core.notification';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NotificationItem {
  id: string;
  title: string;
  body: string | null;
  created_at: string;
  read: boolean;
  /** The record it is about, when it names one this installation knows. */
  href: string | null;
}

/** `actorOf`: the signed-in user of a request (file-routes.ts's signedInActor), failing closed without a session. */
export function notificationRoutes(runtime: Runtime, actorOf: (req: Request) => Extract<Actor, { kind: 'user' }>): Router {
  const router = Router();
  const ownService = async (req: Request) => {
    const actor = actorOf(req);
    const system = RecordService.forSystem(runtime, actor.organizationId, 'own-notifications');
    return { actor, system, mine: { field: 'user', op: 'eq' as const, value: actor.userId } };
  };
  const hrefOf = (entity: unknown, id: unknown): string | null => {
    // A report made in the background: the bell leads to its file (the requester's own).
    if (entity === REPORT_RUN_NOTIFICATION_ENTITY && typeof id === 'string' && UUID.test(id)) return reportRunFileUrl(id);
    const target = typeof entity === 'string' ? runtime.registry.entity(entity) : undefined;
    return target && typeof id === 'string' && UUID.test(id) ? `${ADMIN_ROOT}/resources/${classNameOf(target)}/records/${id}/show` : null;
  };

  router.get(NOTIFICATIONS_PATH, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { system, mine } = await ownService(req);
      const [rows, unread] = await Promise.all([
        system.find(NOTIFICATION, { filters: [mine], sort: { field: 'created_at', direction: 'desc' }, limit: 20 }),
        system.count(NOTIFICATION, [mine], { read_at: null }),
      ]);
      const items: NotificationItem[] = rows.map((n) => ({ id: String(n.id), title: String(n.title), body: (n.body as string | null) ?? null, created_at: String(n.created_at), read: n.read_at !== null && n.read_at !== undefined, href: hrefOf(n.entity, n.record_id) }));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ unread, items });
    } catch (err) {
      next(err);
    }
  });

  router.post(`${NOTIFICATIONS_PATH}/read-all`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { actor } = await ownService(req);
      const marked = await markRead(runtime, actor.organizationId, actor.userId);
      res.json({ ok: true, marked });
    } catch (err) {
      next(err);
    }
  });

  router.post(`${NOTIFICATIONS_PATH}/:id/read`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { actor, system, mine } = await ownService(req);
      const id = String(req.params.id);
      if (!UUID.test(id)) throw new UmsError('NOT_FOUND', 'No such notification.');
      const [n] = await system.find(NOTIFICATION, { filters: [mine, { field: 'id', op: 'eq', value: id }], limit: 1 });
      if (!n) throw new UmsError('NOT_FOUND', 'No such notification.');
      await markRead(runtime, actor.organizationId, actor.userId, id);
      const href = hrefOf(n.entity, n.record_id);
      if (req.accepts(['json', 'html']) === 'json') res.json({ ok: true, href });
      else res.redirect(303, href ?? ADMIN_ROOT);
    } catch (err) {
      next(err);
    }
  });
  return router;
}

/**
 * Sets read_at on the user's unread notification(s), through the record pipeline (audited, in one
 * transaction per record) as the named system actor: the core manifest keeps notifications engine-written
 * for every role, and a user's own read mark is the one change a person makes to them.
 */
async function markRead(runtime: Runtime, organizationId: string, userId: string, id?: string): Promise<number> {
  const system = RecordService.forSystem(runtime, organizationId, 'own-notifications');
  const filters = [{ field: 'user', op: 'eq' as const, value: userId }, ...(id ? [{ field: 'id', op: 'eq' as const, value: id }] : [])];
  const unread = await system.find(NOTIFICATION, { filters, where: { read_at: null }, limit: 1000 });
  const now = new Date().toISOString();
  for (const n of unread) await system.update(NOTIFICATION, String(n.id), { read_at: now });
  return unread.length;
}
