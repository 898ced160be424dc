/**
 * REST API access tokens over HTTP: they live 15 minutes (exp − iat = 900), an
 * expired one is refused with 401 problem+json, and the signing key comes from
 * API_JWT_KEY when it is set, else from a key generated into DATA_DIR on the
 * first start and read again on the next, so a token from before a restart
 * still verifies.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let fixture: Fixture;
const savedKey = process.env.API_JWT_KEY;

beforeAll(async () => {
  // The server reads API_JWT_KEY itself: each test below decides whether it is set.
  delete process.env.API_JWT_KEY;
  runtime = await createTestRuntime();
  fixture = await createFixtureOrg(runtime, 'library', ['library.member']);
}, 60_000);
afterAll(async () => {
  if (savedKey === undefined) delete process.env.API_JWT_KEY;
  else process.env.API_JWT_KEY = savedKey;
  await runtime?.dispose();
});

const member = (): { id: string; email: string } => fixture.users.get('library.member')!;
const claimsOf = (token: string): { iat: number; exp: number } => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { iat: number; exp: number };

/** A token as the server makes them (issuer, audience, claims), signed with `key`, expiring at `exp` (seconds). */
async function signed(key: string, exp: number): Promise<string> {
  const user = member();
  return new SignJWT({ org: fixture.org.id, email: user.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer('ums')
    .setAudience('ums-api')
    .setIssuedAt(exp - 900)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(key));
}

const now = (): number => Math.floor(Date.now() / 1000);

async function withServer<T>(options: Parameters<typeof startTestServer>[1], run: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer(runtime, options);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

describe('an access token', () => {
  it('lives 15 minutes: exp − iat is 900 and expires_in says so', async () => {
    await withServer({}, async (server) => {
      const res = await apiCall(server.url, 'POST', '/auth/login', { body: { email: member().email, password: 'secret-123' } });
      expect(res.status).toBe(200);
      const { iat, exp } = claimsOf(String(res.body.access_token));
      expect(exp - iat).toBe(900);
      expect(Math.abs(iat - now())).toBeLessThanOrEqual(5);
      expect(res.body.expires_in).toBe(900);
    });
  });

  it('once expired is refused with 401 problem+json, though the same key signs it', async () => {
    const key = 'a'.repeat(40);
    await withServer({ api: { jwtKey: key } }, async (server) => {
      // The same claims and key with a live exp are accepted, so the refusal below is the expiry's.
      const live = await apiCall(server.url, 'GET', '/me', { token: await signed(key, now() + 600) });
      expect(live.status).toBe(200);
      const expired = await apiCall(server.url, 'GET', '/me', { token: await signed(key, now() - 60) });
      expect(expired.status).toBe(401);
      expect(expired.type).toMatch(/^application\/problem\+json/);
      expect(expired.body.code).toBe('UNAUTHORIZED');
      expect(JSON.stringify(expired.body)).not.toMatch(/\n\s+at /);
    });
  });
});

describe('the signing key', () => {
  it('is API_JWT_KEY when set: a token signed with it verifies, one signed with another key does not', async () => {
    const key = 'e'.repeat(36);
    process.env.API_JWT_KEY = key;
    try {
      await withServer({}, async (server) => {
        expect((await apiCall(server.url, 'GET', '/me', { token: await signed(key, now() + 600) })).status).toBe(200);
        expect((await apiCall(server.url, 'GET', '/me', { token: await signed('f'.repeat(36), now() + 600) })).status).toBe(401);
      });
    } finally {
      delete process.env.API_JWT_KEY;
    }
  });

  it('is generated into DATA_DIR on the first start and reused on the next: a token from before the restart still verifies', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ums-jwt-key-'));
    expect(existsSync(join(dataDir, 'api-jwt-key'))).toBe(false);
    const token = await withServer({ dataDir }, async (server) => {
      const tokens = await apiLogin(server.url, member().email);
      expect((await apiCall(server.url, 'GET', '/me', { token: tokens.access_token })).status).toBe(200);
      return tokens.access_token;
    });
    expect(existsSync(join(dataDir, 'api-jwt-key'))).toBe(true);
    await withServer({ dataDir }, async (server) => {
      const me = await apiCall(server.url, 'GET', '/me', { token });
      expect(me.status).toBe(200);
      expect((me.body.data as { user: { email: string } }).user.email).toBe(member().email);
    });
    // A server with a data directory of its own has another key: the same token means nothing there.
    await withServer({}, async (server) => {
      expect((await apiCall(server.url, 'GET', '/me', { token })).status).toBe(401);
    });
  });
});
