/**
 * `POST /api/v1/auth/login` for an address with an account in two
 * organizations. As README's API section and core/auth's authenticator say:
 * the `organization` slug is needed only when the address exists in several;
 * without it the password decides which account signs in, and when it opens
 * both, the first organization by slug wins; with it, only that
 * organization's account is tried (`/api/v1/me` tells which one answered).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser } from '../core/tenancy/index.js';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let first: Fixture;
let second: Fixture;
const suffix = randomBytes(3).toString('hex');
/** The same password in both organizations. */
const same = `same-${suffix}@example.test`;
/** A password of its own in each. */
const split = `split-${suffix}@example.test`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  const a = await createFixtureOrg(runtime, 'library');
  const b = await createFixtureOrg(runtime, 'library');
  [first, second] = a.org.slug < b.org.slug ? [a, b] : [b, a];
  for (const org of [first, second]) await createUser(runtime, org.org.slug, { email: same, password: 'secret-123', name: 'Same', roles: ['library.member'] });
  await createUser(runtime, first.org.slug, { email: split, password: 'first-pass-741', name: 'Split', roles: ['library.member'] });
  await createUser(runtime, second.org.slug, { email: split, password: 'second-pass-852', name: 'Split', roles: ['library.member'] });
  server = await startTestServer(runtime);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

async function organizationOf(token: string): Promise<string> {
  const me = await apiCall(server.url, 'GET', '/me', { token });
  expect(me.status).toBe(200);
  return (me.body.data as { organization: { slug: string } }).organization.slug;
}

describe('an address in two organizations', () => {
  it('with the organization slug signs in to that organization, either one', async () => {
    for (const org of [first, second]) {
      const tokens = await apiLogin(server.url, same, 'secret-123', org.org.slug);
      expect(await organizationOf(tokens.access_token)).toBe(org.org.slug);
    }
  });

  it('without the slug, the password decides which account signs in', async () => {
    expect(await organizationOf((await apiLogin(server.url, split, 'first-pass-741')).access_token)).toBe(first.org.slug);
    expect(await organizationOf((await apiLogin(server.url, split, 'second-pass-852')).access_token)).toBe(second.org.slug);
  });

  it('without the slug, a password that opens both signs in to the first organization by slug', async () => {
    expect(await organizationOf((await apiLogin(server.url, same, 'secret-123')).access_token)).toBe(first.org.slug);
  });

  it("with a slug, the other organization's password is refused with the same 401 as a wrong one", async () => {
    const other = await apiCall(server.url, 'POST', '/auth/login', { body: { email: split, password: 'first-pass-741', organization: second.org.slug } });
    const unknownOrg = await apiCall(server.url, 'POST', '/auth/login', { body: { email: split, password: 'first-pass-741', organization: `no-such-${suffix}` } });
    const wrong = await apiCall(server.url, 'POST', '/auth/login', { body: { email: split, password: 'not-the-password', organization: first.org.slug } });
    for (const r of [other, unknownOrg, wrong]) {
      expect(r.status).toBe(401);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe('UNAUTHORIZED');
      expect(r.body.access_token).toBeUndefined();
    }
    expect(other.body.detail).toBe(wrong.body.detail);
    expect(unknownOrg.body.detail).toBe(wrong.body.detail);
  });

  it('a slug that is not text is a 400 naming `organization`', async () => {
    const res = await apiCall(server.url, 'POST', '/auth/login', { body: { email: same, password: 'secret-123', organization: 42 } });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).toContain('organization');
  });
});
