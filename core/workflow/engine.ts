/**
 * The workflow engine: runs a manifest's transitions and approvals for one
 * actor, through the same RecordService (tenant, read rules, validation,
 * audit, hooks) as every other write. Each call takes the record's row lock
 * first, so two approvers finishing the last step at once queue up and the
 * transition fires exactly once; everything a call changes commits together.
 *
 * The actor is a person or a named system actor (a job: `job:<module>.<name>`).
 * The system may take a transition whose `by` says `system: true`, and may
 * request an approval so marked, but never approves or rejects: approvals are
 * people's decisions. History and audit name it by its reason.
 */
import { systemActor } from '../data/actor.js';
import { RecordService, type RecordData } from '../data/records.js';
import { forbidden, RecordValidationError, UmsError } from '../errors.js';
import {
  interpolateConditions,
  type ResolvedApprovalStep,
  type ResolvedEntity,
  type ResolvedTransition,
  type ResolvedWorkflow,
} from '../manifest/index.js';
import { enqueueMail, type MailRequest } from '../mail/index.js';
import { Participants } from './people.js';
import { activeSteps, decide, isRefusal, planComplete, type Contribution, type GivenApproval, type RequestPlan, type Standing, type StepSnapshot } from './quorum.js';

/** The e-mail that goes with a notification, for one recipient's name. */
type MailFor = (name: string) => Omit<MailRequest, 'to'>;

const REQUEST = 'core.workflow_request';
const EVENT = 'core.workflow_event';
const NOTIFICATION = 'core.notification';
const OVERRIDE = 'core.approval_override';

export interface WorkflowAction {
  /** The AdminJS action name: a transition's name, or its approval's reject name. */
  name: string;
  label: string;
  transition: string;
  kind: 'run' | 'request' | 'approve' | 'reject';
  /** A rejection needs a reason. */
  commentRequired: boolean;
}

export interface RunOptions {
  comment?: string;
  /** The version the user saw: a record changed meanwhile is not moved. */
  expectedVersion?: number;
}

export interface RunResult {
  message: string;
  record: RecordData;
  /** Whether the record changed state (false: an approval was recorded, more are needed). */
  moved: boolean;
}

export interface OpenRequest {
  id: string;
  entity: string;
  record_id: string;
  record_title: string | null;
  workflow: string;
  workflow_version: number;
  transition: string;
  from_state: string;
  to_state: string;
  requested_by: string | null;
  steps: RequestPlan;
  created_at: string;
}

export interface InboxItem {
  request: OpenRequest;
  entityLabel: string;
  transitionLabel: string;
  requestedByName: string | null;
  /** Steps still waiting, and what this user's approval would count as. */
  waitingFor: string[];
  youCountAs: Contribution;
  given: { step: string; actor: string; asRole: string; at: string }[];
}

export interface HistoryItem {
  at: string;
  kind: string;
  transition: string | null;
  step: string | null;
  from: string | null;
  to: string | null;
  /** A person's "Name <email>", or a system actor's name such as `job:library.close_past`. */
  actor: string | null;
  actorKind: 'user' | 'system' | null;
  onBehalfOf: string | null;
  comment: string | null;
  version: number | null;
}

interface EventRow extends RecordData {
  actor: string | null;
  system_actor: string | null;
  step: string | null;
  as_role: string | null;
  kind: string;
}

export class WorkflowEngine {
  private constructor(
    /** The acting user's (or system's) data layer. */
    private readonly records: RecordService,
    /** The engine's own bookkeeping (requests, history, notifications): tenant-bound, same transaction. */
    private readonly system: RecordService,
  ) {
    this.people = new Participants(records, system);
  }

  private readonly people: Participants;
  private readonly notified = new Set<string>();

  static async for(records: RecordService): Promise<WorkflowEngine> {
    const system = records.actor.kind === 'system' ? records : await RecordService.for(records.runtime, systemActor(records.organizationId, 'workflow'), records.entityManager);
    return new WorkflowEngine(records, system);
  }

