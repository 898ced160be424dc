/**
 * REST API tokens over HTTP: sign-in with the admin's authenticator, refresh
 * tokens that rotate and are single use, reuse that revokes the whole sign-in,
 * logout, and a deactivated user whose access and refresh tokens stop working
 * on the next call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forgetUserStatus } from '../core/auth/sessions.js';
import { TokenService } from '../core/api/tokens.js';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let fixture: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  fixture = await createFixtureOrg(runtime, 'library', ['library.librarian', 'library.member']);
  server = await startTestServer(runtime);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const email = (role: string): string => fixture.users.get(role)!.email;

describe('sign-in', () => {
  it('returns an access token that answers /me and a refresh token', async () => {
    const tokens = await apiLogin(server.url, email('library.librarian'));
    expect(tokens.access_token.split('.')).toHaveLength(3);
    const me = await apiCall(server.url, 'GET', '/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    const data = me.body.data as { user: { email: string }; organization: { slug: string }; roles: string[]; modules: { id: string }[] };
    expect(data.user.email).toBe(email('library.librarian'));
    expect(data.organization.slug).toBe(fixture.org.slug);
    expect(data.roles).toContain('library.librarian');
    expect(data.modules.map((m) => m.id)).toContain('library');
  });

  it('refuses a wrong password with 401 problem+json, and the same for an unknown address', async () => {
    const wrong = await apiCall(server.url, 'POST', '/auth/login', { body: { email: email('library.member'), password: 'not-the-password' } });
    const unknown = await apiCall(server.url, 'POST', '/auth/login', { body: { email: `nobody-${Date.now()}@example.test`, password: 'not-the-password' } });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe('UNAUTHORIZED');
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('locks the address after repeated failures with 429 and Retry-After, as the admin does', async () => {
    const address = `lock-${Date.now()}@example.test`;
    let last;
    for (let i = 0; i < 6; i++) last = await apiCall(server.url, 'POST', '/auth/login', { body: { email: address, password: 'wrong-password' } });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses calls without a token, or with a forged one, with the same 401', async () => {
    const none = await apiCall(server.url, 'GET', '/me');
    const tokens = await apiLogin(server.url, email('library.member'));
    const [h, p] = tokens.access_token.split('.');
    const forged = await apiCall(server.url, 'GET', '/me', { token: `${h}.${p}.${'A'.repeat(43)}` });
    for (const r of [none, forged]) {
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('UNAUTHORIZED');
    }
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('a verified access token', () => {
  it('is refused once it expires, though the same token was accepted (and remembered as verified) a moment before', async () => {
    // A service of its own with a short-lived token: `until` ends it about 1–2 s from now (exp is in whole seconds).
    const tokens = new TokenService(runtime, new TextEncoder().encode('k'.repeat(32)));
    const user = fixture.users.get('library.member')!;
    const principal = { userId: user.id, organizationId: fixture.org.id, email: user.email };
    const token = await tokens.accessToken(principal, new Date(Date.now() + 1500));
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
    expect(await tokens.verify(token)).toEqual(principal);
    expect(await tokens.verify(token)).toEqual(principal);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Another key's service never believes it: the cache is per service, and its signature does not hold there.
    await expect(new TokenService(runtime, new TextEncoder().encode('x'.repeat(32))).verify(await tokens.accessToken(principal))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh gives a new pair and the new refresh token works once', async () => {
    const first = await apiLogin(server.url, email('library.member'));
    const second = await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(second.status).toBe(200);
    const pair = second.body as unknown as { access_token: string; refresh_token: string };
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    expect((await apiCall(server.url, 'GET', '/me', { token: pair.access_token })).status).toBe(200);
    const third = await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: pair.refresh_token } });
    expect(third.status).toBe(200);
  });

  it('reusing a used refresh token is refused and revokes every token of that sign-in', async () => {
    const first = await apiLogin(server.url, email('library.member'));
    const rotated = (await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } })).body as unknown as { refresh_token: string };
    const reuse = await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(reuse.status).toBe(401);
    // The legitimate holder's newer token dies with the family.
    const after = await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: rotated.refresh_token } });
    expect(after.status).toBe(401);
    // Another sign-in of the same user is not touched.
    const other = await apiLogin(server.url, email('library.member'));
    expect((await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: other.refresh_token } })).status).toBe(200);
  });

  it('two refreshes racing with one token: exactly one wins', async () => {
    const first = await apiLogin(server.url, email('library.member'));
    const answers = await Promise.all([0, 1, 2].map(() => apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });

  it('logout ends the sign-in: its refresh token no longer works', async () => {
    const tokens = await apiLogin(server.url, email('library.member'));
    expect((await apiCall(server.url, 'POST', '/auth/logout', { body: { refresh_token: tokens.refresh_token } })).status).toBe(204);
    expect((await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: tokens.refresh_token } })).status).toBe(401);
    // Its access token too, at once; another sign-in of the same user goes on.
    expect((await apiCall(server.url, 'GET', '/me', { token: tokens.access_token })).status).toBe(401);
    const other = await apiLogin(server.url, email('library.member'));
    expect((await apiCall(server.url, 'GET', '/me', { token: other.access_token })).status).toBe(200);
  });

  it('a reused refresh token also ends the access tokens of that sign-in', async () => {
    const first = await apiLogin(server.url, email('library.member'));
    const rotated = (await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } })).body as unknown as { access_token: string };
    expect((await apiCall(server.url, 'GET', '/me', { token: rotated.access_token })).status).toBe(200);
    await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect((await apiCall(server.url, 'GET', '/me', { token: rotated.access_token })).status).toBe(401);
    expect((await apiCall(server.url, 'GET', '/me', { token: first.access_token })).status).toBe(401);
  });

  it('refuses a malformed body with 400 before anything else', async () => {
    const r = await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: 42 } });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('refresh_token');
  });
});

describe('a deactivated user', () => {
  it('loses access and refresh tokens on the next call', async () => {
    const admin = await fixture.as('admin');
    const user = await admin.create('core.user', { email: `leaver-${Date.now()}@${fixture.org.slug}.test`, name: 'Leaver', password: 'secret-123', is_active: true });
    const tokens = await apiLogin(server.url, String(user.email));
    expect((await apiCall(server.url, 'GET', '/me', { token: tokens.access_token })).status).toBe(200);
    await admin.update('core.user', user.id, { is_active: false });
    const me = await apiCall(server.url, 'GET', '/me', { token: tokens.access_token });
    expect(me.status).toBe(401);
    expect((await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: tokens.refresh_token } })).status).toBe(401);
  });

  it('deactivated by another process: refused as soon as the 5 s status cache (the admin sessions\' one) lets go', async () => {
    const admin = await fixture.as('admin');
    const user = await admin.create('core.user', { email: `gone-${Date.now()}@${fixture.org.slug}.test`, name: 'Gone', password: 'secret-123', is_active: true });
    const tokens = await apiLogin(server.url, String(user.email));
    expect((await apiCall(server.url, 'GET', '/me', { token: tokens.access_token })).status).toBe(200);
    await runtime.dataSource.query('UPDATE core_user SET is_active = false WHERE id = $1', [user.id]);
    forgetUserStatus(user.id);
    expect((await apiCall(server.url, 'GET', '/me', { token: tokens.access_token })).status).toBe(401);
    expect((await apiCall(server.url, 'POST', '/auth/refresh', { body: { refresh_token: tokens.refresh_token } })).status).toBe(401);
  });
});
