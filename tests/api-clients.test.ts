/**
 * API clients for machine-to-machine use: an org admin creates one with
 * roles, makes its secret in the admin (shown once, stored hashed), the
 * client exchanges its credentials for an access token at /auth/token, acts
 * with exactly its roles, and is the actor of what it writes in the audit
 * log; deactivating or expiring the client stops it at once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { apiCall } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let fixture: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  fixture = await createFixtureOrg(runtime, 'library', []);
  server = await startTestServer(runtime);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** Creates a client as the org admin and makes its secret through the admin's action (its notice shows the secret once). */
async function newClient(name: string, roles: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string; userId: string }> {
  const admin = await fixture.as('admin');
  const client = await admin.create('core.api_client', { name, roles, ...extra });
  const session = await server.login(fixture.users.get('admin')!.email, 'secret-123');
  const res = await session.post(`/admin/api/resources/CoreApiClient/records/${client.id}/new_secret`);
  const message = String((res.body.notice as { message?: string } | undefined)?.message ?? '');
  const secret = /secret (ums_[A-Za-z0-9_-]+)/.exec(message)?.[1];
  if (!secret) throw new Error(`no secret in ${JSON.stringify(res.body)}`);
  const stored = await admin.get('core.api_client', client.id);
  return { id: client.id, secret, userId: String(stored.user) };
}

const token = (clientId: string, secret: string) => apiCall(server.url, 'POST', '/auth/token', { body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });

describe('an API client', () => {
  it('gets a token with its credentials, acts with its roles and is the actor in the audit log', async () => {
    const client = await newClient('Catalogue sync', ['library.librarian']);
    const res = await token(client.id, client.secret);
    expect(res.status).toBe(200);
    const access = String(res.body.access_token);
    const me = await apiCall(server.url, 'GET', '/me', { token: access });
    expect((me.body.data as { user: { name: string }; roles: string[] }).user.name).toBe('API client: Catalogue sync');
    expect((me.body.data as { roles: string[] }).roles).toEqual(['library.librarian']);
    const created = await apiCall(server.url, 'POST', '/library/book', { token: access, body: { title: 'Synced', copies_total: 1 } });
    expect(created.status).toBe(201);
    const audit = await (await fixture.as('admin')).find('core.audit_log', { filters: [{ field: 'record_id', op: 'eq', value: (created.body.data as { id: string }).id }] });
    expect(audit.map((a) => a.actor)).toEqual([client.userId]);
    // Nothing its roles do not allow.
    expect((await apiCall(server.url, 'GET', '/core/audit_log', { token: access })).status).toBe(404);
  });

  it('keeps only a hash of the secret, and a wrong secret or id gets the same 401', async () => {
    const client = await newClient('Hash check', []);
    const rows: { secret_hash: string }[] = await runtime.dataSource.query('SELECT secret_hash FROM core_api_client_secret WHERE client_id = $1', [client.id]);
    expect(rows[0].secret_hash).toBe(createHash('sha256').update(client.secret).digest('hex'));
    expect(JSON.stringify(await (await fixture.as('admin')).get('core.api_client', client.id))).not.toContain(client.secret);
    const wrong = await token(client.id, `${client.secret}x`);
    const unknown = await token('00000000-0000-4000-8000-000000000000', client.secret);
    for (const r of [wrong, unknown]) expect(r.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('a new secret replaces the old one at once', async () => {
    const client = await newClient('Rotated', []);
    const session = await server.login(fixture.users.get('admin')!.email, 'secret-123');
    await session.post(`/admin/api/resources/CoreApiClient/records/${client.id}/new_secret`);
    expect((await token(client.id, client.secret)).status).toBe(401);
  });

  it('deactivated: its token stops working at once and no new one is given', async () => {
    const client = await newClient('Leaving', ['library.librarian']);
    const access = String((await token(client.id, client.secret)).body.access_token);
    expect((await apiCall(server.url, 'GET', '/library/book', { token: access })).status).toBe(200);
    await (await fixture.as('admin')).update('core.api_client', client.id, { is_active: false });
    expect((await apiCall(server.url, 'GET', '/library/book', { token: access })).status).toBe(401);
    expect((await token(client.id, client.secret)).status).toBe(401);
  });

  it('expired: no token; a token never outlives its client', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const client = await newClient('Short-lived', [], { expires_at: soon });
    const res = await token(client.id, client.secret);
    expect(res.status).toBe(200);
    expect(Number(res.body.expires_in)).toBeLessThanOrEqual(60);
    await (await fixture.as('admin')).update('core.api_client', client.id, { expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await token(client.id, client.secret)).status).toBe(401);
  });

  it('may be called from a browser page of its own allowed origins, which let no one else in', async () => {
    const origin = `https://kiosk-${Date.now()}.example`;
    const client = await newClient('Kiosk', ['library.librarian'], { allowed_origins: [origin] });
    const res = await apiCall(server.url, 'POST', '/auth/token', { body: { grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }, headers: { origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect((await apiCall(server.url, 'GET', '/library/book', { token: String(res.body.access_token), headers: { origin } })).status).toBe(200);
    const other = await newClient('Not the kiosk', ['library.librarian']);
    const otherToken = String((await token(other.id, other.secret)).body.access_token);
    expect((await apiCall(server.url, 'GET', '/library/book', { token: otherToken, headers: { origin } })).status).toBe(403);
    await expect((await fixture.as('admin')).create('core.api_client', { name: 'Bad origin', roles: [], allowed_origins: ['https://x.example/path'] })).rejects.toMatchObject({ fieldErrors: { allowed_origins: expect.anything() } });
  });

  it('refuses roles that do not exist, as a field error', async () => {
    const admin = await fixture.as('admin');
    await expect(admin.create('core.api_client', { name: 'Bad roles', roles: ['no.such_role'] })).rejects.toMatchObject({ fieldErrors: { roles: expect.anything() } });
    await expect(admin.create('core.api_client', { name: 'Bad roles', roles: 'library.librarian' })).rejects.toMatchObject({ fieldErrors: { roles: expect.anything() } });
  });
});
