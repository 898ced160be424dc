/**
 * Tenant lifecycle and plan limits against the real database and app:
 * a suspended organization's users cannot sign in (admin and API), lose
 * their session and tokens and are told why, and its jobs are skipped;
 * an archived one is read-only through the data layer for everyone; each
 * change is audited as the operator; limits refuse the create past them,
 * atomically (20 concurrent creates at the limit: exactly the free places
 * win); a limit of one entity (`--max-records-of library.book=N`) holds the
 * same way, refused as "Plan limit: at most N Books" (a 409 problem in the
 * API, a field-less error notice in the admin) while the total limit still
 * applies beside it; the CLI commands do all this and org:list shows use
 * against limits.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobScheduler } from '../core/jobs/scheduler.js';
import { changeOrganizationStatus, organizationUsage, setOrganizationLimits } from '../core/tenancy/lifecycle.js';
import { createUser } from '../core/tenancy/index.js';
import { UmsError } from '../core/errors.js';
import { apiCall, apiLogin } from './support/api.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, signIn, startTestServer, type TestServer } from './support/http.js';
import { runCli, type CliResult } from './support/cli.js';


let runtime: TestRuntime;
let server: TestServer;

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const book = (title: string) => ({ title, copies_total: 1 });

async function refusal(p: Promise<unknown>): Promise<UmsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UmsError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function signInPage(email: string, password: string): Promise<{ status: number; html: string }> {
  const res = await signIn(server.url, email, password);
  return { status: res.status, html: res.status === 302 ? '' : await res.text() };
}

/** Past the user-status cache (core/auth/sessions.ts USER_STATUS_TTL_MS). */
const pastStatusCache = () => new Promise((r) => setTimeout(r, 5_200));

describe('suspension', () => {
  let org: Fixture;
  beforeAll(async () => {
    org = await createFixtureOrg(runtime, 'library', ['librarian']);
  });

  it('refuses sign-in (admin and API), ends sessions and tokens, says why, skips jobs, keeps data; resume undoes it', async () => {
    const librarian = org.users.get('librarian')!;
    const cookie = await sessionCookie(server.url, librarian.email, 'secret-123');
    const tokens = await apiLogin(server.url, librarian.email);
    const created = await (await org.as('librarian')).create('library.book', book('Kept'));

    await changeOrganizationStatus(runtime, org.org.slug, 'suspend', { reason: 'Invoice 2026-11 unpaid', operator: 'ops-test' });
    await pastStatusCache();

    const page = await signInPage(librarian.email, 'secret-123');
    expect(page.status).toBe(400);
    expect(page.html).toContain('This organization is suspended: Invoice 2026-11 unpaid');
    // A wrong password learns nothing about the suspension. (The sentence, not the word: the page's locale carries enum labels such as a status SUSPENDED.)
    const wrong = (await signInPage(librarian.email, 'wrong-password')).html;
    expect(wrong).not.toContain('organization is suspended');
    expect(wrong).not.toContain('Invoice 2026-11 unpaid');
    expect(wrong).toContain('invalidCredentials');

    const apiSignIn = await apiCall(server.url, 'POST', '/auth/login', { body: { email: librarian.email, password: 'secret-123' } });
    expect(apiSignIn.status).toBe(403);
    expect(JSON.stringify(apiSignIn.body)).toContain('Invoice 2026-11 unpaid');
    const withToken = await apiCall(server.url, 'GET', '/library/book', { token: tokens.access_token });
    expect(withToken.status).toBe(403);
    expect(JSON.stringify(withToken.body)).toContain('suspended');

    const dashboard = await fetch(`${server.url}/admin/api/dashboard`, { headers: { cookie, accept: 'application/json' }, redirect: 'manual' });
    expect(dashboard.status).not.toBe(200);

    const scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
    try {
      const [outcome] = await scheduler.runNow('library.overdue_reminder', org.org.slug);
      expect(outcome).toMatchObject({ status: 'skipped', message: `${org.org.slug} is suspended` });
    } finally {
      await scheduler.close();
    }
    const writes = await refusal((await org.system()).update('library.book', created.id, { title: 'Changed' }));
    expect(writes.code).toBe('ORGANIZATION_SUSPENDED');
    expect((await (await org.system()).get('library.book', created.id))?.title).toBe('Kept');

    const audit = await runtime.dataSource.query(`SELECT system_actor, action_name, changes FROM core_audit_log WHERE organization_id = $1 AND entity = 'core.organization'`, [org.org.id]);
    expect(audit).toEqual([{ system_actor: 'operator:ops-test', action_name: 'org:suspend', changes: { status: { before: 'active', after: 'suspended' }, reason: 'Invoice 2026-11 unpaid' } }]);

    await changeOrganizationStatus(runtime, org.org.slug, 'resume', { operator: 'ops-test' });
    await pastStatusCache();
    expect((await signInPage(librarian.email, 'secret-123')).status).toBe(302);
    expect((await apiCall(server.url, 'GET', '/library/book', { token: tokens.access_token })).status).toBe(200);
  }, 60_000);

  it('needs a reason and refuses a change that does not apply', async () => {
    expect((await refusal(changeOrganizationStatus(runtime, org.org.slug, 'suspend', {}))).message).toMatch(/--reason/);
    expect((await refusal(changeOrganizationStatus(runtime, org.org.slug, 'resume', {}))).message).toMatch(/is active; org:resume applies to suspended or archived/);
  });
});

