/**
 * The mail outbox against a real SMTP server on 127.0.0.1: mail is queued in
 * the caller's transaction, delivered by deliverPendingMail with a lease per
 * message, survives a worker process killed mid-delivery (SIGKILL) with no loss
 * and no duplicate, retries with backoff, and without SMTP_URL stays readable
 * in the outbox by the org admin only.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { deliverPendingMail, enqueueMail, MAX_ATTEMPTS, retryDelaySeconds, type MailTransport } from '../core/mail/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startTestServer, type TestServer } from './support/http.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let runtime: TestRuntime;
let org: Fixture;
let sink: SmtpSink;

interface OutboxRow {
  id: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  message_id: string;
  last_error: string | null;
  next_attempt_at: Date;
}

const outbox = (): Promise<OutboxRow[]> =>
  runtime.dataSource.query('SELECT id, subject, body, status, attempts, message_id, last_error, next_attempt_at FROM core_mail_outbox WHERE organization_id = $1 ORDER BY created_at, subject', [org.org.id]);

async function queue(...titles: string[]): Promise<void> {
  const records = await org.system();
  await records.transaction(async (tx) => {
    for (const title of titles) await enqueueMail(tx, { to: 'reader@example.test', template: 'notice', data: { title, body: `About ${title}.` } });
  });
}

/** Runs tests/support/mail-worker.ts in its own process; `until` decides when to SIGKILL it (if ever). */
function worker(args: string[] = [], until?: Promise<unknown>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/mail-worker.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: runtime.database.url, SMTP_URL: sink.url, NODE_OPTIONS: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  void until?.then(() => child.kill('SIGKILL'));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['member']);
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  await runtime?.dispose();
});
beforeEach(async () => {
  await runtime.dataSource.query('DELETE FROM core_mail_outbox');
  sink.messages.length = 0;
});

