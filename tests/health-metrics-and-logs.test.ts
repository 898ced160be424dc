/**
 * What operators watch: /healthz and /readyz answer without a session or a
 * body parser; /metrics exists only with METRICS_TOKEN and only for its
 * bearer, and labels requests by route pattern (bounded), with pool, job,
 * outbox and per-organization series; every log line of a request carries
 * its id (also in X-Request-Id and on error pages); a failure is one line
 * with its code, counted per route, and failed job runs per job; and neither a password
 * typed at sign-in nor a reset code nor an invitation link reaches the log.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueCode, issueToken } from '../core/auth/codes.js';
import { JobScheduler } from '../core/jobs/index.js';
import type { CoreJob } from '../core/jobs/declarations.js';
import { captureLog } from './support/captured-log.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, signIn, startTestServer, type TestServer } from './support/http.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
let lines: Record<string, unknown>[] = [];
let raw: string[] = [];
let restoreLog: () => void;

/** The access line is written when the response has finished, which can be just after the client has the headers. */
async function requestLine(id: string | null, msg = 'request'): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 100; i++) {
    const line = lines.find((l) => l.requestId === id && l.msg === msg);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

let runtime: TestRuntime;
let server: TestServer;
let bare: TestServer;
let org: Fixture;

beforeAll(async () => {
  ({ lines, raw, restore: restoreLog } = captureLog('info'));
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime, { metricsToken: TOKEN });
  bare = await startTestServer(runtime, { metricsToken: '' });
});
afterAll(async () => {
  await server?.close();
  await bare?.close();
  await runtime?.dispose();
  restoreLog?.();
});

