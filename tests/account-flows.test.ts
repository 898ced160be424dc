/**
 * The account flows over HTTP, with mail delivered to a real SMTP server on
 * 127.0.0.1: invitation → password → sign-in; forgot → code → reset; code
 * attempt limits, expiry and rate limits; the same answer for unknown
 * addresses; one address in two organizations; deleting one's own account;
 * sign-in lock-out; the password policy; and no secret left in plain text.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { deliverPendingMail, expireStaleCredentials } from '../core/mail/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { formPass, postSignIn, startTestServer, type TestServer } from './support/http.js';
import { runCli } from './support/cli.js';
import { codeIn, startSmtpSink, tokenIn, type SmtpSink } from './support/smtp-sink.js';


let runtime: TestRuntime;
let server: TestServer;
let sink: SmtpSink;
let org: Fixture;
let other: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['member', 'librarian']);
  other = await createFixtureOrg(runtime, 'library');
  sink = await startSmtpSink();
  server = await startTestServer(runtime, { trustProxy: 'loopback' });
});
afterAll(async () => {
  await server?.close();
  await sink?.close();
  await runtime?.dispose();
});

// Each test speaks from its own address (the server trusts X-Forwarded-For from loopback), so per-IP limits stay apart.
let ipCounter = 0;
const freshIp = (): string => `10.1.0.${++ipCounter}`;

interface JsonAnswer {
  status: number;
  body: { ok?: boolean; message?: string; error?: { message: string; fields?: Record<string, { message: string }> } };
  headers: Headers;
}

async function postJson(path: string, body: Record<string, unknown>, options: { ip?: string; cookie?: string } = {}): Promise<JsonAnswer> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-forwarded-for': options.ip ?? freshIp(), ...(options.cookie ? { cookie: options.cookie } : {}) },
    body: JSON.stringify(body),
    redirect: 'manual',
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as JsonAnswer['body'], headers: res.headers };
}

/** POSTs AdminJS's login form; `ok` when it redirects into the admin. */
async function signIn(email: string, password: string): Promise<{ ok: boolean; html: string; cookie: string; setCookie: string }> {
  const res = await postSignIn(server.url, { email, password }, { 'x-forwarded-for': freshIp() });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const ok = res.status === 302 && !(res.headers.get('location') ?? '').includes('login');
  return { ok, html: ok ? '' : await res.text(), cookie: setCookie.split(';')[0], setCookie };
}

const deliver = () => deliverPendingMail(runtime, { transport: sink.transport() });

async function createUserInAdmin(email: string, fields: Record<string, string> = {}) {
  const admin = await server.login(org.users.get('admin')!.email, 'secret-123');
  const res = await admin.post('/admin/api/resources/CoreUser/actions/new', { email, name: 'Invited Person', is_active: 'true', ...fields });
  return res.body.record as { id: string; errors: Record<string, { message: string }> };
}

async function forgot(email: string, ip = freshIp()): Promise<JsonAnswer> {
  return postJson('/auth/password/forgot', { email }, { ip });
}

