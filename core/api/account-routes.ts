/**
 * `GET /api/v1/me` (who the token speaks for: user, organization, roles,
 * enabled modules) and `GET /api/v1/approvals` (the caller's inbox, as the
 * admin's Approvals inbox page lists it).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { WorkflowEngine } from '../workflow/index.js';
import { CORE_MODULE_ID } from '../manifest/index.js';
import { recordsOf } from './request.js';
import type { TokenService } from './tokens.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => void fn(req, res).catch(next);

export function accountRoutes(tokens: TokenService): Router {
  const router = Router();

  router.get('/me', wrap(async (req, res) => {
    const records = recordsOf(req);
    const actor = records.actor;
    if (actor.kind !== 'user') throw new Error('API callers are users');
    const user = await records.asSystem('api').get('core.user', actor.userId);
    const organization = await tokens.organizationOf(records.organizationId);
    const roles = [...(records.access?.principal.roles ?? [])].sort();
    const modules = records.runtime.registry.modules
      .filter((m) => m.id !== CORE_MODULE_ID && records.access?.principal.enabledModules.has(m.id))
      .map((m) => ({ id: m.id, label: m.label }));
    res.json({ data: { user: { id: user.id, email: user.email, name: user.name }, organization, roles, modules } });
  }));

  router.get('/approvals', wrap(async (req, res) => {
    const records = recordsOf(req);
    const inbox = await (await WorkflowEngine.for(records)).inbox();
    res.json({
      data: inbox.map((item) => ({
        id: item.request.id,
        entity: item.request.entity,
        entity_label: item.entityLabel,
        record_id: item.request.record_id,
        record_title: item.request.record_title,
        transition: item.request.transition,
        transition_label: item.transitionLabel,
        from_state: item.request.from_state,
        to_state: item.request.to_state,
        requested_by: item.requestedByName,
        requested_at: item.request.created_at,
        waiting_for: item.waitingFor,
        given: item.given,
      })),
    });
  }));

  return router;
}