  private get registry() {
    return this.records.runtime.registry;
  }

  private get userId(): string | null {
    return this.records.actor.kind === 'user' ? this.records.actor.userId : null;
  }

  /** The system actor's name (`job:<module>.<name>`), or null for a person. */
  private get systemName(): string | null {
    return this.records.actor.kind === 'system' ? this.records.actor.reason : null;
  }

  workflowOf(entityKey: string): ResolvedWorkflow {
    const wf = this.registry.workflow(entityKey);
    if (!wf) throw new UmsError('NOT_FOUND', `${entityKey} has no workflow.`, { entity: entityKey });
    return wf;
  }

  // ── What may this user do now ──────────────────────────────────────────

  /** The workflow actions this user may take on the record now (for buttons; `run` checks again). */
  async available(entityKey: string, record: RecordData): Promise<WorkflowAction[]> {
    const wf = this.registry.workflow(entityKey);
    const userId = this.userId;
    if (!wf || !userId) return [];
    const entity = this.records.entity(entityKey);
    const state = String(record[wf.field]);
    const open = await this.openRequests(entityKey, String(record.id));
    const out: WorkflowAction[] = [];
    for (const t of wf.transitions) {
      const request = open.find((r) => r.transition === t.name);
      if (request) {
        const decision = await this.decision(entity, String(record.id), request, userId);
        if (!isRefusal(decision)) {
          out.push({ name: t.name, label: t.label, transition: t.name, kind: 'approve', commentRequired: false });
          const reject = t.approval?.reject;
          if (reject) out.push({ name: reject.name, label: reject.label, transition: t.name, kind: 'reject', commentRequired: true });
        }
        continue;
      }
      if (!t.from.includes(state) || !(await this.people.whenHolds(entity, String(record.id), t.when))) continue;
      if (!t.approval) {
        if (await this.people.isActor(t.by, entity, String(record.id))) out.push({ name: t.name, label: t.label, transition: t.name, kind: 'run', commentRequired: false });
      } else if (t.approval.open === 'onRequest' && (await this.people.isActor(t.by, entity, String(record.id)))) {
        out.push({ name: t.name, label: t.label, transition: t.name, kind: 'request', commentRequired: false });
      }
    }
    return out;
  }

  /** What a record page shows: its state, the actions this user may take, and the open request's progress. */
  async panel(entityKey: string, record: RecordData): Promise<{ state: string; actions: WorkflowAction[]; waitingFor: string[]; given: { step: string; actor: string; asRole: string }[] }> {
    const wf = this.workflowOf(entityKey);
    const actions = await this.available(entityKey, record);
    const [request] = await this.openRequests(entityKey, String(record.id));
    const approvals = request ? await this.approvalsOf(request.id) : [];
    const names = await this.people.userNames(approvals.map((a) => a.actor));
    return {
      state: this.stateLabel(wf, String(record[wf.field])),
      actions,
      waitingFor: request ? activeSteps(request.steps, approvals).map((s) => s.label) : [],
      given: approvals.map((a) => ({ step: a.step, actor: names.get(a.actor) ?? a.actor, asRole: a.asRole })),
    };
  }

  // ── Running an action ──────────────────────────────────────────────────

  /**
   * Runs the transition (or approval, or rejection) named `action` on a record.
   * Refusals say why: not allowed, not possible in this state, already decided,
   * own request, changed meanwhile. A system actor may run only transitions
   * whose `by` has `system: true` (or request such an approval).
   */
  async run(entityKey: string, id: string, action: string, options: RunOptions = {}): Promise<RunResult> {
    const wf = this.workflowOf(entityKey);
    const entity = this.records.entity(entityKey);
    const userId = this.userId;
    const transition = wf.transitions.find((t) => t.name === action);
    const rejected = transition ? undefined : wf.transitions.find((t) => t.approval?.reject?.name === action);
    if (!transition && !rejected) throw new UmsError('NOT_FOUND', `Unknown action "${action}" on ${entity.label}.`, { entity: entityKey });
    return this.records.transaction(async (tx) => {
      const engine = await WorkflowEngine.for(tx);
      return engine.runLocked(entity, wf, id, transition ?? rejected!, transition ? 'forward' : 'reject', userId, options);
    });
  }