describe('invitation', () => {
  it('a user an admin creates in AdminJS gets a one-time link; only after choosing a password can they sign in', async () => {
    const email = 'invited@example.test';
    const created = await createUserInAdmin(email);
    expect(created.errors).toEqual({});
    expect((await signIn(email, '')).ok).toBe(false);
    expect((await deliver()).sent).toBe(1);
    const mail = sink.lastTo(email)!;
    expect(mail.subject).toBe(`[${org.org.name}] You are invited`);
    const token = tokenIn(mail);

    const page = await fetch(`${server.url}/auth/invitation?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain(email);

    const weak = await postJson('/auth/invitation', { token, password: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.fields?.password.message).toMatch(/most common passwords/);
    const set = await postJson('/auth/invitation', { token, password: 'Tulip-river-42' });
    expect(set).toMatchObject({ status: 200, body: { ok: true } });
    expect((await signIn(email, 'Tulip-river-42')).ok).toBe(true);

    // Single use.
    const again = await postJson('/auth/invitation', { token, password: 'Other-river-43' });
    expect(again.status).toBe(404);
    expect(again.body.error?.message).toMatch(/not valid/);
    expect((await signIn(email, 'Other-river-43')).ok).toBe(false);

    // Stored as a hash only; the delivered mail's stored copy no longer shows the link.
    const codes: { secret_hash: string }[] = await runtime.dataSource.query('SELECT secret_hash FROM core_auth_code WHERE user_id = $1', [created.id]);
    expect(codes.map((c) => c.secret_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
    const [stored]: { body: string }[] = await runtime.dataSource.query(`SELECT body FROM core_mail_outbox WHERE recipient = $1`, [email]);
    expect(stored.body).not.toContain(token);
  });

  it('an expired invitation link is refused', async () => {
    const email = 'late@example.test';
    const created = await createUserInAdmin(email);
    await deliver();
    const token = tokenIn(sink.lastTo(email));
    await runtime.dataSource.query(`UPDATE core_auth_code SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [created.id]);
    expect((await fetch(`${server.url}/auth/invitation?token=${token}`)).status).toBe(404);
    expect((await postJson('/auth/invitation', { token, password: 'Tulip-river-42' })).status).toBe(404);
  });

  it('a user created with a password by the admin gets no invitation', async () => {
    const email = 'handed-over@example.test';
    expect((await createUserInAdmin(email, { password: 'Given-by-admin-77' })).errors).toEqual({});
    const [row]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_mail_outbox WHERE recipient = $1`, [email]);
    expect(row.n).toBe(0);
    expect((await signIn(email, 'Given-by-admin-77')).ok).toBe(true);
  });

  it('user:create on the command line without --password invites the user', async () => {
    const result = await runCli(['user:create', '--org', org.org.slug, '--email', 'cli-invite@example.test', '--name', 'From CLI', '--role', 'member'], { DATABASE_URL: runtime.database.url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Invitation queued for cli-invite@example.test/);
    expect(result.stdout).not.toMatch(/token=/);
  }, 60_000);

  it('the CLI-invited user sets a password through the delivered link and signs in', async () => {
    await deliver();
    const token = tokenIn(sink.lastTo('cli-invite@example.test'));
    expect((await postJson('/auth/invitation', { token, password: 'Command-line-9' })).status).toBe(200);
    expect((await signIn('cli-invite@example.test', 'Command-line-9')).ok).toBe(true);
  });

  it('an admin sends a new invitation from the user record: the old link stops working', async () => {
    const email = 'resend@example.test';
    const created = await createUserInAdmin(email);
    await deliver();
    const first = tokenIn(sink.lastTo(email));
    const admin = await server.login(org.users.get('admin')!.email, 'secret-123');
    const res = await admin.post(`/admin/api/resources/CoreUser/records/${created.id}/invite`);
    expect(res.body.notice).toMatchObject({ type: 'success' });
    await deliver();
    const second = tokenIn(sink.lastTo(email));
    expect(second).not.toBe(first);
    expect((await postJson('/auth/invitation', { token: first, password: 'Tulip-river-42' })).status).toBe(404);
    expect((await postJson('/auth/invitation', { token: second, password: 'Tulip-river-42' })).status).toBe(200);
  });
});

describe('forgot password', () => {
  it('forgot → code by mail → reset → sign in with the new password only', async () => {
    const email = org.users.get('librarian')!.email;
    const answer = await forgot(email);
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect((await deliver()).sent).toBe(1);
    const code = codeIn(sink.lastTo(email));
    const reset = await postJson('/auth/password/reset', { email, code, password: 'New-lantern-58' });
    expect(reset).toMatchObject({ status: 200, body: { ok: true } });
    expect((await signIn(email, 'New-lantern-58')).ok).toBe(true);
    expect((await signIn(email, 'secret-123')).ok).toBe(false);
    // The code was used up.
    expect((await postJson('/auth/password/reset', { email, code, password: 'Another-lantern-59' })).status).toBe(400);
  });

  it('answers the same for an unknown address, and mails nobody', async () => {
    const before = sink.messages.length;
    const known = await forgot(org.users.get('member')!.email);
    const unknown = await forgot('nobody-here@example.test');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await deliver();
    expect(sink.messages.slice(before).map((m) => m.to)).toEqual([org.users.get('member')!.email]);
  });

  it('three wrong codes kill the code, even for the right one afterwards', async () => {
    const email = org.users.get('member')!.email;
    await runtime.dataSource.query('DELETE FROM core_auth_throttle');
    await forgot(email);
    await deliver();
    const code = codeIn(sink.lastTo(email));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) {
      const res = await postJson('/auth/password/reset', { email, code: wrong, password: 'Wrong-guess-11' });
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toMatch(/wrong or no longer valid/);
    }
    const late = await postJson('/auth/password/reset', { email, code, password: 'Right-too-late-12' });
    expect(late.status).toBe(400);
    expect((await signIn(email, 'Right-too-late-12')).ok).toBe(false);
  });

  it('an expired code is refused', async () => {
    const email = org.users.get('member')!.email;
    await runtime.dataSource.query('DELETE FROM core_auth_throttle');
    await forgot(email);
    await deliver();
    const code = codeIn(sink.lastTo(email));
    await runtime.dataSource.query(`UPDATE core_auth_code SET expires_at = now() - interval '1 second' WHERE purpose = 'password_reset' AND user_id = $1`, [org.users.get('member')!.id]);
    expect((await postJson('/auth/password/reset', { email, code, password: 'Expired-code-13' })).status).toBe(400);
    expect((await signIn(email, 'Expired-code-13')).ok).toBe(false);
  });

  it('limits codes per address per hour (known or not alike) and requests per IP', async () => {
    await runtime.dataSource.query('DELETE FROM core_auth_throttle');
    for (const email of [org.users.get('member')!.email, 'ghost@example.test']) {
      for (let i = 0; i < 3; i++) expect((await forgot(email)).status).toBe(200);
      const limited = await forgot(email);
      expect(limited.status).toBe(429);
      expect(limited.body.error?.message).toMatch(/Too many code requests\. Try again after \d\d:\d\d UTC \(in \d+ minutes?\)/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    }
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await forgot(`walker-${i}@example.test`, ip)).status).toBe(200);
    expect((await forgot('walker-10@example.test', ip)).status).toBe(429);
    expect((await forgot('walker-10@example.test')).status).toBe(200);
  });

  it('an address with accounts in two organizations gets one code per organization; a code resets only its own account', async () => {
    const email = 'both-orgs@example.test';
    await (await org.system()).create('core.user', { email, name: 'Shared A', password: 'Shared-first-1', is_active: true });
    await (await other.system()).create('core.user', { email, name: 'Shared B', password: 'Shared-second-2', is_active: true });
    await forgot(email);
    await deliver();
    const mails = sink.messages.filter((m) => m.to === email);
    expect(mails.map((m) => m.subject.split(']')[0]).sort()).toEqual([`[${org.org.name}`, `[${other.org.name}`].sort());
    const codeB = codeIn(mails.find((m) => m.subject.startsWith(`[${other.org.name}]`)));
    expect((await postJson('/auth/password/reset', { email, code: codeB, password: 'Shared-renewed-3' })).body).toMatchObject({ ok: true, message: expect.stringContaining(other.org.name) });
    const users: { organization_id: string; password_hash: string }[] = await runtime.dataSource.query('SELECT organization_id, password_hash FROM core_user WHERE email = $1', [email]);
    const { verifyPassword } = await import('../core/data/passwords.js');
    const byOrg = new Map(users.map((u) => [u.organization_id, u.password_hash]));
    expect(await verifyPassword('Shared-first-1', byOrg.get(org.org.id))).toBe(true);
    expect(await verifyPassword('Shared-renewed-3', byOrg.get(other.org.id))).toBe(true);
  });

  it('a weak new password is refused on the password field and the code stays usable', async () => {
    const email = org.users.get('librarian')!.email;
    await runtime.dataSource.query('DELETE FROM core_auth_throttle');
    await forgot(email);
    await deliver();
    const code = codeIn(sink.lastTo(email));
    const weak = await postJson('/auth/password/reset', { email, code, password: 'qwertyuiop' });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.fields?.password.message).toMatch(/common passwords|sequence/);
    const short = await postJson('/auth/password/reset', { email, code, password: 'Ab3$' });
    expect(short.body.error?.fields?.password.message).toMatch(/at least 8 characters/);
    expect((await postJson('/auth/password/reset', { email, code, password: 'Strong-enough-31' })).status).toBe(200);
  });

  it('the HTML pages work without JavaScript: forgot form → reset form with the notice', async () => {
    const page = await fetch(`${server.url}/auth/password/forgot`);
    expect(await page.text()).toContain('action="/auth/password/forgot"');
    // As a browser posts it: with the cookie and the token the page gave (core/auth/csrf.ts).
    const pass = await formPass(server.url, '/auth/password/forgot');
    const res = await fetch(`${server.url}/auth/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'x-forwarded-for': freshIp(), cookie: pass.cookie },
      body: new URLSearchParams({ email: 'nobody-at-all@example.test', csrf: pass.token }).toString(),
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('If an account with this e-mail address exists');
    expect(html).toContain('action="/auth/password/reset"');
    expect(html).toContain('value="nobody-at-all@example.test"');
    expect(html).toMatch(/<input type="hidden" name="csrf" value="[^"]+">/); // the reset form it leads to carries one too
  });
});

describe('delete own account', () => {
  it('confirmed by an e-mailed code: deactivated, signed out, cannot sign in, data and history kept', async () => {
    const email = 'departing@example.test';
    const sys = await org.system();
    const user = await sys.create('core.user', { email, name: 'Leaving Soon', password: 'Leaving-soon-5', is_active: true });
    const [memberRole] = await sys.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'library.member' }] });
    await sys.create('core.role_assignment', { user: user.id, role: memberRole.id });
    const card = await sys.create('library.member', { name: 'Leaving Soon', card_number: 'CARD-LEAVE', user: user.id });
    const session = await signIn(email, 'Leaving-soon-5');
    expect(session.ok).toBe(true);

    expect((await postJson('/auth/account/delete/code', {})).status).toBe(401);
    const sent = await postJson('/auth/account/delete/code', {}, { cookie: session.cookie });
    expect(sent).toMatchObject({ status: 200, body: { ok: true } });
    await deliver();
    const code = codeIn(sink.lastTo(email));
    expect(sink.lastTo(email)!.subject).toMatch(/Confirm deleting your account/);
    const wrong = await postJson('/auth/account/delete', { code: code === '000000' ? '111111' : '000000' }, { cookie: session.cookie });
    expect(wrong.status).toBe(400);
    const done = await postJson('/auth/account/delete', { code }, { cookie: session.cookie });
    expect(done).toMatchObject({ status: 200, body: { ok: true } });

    // Signed out: the session no longer opens the admin.
    const after = await fetch(`${server.url}/admin/api/resources/LibraryBook/actions/list`, { headers: { cookie: session.cookie, accept: 'application/json' }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect((await signIn(email, 'Leaving-soon-5')).ok).toBe(false);
    // Soft delete: the account row, its data and its audit history stay.
    const [row]: { is_active: boolean; deleted_at: Date | null }[] = await runtime.dataSource.query('SELECT is_active, deleted_at FROM core_user WHERE id = $1', [user.id]);
    expect(row.is_active).toBe(false);
    expect(row.deleted_at).not.toBeNull();
    expect((await sys.get('library.member', card.id)).user).toBe(user.id);
    const audit: { changes: Record<string, unknown> }[] = await runtime.dataSource.query(`SELECT changes FROM core_audit_log WHERE entity = 'core.user' AND record_id = $1 ORDER BY created_at`, [user.id]);
    expect(audit.length).toBe(2);
    expect(audit[1].changes).toMatchObject({ is_active: { before: true, after: false } });
  });

  it('the only organization admin cannot delete their account', async () => {
    const session = await signIn(other.users.get('admin')!.email, 'secret-123');
    const res = await postJson('/auth/account/delete/code', {}, { cookie: session.cookie });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/only organization admin/);
  });
});

