/**
 * The shapes the workflow files pass between them and hand to callers
 * (admin actions, the SDK, tests). Kept apart from the classes so that the
 * engine, the request store, the views and the notifier can share them
 * without importing one another.
 */
import type { RecordData } from '../data/records.js';
import type { MailRequest } from '../mail/index.js';
import type { Contribution, RequestPlan } from './quorum.js';

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
  /** `step` is the step's name (stable, for API clients); `stepLabel` what the reader sees, in their language. */
  given: { step: string; stepLabel: string; actor: string; asRole: string; at: string }[];
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

/** What a record page shows: its state, the actions this user may take, and the open request's progress. */
/** A transition this user could take from the record's state, but whose `when` the record does not match yet (core/workflow/reasons.ts). */
export interface BlockedAction {
  name: string;
  label: string;
  /** "Check in is not possible: the room's housekeeping status must be Clean or Inspected." */
  reason: string;
}

export interface WorkflowPanel {
  state: string;
  actions: WorkflowAction[];
  /** Offered on the record page with their reason; taking one is refused with it. */
  blocked?: BlockedAction[];
  waitingFor: string[];
  given: { step: string; actor: string; asRole: string }[];
}

/** One row of `core.workflow_event`, as the store reads it back. */
export interface EventRow extends RecordData {
  actor: string | null;
  system_actor: string | null;
  step: string | null;
  as_role: string | null;
  kind: string;
}

/** What one history event records besides who and when. */
export interface WorkflowEvent {
  kind: string;
  step?: string;
  as_role?: string;
  on_behalf_of?: string;
  comment?: string;
  transition?: string;
  from_state?: string;
  to_state?: string;
  workflow_version?: number;
}

/** The e-mail that goes with a notification, for one recipient's name. */
export type MailFor = (name: string) => Omit<MailRequest, 'to'>;