describe('archive', () => {
  it('is read-only for its admins through the one data layer, with a clear message', async () => {
    const org = await createFixtureOrg(runtime, 'library');
    const admin = await org.as('admin');
    const kept = await admin.create('library.book', book('Before the archive'));
    await changeOrganizationStatus(runtime, org.org.slug, 'archive', { reason: 'Contract ended', operator: 'ops-test' });
    const create = await refusal(admin.create('library.book', book('After')));
    expect(create).toMatchObject({ code: 'ORGANIZATION_ARCHIVED', status: 403 });
    expect(create.message).toBe('This organization is archived: Contract ended. Its data can be read but no longer changed.');
    expect((await refusal(admin.update('library.book', kept.id, { title: 'x' }))).code).toBe('ORGANIZATION_ARCHIVED');
    expect((await refusal(admin.delete('library.book', kept.id))).code).toBe('ORGANIZATION_ARCHIVED');
    expect((await admin.find('library.book', {})).map((b) => b.title)).toEqual(['Before the archive']);
    // Through the admin: the admin still signs in and reads, and a save is an error notice with the reason.
    const client = await server.login(org.users.get('admin')!.email, 'secret-123');
    expect((await client.get('/admin/api/resources/LibraryBook/actions/list')).status).toBe(200);
    const saved = await client.post('/admin/api/resources/LibraryBook/actions/new', { title: 'Via the form', copies_total: '1' });
    expect(JSON.stringify(saved.body)).toContain('This organization is archived');
    expect((await admin.find('library.book', {})).length).toBe(1);
  }, 30_000);
});