describe('queueing', () => {
  it('a mail is written in the caller’s transaction: rolled back with it, committed with it', async () => {
    const records = await org.system();
    await expect(
      records.transaction(async (tx) => {
        await enqueueMail(tx, { to: 'reader@example.test', template: 'notice', data: { title: 'Never', body: 'Rolled back.' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outbox()).toEqual([]);
    await queue('Kept');
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'queued', attempts: 0, subject: `[${org.org.name}] Kept` });
    expect(row.message_id).toBe(`<${row.id}@ums.localhost>`);
    expect(sink.messages).toEqual([]); // queueing never sends
  });

  it('refuses a recipient that is not an address', async () => {
    const records = await org.system();
    await expect(enqueueMail(records, { to: 'not an address', template: 'notice', data: { title: 'x', body: 'y' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('delivery over SMTP', () => {
  it('the claim crosses tenants as the bypass role ums_bypass; the outcome and the secret’s removal are written inside the wall, as ums_app for the mail’s organization', async () => {
    const ds = runtime.dataSource;
    await ds.query(`CREATE TABLE test_outbox_writer (status text, role text, org text, at timestamptz DEFAULT clock_timestamp())`);
    await ds.query(`GRANT INSERT ON test_outbox_writer TO ums_app, ums_bypass`);
    await ds.query(`CREATE FUNCTION test_outbox_writer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_outbox_writer (status, role, org) VALUES (NEW.status, current_user, current_setting('ums.organization_id', true)); RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER test_outbox_writer AFTER UPDATE ON core_mail_outbox FOR EACH ROW EXECUTE FUNCTION test_outbox_writer()`);
    try {
      await enqueueMail(await org.system(), { to: 'rina@example.test', template: 'password_reset', data: { name: 'রিনা', code: '731905', minutes: 10 } });
      expect((await ds.query('SELECT count(*)::int AS n FROM core_mail_secret'))[0].n).toBe(1);
      expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
      const writes: { status: string; role: string; org: string | null }[] = await ds.query('SELECT status, role, org FROM test_outbox_writer ORDER BY at');
      expect(writes.map((w) => ({ ...w, org: w.org || null }))).toEqual([
        { status: 'sending', role: 'ums_bypass', org: null },
        { status: 'sent', role: 'ums_app', org: org.org.id },
      ]);
      expect((await ds.query('SELECT count(*)::int AS n FROM core_mail_secret'))[0].n).toBe(0);
      expect(sink.lastTo('rina@example.test')!.text).toContain('731905');
    } finally {
      await ds.query('DROP TRIGGER test_outbox_writer ON core_mail_outbox');
      await ds.query('DROP FUNCTION test_outbox_writer()');
      await ds.query('DROP TABLE test_outbox_writer');
    }
  });

  it('sends each due mail once with the outbox id as Message-ID, and masks one-time codes in the stored copy', async () => {
    const records = await org.system();
    await enqueueMail(records, { to: 'ana@example.test', template: 'password_reset', data: { name: 'Ana', code: '480213', minutes: 10 } });
    await queue('Second');
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 2, failed: 0 });
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 0, failed: 0 });
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(sink.messages.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
    const reset = sink.lastTo('ana@example.test')!;
    expect(reset.text).toContain('480213');
    expect(reset.subject).toBe(`[${org.org.name}] Your password reset code: 480213`);
    const stored = rows.find((r) => r.subject.includes('password reset'))!;
    expect(stored.body).not.toContain('480213');
    expect(stored.subject).not.toContain('480213');
  });

  it('a worker killed while the SMTP server has the message in flight loses nothing and sends nothing twice', async () => {
    await queue('One', 'Two', 'Three');
    // The server accepts "One", then reads "Two" to its end and never answers: the worker waits in mid-transaction.
    const stalled = sink.stallOn((m) => m.subject.endsWith('Two'));
    const run = await worker([], stalled);
    expect(run.signal).toBe('SIGKILL');
    let rows = await outbox();
    expect(rows.map((r) => [r.subject.split('] ')[1], r.status, r.attempts])).toEqual([
      ['One', 'sent', 1],
      ['Three', 'queued', 0],
      ['Two', 'sending', 1],
    ]);
    expect(sink.messages.map((m) => m.subject)).toEqual([`[${org.org.name}] One`]);

    // The killed worker's lease still holds "Two": another run delivers the rest but leaves it alone.
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
    expect((await outbox()).find((r) => r.subject.endsWith('Two'))!.status).toBe('sending');

    // Once the lease has run out (moved here instead of waiting five minutes), the mail is claimed and sent.
    await runtime.dataSource.query(`UPDATE core_mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE status = 'sending'`);
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
    rows = await outbox();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const two = rows.find((r) => r.subject.endsWith('Two'))!;
    expect(two.attempts).toBe(2);
    expect(two.last_error).toMatch(/did not finish/);
    // Each outbox row reached the server exactly once, under its own Message-ID.
    const seen = sink.messages.map((m) => m.messageId);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(new Set(rows.map((r) => r.message_id)));
  }, 60_000);

  it('killed after the server accepted but before the row was marked: the one resend carries the same Message-ID', async () => {
    await queue('Accepted');
    const run = await worker(['--die-after-send']);
    expect(run.signal).toBe('SIGKILL');
    const [row] = await outbox();
    expect(row.status).toBe('sending');
    await runtime.dataSource.query(`UPDATE core_mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE status = 'sending'`);
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
    // The documented window (see core/mail/delivery.ts): a second copy, recognisable as the same message.
    expect(sink.messages.map((m) => m.messageId)).toEqual([row.message_id, row.message_id]);
  }, 60_000);

  it('a temporary failure is retried later with growing delays; a permanent one fails at once with the error', async () => {
    await queue('Flaky');
    const down: MailTransport = { sendMail: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })) };
    expect(await deliverPendingMail(runtime, { transport: down })).toEqual({ sent: 0, failed: 1 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    const delay = (new Date(row.next_attempt_at).getTime() - Date.now()) / 1000;
    expect(delay).toBeGreaterThan(retryDelaySeconds(1) - 5);
    expect(delay).toBeLessThanOrEqual(retryDelaySeconds(1) + 1);
    expect(retryDelaySeconds(2)).toBe(2 * retryDelaySeconds(1));
    // Not due yet: nothing happens.
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 0, failed: 0 });

    // The last allowed attempt fails too: the mail is given up, with the error kept.
    await runtime.dataSource.query(`UPDATE core_mail_outbox SET next_attempt_at = now(), attempts = $1`, [MAX_ATTEMPTS - 1]);
    expect(await deliverPendingMail(runtime, { transport: down })).toEqual({ sent: 0, failed: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(row.last_error).toMatch(/gave up after 8 attempts/);

    await queue('Unknown mailbox');
    const refusing: MailTransport = { sendMail: () => Promise.reject(Object.assign(new Error('550 5.1.1 mailbox unavailable'), { responseCode: 550 })) };
    expect(await deliverPendingMail(runtime, { transport: refusing })).toEqual({ sent: 0, failed: 1 });
    const refused = (await outbox()).find((r) => r.subject.endsWith('Unknown mailbox'))!;
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.last_error).toMatch(/550 5.1.1 mailbox unavailable \(permanent error/);
  });
});

describe('without SMTP_URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(runtime);
  });
  afterAll(() => server?.close());

  it('mail stays in the outbox, marked local, and the org admin reads it in AdminJS; a member cannot', async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    await queue('Kept locally');
    expect(await deliverPendingMail(runtime)).toEqual({ sent: 1, failed: 0 });
    const [row] = await outbox();
    expect(row.status).toBe('local');
    expect(sink.messages).toEqual([]);

    const admin = await server.login(org.users.get('admin')!.email, 'secret-123');
    const list = await admin.get('/admin/api/resources/CoreMailOutbox/actions/list');
    expect(list.body.records!.map((r) => r.params.subject)).toEqual([`[${org.org.name}] Kept locally`]);
    const shown = await admin.get(`/admin/api/resources/CoreMailOutbox/records/${row.id}/show`);
    expect(String((shown.body.record as { params: Record<string, unknown> }).params.body)).toContain('About Kept locally.');
    // Nobody writes the outbox by hand, not even the admin.
    const edit = await admin.post(`/admin/api/resources/CoreMailOutbox/records/${row.id}/edit`, { subject: 'forged' });
    expect(edit.body.notice).toMatchObject({ type: 'error' });
    expect((await outbox())[0].subject).toBe(`[${org.org.name}] Kept locally`);

    const member = await server.login(org.users.get('member')!.email, 'secret-123');
    const refused = await member.get('/admin/api/resources/CoreMailOutbox/actions/list');
    expect(refused.body.records ?? []).toEqual([]);
    const one = await member.get(`/admin/api/resources/CoreMailOutbox/records/${row.id}/show`);
    expect((one.body.record as { params?: Record<string, unknown> } | undefined)?.params?.subject).toBeUndefined();
  });

  it('local mode claims across tenants as the SMTP path does (as ums_bypass); the mark `local` and the secret’s removal are written inside the wall, as ums_app for the mail’s organization', async () => {
    const ds = runtime.dataSource;
    await ds.query(`CREATE TABLE test_local_writer (status text, role text, org text, at timestamptz DEFAULT clock_timestamp())`);
    await ds.query(`GRANT INSERT ON test_local_writer TO ums_app, ums_bypass`);
    await ds.query(`CREATE FUNCTION test_local_writer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_local_writer (status, role, org) VALUES (NEW.status, current_user, current_setting('ums.organization_id', true)); RETURN NULL; END $$`);
    await ds.query(`CREATE TRIGGER test_local_writer AFTER UPDATE ON core_mail_outbox FOR EACH ROW EXECUTE FUNCTION test_local_writer()`);
    const lines: string[] = [];
    try {
      await enqueueMail(await org.system(), { to: 'rina@example.test', template: 'password_reset', data: { name: 'Rina', code: '552907', minutes: 10 } });
      expect((await ds.query('SELECT count(*)::int AS n FROM core_mail_secret'))[0].n).toBe(1);
      expect(await deliverPendingMail(runtime, { log: (line) => lines.push(line) })).toEqual({ sent: 1, failed: 0 });
      const writes: { status: string; role: string; org: string | null }[] = await ds.query('SELECT status, role, org FROM test_local_writer ORDER BY at');
      expect(writes.map((w) => ({ ...w, org: w.org || null }))).toEqual([
        { status: 'sending', role: 'ums_bypass', org: null },
        { status: 'local', role: 'ums_app', org: org.org.id },
      ]);
      expect((await ds.query('SELECT count(*)::int AS n FROM core_mail_secret'))[0].n).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('552907');
      const [row]: OutboxRow[] = await ds.query(`SELECT status, attempts, body FROM core_mail_outbox WHERE recipient = 'rina@example.test'`);
      expect(row).toMatchObject({ status: 'local', attempts: 1 });
      expect(row.body).not.toContain('552907');
      // Nothing left to claim: a second run logs nothing.
      expect(await deliverPendingMail(runtime, { log: (line) => lines.push(line) })).toEqual({ sent: 0, failed: 0 });
      expect(lines).toHaveLength(1);
    } finally {
      await ds.query('DROP TRIGGER test_local_writer ON core_mail_outbox');
      await ds.query('DROP FUNCTION test_local_writer()');
      await ds.query('DROP TABLE test_local_writer');
    }
  });

  it('an admin queues a failed mail again from its record action', async () => {
    await queue('Failed once');
    await runtime.dataSource.query(`UPDATE core_mail_outbox SET status = 'failed', attempts = 8, last_error = 'boom'`);
    const [row] = await outbox();
    const admin = await server.login(org.users.get('admin')!.email, 'secret-123');
    // A GET of the action (a link, a prefetch) only answers the record: the mail stays failed.
    await admin.get(`/admin/api/resources/CoreMailOutbox/records/${row.id}/retry`);
    expect((await outbox())[0]).toMatchObject({ status: 'failed', attempts: 8 });
    const res = await admin.post(`/admin/api/resources/CoreMailOutbox/records/${row.id}/retry`);
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect((await outbox())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await deliverPendingMail(runtime, { transport: sink.transport() })).toEqual({ sent: 1, failed: 0 });
  });
});
