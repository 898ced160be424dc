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
 *
 * This file decides and runs; what it writes down (requests, approvals,
 * history events) is RequestStore's, who is told is Notifier's, and what is
 * shown (history, inbox, panel) is WorkflowViews'. They get the engine's
 * `decision` so that every answer to "may this user approve?" is the same one.
 */
import { systemActor } from '../data/actor.js';
import { RecordService, type RecordData } from '../data/records.js';
import { forbidden, RecordValidationError, UmsError, type Words } from '../errors.js';
import { actionNoun, entityNoun, interpolateConditions, roleLabelIn, type ResolvedEntity, type ResolvedTransition, type ResolvedWorkflow } from '../manifest/index.js';
import { stateReason, whenReason } from './reasons.js';
import { actionLabelIn, entityLabelIn, stateLabel, stepLabelIn, titleOf } from './labels.js';
import { say } from '../words.js';
import { LANGUAGES } from '../manifest/languages.js';
import type { Localized } from '../mail/index.js';
import { Notifier } from './notifications.js';
import { Participants } from './people.js';
import { postOnTransition } from './posting.js';
import { activeSteps, decide, isRefusal, planComplete, type Contribution, type GivenApproval, type Standing } from './quorum.js';
import { RequestStore } from './requests.js';
import type { BlockedAction, HistoryItem, InboxItem, OpenRequest, RunOptions, RunResult, WorkflowAction, WorkflowPanel } from './types.js';
import { WorkflowViews } from './views.js';
import { recordChanged } from '../webhooks/feed.js';

export class WorkflowEngine {
  private constructor(
    /** The acting user's (or system's) data layer. */
    private readonly records: RecordService,
    /** The engine's own bookkeeping (requests, history, notifications): tenant-bound, same transaction. */
    private readonly system: RecordService,
    /** The caller's language: the notices `run` returns and the views' labels are in it (core/words.ts, translations.<lang>). */
    private readonly language: string,
  ) {
    this.people = new Participants(records, system);
    this.requests = new RequestStore(records, system, this.people);
    this.notifier = new Notifier(records, system, this.people);
    this.views = new WorkflowViews(records, this.requests, this.people, (entity, recordId, request, userId) => this.decision(entity, recordId, request, userId), language);
  }

  private readonly people: Participants;
  private readonly requests: RequestStore;
  /** One per engine, i.e. per call: it remembers who was already told. */
  private readonly notifier: Notifier;
  private readonly views: WorkflowViews;

  /** `language`: whom the engine answers (English for the API and jobs, the admin user's language on their pages). */
  static async for(records: RecordService, language = 'en'): Promise<WorkflowEngine> {
    const system = records.actor.kind === 'system' ? records : await RecordService.for(records.runtime, systemActor(records.organizationId, 'workflow'), records.entityManager);
    return new WorkflowEngine(records, system, language);
  }