describe('plan limits', () => {
  it('20 concurrent creates at the limit: exactly the free places are taken, the rest told why', async () => {
    const org = await createFixtureOrg(runtime, 'library');
    const admin = await org.as('admin');
    await admin.create('library.book', book('Existing'));
    const before = (await organizationUsage(runtime, org.org.slug))[0].records;
    await setOrganizationLimits(runtime, org.org.slug, { maxRecords: String(before + 5), operator: 'ops-test' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, async (_, i) => (await org.as('admin')).create('library.book', book(`Race ${i}`))));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'PLAN_LIMIT_REACHED', message: `This organization's plan allows ${before + 5} records, and all of them are used. Delete records you no longer need or ask your provider to raise the limit.` });
    const usage = (await organizationUsage(runtime, org.org.slug))[0];
    expect(usage.records).toBe(before + 5);
    const [{ record_count }] = await runtime.dataSource.query('SELECT record_count FROM core_organization WHERE id = $1', [org.org.id]);
    expect(record_count).toBe(before + 5);
    // A deletion gives its place back; lifting the limit stops the count.
    const [first] = await admin.find('library.book', { limit: 1 });
    await admin.delete('library.book', first.id);
    await admin.create('library.book', book('In the freed place'));
    expect((await refusal(admin.create('library.book', book('One too many')))).code).toBe('PLAN_LIMIT_REACHED');
    await setOrganizationLimits(runtime, org.org.slug, { maxRecords: 'none', operator: 'ops-test' });
    await admin.create('library.book', book('No limit now'));
  }, 60_000);

  it('a limit of one entity: 20 concurrent creates at it, exactly the limit wins; the total limit still applies', async () => {
    const org = await createFixtureOrg(runtime, 'library');
    const admin = await org.as('admin');
    await admin.create('library.book', book('Existing'));
    await setOrganizationLimits(runtime, org.org.slug, { maxRecordsOf: ['library.book=6'], operator: 'ops-test' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, async (_, i) => (await org.as('admin')).create('library.book', book(`Race ${i}`))));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'PLAN_LIMIT_REACHED', message: 'Plan limit: at most 6 Books. All of them are used: delete books you no longer need or ask your provider to raise the limit.' });
    expect((await admin.find('library.book', {})).length).toBe(6);
    const usage = (await organizationUsage(runtime, org.org.slug))[0];
    expect(usage.entityLimits).toEqual([{ entity: 'library.book', label: 'Books', records: 6, maxRecords: 6 }]);
    const [{ record_count }] = await runtime.dataSource.query(`SELECT record_count FROM core_entity_limit WHERE organization_id = $1 AND entity = 'library.book'`, [org.org.id]);
    expect(record_count).toBe(6);
    // The API: a 409 problem naming the limit. The admin: an error notice, on no field.
    const token = (await apiLogin(server.url, org.users.get('admin')!.email)).access_token;
    const api = await apiCall(server.url, 'POST', '/library/book', { token, body: book('Via the API') });
    expect(api.status).toBe(409);
    expect(api.body).toMatchObject({ status: 409, detail: expect.stringContaining('Plan limit: at most 6 Books') });
    const client = await server.login(org.users.get('admin')!.email, 'secret-123');
    const saved = await client.post('/admin/api/resources/LibraryBook/actions/new', { title: 'Via the form', copies_total: '1' });
    const body = saved.body as { notice?: { message: string; type: string }; record?: { errors?: Record<string, unknown> } };
    expect(body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('Plan limit: at most 6 Books') });
    expect(body.record?.errors ?? {}).toEqual({});
    expect((await admin.find('library.book', {})).length).toBe(6);
    // A deletion gives its place back; a limit below use is refused.
    const [first] = await admin.find('library.book', { limit: 1 });
    await admin.delete('library.book', first.id);
    await admin.create('library.book', book('In the freed place'));
    expect(JSON.stringify(await refusal(setOrganizationLimits(runtime, org.org.slug, { maxRecordsOf: ['library.book=3'] })))).toContain('holds 6 books (library.book)');
    expect((await refusal(setOrganizationLimits(runtime, org.org.slug, { maxRecordsOf: ['core.user=3'] }))).message).toMatch(/not an entity of a module/);
    // Beside it the total: room for books, none left in total.
    await setOrganizationLimits(runtime, org.org.slug, { maxRecordsOf: ['library.book=100'], maxRecords: String(usage.records + 2), operator: 'ops-test' });
    await admin.create('library.book', book('Seventh'));
    await admin.create('library.book', book('Eighth'));
    expect((await refusal(admin.create('library.book', book('Ninth')))).message).toMatch(/plan allows \d+ records, and all of them are used/);
    await setOrganizationLimits(runtime, org.org.slug, { maxRecords: 'none', maxRecordsOf: ['library.book=none'], operator: 'ops-test' });
    await admin.create('library.book', book('No limit now'));
    expect((await organizationUsage(runtime, org.org.slug))[0].entityLimits).toEqual([]);
  }, 90_000);

  it('max users: concurrent user creates stop at the limit; a limit below use is refused', async () => {
    const org = await createFixtureOrg(runtime, 'library');
    await setOrganizationLimits(runtime, org.org.slug, { maxUsers: '3', operator: 'ops-test' }); // the admin + 2
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createUser(runtime, org.org.slug, { email: `u${i}@${org.org.slug}.test`, password: 'Long-enough-pass-1', name: `U ${i}`, roles: [] })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect(String(r.reason.message)).toMatch(/plan allows 3 active users/);
    const low = await refusal(setOrganizationLimits(runtime, org.org.slug, { maxUsers: '1' }));
    expect(JSON.stringify(low)).toContain('has 3 active users');
  }, 30_000);
});

