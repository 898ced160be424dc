/**
 * A workflow's transitions as AdminJS actions: one record action per
 * transition and per rejection (shown only when the engine says this user may
 * take it now), a bulk variant for approvers, and the record's history. Every
 * handler goes through WorkflowEngine.run, which checks everything again.
 */
import type { Action, ActionContext, ActionRequest, ActionResponse, BaseRecord, CurrentAdmin, PageHandler } from 'adminjs';
import { classNameOf } from '../data/entity-schemas.js';
import type { Runtime } from '../runtime.js';
import type { RecordData } from '../data/records.js';
import { UmsError } from '../errors.js';
import { roleLabelIn, type ResolvedEntity, type ResolvedWorkflow } from '../manifest/index.js';
import { WorkflowEngine } from '../workflow/index.js';
import { actionLabelIn } from '../workflow/labels.js';
import { componentLoader, componentSource } from './components.js';
import { adminErrors, wordsIn } from './errors.js';
import { accessOf, recordServiceFor } from './session-user.js';
import { formatDateTime } from './formatting.js';
import { intlLocaleOf, languageOfAdmin, type Language } from './language.js';
import { say } from '../words.js';

const TRANSITION_COMPONENT = componentLoader.add('UmsWorkflowTransition', componentSource('workflow/components/transition.tsx'));
const HISTORY_COMPONENT = componentLoader.add('UmsWorkflowHistory', componentSource('workflow/components/history.tsx'));
export const INBOX_COMPONENT = componentLoader.add('UmsApprovalsInbox', componentSource('workflow/components/inbox.tsx'));

/** The param the resource attaches on single-record loads: the engine's panel for this user, as JSON. */
export const WORKFLOW_PARAM = '__workflow';

/** The engine as the signed-in user, speaking their language (its notices, the inbox's and panel's labels). */
async function engineFor(runtime: Runtime, currentAdmin: CurrentAdmin | undefined, language?: Language): Promise<WorkflowEngine> {
  return WorkflowEngine.for(await recordServiceFor(runtime, currentAdmin), language ?? (await languageOfAdmin(runtime, currentAdmin)));
}

/** Called by the resource when it loads one record: what this user may do with it now. */
export async function workflowPanel(runtime: Runtime, currentAdmin: CurrentAdmin | undefined, entity: ResolvedEntity, record: RecordData): Promise<string | undefined> {
  if (!runtime.registry.workflow(entity.key)) return undefined;
  return JSON.stringify(await (await engineFor(runtime, currentAdmin)).panel(entity.key, record));
}

const offered = (record: BaseRecord | undefined, name: string): boolean => {
  const raw = record?.params[WORKFLOW_PARAM];
  if (typeof raw !== 'string') return false;
  const panel = JSON.parse(raw) as { actions: { name: string }[]; blocked?: { name: string }[] };
  // A transition the record does not qualify for yet is offered too: taking it answers with the reason (core/workflow/reasons.ts).
  return panel.actions.some((a) => a.name === name) || (panel.blocked ?? []).some((a) => a.name === name);
};

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function workflowActions(runtime: Runtime, entity: ResolvedEntity): Record<string, Partial<Action<ActionResponse>>> {
  const wf = runtime.registry.workflow(entity.key);
  if (!wf) return {};
  const actions: Record<string, Partial<Action<ActionResponse>>> = {};
  const names = wf.transitions.flatMap((t) => [{ name: t.name, label: t.label, icon: t.icon, approval: Boolean(t.approval) }, ...(t.approval?.reject ? [{ name: t.approval.reject.name, label: t.approval.reject.label, icon: 'XCircle', approval: true }] : [])]);
  for (const { name, label, icon, approval } of names) {
    const isOffered = ({ record }: ActionContext): boolean => offered(record, name);
    actions[name] = {
      actionType: 'record',
      icon: icon ?? (name.includes('reject') ? 'XCircle' : 'CheckCircle'),
      component: TRANSITION_COMPONENT,
      isVisible: isOffered,
      isAccessible: isOffered,
      handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
        const { record, currentAdmin, resource, h } = context;
        if (!record) throw new UmsError('NOT_FOUND', 'No record.');
        if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
        const payload = request.payload ?? {};
        const version = Number(text(payload.version));
        const result = await adminErrors(
          async () => (await engineFor(runtime, currentAdmin)).run(entity.key, String(record.id()), name, { comment: text(payload.comment), expectedVersion: Number.isFinite(version) && text(payload.version) ? version : undefined }),
          { runtime, currentAdmin },
        );
        return {
          record: record.toJSON(currentAdmin),
          notice: { message: result.message, type: 'success' },
          redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: String(record.id()), actionName: 'show' }),
        };
      },
    };
    if (approval) actions[`bulk_${name}`] = bulkAction(runtime, entity, wf, name, label);
  }
  actions.history = {
    actionType: 'record',
    icon: 'Clock',
    component: HISTORY_COMPONENT,
    isVisible: ({ currentAdmin }) => accessOf(runtime, currentAdmin)?.canOnType('read', entity) ?? false,
    isAccessible: ({ currentAdmin }) => accessOf(runtime, currentAdmin)?.canOnType('read', entity) ?? false,
    handler: async (_request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const { record, currentAdmin } = context;
      if (!record) throw new UmsError('NOT_FOUND', 'No record.');
      const language = await languageOfAdmin(runtime, currentAdmin);
      const history = await adminErrors(async () => (await engineFor(runtime, currentAdmin, language)).history(entity.key, String(record.id())));
      const timeZone = accessOf(runtime, currentAdmin)?.timeZone;
      return { record: record.toJSON(currentAdmin), history: history.map((h) => ({ ...h, atText: formatDateTime(h.at, timeZone, intlLocaleOf(language)) })) };
    },
  };
  return actions;
}

