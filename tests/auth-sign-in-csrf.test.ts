/**
 * Login CSRF (issue 9, item 11): a page on another site cannot sign the
 * visitor's browser in to an account of its choosing. The admin sign-in form
 * is refused by the Origin / Sec-Fetch-Site check (core/auth/origin-check.ts)
 * before its body is read, whichever of the two headers the browser sends; the
 * REST sign-in takes JSON only (a cross-site form cannot send it without a
 * CORS preflight) and sets no cookie, and a cross-site JSON call is refused
 * unless the organization allows that origin. The same requests from the
 * server's own page (or from no page) sign in, so each refusal is the check's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const credentials = (): { email: string; password: string } => ({ email: lib.users.get('librarian')!.email, password: 'secret-123' });

function adminFormPost(headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(credentials()).toString(),
    redirect: 'manual',
  });
}

describe('the admin sign-in form', () => {
  it('refuses a cross-site form post with 403 and no session, by Sec-Fetch-Site or, without it, by Origin', async () => {
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: `https://evil.${new URL(server.url).hostname}` },
      { origin: 'https://evil.example' }, // a browser without Fetch Metadata
      { origin: 'null' }, // a sandboxed iframe or a data: page
    ];
    for (const headers of refused) {
      const res = await adminFormPost(headers);
      expect({ headers, status: res.status, cookie: res.headers.get('set-cookie') }).toEqual({ headers, status: 403, cookie: null });
      expect(await res.text()).toContain('Refused: it came from another site');
    }
  });

  it('signs in from its own page', async () => {
    const res = await adminFormPost({ 'sec-fetch-site': 'same-origin', origin: server.url });
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toMatch(/^ums\.sid=/);
  });
});

describe('the REST sign-in', () => {
  it('refuses a cross-site HTML form post (not JSON: 415) and issues no token', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: new URLSearchParams(credentials()).toString(),
    });
    expect(res.status).toBe(415);
    expect(await res.text()).not.toContain('access_token');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cross-site JSON call from an origin the organization does not allow (403), and answers a call from no page', async () => {
    const cross = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify(credentials()) });
    expect(cross.status).toBe(403);
    expect(await cross.text()).not.toContain('access_token');
    const script = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials()) });
    expect(script.status).toBe(200);
    expect(Object.keys((await script.json()) as Record<string, unknown>)).toContain('access_token');
    expect(script.headers.get('set-cookie')).toBeNull();
  });
});