describe('the commands', () => {
  function ums(...argv: string[]): Promise<CliResult> {
    return runCli(argv, { DATABASE_URL: runtime.url, USER: 'cli-operator' });
  }

  it('org:suspend, org:limits, org:list and org:resume', async () => {
    const org = await createFixtureOrg(runtime, 'library');
    const suspended = await ums('org:suspend', org.org.slug, '--reason', 'Unpaid');
    expect(suspended.stderr).toBe('');
    expect(suspended.stdout).toContain(`${org.org.slug}: active → suspended.`);
    const limits = await ums('org:limits', org.org.slug, '--max-users', '10', '--max-records', '500', '--max-records-of', 'library.book=50', '--max-records-of', 'library.loan=20', '--max-storage-mb', '2');
    expect(limits.stderr).toBe('');
    expect(limits.stdout).toContain(`${org.org.slug} (suspended): users 1 of 10, records 0 of 500. Files: 0 MB of 2 MB.`);
    const [{ max_storage_bytes }] = await runtime.dataSource.query('SELECT max_storage_bytes FROM core_organization WHERE id = $1', [org.org.id]);
    expect(Number(max_storage_bytes)).toBe(2 * 1024 * 1024);
    expect((await ums('org:limits', org.org.slug, '--max-storage-mb', 'none')).stdout).toContain('Files: 0 MB (no limit).');
    expect((await ums('org:limits', org.org.slug, '--max-storage-mb', 'plenty')).code).toBe(1);
    expect(limits.stdout).toContain('  Books (library.book): 0 of 50');
    expect((await ums('org:limits', org.org.slug, '--max-records-of', 'library.nothing=5')).stderr).toMatch(/"library.nothing" is not an entity of a module/);
    expect((await ums('org:limits', org.org.slug, '--max-users', 'lots')).code).toBe(1);
    const list = await ums('org:list');
    expect(list.stdout).toMatch(new RegExp(`^${org.org.slug}\\s+.*\\s1/10\\s+0/500\\s+library\\.book 0/50, library\\.loan 0/20\\s+suspended \\(Unpaid\\)$`, 'm'));
    const json = JSON.parse((await ums('org:list', '--json')).stdout) as { slug: string; entityLimits: unknown }[];
    expect(json.find((o) => o.slug === org.org.slug)?.entityLimits).toEqual([{ entity: 'library.book', records: 0, maxRecords: 50 }, { entity: 'library.loan', records: 0, maxRecords: 20 }]);
    const resumed = await ums('org:resume', org.org.slug);
    expect(resumed.stdout).toContain(`${org.org.slug}: suspended → active.`);
    expect((await ums('org:archive', org.org.slug)).code).toBe(2); // --reason is required
    const audit: { system_actor: string; action_name: string }[] = await runtime.dataSource.query(`SELECT system_actor, action_name FROM core_audit_log WHERE organization_id = $1 AND entity = 'core.organization' ORDER BY created_at`, [org.org.id]);
    expect(audit.map((a) => a.action_name)).toEqual(['org:suspend', 'org:limits', 'org:limits', 'org:resume']);
    expect(new Set(audit.map((a) => a.system_actor)).size).toBe(1);
    expect(audit[0].system_actor).toMatch(/^operator:/);
  }, 300_000);
});