  /** The words of a notice in the caller's language: the entity's, an action's, a state's, steps' labels. */
  private words(entity: ResolvedEntity, wf: ResolvedWorkflow) {
    const language = this.language;
    return {
      entity: entityLabelIn(entity, language),
      action: (a: { name: string; label: string }) => actionLabelIn(entity, a, language),
      state: (state: string) => stateLabel(wf, state, entity, language),
      steps: (steps: { name: string; label: string }[]) => steps.map((s) => stepLabelIn(entity, s, language)).join(language === 'bn' ? ' ও ' : ' and '),
      say: (english: string, vars: Record<string, string>) => say(english, language, vars),
    };
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
  async panel(entityKey: string, record: RecordData): Promise<WorkflowPanel> {
    const wf = this.workflowOf(entityKey);
    const actions = await this.available(entityKey, record);
    return { ...(await this.views.panel(entityKey, wf, record, actions)), blocked: await this.blocked(entityKey, record, actions) };
  }

  /**
   * Transitions this user could take from the record's state but whose `when`
   * the record does not match yet, with the reason: the record page offers
   * them, and taking one is refused with that reason. One that another
   * available transition to the same state replaces (a post that needs an
   * approval above a limit, and one that does not) is left out.
   */
  async blocked(entityKey: string, record: RecordData, available?: WorkflowAction[]): Promise<BlockedAction[]> {
    const wf = this.registry.workflow(entityKey);
    if (!wf || !this.userId) return [];
    const entity = this.records.entity(entityKey);
    const id = String(record.id);
    const state = String(record[wf.field]);
    const offered = available ?? (await this.available(entityKey, record));
    const reaching = new Set(offered.map((a) => wf.transitions.find((t) => t.name === a.transition)?.to));
    const out: BlockedAction[] = [];
    const open = await this.openRequests(entityKey, id);
    for (const t of wf.transitions) {
      if (!t.when || !t.from.includes(state) || reaching.has(t.to) || open.some((r) => r.transition === t.name)) continue;
      const mayStart = !t.approval || t.approval.open === 'onRequest';
      if (!mayStart || !(await this.people.isActor(t.by, entity, id)) || (await this.people.whenHolds(entity, id, t.when))) continue;
      out.push({ name: t.name, label: t.label, reason: await whenReason(this.registry, entity, t, (c) => this.people.whenHolds(entity, id, c)) });
    }
    return out;
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
      const engine = await WorkflowEngine.for(tx, this.language);
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
      throw new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} was changed by someone else since you opened it; reload and try again.`, { entity: entity.key, field: 'version' });
    }
    const state = String(record[wf.field]);
    const comment = options.comment?.trim() || undefined;
    const request = (await this.openRequests(entity.key, id)).find((r) => r.transition === t.name);

    if (direction === 'reject') {
      if (!request) throw new UmsError('CONFLICT', `There is no open request to ${t.label.toLowerCase()} this ${entity.label.toLowerCase()}; it may have been decided already.`, { entity: entity.key });
      if (!userId) throw this.systemCannotDecide(entity, t, 'reject');
      if (!comment) throw new RecordValidationError(entity.key, { comment: { message: 'say why you reject it', type: 'required' } }, 'A rejection needs a comment.');
      const decision = await this.decision(entity, id, request, userId);
      if (isRefusal(decision)) throw forbidden({ text: decision.message, vars: {} }, { entity: entity.key });
      await this.requests.record(entity, id, request, { kind: 'rejected', step: decision.step, as_role: decision.asRole, on_behalf_of: decision.onBehalfOf, comment });
      await this.requests.close(request, 'rejected');
      const reject = t.approval!.reject!;
      const moved = await this.move(entity, wf, t, record, reject.to, { comment, effects: false, request });
      await this.notifier.decided(request, entity, t, moved, 'rejected', comment);
      const w = this.words(entity, wf);
      return { message: w.say('Rejected; the {entity} is back in {state}.', { entity: this.language === 'en' ? entity.label.toLowerCase() : w.entity, state: w.state(reject.to) }), record: moved, moved: true };
    }

    if (!request) {
      if (!t.from.includes(state)) throw this.notPossible(entity, wf, t, state);
      if (!(await this.people.whenHolds(entity, id, t.when))) throw await this.notApplicable(entity, t, id);
      if (!t.approval) {
        if (!(await this.people.isActor(t.by, entity, id))) throw this.notAStarter(entity, t, 'run');
        const moved = await this.move(entity, wf, t, record, t.to, { comment, effects: true });
        const w = this.words(entity, wf);
        return { message: w.say('{label}: the {entity} is now {state}.', { label: w.action(t), entity: this.language === 'en' ? entity.label.toLowerCase() : w.entity, state: w.state(t.to) }), record: moved, moved: true };
      }
      // An approval opened on request needs a requester in `by`; one opened on entering the state
      // (a record seeded or created before the workflow existed) is opened by its first approver.
      if (t.approval.open === 'onRequest' && !(await this.people.isActor(t.by, entity, id))) throw this.notAStarter(entity, t, 'request');
      // The system opens no request it would then have to approve (onEnter requests open by themselves).
      if (!userId && t.approval.open !== 'onRequest') throw this.systemCannotDecide(entity, t, 'approve');
      const opened = await this.requests.open(entity, wf, t, record, t.approval.open === 'onRequest' ? userId : null);
      if (t.approval.open === 'onRequest') {
        await this.requests.record(entity, id, opened, { kind: 'requested', comment });
        // The requester also gives their own step when the manifest allows it; otherwise they wait.
        const own = userId ? await this.decision(entity, id, opened, userId) : undefined;
        if (!own || isRefusal(own)) {
          await this.notifier.approvers(entity, wf, id, opened, []);
          const w = this.words(entity, wf);
          const waiting = w.steps(activeSteps(opened.steps, []));
          return { message: w.say('Submitted for approval ({label}); waiting for {steps}.', { label: w.action(t), steps: waiting || w.say('an approver', {}) }), record, moved: false };
        }
        return this.approve(entity, wf, t, record, opened, own, comment);
      }
      if (!userId) throw this.systemCannotDecide(entity, t, 'approve');
      const decision = await this.decision(entity, id, opened, userId);
      if (isRefusal(decision)) throw forbidden({ text: decision.message, vars: {} }, { entity: entity.key });
      return this.approve(entity, wf, t, record, opened, decision, comment);
    }

    if (!userId) throw this.systemCannotDecide(entity, t, 'approve');
    const decision = await this.decision(entity, id, request, userId);
    if (isRefusal(decision)) {
      throw decision.code === 'NOT_APPROVER' ? forbidden({ text: decision.message, vars: {} }, { entity: entity.key }) : new UmsError('CONFLICT', decision.message, { entity: entity.key }, { text: decision.message, vars: {} });
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
    await this.requests.record(entity, id, request, { kind: 'approved', step: contribution.step, as_role: contribution.asRole, on_behalf_of: contribution.onBehalfOf, comment });
    const approvals = await this.approvalsOf(request.id);
    if (!planComplete(request.steps, approvals)) {
      const w = this.words(entity, wf);
      const waiting = w.steps(activeSteps(request.steps, approvals));
      await this.notifier.approvers(entity, wf, id, request, approvals);
      const roleLabel = (key: string): string => roleLabelIn(this.records.runtime.registry.roles, key, this.language);
      const as = contribution.onBehalfOf ? w.say('{role}, for the missing role {missing}', { role: roleLabel(contribution.asRole), missing: roleLabel(contribution.onBehalfOf) }) : roleLabel(contribution.asRole);
      return { message: w.say('Approved as {as}; still waiting for {steps}.', { as, steps: waiting }), record, moved: false };
    }
    await this.requests.close(request, 'approved');
    const moved = await this.move(entity, wf, t, record, t.to, { comment, effects: true, request });
    await this.notifier.decided(request, entity, t, moved, 'approved', comment);
    const w = this.words(entity, wf);
    return { message: w.say('Approved: the {entity} is now {state}.', { entity: this.language === 'en' ? entity.label.toLowerCase() : w.entity, state: w.state(t.to) }), record: moved, moved: true };
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
    const set = options.effects ? this.effectValues(t, await this.records.timeZone()) : {};
    const updated = await this.records.authorisedAction(`workflow:${t.name}`, entity.key).update(entity.key, id, { ...set, [wf.field]: to });
    const full = await this.system.get(entity.key, id);
    // Where the record landed: a capacity overflow may have put it elsewhere (offered → waitlisted when the cycle is full).
    const landed = String(full[wf.field] ?? to);
    await this.requests.record(entity, id, options.request ?? null, { kind: 'transition', transition: t.name, from_state: from, to_state: landed, comment: options.comment, workflow_version: options.request?.workflow_version ?? wf.version });
    await this.records.auditEvent(entity.key, id, `workflow:${options.effects ? t.name : (t.approval?.reject?.name ?? t.name)}`, { from, to: landed, comment: options.comment ?? null, request: options.request?.id ?? null });
    await recordChanged(this.records, entity, 'transition', id, { name: options.effects ? t.name : (t.approval?.reject?.name ?? t.name), from, to: landed });
    if (options.effects) {
      if (t.effects.notify) {
        // Each reader's own language: the manifest's translations.<lang>.messages.<transition>, else the English message (or UMS's default, core/words.ts).
        const messageIn = (language: string): string => {
          const own = language !== 'en' ? entity.translations[language]?.messages?.[t.name] : undefined;
          const vars = { label: actionLabelIn(entity, t, language), title: titleOf(entity, full), state: stateLabel(wf, landed, entity, language) };
          return own ? say(own, 'en', vars) : say(t.effects.message ?? '{label}: {title} is now {state}', t.effects.message ? 'en' : language, vars);
        };
        const title = Object.fromEntries(LANGUAGES.map((l) => [l, messageIn(l)])) as Localized;
        const body = options.comment ?? '';
        await this.notifier.users(await this.people.actorsUserIds(t.effects.notify, entity, full), messageIn, body, entity, id, (name) => ({ template: 'notice', data: { name, title, body } }));
      }
      // A document that posts (manifest `posting`) writes its ledger movements in this transaction. They come after
      // the history, audit and notices, because they lock the balances: hot rows that every other posting of the
      // same item waits for until this transaction commits, so as little as possible runs after them (a refusal
      // still rolls everything back). The transition's hook still sees them written.
      await postOnTransition(this.records, entity, t.name, full, from);
      if (t.effects.hook) {
        const hook = this.records.runtime.plugins.workflowHook(wf.module, t.effects.hook)!;
        await hook({ records: this.records.authorisedAction(`workflow:${t.name}`, entity.key), actor: this.records.actor, entity, workflow: wf.key, transition: t.name, from, to, record: full });
      }
    }
    // Requests that no longer fit the new state end; approvals the new state calls for begin.
    for (const open of await this.openRequests(entity.key, id)) {
      const other = wf.transitions.find((x) => x.name === open.transition);
      if (!other || !other.from.includes(to)) {
        await this.requests.close(open, 'cancelled');
        await this.requests.record(entity, id, open, { kind: 'cancelled', comment: `The ${entity.label.toLowerCase()} moved to ${stateLabel(wf, to)}.` });
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
    const starting = wf.transitions.filter((t) => t.approval?.open === 'onEnter' && t.from.includes(state));
    // Most states open nothing by themselves: then there are no requests to look up (one read less after a document posted).
    if (!starting.length) return;
    const open = await this.openRequests(entity.key, id);
    for (const t of starting) {
      if (open.some((r) => r.transition === t.name)) continue;
      if (!(await this.people.whenHolds(entity, id, t.when))) continue;
      const request = await this.requests.open(entity, wf, t, record, requesterId);
      await this.requests.record(entity, id, request, { kind: 'requested' });
      await this.notifier.approvers(entity, wf, id, request, []);
    }
  }

  // ── Requests and views ─────────────────────────────────────────────

  async openRequests(entityKey: string, recordId: string): Promise<OpenRequest[]> {
    return this.requests.openOf(entityKey, recordId);
  }

  /** Every transition, approval and rejection of a record, oldest first (the user must be able to read the record). */
  async history(entityKey: string, recordId: string): Promise<HistoryItem[]> {
    return this.views.history(entityKey, recordId);
  }

  /** Everything waiting for this user's approval, oldest first, limited to records they can read. */
  async inbox(): Promise<InboxItem[]> {
    const userId = this.userId;
    if (!userId) return [];
    return this.views.inbox(userId);
  }

  // ── Who is who ─────────────────────────────────────────────────────────

  private async decision(entity: ResolvedEntity, recordId: string, request: OpenRequest, userId: string) {
    const approvals = await this.approvalsOf(request.id);
    const roles = new Set(this.records.access?.principal.roles ?? []);
    const missing = roles.has('admin') ? await this.people.rolesWithoutHolders(request.steps.steps.flatMap((s) => s.roles)) : new Set<string>();
    const standings = new Map<string, Standing>();
    for (const step of request.steps.steps) {
      standings.set(step.name, { roles, actingFor: missing, related: await this.people.isRelated(step.relations, entity, recordId, step.where) });
    }
    return decide(request.steps, approvals, request.requested_by, userId, (step) => standings.get(step.name)!);
  }

  private async approvalsOf(requestId: string): Promise<GivenApproval[]> {
    return this.requests.approvalsOf(requestId);
  }

  // ── Small helpers ──────────────────────────────────────────────────────

  /**
   * `set` values for this actor. The system is no user: a value that is just
   * `${user.id}` or `${user.email}` becomes null (a reference stays empty rather
   * than pointing at nobody); inside longer text they read as the system's name.
   */
  private effectValues(t: ResolvedTransition, timeZone: string): Record<string, unknown> {
    const actor = this.records.actor;
    if (actor.kind === 'user') {
      return interpolateConditions(t.effects.set, { user: { id: actor.userId, organizationId: actor.organizationId, email: actor.email }, now: new Date(), timeZone });
    }
    const personal = /^\$\{user\.(id|email)\}$/;
    const set = Object.fromEntries(Object.entries(t.effects.set).map(([k, v]) => [k, typeof v === 'string' && personal.test(v) ? null : v]));
    return interpolateConditions(set, { user: { id: actor.reason, organizationId: actor.organizationId, email: actor.reason }, now: new Date(), timeZone });
  }

  /** `by` does not name this actor; for the system, say what the manifest would need. */
  private notAStarter(entity: ResolvedEntity, t: ResolvedTransition, what: 'run' | 'request'): UmsError {
    const name = this.systemName;
    const where = { entity: entity.key, file: this.registry.workflow(entity.key)?.file, pointer: `${t.pointer}/by` };
    if (name) {
      return forbidden(`The system (${name}) may not ${what === 'run' ? 'take' : 'request'} "${t.label}" on ${entity.label.toLowerCase()} records: the transition's "by" does not say "system": true.`, where);
    }
    const words: Words =
      what === 'run'
        ? { text: 'You may not {action} this {entity}.', vars: { action: actionNoun(entity, t), entity: entityNoun(entity) } }
        : { text: 'You may not request "{action}" for this {entity}.', vars: { action: { ...actionNoun(entity, t), en: t.label }, entity: entityNoun(entity) } };
    return forbidden(words, { entity: entity.key });
  }

  private systemCannotDecide(entity: ResolvedEntity, t: ResolvedTransition, what: 'approve' | 'reject'): UmsError {
    return forbidden(`The system (${this.systemName}) cannot ${what} "${t.label}" on ${entity.label.toLowerCase()} records: approvals are given by people; the system may only request them.`, { entity: entity.key });
  }

  private notPossible(entity: ResolvedEntity, wf: ResolvedWorkflow, t: ResolvedTransition, state: string): UmsError {
    return new UmsError('CONFLICT', stateReason(entity, wf, t, state), { entity: entity.key });
  }

  /** The record does not match the transition's `when`: the refusal names the manifest's message or the condition that fails (reasons.ts). */
  private async notApplicable(entity: ResolvedEntity, t: ResolvedTransition, id: string): Promise<UmsError> {
    return new UmsError('CONFLICT', await whenReason(this.registry, entity, t, (c) => this.people.whenHolds(entity, id, c)), { entity: entity.key });
  }
}
