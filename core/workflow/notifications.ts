/**
 * Who is told what when a workflow moves: the approvers still awaited when a
 * request opens, the requester when it is decided, the people a transition's
 * `notify` effect names. Each gets a notification row and the same news by
 * e-mail, queued in the caller's transaction (the mail job delivers it after
 * commit). One Notifier lives as long as its engine, i.e. one call, so nobody
 * is told twice about one record in one call.
 */
import { readConfig } from '../../config/index.js';
import { classNameOf } from '../data/entity-schemas.js';
import type { RecordData, RecordService } from '../data/records.js';
import { ADMIN_ROOT } from '../paths.js';
import { enqueueMail, type Localized, type MailRequest } from '../mail/index.js';
import type { ResolvedEntity, ResolvedTransition, ResolvedWorkflow } from '../manifest/index.js';
import { actionLabelIn, titleOf } from './labels.js';
import { say } from '../words.js';
import type { Participants } from './people.js';
import { activeSteps, type GivenApproval } from './quorum.js';
import type { MailFor, OpenRequest } from './types.js';

const NOTIFICATION = 'core.notification';

/** The record's page in the admin, as an absolute address for mails (PUBLIC_URL). */
const recordLink = (entity: ResolvedEntity, id: string): string => `${readConfig().publicUrl}${ADMIN_ROOT}/resources/${classNameOf(entity)}/records/${id}/show`;

/** A manifest text with its translations (`translations.<language>`): the mail picks the recipient's. */
function localized(entity: ResolvedEntity, english: string, pick: (t: ResolvedEntity['translations'][string]) => string | undefined): Localized {
  const out: Record<string, string> = { en: english };
  for (const [language, t] of Object.entries(entity.translations)) {
    const text = pick(t);
    if (text) out[language] = text;
  }
  return out as Localized;
}
const entityLabelOf = (entity: ResolvedEntity): Localized => localized(entity, entity.label, (t) => t.label);
const actionLabelOf = (entity: ResolvedEntity, name: string, english: string): Localized => localized(entity, english, (t) => t.actions?.[name]);

export class Notifier {
  constructor(
    /** The acting user's (or system's) data layer: the actor is not told of their own step. */
    private readonly records: RecordService,
    /** Tenant-bound system access to users and notifications, same transaction. */
    private readonly system: RecordService,
    private readonly people: Participants,
  ) {}

  /** `${recordId} ${userId}` of everyone told so far. */
  private readonly notified = new Set<string>();

  /** Tells the approvers of the steps still waiting (except those who already gave theirs) that the request needs them. */
  async approvers(entity: ResolvedEntity, wf: ResolvedWorkflow, recordId: string, request: OpenRequest, approvals: GivenApproval[]): Promise<void> {
    const record = await this.system.get(entity.key, recordId);
    const given = new Set(approvals.map((a) => a.actor));
    const users = new Set<string>();
    for (const step of activeSteps(request.steps, approvals)) {
      for (const id of await this.people.actorsUserIds({ roles: step.roles, relations: step.relations, where: step.where }, entity, record)) if (!given.has(id)) users.add(id);
    }
    const t = wf.transitions.find((x) => x.name === request.transition);
    const transition = t?.label ?? request.transition;
    const steps = activeSteps(request.steps, approvals);
    const requestedBy = request.requested_by ? ((await this.people.userNames([request.requested_by])).get(request.requested_by) ?? 'Someone') : 'Someone';
    const title = (language: string) => say('Approval requested: {label} — {title}', language, { label: t ? actionLabelIn(entity, t, language) : transition, title: titleOf(entity, record) });
    await this.users([...users], title, '', entity, recordId, (name) => ({
      template: 'approval_requested',
      data: { name, entityLabel: entityLabelOf(entity), recordTitle: titleOf(entity, record), transition: t ? actionLabelOf(entity, t.name, transition) : transition, requestedBy, step: steps.map((s) => s.label).join(', '), link: recordLink(entity, recordId) },
    }));
  }

  /** Tells the requester that their request was approved or rejected, and by whom. */
  async decided(request: OpenRequest, entity: ResolvedEntity, t: ResolvedTransition, record: RecordData, decision: 'approved' | 'rejected', comment: string | undefined): Promise<void> {
    const title = (language: string) => say(decision === 'approved' ? 'Approved: {label} — {title}' : 'Rejected: {label} — {title}', language, { label: actionLabelIn(entity, t, language), title: titleOf(entity, record) });
    await this.users([request.requested_by], title, comment ?? '', entity, String(record.id), this.decisionMail(entity, t, record, decision, comment));
  }

  /**
   * A notification row per person (one per record and call: the requester may
   * also be named by the effect) and the same news by e-mail. `title` may be written per language:
   * each row is in its reader's (their own, else the organization's), as the bell shows it as stored.
   */
  async users(userIds: (string | null)[], title: string | ((language: string) => string), body: string, entity: ResolvedEntity, recordId: string, mail: MailFor): Promise<void> {
    const self = this.records.actor.kind === 'user' ? this.records.actor.userId : null;
    const ids = [...new Set(userIds.filter((u): u is string => Boolean(u)))].filter((u) => u !== self && !this.notified.has(`${recordId} ${u}`));
    const recipients = ids.length ? await this.system.getMany('core.user', ids) : [];
    const fallback = typeof title === 'string' || !recipients.length ? 'en' : await this.system.organizationLanguage();
    for (const user of recipients) {
      this.notified.add(`${recordId} ${user.id}`);
      const text = typeof title === 'string' ? title : title(typeof user.language === 'string' && user.language ? user.language : fallback);
      await this.system.create(NOTIFICATION, { user: user.id, title: text.slice(0, 300), body, entity: entity.key, record_id: recordId });
      if (user.is_active && typeof user.email === 'string') await enqueueMail(this.records, { to: user.email, ...mail(String(user.name ?? '')) } as MailRequest);
    }
  }

  private decisionMail(entity: ResolvedEntity, t: ResolvedTransition, record: RecordData, decision: 'approved' | 'rejected', comment: string | undefined): MailFor {
    const actor = this.records.actor;
    const decidedBy = actor.kind === 'user' ? actor.email : 'the system';
    return (name) => ({ template: 'approval_decided', data: { name, entityLabel: entityLabelOf(entity), recordTitle: titleOf(entity, record), transition: actionLabelOf(entity, t.name, t.label), decision, decidedBy, comment, link: recordLink(entity, String(record.id)) } });
  }
}
