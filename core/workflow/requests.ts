/**
 * The workflow's own records: approval requests (opened with a snapshot of
 * their steps, closed once decided or no longer fitting), the approvals given
 * on them, and the history event + audit entry of each step. All of it goes
 * through the engine's system RecordService, so it is tenant-bound and in the
 * caller's transaction; whether the actor may do the step is decided before
 * anything here is called.
 */
import type { RecordData, RecordService } from '../data/records.js';
import type { ResolvedApprovalStep, ResolvedEntity, ResolvedTransition, ResolvedWorkflow } from '../manifest/index.js';
import { titleOf } from './labels.js';
import type { Participants } from './people.js';
import type { GivenApproval, RequestPlan, StepSnapshot } from './quorum.js';
import type { EventRow, OpenRequest, WorkflowEvent } from './types.js';

const REQUEST = 'core.workflow_request';
const EVENT = 'core.workflow_event';
const OVERRIDE = 'core.approval_override';

export class RequestStore {
  constructor(
    /** The acting user's (or system's) data layer: names the actor of each event, writes the audit entry. */
    private readonly records: RecordService,
    /** Tenant-bound system access to the workflow tables, same transaction. */
    private readonly system: RecordService,
    private readonly people: Participants,
  ) {}

  /** Opens a request for `t` on the record, with the steps whose `when` holds now, as this organization runs them. */
  async open(entity: ResolvedEntity, wf: ResolvedWorkflow, t: ResolvedTransition, record: RecordData, requesterId: string | null): Promise<OpenRequest> {
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
      record_title: titleOf(entity, record),
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
    return { name: step.name, label: step.label, roles, relations: step.approvers.relations, ...(step.approvers.where ? { where: step.approvers.where } : {}), quorum: step.quorum, overridden: Boolean(override) || undefined };
  }

  async close(request: OpenRequest, status: 'approved' | 'rejected' | 'cancelled'): Promise<void> {
    await this.system.update(REQUEST, request.id, { status, closed_at: new Date().toISOString() });
  }

  /** The record's open requests (at most one per transition). */
  async openOf(entityKey: string, recordId: string): Promise<OpenRequest[]> {
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

  /** Every open request of the organization, oldest first (the inbox filters them per user). */
  async allOpen(): Promise<OpenRequest[]> {
    return (await this.system.find(REQUEST, { filters: [{ field: 'status', op: 'eq', value: 'open' }], sort: { field: 'created_at', direction: 'asc' }, limit: 1000 })) as unknown as OpenRequest[];
  }

  async approvalsOf(requestId: string): Promise<GivenApproval[]> {
    const rows = (await this.system.find(EVENT, {
      filters: [
        { field: 'request', op: 'eq', value: requestId },
        { field: 'kind', op: 'eq', value: 'approved' },
      ],
      limit: 1000,
    })) as EventRow[];
    return rows.map((r) => ({ actor: String(r.actor), step: String(r.step), asRole: String(r.as_role) }));
  }

  /** Every event of a record, oldest first; whether the actor may read the record is the caller's check. */
  async eventsOf(entityKey: string, recordId: string): Promise<EventRow[]> {
    return (await this.system.find(EVENT, {
      filters: [
        { field: 'entity', op: 'eq', value: entityKey },
        { field: 'record_id', op: 'eq', value: recordId },
      ],
      sort: { field: 'position', direction: 'asc' },
      limit: 1000,
    })) as EventRow[];
  }

  /**
   * Adds the next history event of the record, naming the actor, and (except
   * for plain transitions, which the engine audits with their from/to) the
   * matching audit entry.
   */
  async record(entity: ResolvedEntity, recordId: string, request: OpenRequest | null, event: WorkflowEvent): Promise<void> {
    // Events of one call share the transaction's time; the record lock makes max+1 safe.
    const [{ next }]: { next: number }[] = await this.records.entityManager.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM core_workflow_event WHERE organization_id = $1 AND entity = $2 AND record_id = $3`,
      [this.records.organizationId, entity.key, recordId],
    );
    const actor = this.records.actor;
    await this.system.create(EVENT, {
      position: next,
      entity: entity.key,
      record_id: recordId,
      request: request?.id ?? null,
      transition: event.transition ?? request?.transition ?? null,
      workflow_version: event.workflow_version ?? request?.workflow_version ?? null,
      actor: actor.kind === 'user' ? actor.userId : null,
      system_actor: actor.kind === 'system' ? actor.reason : null,
      ...event,
    });
    if (event.kind !== 'transition') {
      await this.records.auditEvent(entity.key, recordId, `workflow:${event.kind}`, { transition: event.transition ?? request?.transition ?? null, step: event.step ?? null, on_behalf_of: event.on_behalf_of ?? null, comment: event.comment ?? null });
    }
  }
}