describe('health', () => {
  it('/healthz answers without a session cookie', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('/readyz reports the database, the migrations and the worker', async () => {
    const res = await fetch(`${server.url}/readyz`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ ready: true, database: 'ok', migrations: 'applied' });
    expect(['running', 'stale', 'none']).toContain((body.worker as { status: string }).status);
  });

  it('/readyz is 503 naming a migration that is not applied', async () => {
    // A second runtime believes in one more migration than the database holds.
    const fresh = await createTestRuntime();
    try {
      const [last] = await fresh.dataSource.query('SELECT name FROM core_migrations ORDER BY id DESC LIMIT 1');
      await fresh.dataSource.query('DELETE FROM core_migrations WHERE name = $1', [last.name]);
      const app = await startTestServer(fresh);
      try {
        const res = await fetch(`${app.url}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ ready: false, database: 'ok', migrations: { pending: [last.name] } });
      } finally {
        await app.close();
      }
    } finally {
      await fresh.dispose();
    }
  });
});

describe('metrics', () => {
  it('without METRICS_TOKEN there is no /metrics', async () => {
    expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${bare.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('asks for the token and refuses a wrong one', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
  });

  it('labels requests by route pattern and counts per organization, pool, jobs and outbox', async () => {
    const cookie = await sessionCookie(server.url, org.users.get('librarian')!.email, 'secret-123');
    const [book] = await (await org.system()).find('library.book', { limit: 1 }).catch(() => []);
    const someId = book?.id ?? '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 3; i++) {
      await fetch(`${server.url}/admin/api/resources/LibraryBook/records/${someId}/show`, { headers: { cookie, accept: 'application/json' } });
    }
    await fetch(`${server.url}/healthz`);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/ums_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('route="/admin/api/resources/:resourceId/records/:recordId/:action"');
    // No raw id ever becomes a label.
    expect(text).not.toContain(someId);
    expect(text).toMatch(/ums_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz"\}/);
    expect(text).toMatch(/ums_db_pool_connections\{state="max"\} 10/);
    expect(text).toContain('ums_db_pool_wait_seconds_count');
    expect(text).toMatch(/ums_mail_outbox_depth \d+/);
    expect(text).toMatch(/ums_mail_outbox_oldest_age_seconds [\d.e+-]+/);
    expect(text).toContain('# TYPE ums_job_runs gauge');
    expect(text).toMatch(new RegExp(`ums_organization_requests\\{organization="${org.org.id}"\\} ([3-9]|\\d\\d+)`));
  });
});

describe('failures', () => {
  it('a 5xx is logged once, on its access line with the error code, and counted by route', async () => {
    const cookie = await sessionCookie(server.url, org.users.get('librarian')!.email, 'secret-123');
    // A table gone from under the app (this file's own database clone): the list's query fails with 42P01.
    await runtime.dataSource.query('ALTER TABLE library_book RENAME TO library_book_away');
    let id: string | null;
    try {
      const res = await fetch(`${server.url}/admin/api/resources/LibraryBook/actions/list`, { headers: { cookie, accept: 'application/json' } });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('library_book');
      id = res.headers.get('x-request-id');
    } finally {
      await runtime.dataSource.query('ALTER TABLE library_book_away RENAME TO library_book');
    }
    await requestLine(id, 'request failed');
    const errors = lines.filter((l) => l.requestId === id && Number(l.level) >= 50);
    expect(errors).toEqual([expect.objectContaining({ msg: 'request failed', status: 500, route: '/admin/api/resources/:resourceId/actions/:action', err: expect.objectContaining({ code: '42P01' }) })]);
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).toMatch(/ums_http_errors_total\{route="\/admin\/api\/resources\/:resourceId\/actions\/:action"\} 1\b/);
  });

  it('a failed job run is counted as failed by job', async () => {
    const failing: CoreJob = { key: 'core.always_fails', module: 'core', name: 'always_fails', label: 'Always fails', scope: 'installation', schedule: { every: '1 day' }, source: 'test', handler: () => Promise.reject(new Error('the test job fails')) };
    const scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [failing], log: () => undefined });
    try {
      expect((await scheduler.runNow(failing.key))[0]).toMatchObject({ status: 'failed' });
      await scheduler.runNow(failing.key);
    } finally {
      await scheduler.close();
    }
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).toMatch(/ums_job_runs\{job="core.always_fails",status="failed"\} 2\b/);
  });
});

describe('logs', () => {
  it('every line of a request carries its id, which the response returns', async () => {
    const res = await fetch(`${server.url}/admin/login`, { headers: { 'x-request-id': 'proxy-given-id-1234' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-given-id-1234');
    const own = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const id = own.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await requestLine(id);
    const mine = lines.filter((l) => l.requestId === id);
    expect(mine).toEqual([expect.objectContaining({ msg: 'request', route: '/healthz', status: 200, method: 'GET' })]);
    expect(lines.filter((l) => l.msg === 'request').every((l) => typeof l.requestId === 'string')).toBe(true);
  });

  it('a signed-in request names the organization and the user', async () => {
    const user = org.users.get('librarian')!;
    const cookie = await sessionCookie(server.url, user.email, 'secret-123');
    const res = await fetch(`${server.url}/admin/api/dashboard`, { headers: { cookie, accept: 'application/json' } });
    const id = res.headers.get('x-request-id');
    expect(await requestLine(id)).toMatchObject({ organizationId: org.org.id, userId: user.id });
  });

  it('an error page shows the request id', async () => {
    // A form body that cannot be parsed reaches the error handler (400).
    const cookie = await sessionCookie(server.url, org.users.get('admin')!.email, 'secret-123');
    const res = await fetch(`${server.url}/admin/api/resources/LibraryBook/actions/new`, {
      method: 'POST',
      headers: { cookie, accept: 'text/html', 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
    });
    const id = res.headers.get('x-request-id')!;
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = await res.text();
    expect(body).toContain(id);
  });

  it('never writes a password typed at sign-in, a reset code or an invitation link', async () => {
    const user = org.users.get('librarian')!;
    const typed = 'Wrong-but-secret-Pa55word';
    expect((await signIn(server.url, user.email, typed)).status).toBe(200); // refused by the password check, not the CSRF token
    await sessionCookie(server.url, user.email, 'secret-123');
    const { token } = await runtime.dataSource.transaction((m) => issueToken(m, { organizationId: org.org.id, userId: user.id }));
    await fetch(`${server.url}/auth/invitation?token=${token}`);
    const code = await runtime.dataSource.transaction((m) => issueCode(m, { organizationId: org.org.id, userId: user.id }, 'password_reset'));
    await fetch(`${server.url}/auth/password/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, code, password: 'New-lantern-58' }),
    });
    const all = raw.join('\n');
    expect(all).toContain('/auth/invitation'); // the requests were logged…
    for (const secret of [typed, 'secret-123', token, 'New-lantern-58', user.email]) expect(all).not.toContain(secret); // …without their secrets
    expect(all).not.toMatch(new RegExp(`"${code}"|code=${code}`));
  });
});
