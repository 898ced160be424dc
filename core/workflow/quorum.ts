/**
 * The arithmetic of approvals, kept free of I/O so every rule (quorum kinds,
 * sequential steps, one decision per person, self-approval) is decided in one
 * place from the request's frozen step list and the approvals given so far.
 */
import type { Quorum } from '../manifest/index.js';

/** A step as it applied when its request opened (roles after the organization's override). */
export interface StepSnapshot {
  name: string;
  label: string;
  roles: string[];
  relations: string[];
  /** Record-relative approvers by condition (ResolvedActors.where). */
  where?: Record<string, unknown>;
  quorum: Quorum;
  /** The roles came from the organization's override, not the manifest. */
  overridden?: boolean;
}

/** The frozen definition a request keeps for its whole life (the workflow version it started under). */
export interface RequestPlan {
  mode: 'parallel' | 'sequential';
  allowSelfApproval: boolean;
  steps: StepSnapshot[];
}

export interface GivenApproval {
  actor: string;
  step: string;
  /** A role, or 'relation'. */
  asRole: string;
}

/** What the acting user can count as, for one step. */
export interface Standing {
  roles: ReadonlySet<string>;
  /** Roles nobody in the organization holds, which this user (an org admin) may act for. */
  actingFor: ReadonlySet<string>;
  /** The user is one of the step's record-relative approvers. */
  related: boolean;
}

export interface Contribution {
  step: string;
  asRole: string;
  onBehalfOf?: string;
}

export function stepComplete(step: StepSnapshot, approvals: GivenApproval[]): boolean {
  const given = approvals.filter((a) => a.step === step.name);
  switch (step.quorum.kind) {
    case 'any':
      return given.length >= 1;
    case 'count':
      return new Set(given.map((a) => a.actor)).size >= step.quorum.count;
    case 'all': {
      const covered = new Set(given.map((a) => a.asRole));
      return step.roles.every((r) => covered.has(r)) && ((step.relations.length === 0 && !step.where) || covered.has('relation'));
    }
  }
}

/** Steps that take approvals now: all incomplete ones in parallel mode, the first incomplete one in sequence. */
export function activeSteps(plan: RequestPlan, approvals: GivenApproval[]): StepSnapshot[] {
  const open = plan.steps.filter((s) => !stepComplete(s, approvals));
  return plan.mode === 'sequential' ? open.slice(0, 1) : open;
}

export const planComplete = (plan: RequestPlan, approvals: GivenApproval[]): boolean => plan.steps.every((s) => stepComplete(s, approvals));

/**
 * How this user's approval would count in `step`, or undefined when it would
 * not count (not an approver, or for "all" every role they could fill is filled).
 * A role the user holds is preferred to acting for a missing one.
 */
export function contributionTo(step: StepSnapshot, approvals: GivenApproval[], standing: Standing): Contribution | undefined {
  const candidates: Contribution[] = [];
  for (const role of step.roles) if (standing.roles.has(role)) candidates.push({ step: step.name, asRole: role });
  if (standing.related) candidates.push({ step: step.name, asRole: 'relation' });
  for (const role of step.roles) if (!standing.roles.has(role) && standing.actingFor.has(role)) candidates.push({ step: step.name, asRole: role, onBehalfOf: role });
  if (step.quorum.kind !== 'all') return candidates[0];
  const covered = new Set(approvals.filter((a) => a.step === step.name).map((a) => a.asRole));
  return candidates.find((c) => !covered.has(c.asRole));
}

export type Refusal = { code: 'ALREADY_DECIDED' | 'SELF_APPROVAL' | 'NOT_APPROVER'; message: string };

/** Whether the user may approve (or reject) now, and as what; the reason when not. */
export function decide(
  plan: RequestPlan,
  approvals: GivenApproval[],
  requestedBy: string | null,
  userId: string,
  standingFor: (step: StepSnapshot) => Standing,
): Contribution | Refusal {
  if (approvals.some((a) => a.actor === userId)) return { code: 'ALREADY_DECIDED', message: 'You have already approved this request; another person must give the remaining approvals.' };
  const contribution = activeSteps(plan, approvals)
    .map((step) => contributionTo(step, approvals, standingFor(step)))
    .find((c) => c !== undefined);
  if (!contribution) return { code: 'NOT_APPROVER', message: 'You are not an approver of the step this request is waiting for.' };
  if (requestedBy === userId && !plan.allowSelfApproval) return { code: 'SELF_APPROVAL', message: 'You cannot approve your own request.' };
  return contribution;
}

export const isRefusal = (v: Contribution | Refusal): v is Refusal => 'code' in v;