  private async runLocked(
    entity: ResolvedEntity,
    wf: ResolvedWorkflow,
    id: string,
    t: ResolvedTransition,
    direction: 'forward' | 'reject',
    /** Null for a system actor: it may start and request, never decide. */
    userId: string | null,
    options: RunOptions,
  ): Promise<RunResult> {
    // The row lock serialises every workflow call on this record; the read rule says whether the user may see it at all.
    const record = await this.system.lock(entity.key, id);
    await this.records.get(entity.key, id);
    if (options.expectedVersion !== undefined && Number(options.expectedVersion) !== record.version) {
      throw new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} was changed by someone else since you opened it; reload and try again.`, { entity: entity.key });
    }
    const state = String(record[wf.field]);
    const comment = options.comment?.trim() || undefined;
    const request = (await this.openRequests(entity.key, id)).find((r) => r.transition === t.name);

    if (direction === 'reject') {
      if (!request) throw new UmsError('CONFLICT', `There is no open request to ${t.label.toLowerCase()} this ${entity.label.toLowerCase()}; it may have been decided already.`, { entity: entity.key });
      if (!userId) throw this.systemCannotDecide(entity, t, 'reject');
      if (!comment) throw new RecordValidationError(entity.key, { comment: { message: 'say why you reject it', type: 'required' } }, 'A rejection needs a comment.');
      const decision = await this.decision(entity, id, request, userId);
      if (isRefusal(decision)) throw forbidden(decision.message, { entity: entity.key });
      await this.recordEvent(entity, id, request, { kind: 'rejected', step: decision.step, as_role: decision.asRole, on_behalf_of: decision.onBehalfOf, comment });
      await this.closeRequest(request, 'rejected');
      const reject = t.approval!.reject!;
      const moved = await this.move(entity, wf, t, record, reject.to, { comment, effects: false, request });
      await this.notifyUsers([request.requested_by], `Rejected: ${t.label} — ${this.titleOf(entity, moved)}`, comment, entity, id, this.decisionMail(entity, t, moved, 'rejected', comment));
      return { message: `Rejected; the ${entity.label.toLowerCase()} is back in ${this.stateLabel(wf, reject.to)}.`, record: moved, moved: true };
    }

    if (!request) {
      if (!t.from.includes(state)) throw this.notPossible(entity, wf, t, state);
      if (!(await this.people.whenHolds(entity, id, t.when))) throw new UmsError('CONFLICT', `${t.label} does not apply to this ${entity.label.toLowerCase()}.`, { entity: entity.key });
      if (!t.approval) {
        if (!(await this.people.isActor(t.by, entity, id))) throw this.notAStarter(entity, t, 'run');
        const moved = await this.move(entity, wf, t, record, t.to, { comment, effects: true });
        return { message: `${t.label}: the ${entity.label.toLowerCase()} is now ${this.stateLabel(wf, t.to)}.`, record: moved, moved: true };
      }
      // An approval opened on request needs a requester in `by`; one opened on entering the state
      // (a record seeded or created before the workflow existed) is opened by its first approver.
      if (t.approval.open === 'onRequest' && !(await this.people.isActor(t.by, entity, id))) throw this.notAStarter(entity, t, 'request');
      // The system opens no request it would then have to approve (onEnter requests open by themselves).
      if (!userId && t.approval.open !== 'onRequest') throw this.systemCannotDecide(entity, t, 'approve');
      const opened = await this.openRequest(entity, wf, t, record, t.approval.open === 'onRequest' ? userId : null);
      if (t.approval.open === 'onRequest') {
        await this.recordEvent(entity, id, opened, { kind: 'requested', comment });
        // The requester also gives their own step when the manifest allows it; otherwise they wait.
        const own = userId ? await this.decision(entity, id, opened, userId) : undefined;
        if (!own || isRefusal(own)) {
          await this.notifyApprovers(entity, id, opened, []);
          return { message: `${t.label} requested; waiting for approval.`, record, moved: false };
        }
        return this.approve(entity, wf, t, record, opened, own, comment);
      }
      if (!userId) throw this.systemCannotDecide(entity, t, 'approve');
      const decision = await this.decision(entity, id, opened, userId);
      if (isRefusal(decision)) throw forbidden(decision.message, { entity: entity.key });
      return this.approve(entity, wf, t, record, opened, decision, comment);
    }

    if (!userId) throw this.systemCannotDecide(entity, t, 'approve');
    const decision = await this.decision(entity, id, request, userId);
    if (isRefusal(decision)) {
      throw decision.code === 'NOT_APPROVER' ? forbidden(decision.message, { entity: entity.key }) : new UmsError('CONFLICT', decision.message, { entity: entity.key });
    }
    return this.approve(entity, wf, t, record, request, decision, comment);
  }

  private async approve(
    entity: ResolvedEntity,
    wf: ResolvedWorkflow,
    t: ResolvedTransition,
    record: RecordData,
    request: OpenRequest,
    contribution: Contribution,
    comment: string | undefined,
  ): Promise<RunResult> {
    const id = String(record.id);
    await this.recordEvent(entity, id, request, { kind: 'approved', step: contribution.step, as_role: contribution.asRole, on_behalf_of: contribution.onBehalfOf, comment });
    const approvals = await this.approvalsOf(request.id);
    if (!planComplete(request.steps, approvals)) {
      const waiting = activeSteps(request.steps, approvals).map((s) => s.label);
      await this.notifyApprovers(entity, id, request, approvals);
      return { message: `Approval recorded${contribution.onBehalfOf ? ` (for the missing role ${this.records.runtime.registry.roles.get(contribution.onBehalfOf)?.displayLabel ?? contribution.onBehalfOf})` : ''}; still waiting for: ${waiting.join(', ')}.`, record, moved: false };
    }
    await this.closeRequest(request, 'approved');
    const moved = await this.move(entity, wf, t, record, t.to, { comment, effects: true, request });
    await this.notifyUsers([request.requested_by], `Approved: ${t.label} — ${this.titleOf(entity, moved)}`, comment ?? '', entity, id, this.decisionMail(entity, t, moved, 'approved', comment));
    return { message: `Approved: the ${entity.label.toLowerCase()} is now ${this.stateLabel(wf, t.to)}.`, record: moved, moved: true };
  }

  /** Moves the record to `to`: status + effects, history, audit, notifications, hook, then the requests the new state opens or ends. */
  private async move(
    entity: ResolvedEntity,
    wf: ResolvedWorkflow,
    t: ResolvedTransition,
    record: RecordData,
    to: string,
    options: { comment?: string; effects: boolean; request?: OpenRequest },
  ): Promise<RecordData> {
    const id = String(record.id);
    const from = String(record[wf.field]);
    const set = options.effects ? this.effectValues(t) : {};
    const updated = await this.records.authorisedAction(`workflow:${t.name}`, entity.key).update(entity.key, id, { ...set, [wf.field]: to });
    const full = await this.system.get(entity.key, id);
    await this.recordEvent(entity, id, options.request ?? null, { kind: 'transition', transition: t.name, from_state: from, to_state: to, comment: options.comment, workflow_version: options.request?.workflow_version ?? wf.version });
    await this.records.auditEvent(entity.key, id, `workflow:${options.effects ? t.name : (t.approval?.reject?.name ?? t.name)}`, { from, to, comment: options.comment ?? null, request: options.request?.id ?? null });
    if (options.effects) {
      if (t.effects.notify) {
        const message = (t.effects.message ?? '{label}: {title} is now {state}')
          .replace('{label}', t.label)
          .replace('{title}', this.titleOf(entity, full))
          .replace('{state}', this.stateLabel(wf, to));
        const body = options.comment ?? '';
        await this.notifyUsers(await this.people.actorsUserIds(t.effects.notify, entity, full), message, body, entity, id, (name) => ({ template: 'notice', data: { name, title: message, body } }));
      }
      if (t.effects.hook) {
        const hook = this.records.runtime.plugins.workflowHook(wf.module, t.effects.hook)!;
        await hook({ records: this.records.authorisedAction(`workflow:${t.name}`, entity.key), actor: this.records.actor, entity, workflow: wf.key, transition: t.name, from, to, record: full });
      }
    }
    // Requests that no longer fit the new state end; approvals the new state calls for begin.
    for (const open of await this.openRequests(entity.key, id)) {
      const other = wf.transitions.find((x) => x.name === open.transition);
      if (!other || !other.from.includes(to)) {
        await this.closeRequest(open, 'cancelled');
        await this.recordEvent(entity, id, open, { kind: 'cancelled', comment: `The ${entity.label.toLowerCase()} moved to ${this.stateLabel(wf, to)}.` });
      }
    }
    await this.openOnEnter(entity, full, this.userId);
    return updated;
  }

  /** Opens the approvals that start by themselves when a record is in its state (on create, and after each move). */
  async openOnEnter(entity: ResolvedEntity, record: RecordData, requesterId: string | null): Promise<void> {
    const wf = this.registry.workflow(entity.key);
    if (!wf) return;
    const id = String(record.id);
    const state = String(record[wf.field]);
    const open = await this.openRequests(entity.key, id);
    for (const t of wf.transitions) {
      if (t.approval?.open !== 'onEnter' || !t.from.includes(state) || open.some((r) => r.transition === t.name)) continue;
      if (!(await this.people.whenHolds(entity, id, t.when))) continue;
      const request = await this.openRequest(entity, wf, t, record, requesterId);
      await this.recordEvent(entity, id, request, { kind: 'requested' });
      await this.notifyApprovers(entity, id, request, []);
    }
  }

  // ── Requests and their history ─────────────────────────────────────────

  private async openRequest(entity: ResolvedEntity, wf: ResolvedWorkflow, t: ResolvedTransition, record: RecordData, requesterId: string | null): Promise<OpenRequest> {
    const id = String(record.id);
    const steps: StepSnapshot[] = [];
    for (const step of t.approval!.steps) {
      if (!(await this.people.whenHolds(entity, id, step.when))) continue;
      steps.push(await this.snapshot(wf, t, step));
    }
    const plan: RequestPlan = { mode: t.approval!.mode, allowSelfApproval: t.approval!.allowSelfApproval, steps };
    const created = await this.system.create(REQUEST, {
      entity: entity.key,
      record_id: id,
      record_title: this.titleOf(entity, record),
      workflow: wf.key,
      workflow_version: wf.version,
      transition: t.name,
      from_state: String(record[wf.field]),
      to_state: t.to,
      status: 'open',
      requested_by: requesterId,
      steps: plan,
    });
    return created as unknown as OpenRequest;
  }

  /** The step as this organization runs it: its override's roles replace the manifest's. */
  private async snapshot(wf: ResolvedWorkflow, t: ResolvedTransition, step: ResolvedApprovalStep): Promise<StepSnapshot> {
    const [override] = await this.system.find(OVERRIDE, {
      filters: [
        { field: 'workflow', op: 'eq', value: wf.key },
        { field: 'transition', op: 'eq', value: t.name },
        { field: 'step', op: 'eq', value: step.name },
      ],
      limit: 1,
    });
    const roles = override && Array.isArray(override.roles) ? (override.roles as string[]) : step.approvers.roles;
    return { name: step.name, label: step.label, roles, relations: step.approvers.relations, quorum: step.quorum, overridden: Boolean(override) || undefined };
  }

  private async closeRequest(request: OpenRequest, status: 'approved' | 'rejected' | 'cancelled'): Promise<void> {
    await this.system.update(REQUEST, request.id, { status, closed_at: new Date().toISOString() });
  }

  async openRequests(entityKey: string, recordId: string): Promise<OpenRequest[]> {
    const rows = await this.system.find(REQUEST, {
      filters: [
        { field: 'entity', op: 'eq', value: entityKey },
        { field: 'record_id', op: 'eq', value: recordId },
        { field: 'status', op: 'eq', value: 'open' },
      ],
      limit: 100,
    });
    return rows as unknown as OpenRequest[];
  }

  private async approvalsOf(requestId: string): Promise<GivenApproval[]> {
    const rows = (await this.system.find(EVENT, {
      filters: [
        { field: 'request', op: 'eq', value: requestId },
        { field: 'kind', op: 'eq', value: 'approved' },
      ],
      limit: 1000,
    })) as EventRow[];
    return rows.map((r) => ({ actor: String(r.actor), step: String(r.step), asRole: String(r.as_role) }));
  }

  private async recordEvent(
    entity: ResolvedEntity,
    recordId: string,
    request: OpenRequest | null,
    event: { kind: string; step?: string; as_role?: string; on_behalf_of?: string; comment?: string; transition?: string; from_state?: string; to_state?: string; workflow_version?: number },
  ): Promise<void> {
    // Events of one call share the transaction's time; the record lock makes max+1 safe.
    const [{ next }]: { next: number }[] = await this.records.entityManager.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM core_workflow_event WHERE organization_id = $1 AND entity = $2 AND record_id = $3`,
      [this.records.organizationId, entity.key, recordId],
    );
    await this.system.create(EVENT, {
      position: next,
      entity: entity.key,
      record_id: recordId,
      request: request?.id ?? null,
      transition: event.transition ?? request?.transition ?? null,
      workflow_version: event.workflow_version ?? request?.workflow_version ?? null,
      actor: this.userId,
      system_actor: this.systemName,
      ...event,
    });
    if (event.kind !== 'transition') {
      await this.records.auditEvent(entity.key, recordId, `workflow:${event.kind}`, { transition: event.transition ?? request?.transition ?? null, step: event.step ?? null, on_behalf_of: event.on_behalf_of ?? null, comment: event.comment ?? null });
    }
  }

  /** Every transition, approval and rejection of a record, oldest first (the user must be able to read the record). */
  async history(entityKey: string, recordId: string): Promise<HistoryItem[]> {
    await this.records.get(entityKey, recordId);
    const rows = (await this.system.find(EVENT, {
      filters: [
        { field: 'entity', op: 'eq', value: entityKey },
        { field: 'record_id', op: 'eq', value: recordId },
      ],
      sort: { field: 'position', direction: 'asc' },
      limit: 1000,
    })) as EventRow[];
    const names = await this.people.userNames(rows.map((r) => r.actor));
    return rows.map((r) => ({
      at: String(r.created_at),
      kind: r.kind,
      transition: (r.transition as string | null) ?? null,
      step: r.step,
      from: (r.from_state as string | null) ?? null,
      to: (r.to_state as string | null) ?? null,
      actor: r.actor ? (names.get(r.actor) ?? r.actor) : (r.system_actor ?? null),
      actorKind: r.actor ? 'user' : r.system_actor ? 'system' : null,
      onBehalfOf: (r.on_behalf_of as string | null) ?? null,
      comment: (r.comment as string | null) ?? null,
      version: (r.workflow_version as number | null) ?? null,
    }));
  }

  /** Everything waiting for this user's approval, oldest first, limited to records they can read. */
  async inbox(): Promise<InboxItem[]> {
    const userId = this.userId;
    if (!userId) return [];
    const requests = (await this.system.find(REQUEST, { filters: [{ field: 'status', op: 'eq', value: 'open' }], sort: { field: 'created_at', direction: 'asc' }, limit: 1000 })) as unknown as OpenRequest[];
    const items: InboxItem[] = [];
    for (const request of requests) {
      const entity = this.registry.entity(request.entity);
      const wf = entity && this.registry.workflow(entity.key);
      if (!entity || !wf || !this.records.moduleEnabled(entity)) continue;
      const [readable] = await this.records.getMany(entity.key, [request.record_id]);
      if (!readable) continue;
      const decision = await this.decision(entity, request.record_id, request, userId);
      if (isRefusal(decision)) continue;
      const approvals = await this.approvalsOf(request.id);
      const names = await this.people.userNames([request.requested_by, ...approvals.map((a) => a.actor)]);
      const t = wf.transitions.find((x) => x.name === request.transition);
      items.push({
        request,
        entityLabel: entity.label,
        transitionLabel: t?.label ?? request.transition,
        requestedByName: request.requested_by ? (names.get(request.requested_by) ?? null) : null,
        waitingFor: activeSteps(request.steps, approvals).map((s) => s.label),
        youCountAs: decision,
        given: approvals.map((a) => ({ step: a.step, actor: names.get(a.actor) ?? a.actor, asRole: a.asRole, at: '' })),
      });
    }
    return items;
  }

  // ── Who is who ─────────────────────────────────────────────────────────

  private async decision(entity: ResolvedEntity, recordId: string, request: OpenRequest, userId: string) {
    const approvals = await this.approvalsOf(request.id);
    const roles = new Set(this.records.access?.principal.roles ?? []);
    const missing = roles.has('admin') ? await this.people.rolesWithoutHolders(request.steps.steps.flatMap((s) => s.roles)) : new Set<string>();
    const standings = new Map<string, Standing>();
    for (const step of request.steps.steps) {
      standings.set(step.name, { roles, actingFor: missing, related: await this.people.isRelated(step.relations, entity, recordId) });
    }
    return decide(request.steps, approvals, request.requested_by, userId, (step) => standings.get(step.name)!);
  }

  private async notifyApprovers(entity: ResolvedEntity, recordId: string, request: OpenRequest, approvals: GivenApproval[]): Promise<void> {
    const record = await this.system.get(entity.key, recordId);
    const given = new Set(approvals.map((a) => a.actor));
    const users = new Set<string>();
    for (const step of activeSteps(request.steps, approvals)) {
      for (const id of await this.people.actorsUserIds({ roles: step.roles, relations: step.relations }, entity, record)) if (!given.has(id)) users.add(id);
    }
    const wf = this.workflowOf(entity.key);
    const t = wf.transitions.find((x) => x.name === request.transition);
    const transition = t?.label ?? request.transition;
    const requestedBy = request.requested_by ? ((await this.people.userNames([request.requested_by])).get(request.requested_by) ?? 'Someone') : 'Someone';
    const steps = activeSteps(request.steps, approvals).map((s) => s.label).join(', ');
    await this.notifyUsers([...users], `Approval requested: ${transition} — ${this.titleOf(entity, record)}`, '', entity, recordId, (name) => ({
      template: 'approval_requested',
      data: { name, entityLabel: entity.label, recordTitle: this.titleOf(entity, record), transition, requestedBy, step: steps },
    }));
  }

  /**
   * A notification row per person (one per record and call: the requester may
   * also be named by the effect) and the same news by e-mail, queued in this
   * transaction; the mail job delivers it after commit.
   */
  private async notifyUsers(userIds: (string | null)[], title: string, body: string, entity: ResolvedEntity, recordId: string, mail: MailFor): Promise<void> {
    const ids = [...new Set(userIds.filter((u): u is string => Boolean(u)))].filter((u) => u !== this.userId && !this.notified.has(`${recordId} ${u}`));
    const recipients = ids.length ? await this.system.getMany('core.user', ids) : [];
    for (const user of recipients) {
      this.notified.add(`${recordId} ${user.id}`);
      await this.system.create(NOTIFICATION, { user: user.id, title: title.slice(0, 300), body, entity: entity.key, record_id: recordId });
      if (user.is_active && typeof user.email === 'string') await enqueueMail(this.records, { to: user.email, ...mail(String(user.name ?? '')) } as MailRequest);
    }
  }

  // ── Small helpers ──────────────────────────────────────────────────────

  private decisionMail(entity: ResolvedEntity, t: ResolvedTransition, record: RecordData, decision: 'approved' | 'rejected', comment: string | undefined): MailFor {
    const actor = this.records.actor;
    const decidedBy = actor.kind === 'user' ? actor.email : 'the system';
    return (name) => ({ template: 'approval_decided', data: { name, entityLabel: entity.label, recordTitle: this.titleOf(entity, record), transition: t.label, decision, decidedBy, comment } });
  }

  /**
   * `set` values for this actor. The system is no user: a value that is just
   * `${user.id}` or `${user.email}` becomes null (a reference stays empty rather
   * than pointing at nobody); inside longer text they read as the system's name.
   */
  private effectValues(t: ResolvedTransition): Record<string, unknown> {
    const actor = this.records.actor;
    if (actor.kind === 'user') {
      return interpolateConditions(t.effects.set, { user: { id: actor.userId, organizationId: actor.organizationId, email: actor.email }, now: new Date() });
    }
    const personal = /^\$\{user\.(id|email)\}$/;
    const set = Object.fromEntries(Object.entries(t.effects.set).map(([k, v]) => [k, typeof v === 'string' && personal.test(v) ? null : v]));
    return interpolateConditions(set, { user: { id: actor.reason, organizationId: actor.organizationId, email: actor.reason }, now: new Date() });
  }

  private titleOf(entity: ResolvedEntity, record: RecordData): string {
    const title = record[entity.titleField];
    return title === null || title === undefined ? entity.label : String(title);
  }

  private stateLabel(wf: ResolvedWorkflow, state: string): string {
    return wf.states.get(state)?.label ?? state;
  }

  /** `by` does not name this actor; for the system, say what the manifest would need. */
  private notAStarter(entity: ResolvedEntity, t: ResolvedTransition, what: 'run' | 'request'): UmsError {
    const name = this.systemName;
    const where = { entity: entity.key, file: this.registry.workflow(entity.key)?.file, pointer: `${t.pointer}/by` };
    if (name) {
      return forbidden(`The system (${name}) may not ${what === 'run' ? 'take' : 'request'} "${t.label}" on ${entity.label.toLowerCase()} records: the transition's "by" does not say "system": true.`, where);
    }
    return forbidden(what === 'run' ? `You may not ${t.label.toLowerCase()} this ${entity.label.toLowerCase()}.` : `You may not request "${t.label}" for this ${entity.label.toLowerCase()}.`, { entity: entity.key });
  }

  private systemCannotDecide(entity: ResolvedEntity, t: ResolvedTransition, what: 'approve' | 'reject'): UmsError {
    return forbidden(`The system (${this.systemName}) cannot ${what} "${t.label}" on ${entity.label.toLowerCase()} records: approvals are given by people; the system may only request them.`, { entity: entity.key });
  }

  private notPossible(entity: ResolvedEntity, wf: ResolvedWorkflow, t: ResolvedTransition, state: string): UmsError {
    return new UmsError('CONFLICT', `${t.label} is not possible: the ${entity.label.toLowerCase()} is ${this.stateLabel(wf, state)} (it needs ${t.from.map((s) => this.stateLabel(wf, s)).join(' or ')}).`, { entity: entity.key });
  }
}
