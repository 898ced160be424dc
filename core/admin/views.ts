/**
 * Declared views in the admin (manifest `views`, core/manifest/views.ts):
 *  - the screen: a resource action `view_<name>` on the view's entity (a button on its list, a link in
 *    its module's navigation: components/sidebar-resources.tsx), shown to whoever may read the entity;
 *    components/calendar-view.tsx or kanban-view.tsx draw it;
 *  - the data: `GET <root>/x/views?view=<module>.<name>&from=…&to=…`, read only, every parameter checked
 *    (a bad date, a window past MAX_WINDOW_DAYS, an unknown view: 400 with the reason).
 * A board's moves go through the admin's own record actions (the workflow transition, or `edit`), so
 * every rule that holds on a record page holds on the board.
 */
import type { Action, ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { RecordService } from '../data/records.js';
import { UmsError } from '../errors.js';
import type { ResolvedEntity, ResolvedView } from '../manifest/index.js';
import { ADMIN_ROOT, VIEWS_PATH } from '../paths.js';
import type { Runtime } from '../runtime.js';
import { componentLoader, componentSource } from './components.js';
import { signedInActor } from './file-routes.js';
import { languageOfUser } from './language.js';
import { accessOf } from './session-user.js';
import { calendarData, findView, kanbanData } from './view-data.js';

const CALENDAR_COMPONENT = componentLoader.add('UmsCalendarView', componentSource('admin/components/calendar-view.tsx'));
const KANBAN_COMPONENT = componentLoader.add('UmsKanbanView', componentSource('admin/components/kanban-view.tsx'));
// The module's navigation lists its views beside its resources.
componentLoader.override('SidebarResourceSection', componentSource('admin/components/sidebar-resources.tsx'));
// Report pages only for the viewers who may see them (components/sidebar-pages.tsx).
componentLoader.override('SidebarPages', componentSource('admin/components/sidebar-pages.tsx'));

/** The admin action that shows a view: `view_<name>` (a prefix no manifest action or transition name can clash with unnoticed). */
export const viewActionName = (view: ResolvedView): string => `view_${view.name}`;

const ALLOWED_PARAMS = new Set(['view', 'from', 'to', 'scope']);

export function viewRouter(runtime: Runtime): Router {
  const router = Router();
  router.all(VIEWS_PATH, async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== 'GET') throw new UmsError('BAD_REQUEST', 'A view is read with GET; its cards move through the record actions.');
      const query = req.query as Record<string, unknown>;
      const unknown = Object.keys(query).filter((k) => !ALLOWED_PARAMS.has(k));
      if (unknown.length) throw new UmsError('BAD_REQUEST', `Unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}: a view takes view, from, to and (a narrowed board) scope.`);
      for (const [k, v] of Object.entries(query)) if (typeof v !== 'string') throw new UmsError('BAD_REQUEST', `"${k}" must be given once, as text.`, { field: k });
      const actor = signedInActor(req);
      const records = await RecordService.for(runtime, actor);
      const { view, entity } = findView(runtime.registry, records, query.view);
      const timeZone = runtime.access.peek(actor.userId)?.timeZone;
      const options = { root: ADMIN_ROOT, timeZone, language: await languageOfUser(runtime, actor.organizationId, actor.userId) };
      res.setHeader('Cache-Control', 'private, no-store');
      if (view.kind === 'calendar' && query.scope !== undefined) throw new UmsError('BAD_REQUEST', `"${view.label}" is a calendar: it takes no scope.`, { field: 'scope' });
      if (view.kind === 'calendar') res.json(await calendarData(records, runtime.registry, view, entity, { from: query.from, to: query.to }, options));
      else {
        if (query.from !== undefined || query.to !== undefined) throw new UmsError('BAD_REQUEST', `"${view.label}" is a board: it takes no window (from, to).`);
        res.json(await kanbanData(records, runtime.registry, view, entity, { ...options, scope: query.scope as string | undefined }));
      }
    } catch (err) {
      next(err);
    }
  });
  return router;
}

/** The entity's view screens as resource actions (a GET only reads: the screen asks the data route). */
export function viewActions(runtime: Runtime, entity: ResolvedEntity): Record<string, Partial<Action<ActionResponse>>> {
  const out: Record<string, Partial<Action<ActionResponse>>> = {};
  const mayRead = ({ currentAdmin }: ActionContext): boolean => accessOf(runtime, currentAdmin)?.canOnType('read', entity) ?? false;
  for (const view of runtime.registry.modules.flatMap((m) => m.views).filter((v) => v.entity === entity.key)) {
    out[viewActionName(view)] = {
      actionType: 'resource',
      icon: view.kind === 'calendar' ? 'Calendar' : 'Columns',
      component: view.kind === 'calendar' ? CALENDAR_COMPONENT : KANBAN_COMPONENT,
      showFilter: false,
      isVisible: mayRead,
      isAccessible: mayRead,
      custom: {
        view: view.key,
        label: view.label,
        dataPath: `${ADMIN_ROOT}${VIEWS_PATH}`,
        ...(view.kind === 'calendar' ? { lanes: Boolean(view.lane), unit: entity.field.get(view.start)?.type === 'datetime' ? 'datetime' : 'date' } : {}),
      },
      handler: async (_request: ActionRequest, _response: unknown, _context: ActionContext): Promise<ActionResponse> => ({ view: view.key }) as ActionResponse,
    };
  }
  return out;
}

/** Labels of the view actions for AdminJS's translations. */
export function viewActionLabels(runtime: Runtime, entity: ResolvedEntity): Record<string, string> {
  return Object.fromEntries(runtime.registry.modules.flatMap((m) => m.views).filter((v) => v.entity === entity.key).map((v) => [viewActionName(v), v.label]));
}
