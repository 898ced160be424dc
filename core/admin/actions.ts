/**
 * Action settings of a generated resource: every built-in action asks the
 * user's compiled access (synchronously, from the cache the request warmed), and
 * each plugin record action becomes an AdminJS record action whose handler runs
 * through RecordService.runAction (permission checked again server-side).
 */
import { BaseRecord, NotFoundError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type ResourceOptions } from 'adminjs';
import type { Runtime } from '../runtime.js';
import type { ResolvedEntity } from '../manifest/index.js';
import { classNameOf } from '../data/entity-schemas.js';
import { componentLoader, componentSource } from './components.js';
import { adminErrors } from './errors.js';
import { accessOf, recordServiceFor } from './session-user.js';
import { workflowActions } from './workflow-actions.js';
import { exchangeActions } from './export-actions.js';
import { keepTypedPayload } from './resource.js';
import { primitiveAllows } from '../data/ledgers/guards.js';
import { savedNotice } from './notices.js';
import { stateRefusal } from '../workflow/hooks.js';
import { pickAction } from './pickers.js';
import { roleScreenActions } from './roles/screens.js';
import { viewActions } from './views.js';
import { leanListHandler } from './list-answer.js';

type Check = (context: ActionContext) => boolean;

/**
 * The screen of a plain record action: its confirmation text and a button that POSTs.
 * (AdminJS calls an action without a component with GET, so it cannot be the one that runs it.)
 */
const CONFIRM_COMPONENT = componentLoader.add('UmsConfirmAction', componentSource('admin/components/confirm-action.tsx'));

function typeCheck(runtime: Runtime, entity: ResolvedEntity, action: string): Check {
  // A ledger is never edited and a balance never written by hand, whatever the role may do.
  if (!primitiveAllows(entity, action)) return () => false;
  return ({ currentAdmin }) => accessOf(runtime, currentAdmin)?.canOnType(action, entity) ?? false;
}

/** Record-level where the rule needs no joined values; the server checks again either way. */
function recordCheck(runtime: Runtime, entity: ResolvedEntity, action: string): Check {
  if (!primitiveAllows(entity, action)) return () => false;
  return ({ currentAdmin, record }) => {
    const access = accessOf(runtime, currentAdmin);
    if (!access?.canOnType(action, entity)) return false;
    if (!record || access.relationPaths.has(entity.key)) return true;
    // No conditional rule for this action: CASL's answer for any record is the type-level one above
    // (AdminJS asks this for every record and action of a list page).
    if (!access.ability.rulesFor(action, entity.key).some((rule) => rule.conditions)) return true;
    return access.canOnRecord(action, entity, record.params as Record<string, unknown>);
  };
}

/**
 * Bulk delete, all or nothing: AdminJS's own handler deletes the records one by one, each in its own
 * transaction, so a refusal of the third left the first two deleted under an error notice.
 */
function bulkDeleteHandler(runtime: Runtime, entity: ResolvedEntity): Action<ActionResponse>['handler'] {
  return async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
    const { records = [], currentAdmin, resource, h } = context;
    if (!records.length) throw new NotFoundError('No records were selected.', 'Action#handler');
    if (request.method !== 'post') return { records: records.map((r) => r.toJSON(currentAdmin)) };
    await adminErrors(async () => (await recordServiceFor(runtime, currentAdmin)).transaction(async (tx) => {
      for (const record of records) await tx.delete(entity.key, String(record.id()));
    }), { runtime, currentAdmin });
    return {
      records: records.map((r) => r.toJSON(currentAdmin)),
      notice: { message: records.length > 1 ? 'successfullyBulkDeleted_plural' : 'successfullyBulkDeleted', options: { count: records.length }, resourceId: resource.id(), type: 'success' },
      redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
    };
  };
}

/** Edit and Delete are left out where the record's workflow state forbids them for this user (the server refuses them too). */
function stateCheck(runtime: Runtime, entity: ResolvedEntity, what: 'edit' | 'delete', check: Check): Check {
  const wf = runtime.registry.workflow(entity.key);
  if (!wf) return check;
  return (context) => {
    if (!check(context)) return false;
    if (!context.record) return true;
    const roles = accessOf(runtime, context.currentAdmin)?.principal.roles ?? [];
    return stateRefusal(runtime.registry, wf, entity, context.record.params as Record<string, unknown>, roles, what) === null;
  };
}

export function actionOptions(runtime: Runtime, entity: ResolvedEntity): ResourceOptions['actions'] {
  const read = typeCheck(runtime, entity, 'read');
  const actions: Record<string, Partial<Action<ActionResponse>>> = {
    // Each action is described once per answer, not once per row (list-answer.ts). The rows, the records they refer to
    // and the count are each one round trip with the tenant scope sent ahead (data/scoped-query.ts), not one shared
    // transaction (readsTogether): READ COMMITTED gives each statement its own snapshot either way, and the shared
    // transaction's BEGIN and COMMIT cost a round trip more per list (issue 17).
    list: { isAccessible: read, handler: leanListHandler },
    search: { isAccessible: read },
    show: { isAccessible: read },
    new: { isAccessible: typeCheck(runtime, entity, 'create'), before: keepTypedPayload, after: savedNotice(runtime, entity, 'created') },
    edit: { isAccessible: stateCheck(runtime, entity, 'edit', recordCheck(runtime, entity, 'update')), before: keepTypedPayload, after: savedNotice(runtime, entity, 'saved') },
    delete: { isAccessible: stateCheck(runtime, entity, 'delete', recordCheck(runtime, entity, 'delete')) },
    bulkDelete: { isAccessible: typeCheck(runtime, entity, 'delete'), handler: bulkDeleteHandler(runtime, entity) },
  };
  for (const def of runtime.plugins.actionsFor(entity)) {
    const allowed = recordCheck(runtime, entity, def.name);
    const available = (context: ActionContext): boolean =>
      allowed(context) && (!context.record || !def.isAvailable || def.isAvailable(context.record.params as never));
    actions[def.name] = {
      actionType: 'record',
      icon: def.icon,
      // A plugin screen (e.g. the roll call) is registered once per resource and action; a plain action gets the confirm screen.
      component: def.component ? componentLoader.add(`${classNameOf(entity)}_${def.name}`, componentSource(def.component)) : CONFIRM_COMPONENT,
      custom: { label: def.label, confirm: def.confirm ?? `${def.label}: are you sure?` },
      isVisible: available,
      isAccessible: allowed,
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
        const { record, currentAdmin, resource, h } = context;
        if (!record) throw new Error('record action without a record');
        // State changes only on POST: a GET (the screen loading the record, a link, a prefetch) only reads.
        if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
        const input = def.component ? (request.payload as Record<string, unknown> | undefined) : undefined;
        const result = await adminErrors(async () => (await recordServiceFor(runtime, currentAdmin)).runAction(entity.key, def.name, String(record.id()), input), { runtime, currentAdmin });
        const updated = result.record ? new BaseRecord(result.record, resource) : record;
        return {
          record: updated.toJSON(currentAdmin),
          notice: { message: result.message, type: 'success' },
          redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: String(record.id()), actionName: 'show' }),
        };
      },
    };
  }
  const pick = pickAction(runtime, entity);
  if (pick) actions.pick = pick;
  Object.assign(actions, workflowActions(runtime, entity));
  Object.assign(actions, exchangeActions(runtime, entity));
  Object.assign(actions, viewActions(runtime, entity));
  Object.assign(actions, roleScreenActions(runtime, entity));
  return actions as ResourceOptions['actions'];
}
