/**
 * The saved filters beside a list (components/saved-filters.tsx), as the signed-in user through their
 * own RecordService, so the ownership rules (core/access/ownership.ts) decide what is listed and changed:
 *
 *   GET  <root>/x/saved-filters?entity=<module.entity or resource id>   { canSave, items: [{ id, name, shared, mine, href, stale }] }
 *   POST <root>/x/saved-filters                          JSON { entity, name, query } → 201 { item }; 400 { error, fields }
 *   POST <root>/x/saved-filters/:id/delete               { ok }; someone else's or a missing one: 404
 *
 * A filter whose list or fields went away, or whose fields the viewer may no longer read (a role
 * changed, a shared filter on a field only its owner sees), is listed as stale with the reason and no
 * link: applying it would silently show something else than its name says.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { classNameOf } from '../data/entity-schemas.js';
import type { RecordData } from '../data/contract.js';
import { RecordService } from '../data/records.js';
import { RecordValidationError, UmsError } from '../errors.js';
import { ADMIN_ROOT, SAVED_FILTERS_PATH } from '../paths.js';
import { parseSavedQuery, SAVED_FILTER, savedQueryProblem } from '../plugins/saved-filters.js';
import type { Runtime } from '../runtime.js';
import type { Actor } from '../data/actor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SavedFilterItem {
  id: string;
  name: string;
  shared: boolean;
  /** The viewer's own (they may delete it); a shared one of someone else's is read only. */
  mine: boolean;
  /** The list with the filter applied; null when stale. */
  href: string | null;
  /** Why it cannot be applied any more, or null. */
  stale: string | null;
}

function itemOf(records: RecordService, row: RecordData, userId: string): SavedFilterItem {
  const base = { id: String(row.id), name: String(row.name), shared: row.shared === true, mine: row.owner === userId };
  const entity = typeof row.entity === 'string' ? records.runtime.registry.entity(row.entity) : undefined;
  if (!entity || !records.moduleEnabled(entity) || !records.canOnType('read', entity.key)) return { ...base, href: null, stale: 'its list is no longer there for you' };
  const saved = parseSavedQuery(String(row.query ?? ''));
  const problem = typeof saved === 'string' ? saved : savedQueryProblem(saved, entity, new Set(records.readableFields(entity)));
  if (problem) return { ...base, href: null, stale: problem };
  return { ...base, href: `${ADMIN_ROOT}/resources/${classNameOf(entity)}/actions/list?${String(row.query)}`, stale: null };
}

/** The list's entity key from a key (library.loan) or the admin resource id the list screen knows (LibraryLoan). */
function listKey(runtime: Runtime, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (runtime.registry.entity(value)) return value;
  return runtime.registry.entities.find((e) => classNameOf(e) === value)?.key;
}

/** A field error answer: the message and each field's, so the form can say what to change. */
function sendFieldErrors(res: Response, err: RecordValidationError): void {
  const fields = Object.fromEntries(Object.entries(err.fieldErrors).map(([name, e]) => [name, e.message]));
  res.status(400).json({ error: { message: err.message, fields }, notice: { message: Object.entries(fields).map(([n, m]) => `${n}: ${m}`).join('; '), type: 'error' } });
}

export function savedFilterRoutes(runtime: Runtime, actorOf: (req: Request) => Extract<Actor, { kind: 'user' }>): Router {
  const router = Router();
  // Only this router's JSON body, small: a name, a list key and an address query.
  const json = express.json({ limit: '8kb', type: () => true });

  router.get(SAVED_FILTERS_PATH, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = actorOf(req);
      const records = await RecordService.for(runtime, actor);
      const key = listKey(runtime, req.query.entity);
      if (!key || !runtime.registry.entity(key)) throw new UmsError('BAD_REQUEST', 'Name the list: ?entity=<module.entity> or its admin resource id.');
      const rows = await records.find(SAVED_FILTER, { filters: [{ field: 'entity', op: 'eq', value: key }], sort: { field: 'name', direction: 'asc' }, limit: 100 });
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ canSave: records.canOnType('create', SAVED_FILTER), items: rows.map((r) => itemOf(records, r, actor.userId)) });
    } catch (err) {
      next(err);
    }
  });

  router.post(SAVED_FILTERS_PATH, json, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = actorOf(req);
      const body: unknown = req.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new UmsError('BAD_REQUEST', 'Send JSON: { "entity", "name", "query" }.');
      const { entity, name, query } = body as Record<string, unknown>;
      const records = await RecordService.for(runtime, actor);
      const row = await records.create(SAVED_FILTER, { entity: listKey(runtime, entity) ?? entity, name, query });
      res.status(201).json({ item: itemOf(records, row, actor.userId) });
    } catch (err) {
      if (err instanceof RecordValidationError) sendFieldErrors(res, err);
      else next(err);
    }
  });

  router.post(`${SAVED_FILTERS_PATH}/:id/delete`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const id = String(req.params.id);
      if (!UUID.test(id)) throw new UmsError('NOT_FOUND', 'No such saved filter.');
      const records = await RecordService.for(runtime, actorOf(req));
      await records.delete(SAVED_FILTER, id);
      res.json({ ok: true });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
