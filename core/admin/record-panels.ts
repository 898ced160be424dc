/**
 * What a record's show page carries below its fields: related lists (related-lists.ts) and the
 * record's timeline (record-timeline.ts). One override of AdminJS's show action
 * (components/record-panels.tsx) renders the default show page and then the panels, which the
 * component reads from the JSON routes mounted here.
 */
import { Router } from 'express';
import type { Runtime } from '../runtime.js';
import { componentLoader, componentSource } from './components.js';
import { recordTimelineRouter } from './record-timeline.js';
import { relatedListsRouter } from './related-lists.js';

componentLoader.override('DefaultShowAction', componentSource('admin/components/record-panels.tsx'));

export function recordPanelsRouter(runtime: Runtime): Router {
  const router = Router();
  router.use(relatedListsRouter(runtime));
  router.use(recordTimelineRouter(runtime));
  return router;
}
