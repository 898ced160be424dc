/**
 * Checks the names in an AdminJS API path before AdminJS's router sees them:
 * AdminJS throws a plain Error for a resource id it does not know and a
 * TypeError for an action name a resource lacks (`…/actions/nosuchaction`,
 * `…/records/<id>/history` on an entity without a workflow) or that is of
 * another kind (`…/records/<id>/list`), all 500s. Here they are a 404 naming
 * what is missing. List filters on keys that are no
 * field of the entity (`filters.constructor`, `filters.__proto__`…) are
 * dropped as well: AdminJS looks filter keys up on a plain object, so an
 * inherited name (`constructor`) crashes its reference populator; unknown
 * keys never reached the query anyway (ManifestResource.toQueryFilters).
 * `filters._card` (a dashboard card's condition, ManifestResource.cardConditions) and `filters._q` (the search box) are kept.
 * A HEAD request is handed on as the GET it stands for, and a GET of `new`
 * (which AdminJS answers with a plain Error) is a 400.
 */
import type AdminJS from 'adminjs';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UmsError } from '../errors.js';
import { ManifestResource, SEARCH_PARAM } from './resource.js';
import { CARD_FILTER } from './dashboard-cards.js';

const API_PATH = /^\/api\/resources\/([^/]+)(?:\/(actions|bulk)\/([^/]+)(?:\/.*)?|\/records\/[^/]+\/([^/]+)|\/search(?:\/.*)?)?\/?$/;

/** `filters.<field>`, `filters.<field>~~from`, `filters.<field>.<part>`: the field named. */
const filteredField = (key: string): string | undefined => (key.startsWith('filters.') ? key.slice('filters.'.length).split(/~~|\./)[0] : undefined);

export function adminApiGuard(admin: AdminJS): RequestHandler {
  const resources = new Map(admin.resources.map((r) => [r.decorate().id(), r]));
  return (req: Request, _res: Response, next: NextFunction) => {
    // AdminJS hands actions the method as sent, and its built-in actions throw (a 500) for anything but get and post:
    // a HEAD is a GET whose body Node leaves out (it decided that from the request line already).
    if (req.method === 'HEAD') req.method = 'GET';
    const m = API_PATH.exec(req.path);
    if (!m) return next();
    const resourceId = decodeURIComponentSafe(m[1]);
    const resource = resources.get(resourceId);
    if (!resource) return next(new UmsError('NOT_FOUND', `There is no resource "${resourceId.slice(0, 100)}".`));
    const action = m[3] ?? m[4];
    if (action !== undefined) {
      const name = decodeURIComponentSafe(action);
      const decorated = resource.decorate().actions;
      if (!Object.hasOwn(decorated, name)) return next(new UmsError('NOT_FOUND', `${resourceId} has no action "${name.slice(0, 100)}".`));
      // A resource action called on a record (`records/<id>/list`) or the reverse runs its handler without what it needs (a 500).
      const kind = m[2] === 'bulk' ? 'bulk' : m[4] !== undefined ? 'record' : 'resource';
      const type = (decorated[name] as unknown as { action: { actionType: string | string[] } }).action.actionType;
      if (!(Array.isArray(type) ? type : [type]).includes(kind)) return next(new UmsError('NOT_FOUND', `${resourceId} has no ${kind} action "${name.slice(0, 100)}".`));
      // AdminJS's `new` throws a plain Error (a 500) for a GET: creating a record is a POST.
      if (name === 'new' && m[2] === 'actions' && req.method !== 'POST') return next(new UmsError('BAD_REQUEST', 'A new record is created with a POST of its form.'));
    }
    if (resource instanceof ManifestResource && req.query && typeof req.query === 'object') {
      const entity = resource.entity;
      for (const key of Object.keys(req.query)) {
        const field = filteredField(key);
        if (field !== undefined && field !== 'id' && field !== CARD_FILTER && field !== SEARCH_PARAM && !entity.field.has(field)) delete (req.query as Record<string, unknown>)[key];
      }
    }
    next();
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