describe('sign-in', () => {
  it('locks an address after 5 failures with a message naming the time; a reset of the lock window lets the right password in', async () => {
    const email = org.users.get('admin')!.email;
    for (let i = 0; i < 4; i++) {
      const r = await signIn(email, `wrong-${i}`);
      expect(r.ok).toBe(false);
      expect(r.html).not.toContain('locked');
    }
    const fifth = await signIn(email, 'wrong-5');
    expect(fifth.html).toMatch(/Too many failed sign-ins for this address \(5 within 15 minutes\)\. Sign-in is locked until \d\d:\d\d UTC \(in 15 minutes\)/);
    const right = await signIn(email, 'secret-123');
    expect(right.ok).toBe(false);
    expect(right.html).toMatch(/locked until \d\d:\d\d UTC/);
    // An unknown address locks the same way (the lock says nothing about which addresses exist).
    for (let i = 0; i < 5; i++) await signIn('no-such-user@example.test', 'x');
    expect((await signIn('no-such-user@example.test', 'x')).html).toMatch(/locked until/);
    // Fifteen minutes later (moved back in the table rather than waited for) the account opens again.
    await runtime.dataSource.query(`UPDATE core_auth_throttle SET created_at = created_at - interval '16 minutes' WHERE bucket = 'login'`);
    expect((await signIn(email, 'secret-123')).ok).toBe(true);
  });

  it('the session cookie is HttpOnly and SameSite=Strict, and the session is stored in PostgreSQL', async () => {
    // The librarian's password since the forgot-password tests above.
    const r = await signIn(org.users.get('librarian')!.email, 'Strong-enough-31');
    expect(r.ok).toBe(true);
    expect(r.setCookie).toMatch(/HttpOnly/i);
    expect(r.setCookie).toMatch(/SameSite=Strict/i);
    const sid = decodeURIComponent(r.cookie.split('=')[1]).slice(2).split('.')[0];
    const rows: unknown[] = await runtime.dataSource.query('SELECT 1 FROM core_session WHERE sid = $1', [sid]);
    expect(rows).toHaveLength(1);
  });

  it('the password policy applies to the admin user form', async () => {
    const admin = await server.login(org.users.get('admin')!.email, 'secret-123');
    const res = await admin.post('/admin/api/resources/CoreUser/actions/new', { email: 'weak@example.test', name: 'Weak', is_active: 'true', password: 'aaaaaaaa' });
    expect((res.body.record as { errors: Record<string, { message: string }> }).errors.password.message).toMatch(/too easy to guess/);
    const withEmail = await admin.post('/admin/api/resources/CoreUser/actions/new', { email: 'weak@example.test', name: 'Weak', is_active: 'true', password: 'my-weak-password' });
    expect((withEmail.body.record as { errors: Record<string, { message: string }> }).errors.password.message).toMatch(/e-mail address/);
  });
});

