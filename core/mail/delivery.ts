/**
 * Delivering the outbox (called by the recurring mail job, never inside a web
 * request or a database transaction).
 *
 * The guarantee, step by step:
 * - Never lost. A mail exists once the transaction that queued it commits, and
 *   it stays `queued` / `sending` until an SMTP server has accepted it (status
 *   `sent`) or it failed for good after MAX_ATTEMPTS (status `failed`, with the
 *   error; an admin can queue it again with the Retry action).
 * - Claim with a lease. A worker claims ONE mail at a time in its own short
 *   statement (`FOR UPDATE SKIP LOCKED`): status `sending`, attempts + 1, and
 *   `next_attempt_at` = now + lease. Concurrent workers skip each other's rows,
 *   and no database transaction stays open while talking to the SMTP server.
 *   A worker killed at any point leaves the row `sending`; once the lease has
 *   run out, the next run claims it again and records that the previous
 *   attempt was interrupted. The SMTP timeouts are far below the lease, so a
 *   live worker is never overtaken by a second one.
 * - Sent once. SMTP has a single commit point: the server's reply to the end of
 *   the message data. A worker killed before that reply sent nothing (the
 *   server drops a message whose connection ends mid-transaction), and the
 *   retry delivers it once. The one window left is between that reply and the
 *   UPDATE that marks the row `sent` (one round trip to PostgreSQL): a worker
 *   killed exactly there causes a second delivery, and that copy carries the
 *   same Message-ID (`<outbox id@domain of MAIL_FROM>`), so servers and mail
 *   clients that de-duplicate by Message-ID treat it as the same message. No
 *   protocol can close that window from the sending side; this is the
 *   strongest guarantee SMTP allows.
 * - Marking `sent` is conditional on the claim (the row's version), so a late
 *   worker never overwrites a newer claim's outcome.
 *
 * Without SMTP_URL (the embedded default) nothing leaves the machine: due mail
 * is claimed as for SMTP, written to the server's log (stdout), like a console
 * mail backend, and marked `local` inside the wall; the outbox screen shows the
 * stored copy.
 *
 * Secrets (reset and deletion codes, invitation links) are stored masked; the
 * real value waits in `core_mail_secret`, which is no manifest entity, so no
 * screen, export or audit entry shows it. Only the copy handed to the SMTP
 * server, or the log line in local mode, carries it, and it is deleted in the
 * statement that records the delivery. A failed mail keeps it, so that Send
 * again still delivers a working link.
 */
import { readConfig } from '../../config/index.js';
import type { Runtime } from '../runtime.js';
import { MAIL_SECRET_TABLE } from '../data/entity-schemas.js';
import { OUTBOX_TABLE } from './outbox.js';
import { redactSecrets, unmask } from './templates.js';
import { crossTenant } from '../db/cross-tenant.js';
import { withinTenant } from '../data/tenant-scope.js';

/** What a transport is handed; nodemailer's Transporter satisfies MailTransport. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>;
  close?(): void;
}

export interface DeliveryOptions {
  /** At most this many mails per call (default 50). */
  limit?: number;
  /** Send through this transport instead of SMTP_URL (tests, other transports). */
  transport?: MailTransport;
  /** How long a claimed mail stays reserved for its worker (default 300 s; must exceed the SMTP timeouts). */
  leaseSeconds?: number;
  /** Where mail goes without SMTP_URL (default: console.log, the server's log). */
  log?: (line: string) => void;
}

export const MAX_ATTEMPTS = 8;
const DEFAULT_LEASE_SECONDS = 300;
/** nodemailer's own defaults are minutes long; these keep one attempt well inside the lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** 1 min, 2, 4 … capped at 6 h: about two hours from the first attempt to the last. */
export const retryDelaySeconds = (attempts: number): number => Math.min(60 * 2 ** Math.max(attempts - 1, 0), 6 * 3600);

interface ClaimedMail {
  id: string;
  organization_id: string;
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  secret: string | null;
  template: string;
  attempts: number;
  version: number;
  message_id: string;
}

export async function deliverPendingMail(runtime: Runtime, options: DeliveryOptions = {}): Promise<{ sent: number; failed: number }> {
  const limit = Math.max(options.limit ?? 50, 1);
  const config = readConfig();
  const lease = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  if (!options.transport && !config.smtpUrl) return { sent: await keepLocally(runtime, limit, lease, options.log ?? ((line) => console.log(line))), failed: 0 };
  // nodemailer is imported on the first delivery with SMTP_URL set, not at start (≈0.1 s of CPU the server's start did not need).
  const transport: MailTransport = options.transport ?? (await import('nodemailer')).createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
  let sent = 0;
  let failed = 0;
  try {
    for (let i = 0; i < limit; i++) {
      const mail = await claimNext(runtime, lease);
      if (!mail) break;
      if (mail.attempts > MAX_ATTEMPTS) {
        // Only reachable through interrupted attempts (each failure below already counts): a mail that keeps killing its worker.
        await finish(runtime, mail, { status: 'failed', error: `Gave up after ${MAX_ATTEMPTS} attempts that did not finish.` });
        failed++;
        continue;
      }
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: mail.recipient,
          subject: unmask(mail.subject, mail.secret),
          text: unmask(mail.body, mail.secret),
          html: mail.html === null ? undefined : unmask(mail.html, mail.secret, true),
          messageId: mail.message_id,
          headers: { 'X-UMS-Outbox-Id': mail.id },
        });
      } catch (err) {
        const permanent = isPermanent(err);
        const giveUp = permanent || mail.attempts >= MAX_ATTEMPTS;
        await finish(runtime, mail, {
          status: giveUp ? 'failed' : 'queued',
          error: `${describe(err)}${giveUp ? (permanent ? ' (permanent error: not retried)' : ` (gave up after ${mail.attempts} attempts)`) : ''}`,
          retryInSeconds: retryDelaySeconds(mail.attempts),
        });
        failed++;
        continue;
      }
      await finish(runtime, mail, { status: 'sent' });
      sent++;
    }
  } finally {
    if (!options.transport) transport.close?.();
  }
  return { sent, failed };
}

