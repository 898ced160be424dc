/**
 * Writing mail: a row in `core_mail_outbox`, in the caller's transaction, so a
 * mail exists exactly when the change that caused it was committed. Nothing is
 * sent here; the delivery job (delivery.ts) does that later.
 *
 * A mail that carries a one-time secret (a reset or deletion code, an
 * invitation link; templates.ts says which data is secret) is stored masked in
 * subject, body and html, which org admins read under Mail outbox; the secret
 * itself goes to `core_mail_secret`, a table beside the outbox that is no
 * manifest entity (like the credential tables of core/auth), so no screen,
 * record read, export or audit entry can show it. Delivery puts it back into
 * the recipient's copy and deletes it (delivery.ts).
 *
 * The row is written with SQL rather than through RecordService.create on
 * purpose: a record create is audited with every field, and nothing of a
 * mail's secret may live on in the audit log. The
 * tenant still comes from the caller's RecordService, and the outbox is never
 * writable from a screen (the core manifest denies create/update/delete).
 */
import { randomUUID } from 'node:crypto';
import { readConfig } from '../../config/index.js';
import { actorUserId } from '../data/actor.js';
import type { Records } from '../data/contract.js';
import { MAIL_SECRET_TABLE } from '../data/entity-schemas.js';
import { serviceOf } from '../data/records.js';
import { UmsError } from '../errors.js';
import { isMailLanguage, renderMasked, type MailLanguage, type MailTemplate, type TemplateData } from './templates.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';

export const OUTBOX_TABLE = 'core_mail_outbox';

export interface MailRequest<K extends MailTemplate = MailTemplate> {
  /** One address. */
  to: string;
  template: K;
  data: TemplateData[K];
  /** The language to write in; by default the recipient's: the user of the organization with this address, else the organization's, else English. */
  language?: MailLanguage;
}

export interface QueuedMail {
  id: string;
  messageId: string;
}

const ADDRESS_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** The domain of MAIL_FROM: Message-IDs are `<outbox id@domain>`, stable across retries. */
export function messageIdDomain(mailFrom = readConfig().mailFrom): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  return address.split('@')[1]?.trim() || 'ums.localhost';
}

/**
 * Queues one mail to `request.to` in the transaction `records` works in (the
 * workflow engine, a job, a hook or an auth flow passes the RecordService it
 * already holds). The organization's name is filled into the template.
 */
export async function enqueueMail<K extends MailTemplate>(records: Records, request: MailRequest<K>): Promise<QueuedMail> {
  const to = String(request.to ?? '').trim();
  if (!ADDRESS_RE.test(to)) throw new UmsError('BAD_REQUEST', `Cannot send mail to "${to}": not an e-mail address.`, { entity: 'core.mail_outbox', field: 'recipient' });
  const manager = serviceOf(records).entityManager;
  // The recipient's language: their own choice as a user of this organization, else the organization's.
  const [organization]: { name: string; language: string | null }[] = await manager.query(
    `SELECT o.name, coalesce(u.language, o.language) AS language
       FROM ${ORGANIZATION_TABLE} o
       LEFT JOIN LATERAL (SELECT language FROM core_user WHERE organization_id = o.id AND lower(email) = lower($2) LIMIT 1) u ON true
      WHERE o.id = $1`,
    [records.organizationId, to],
  );
  if (!organization) throw new UmsError('NOT_FOUND', 'No such organization.');
  const language = request.language ?? (isMailLanguage(organization.language) ? organization.language : 'en');
  const mail = renderMasked(request.template, request.data, organization.name, language);
  const id = randomUUID();
  const messageId = `<${id}@${messageIdDomain()}>`;
  const userId = actorUserId(records.actor);
  await manager.query(
    `INSERT INTO ${OUTBOX_TABLE} (id, organization_id, recipient, subject, body, html, template, status, attempts, next_attempt_at, message_id, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, now(), $8, $9, $9)`,
    [id, records.organizationId, to, mail.subject.slice(0, 300), mail.text, mail.html, request.template, messageId, userId],
  );
  if (mail.secret) {
    await manager.query(`INSERT INTO ${MAIL_SECRET_TABLE} (outbox_id, organization_id, secret) VALUES ($1, $2, $3)`, [id, records.organizationId, mail.secret]);
  }
  return { id, messageId };
}
