/**
 * What people see of workflows, read-only: a record's history, the approvals
 * inbox, and the progress part of a record page's panel. Every view shows
 * only records the actor can read; whether the actor could approve is asked
 * of the engine (`decide`), so that the inbox and the buttons never disagree
 * with what `run` would allow.
 */
import type { RecordData, RecordService } from '../data/records.js';
import type { ResolvedEntity, ResolvedWorkflow } from '../manifest/index.js';
import { actionLabelIn, entityLabelIn, stateLabel, stepLabelIn } from './labels.js';
import type { Participants } from './people.js';
import { activeSteps, isRefusal, type Contribution, type Refusal } from './quorum.js';
import type { RequestStore } from './requests.js';
import type { HistoryItem, InboxItem, OpenRequest, WorkflowAction, WorkflowPanel } from './types.js';

/** What this user's approval of the request would count as, or why they may not give it. */
export type Decide = (entity: ResolvedEntity, recordId: string, request: OpenRequest, userId: string) => Promise<Contribution | Refusal>;

export class WorkflowViews {
  constructor(
    /** The acting user's data layer: its read rules decide what is shown. */
    private readonly records: RecordService,
    private readonly requests: RequestStore,
    private readonly people: Participants,
    private readonly decide: Decide,
    /** The reader's language: labels from the manifest's translations.<language>. */
    private readonly language = 'en',
  ) {}

  /** The panel around the actions the engine found: the state's label and the open request's progress. */
  async panel(entityKey: string, wf: ResolvedWorkflow, record: RecordData, actions: WorkflowAction[]): Promise<WorkflowPanel> {
    const [request] = await this.requests.openOf(entityKey, String(record.id));
    const entity = this.records.runtime.registry.entity(entityKey);
    const approvals = request ? await this.requests.approvalsOf(request.id) : [];
    const names = await this.people.userNames(approvals.map((a) => a.actor));
    return {
      // `record` is what this user reads: a status field their rules hide on it stays hidden here too.
      state: wf.field in record ? stateLabel(wf, String(record[wf.field]), entity, this.language) : '',
      actions,
      waitingFor: request ? activeSteps(request.steps, approvals).map((s) => (entity ? stepLabelIn(entity, s, this.language) : s.label)) : [],
      given: approvals.map((a) => ({ step: a.step, actor: names.get(a.actor) ?? a.actor, asRole: a.asRole })),
    };
  }

  /** Every transition, approval and rejection of a record, oldest first (the user must be able to read the record). */
  async history(entityKey: string, recordId: string): Promise<HistoryItem[]> {
    const readable = await this.records.get(entityKey, recordId);
    // The states a record went through are its status field's values: hidden where the user's rules hide that field on it.
    const statusShown = (this.records.runtime.registry.workflow(entityKey)?.field ?? '') in readable;
    const rows = await this.requests.eventsOf(entityKey, recordId);
    const names = await this.people.userNames(rows.map((r) => r.actor));
    return rows.map((r) => ({
      at: String(r.created_at),
      kind: r.kind,
      transition: (r.transition as string | null) ?? null,
      step: r.step,
      from: statusShown ? ((r.from_state as string | null) ?? null) : null,
      to: statusShown ? ((r.to_state as string | null) ?? null) : null,
      actor: r.actor ? (names.get(r.actor) ?? r.actor) : (r.system_actor ?? null),
      actorKind: r.actor ? 'user' : r.system_actor ? 'system' : null,
      onBehalfOf: (r.on_behalf_of as string | null) ?? null,
      comment: (r.comment as string | null) ?? null,
      version: (r.workflow_version as number | null) ?? null,
    }));
  }

  /** Everything waiting for this user's approval, oldest first, limited to records they can read. */
  async inbox(userId: string): Promise<InboxItem[]> {
    const registry = this.records.runtime.registry;
    const requests = await this.requests.allOpen();
    const items: InboxItem[] = [];
    for (const request of requests) {
      const entity = registry.entity(request.entity);
      const wf = entity && registry.workflow(entity.key);
      if (!entity || !wf || !this.records.moduleEnabled(entity)) continue;
      const [readable] = await this.records.getMany(entity.key, [request.record_id]);
      if (!readable) continue;
      const decision = await this.decide(entity, request.record_id, request, userId);
      if (isRefusal(decision)) continue;
      const approvals = await this.requests.approvalsOf(request.id);
      const names = await this.people.userNames([request.requested_by, ...approvals.map((a) => a.actor)]);
      const t = wf.transitions.find((x) => x.name === request.transition);
      items.push({
        request,
        entityLabel: entityLabelIn(entity, this.language),
        transitionLabel: t ? actionLabelIn(entity, t, this.language) : request.transition,
        requestedByName: request.requested_by ? (names.get(request.requested_by) ?? null) : null,
        waitingFor: activeSteps(request.steps, approvals).map((s) => stepLabelIn(entity, s, this.language)),
        youCountAs: decision,
        given: approvals.map((a) => ({ step: a.step, stepLabel: stepLabelIn(entity, { name: a.step, label: request.steps.steps.find((s) => s.name === a.step)?.label ?? a.step }, this.language), actor: names.get(a.actor) ?? a.actor, asRole: a.asRole, at: '' })),
      });
    }
    return items;
  }
}