/**
 * Without SMTP: each due mail is claimed as for SMTP (claimNext, across
 * tenants, with its lease), written with its secret to the log (the
 * recipient's copy), then marked `local` inside the wall, its secret deleted in
 * that same statement. A worker killed between the log line and the mark logs
 * it again once the lease ends, as an SMTP worker would send it again.
 */
async function keepLocally(runtime: Runtime, limit: number, leaseSeconds: number, log: (line: string) => void): Promise<number> {
  let kept = 0;
  for (let i = 0; i < limit; i++) {
    const mail = await claimNext(runtime, leaseSeconds);
    if (!mail) break;
    log(`Mail (local: no SMTP_URL) to ${mail.recipient}, Message-ID ${mail.message_id}\nSubject: ${unmask(mail.subject, mail.secret)}\n\n${unmask(mail.body, mail.secret).trimEnd()}\n-- end of mail`);
    await finish(runtime, mail, { status: 'local' });
    kept++;
  }
  return kept;
}

async function claimNext(runtime: Runtime, leaseSeconds: number): Promise<ClaimedMail | undefined> {
  // One autocommitted statement: the claim is durable before any byte goes to the SMTP server.
  const result: unknown[] = await crossTenant(runtime.dataSource, 'mail-delivery', (owner) => owner.query(
    `UPDATE ${OUTBOX_TABLE} m
        SET status = 'sending', attempts = m.attempts + 1, version = m.version + 1, updated_at = now(),
            next_attempt_at = now() + make_interval(secs => $1),
            last_error = CASE WHEN m.status = 'sending' THEN 'The previous attempt did not finish (the worker stopped); sent again with the same Message-ID.' ELSE m.last_error END
      WHERE m.id = (SELECT id FROM ${OUTBOX_TABLE} WHERE status IN ('queued', 'sending') AND next_attempt_at <= now()
                     ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m.organization_id, m.recipient, m.subject, m.body, m.html, (SELECT s.secret FROM ${MAIL_SECRET_TABLE} s WHERE s.outbox_id = m.id) AS secret, m.template, m.attempts, m.version, m.message_id`,
    [leaseSeconds],
  ));
  return ((result[0] as ClaimedMail[] | undefined) ?? [])[0];
}

/**
 * Records a claimed mail's outcome inside the wall: the claim crossed tenants
 * (the queue of every organization), the outcome is one organization's row
 * and its secret, written as the application role with that organization set.
 */
async function finish(runtime: Runtime, mail: ClaimedMail, outcome: { status: 'sent' | 'local' | 'queued' | 'failed'; error?: string; retryInSeconds?: number }): Promise<void> {
  const tenant = withinTenant(runtime.dataSource, mail.organization_id);
  if (outcome.status === 'local') {
    // The stored copy is already masked; the log line carried the secret, so it goes now, with the mark.
    await tenant.query(
      `WITH done AS (UPDATE ${OUTBOX_TABLE} SET status = 'local', updated_at = now(), version = version + 1 WHERE id = $1 AND version = $2 RETURNING id)
       DELETE FROM ${MAIL_SECRET_TABLE} s USING done WHERE s.outbox_id = done.id`,
      [mail.id, mail.version],
    );
    return;
  }
  if (outcome.status === 'sent') {
    // The secret goes with the same statement, and only for the claim that sent it.
    await tenant.query(
      `WITH done AS (UPDATE ${OUTBOX_TABLE} SET status = 'sent', sent_at = now(), updated_at = now(), version = version + 1,
                            subject = $3, body = $4, html = $5
                      WHERE id = $1 AND version = $2 RETURNING id)
       DELETE FROM ${MAIL_SECRET_TABLE} s USING done WHERE s.outbox_id = done.id`,
      [mail.id, mail.version, redactSecrets(mail.template, mail.subject), redactSecrets(mail.template, mail.body), mail.html === null ? null : redactSecrets(mail.template, mail.html)],
    );
    return;
  }
  await tenant.query(
    `UPDATE ${OUTBOX_TABLE} SET status = $3, last_error = $4, updated_at = now(), version = version + 1,
            next_attempt_at = now() + make_interval(secs => $5)
      WHERE id = $1 AND version = $2`,
    [mail.id, mail.version, outcome.status, (outcome.error ?? '').slice(0, 2000), outcome.retryInSeconds ?? 0],
  );
}

/** SMTP 5xx replies are final (unknown mailbox, refused sender); everything else (4xx, network) is worth a retry. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(err: unknown): string {
  const e = err as { message?: unknown; response?: unknown; code?: unknown } | null;
  const message = typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