describe('secrets', () => {
  it('codes are stored only as scrypt hashes and never reach the logs or the audit log', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m));
    try {
      const email = org.users.get('member')!.email;
      await runtime.dataSource.query('DELETE FROM core_auth_throttle');
      await forgot(email);
      await deliver();
      const code = codeIn(sink.lastTo(email));
      const stored: { secret_hash: string }[] = await runtime.dataSource.query(`SELECT secret_hash FROM core_auth_code WHERE purpose = 'password_reset' AND user_id = $1`, [org.users.get('member')!.id]);
      expect(stored).toHaveLength(1);
      expect(stored[0].secret_hash).toMatch(/^scrypt\$/);
      expect(stored[0].secret_hash).not.toContain(code);
      await postJson('/auth/password/reset', { email, code, password: 'Secret-keeper-64' });
      const logged = spies.flatMap((s) => s.mock.calls.map((args) => args.map(String).join(' '))).join('\n');
      expect(logged).not.toContain(code);
      expect(logged).not.toContain('Secret-keeper-64');
      const [leak]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_audit_log WHERE changes::text LIKE $1 OR changes::text LIKE $2`, [`%${code}%`, '%Secret-keeper-64%']);
      expect(leak.n).toBe(0);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  it('the login page bundle carries the forgot-password link and the account menu entry', async () => {
    const res = await fetch(`${server.url}/admin/frontend/assets/components.bundle.js`);
    const js = await res.text();
    expect(js).toContain('/auth/password/forgot');
    expect(js).toContain('/auth/account/delete');
  });
});

describe('expiry', () => {
  it('expireStaleCredentials removes used and expired codes and links and old throttle rows, and keeps live ones', async () => {
    const member = org.users.get('member')!;
    await runtime.dataSource.query('DELETE FROM core_auth_throttle');
    await forgot(member.email);
    const [live]: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM core_auth_code WHERE user_id = $1 AND purpose = 'password_reset'`, [member.id]);
    await runtime.dataSource.query(`INSERT INTO core_auth_throttle (bucket, key_hash, created_at) VALUES ('login', 'old', now() - interval '25 hours')`);
    const stale: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_auth_code WHERE used_at IS NOT NULL OR expires_at < now()`);
    expect(stale[0].n).toBeGreaterThan(0);
    expect(await expireStaleCredentials(runtime)).toBe(stale[0].n);
    const left: { id: string }[] = await runtime.dataSource.query('SELECT id FROM core_auth_code');
    expect(left.map((r) => r.id)).toContain(live.id);
    const [old]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_auth_throttle WHERE key_hash = 'old'`);
    expect(old.n).toBe(0);
    const [recent]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_auth_throttle`);
    expect(recent.n).toBeGreaterThan(0);
    expect(await expireStaleCredentials(runtime)).toBe(0);
  });
});