/** Labels of the workflow actions (and their bulk variants) for AdminJS's translations. */
export function workflowActionLabels(runtime: Runtime, entity: ResolvedEntity): Record<string, string> {
  const wf = runtime.registry.workflow(entity.key);
  if (!wf) return {};
  const out: Record<string, string> = { history: 'History' };
  for (const t of wf.transitions) {
    out[t.name] = t.label;
    if (t.approval) out[`bulk_${t.name}`] = `${t.label} selected`;
    const reject = t.approval?.reject;
    if (reject) {
      out[reject.name] = reject.label;
      out[`bulk_${reject.name}`] = `${reject.label} selected`;
    }
  }
  return out;
}

/** Approve or reject many records at once; each one is checked and reported on its own. */
function bulkAction(runtime: Runtime, entity: ResolvedEntity, wf: ResolvedWorkflow, name: string, label: string): Partial<Action<ActionResponse>> {
  const t = wf.transitions.find((x) => x.name === name || x.approval?.reject?.name === name)!;
  const steps = t.approval?.steps ?? [];
  // Type level only (no record yet): someone who could be an approver of some step. The engine decides per record.
  const mayApprove = ({ currentAdmin }: ActionContext): boolean => {
    const access = accessOf(runtime, currentAdmin);
    if (!access?.canOnType('read', entity)) return false;
    const roles = access.principal.roles;
    return roles.includes('admin') || steps.some((s) => s.approvers.relations.length > 0 || !!s.approvers.where || s.approvers.roles.some((r) => roles.includes(r)));
  };
  return {
    actionType: 'bulk',
    icon: name.includes('reject') ? 'XCircle' : 'CheckCircle',
    component: TRANSITION_COMPONENT,
    isVisible: mayApprove,
    isAccessible: mayApprove,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const { records = [], currentAdmin, resource, h } = context;
      if (request.method !== 'post') return { records: records.map((r) => r.toJSON(currentAdmin)) };
      const language = await languageOfAdmin(runtime, currentAdmin);
      const engine = await engineFor(runtime, currentAdmin, language);
      const done: string[] = [];
      const refused: string[] = [];
      for (const record of records) {
        const title = String(record.params[entity.titleField] ?? record.id());
        try {
          await engine.run(entity.key, String(record.id()), name, { comment: text(request.payload?.comment) });
          done.push(title);
        } catch (err) {
          if (!(err instanceof UmsError)) throw err;
          refused.push(`${title}: ${err.words ? wordsIn(err.words, language) : err.message}`);
        }
      }
      const shownLabel = actionLabelIn(entity, { name, label }, language);
      const n = (count: number): string => new Intl.NumberFormat(intlLocaleOf(language)).format(count);
      const message = refused.length
        ? say('{label}: {done} done; {refused} refused — {list}.', language, { label: shownLabel, done: n(done.length), refused: n(refused.length), list: refused.join(' | ') })
        : say('{label}: {done} done.', language, { label: shownLabel, done: n(done.length) });
      return {
        records: records.map((r) => r.toJSON(currentAdmin)),
        notice: { message, type: refused.length && !done.length ? 'error' : 'success' },
        redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
      };
    },
  };
}

/** The approvals inbox page, plus the user's latest notifications. */
export function inboxPage(runtime: Runtime, rootPath: string): { component: string; icon: string; handler: PageHandler } {
  return {
    component: INBOX_COMPONENT,
    icon: 'Inbox',
    handler: async (_request, _response, context) => {
      const language = await languageOfAdmin(runtime, context.currentAdmin);
      const engine = await engineFor(runtime, context.currentAdmin, language);
      const items = await engine.inbox();
      const timeZone = accessOf(runtime, context.currentAdmin)?.timeZone;
      const locale = intlLocaleOf(language);
      // Roles as people read them, with their module: "Finance (Institute)"; "relation" and custom roles as they are.
      const roleLabel = (key: string): string => roleLabelIn(runtime.registry.roles, key, language);
      return {
        items: items.map((i) => {
          const entity = runtime.registry.entity(i.request.entity)!;
          return {
            entityLabel: i.entityLabel,
            transitionLabel: i.transitionLabel,
            recordTitle: i.request.record_title ?? i.request.record_id,
            href: `${rootPath}/resources/${classNameOf(entity)}/records/${i.request.record_id}/show`,
            requestedByName: i.requestedByName,
            requestedAt: i.request.created_at,
            requestedAtText: formatDateTime(i.request.created_at, timeZone, locale),
            waitingFor: i.waitingFor,
            given: i.given.map((g) => ({ ...g, asRole: roleLabel(g.asRole) })),
            youCountAs: i.youCountAs.onBehalfOf ? say('admin, acting for {role}', language, { role: roleLabel(i.youCountAs.onBehalfOf) }) : roleLabel(i.youCountAs.asRole),
          };
        }),
      };
    },
  };
}
