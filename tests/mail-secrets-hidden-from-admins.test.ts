/**
 * A mail that carries a one-time secret (password-reset or deletion code,
 * invitation link) is readable by its recipient only. An org admin who reads
 * the outbox (RecordService, AdminJS list and show, the CSV export) after a
 * colleague asked for a reset finds the mail masked; the colleague gets the
 * real code by SMTP (SMTP_URL) or, without SMTP, in the server's console log,
 * and resets with it. The code is in no table row an admin reads, and never in
 * the audit log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { deliverPendingMail, enqueueMail } from '../core/mail/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { codeIn, startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { fetchAs } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let sink: SmtpSink;
let org: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['member', 'librarian']);
  sink = await startSmtpSink();
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await sink?.close();
  await runtime?.dispose();
});
afterEach(() => {
  delete process.env.SMTP_URL;
  jest.restoreAllMocks();
});

let ip = 0;
const post = (path: string, body: Record<string, unknown>) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-forwarded-for': `10.9.0.${++ip}` },
    body: JSON.stringify(body),
  });

const outboxRowsOf = (email: string): Promise<Record<string, unknown>[]> =>
  runtime.dataSource.query(`SELECT subject, body, html, status FROM core_mail_outbox WHERE recipient = $1`, [email]);

/** Everything an org admin can read of the outbox, through each way in, as one string. */
async function whatTheAdminReads(): Promise<string> {
  const admin = org.users.get('admin')!;
  const records = await org.as('admin');
  const viaRecords = await records.find('core.mail_outbox', {});
  const client = await server.login(admin.email, 'secret-123');
  const list = await client.get('/admin/api/resources/CoreMailOutbox/actions/list?perPage=100');
  const shown = await Promise.all((list.body.records ?? []).map((r) => client.get(`/admin/api/resources/CoreMailOutbox/records/${r.id}/show`)));
  const cookie = await sessionCookie(server.url, admin.email, 'secret-123');
  const csv = await fetchAs(server.url, cookie, '/admin/x/export/core.mail_outbox.csv');
  expect(csv.status).toBe(200);
  expect(viaRecords.length).toBeGreaterThan(0);
  expect(list.body.records!.length).toBe(viaRecords.length);
  return [JSON.stringify(viaRecords), JSON.stringify(list.body), JSON.stringify(shown.map((s) => s.body)), await csv.text()].join('\n');
}

/** What waits in core_mail_secret for this recipient's mail (nothing, once delivered). */
const secretsOf = (email: string): Promise<unknown[]> =>
  runtime.dataSource.query(`SELECT s.secret FROM core_mail_secret s JOIN core_mail_outbox m ON m.id = s.outbox_id WHERE m.recipient = $1`, [email]);

const auditText = async (): Promise<string> =>
  JSON.stringify(await runtime.dataSource.query(`SELECT * FROM core_audit_log WHERE organization_id = $1`, [org.org.id]));

describe('with SMTP_URL', () => {
  it('an org admin reading the outbox after a colleague asks for a reset finds no usable code; the colleague gets it by SMTP and resets', async () => {
    const email = org.users.get('member')!.email;
    expect((await post('/auth/password/forgot', { email })).status).toBe(200);
    const beforeDelivery = await whatTheAdminReads();

    process.env.SMTP_URL = sink.url;
    expect(await deliverPendingMail(runtime)).toEqual({ sent: 1, failed: 0 });
    const code = codeIn(sink.lastTo(email));
    expect(sink.lastTo(email)!.subject).toContain(code);
    const afterDelivery = await whatTheAdminReads();

    for (const seen of [beforeDelivery, afterDelivery]) {
      expect(seen).toContain('password reset code');
      expect(seen).not.toContain(code);
      expect(seen).toContain('••••••');
    }
    expect(JSON.stringify(await outboxRowsOf(email))).not.toContain(code);
    // Delivered: the secret is gone from the database too.
    expect(await secretsOf(email)).toEqual([]);
    expect(await auditText()).not.toContain(code);

    const reset = await post('/auth/password/reset', { email, code, password: 'Harbour-light-61' });
    expect(reset.status).toBe(200);
    // Signing in with the new password works (sessionCookie throws on a refused sign-in).
    await sessionCookie(server.url, email, 'Harbour-light-61');
  });

  it('an invitation link is masked in the outbox and whole in the invited person’s mail', async () => {
    const token = 'Zk3p-invitation-token_0123456789abcdefghijkl';
    const link = `http://localhost:3000/auth/invitation?token=${token}`;
    await enqueueMail(await org.system(), { to: 'newcomer@example.test', template: 'invitation', data: { name: 'New', link, expiresAt: new Date(Date.now() + 3600_000) } });
    expect(await whatTheAdminReads()).not.toContain(token);
    // Queued: the token waits apart from the stored copy, for delivery only.
    expect(await secretsOf('newcomer@example.test')).toEqual([{ secret: token }]);
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
    expect(await secretsOf('newcomer@example.test')).toEqual([]);
    const mail = sink.lastTo('newcomer@example.test')!;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`token=${token}`);
    expect(await whatTheAdminReads()).not.toContain(token);
  });

  it('a mail with a code that failed for good keeps its secret hidden, and Send again still delivers the real code', async () => {
    const to = 'bounced@example.test';
    await enqueueMail(await org.system(), { to, template: 'account_deletion', data: { name: 'B', code: '735190', minutes: 10 } });
    const refusing = { sendMail: () => Promise.reject(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 })) };
    expect(await deliverPendingMail(runtime, { transport: refusing })).toEqual({ sent: 0, failed: 1 });
    expect(await whatTheAdminReads()).not.toContain('735190');
    const [row]: { id: string; status: string }[] = await runtime.dataSource.query(`SELECT id, status FROM core_mail_outbox WHERE recipient = $1`, [to]);
    expect(row.status).toBe('failed');
    const admin = await server.login(org.users.get('admin')!.email, 'secret-123');
    expect((await admin.post(`/admin/api/resources/CoreMailOutbox/records/${row.id}/retry`)).body.notice).toMatchObject({ type: 'success' });
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
    expect(codeIn(sink.lastTo(to))).toBe('735190');
    expect(await secretsOf(to)).toEqual([]);
    expect(await whatTheAdminReads()).not.toContain('735190');
    expect(await auditText()).not.toContain('735190');
  });
});

describe('without SMTP_URL (local mode)', () => {
  it('the code goes to the server’s console log, not into the table; the outbox shows the masked copy and the code still resets', async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const email = org.users.get('librarian')!.email;
    expect((await post('/auth/password/forgot', { email })).status).toBe(200);
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    const delivered = await deliverPendingMail(runtime);
    jest.restoreAllMocks();
    expect(delivered.sent).toBeGreaterThanOrEqual(1);

    const line = lines.find((l) => l.includes(`to ${email}`));
    expect(line).toBeDefined();
    // Read from the subject: the fixture's slug (in the address and the organization's name) holds six digits too.
    const code = /Your password reset code: (\d{6})\b/.exec(line!)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(line).toMatch(new RegExp(`Your code is:\\s+${code}\\b`));

    const rows = await outboxRowsOf(email);
    expect(rows).toMatchObject([{ status: 'local' }]);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(await secretsOf(email)).toEqual([]);
    expect(await whatTheAdminReads()).not.toContain(code!);
    expect(await auditText()).not.toContain(code!);

    expect((await post('/auth/password/reset', { email, code, password: 'Lantern-cove-62' })).status).toBe(200);
  });
});
