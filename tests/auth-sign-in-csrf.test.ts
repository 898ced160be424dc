/**
 * Login CSRF (issue 9, item 11): a page on another site cannot sign the
 * visitor's browser in to an account of its choosing. The admin sign-in form
 * is refused by the Origin / Sec-Fetch-Site check (core/auth/origin-check.ts)
 * before its body is read, whichever of the two headers the browser sends; and,
 * for a browser that sends neither, by the pre-session CSRF token
 * (core/auth/csrf.ts): a post without the token its page gave, with another
 * visitor's, a tampered or an expired one, is a 403 with the sign-in page and a
 * fresh token, makes no session and never reaches the password check. The
 * forgot, reset and invitation forms carry the same token. The REST sign-in
 * takes JSON only (a cross-site form cannot send it without a CORS preflight)
 * and sets no cookie, and a cross-site JSON call is refused unless the
 * organization allows that origin. The same requests from the server's own page
 * (or from no page) with the page's token sign in, so each refusal is the check's.
 */
import type { Request, Response as ExpressResponse } from 'express';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CSRF_LIFETIME_MS, preSessionCsrf } from '../core/auth/csrf.js';
import { keyHash } from '../core/auth/throttle.js';
import { issueToken } from '../core/auth/codes.js';
import { createUser } from '../core/tenancy/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { csrfTokenOf, formPass, startTestServer, type FormPass, type TestServer } from './support/http.js';

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

/** The sign-in form posted with `pass`'s cookie (none without it) and `token` (undefined: the pass's own; null: none). */
function adminFormPost(headers: Record<string, string>, pass?: FormPass, given?: string | null, fields = credentials()): Promise<Response> {
  const token = given === undefined ? pass?.token : given;
  return fetch(`${server.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(pass ? { cookie: pass.cookie } : {}), ...headers },
    body: new URLSearchParams({ ...fields, ...(token == null ? {} : { csrf: token }) }).toString(),
    redirect: 'manual',
  });
}

const sessionRows = async (): Promise<number> => Number((await runtime.dataSource.query('SELECT count(*)::int AS n FROM core_session'))[0].n);
const failedSignIns = async (email: string): Promise<number> =>
  Number((await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_auth_throttle WHERE bucket = 'login' AND key_hash = $1`, [keyHash(email)]))[0].n);

describe('the admin sign-in form', () => {
  it('refuses a cross-site form post with 403 and no session, by Sec-Fetch-Site or, without it, by Origin', async () => {
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: `https://evil.${new URL(server.url).hostname}` },
      { origin: 'https://evil.example' }, // a browser without Fetch Metadata
      { origin: 'null' }, // a sandboxed iframe or a data: page
    ];
    for (const headers of refused) {
      // With the page's valid token, so the refusal is the Origin check's.
      const res = await adminFormPost(headers, await formPass(server.url));
      expect({ headers, status: res.status, cookie: res.headers.get('set-cookie') }).toEqual({ headers, status: 403, cookie: null });
      expect(await res.text()).toContain('Refused: it came from another site');
    }
  });

  it('signs in from its own page', async () => {
    const res = await adminFormPost({ 'sec-fetch-site': 'same-origin', origin: server.url }, await formPass(server.url));
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toMatch(/^ums\.sid=/);
  });
});

describe('the sign-in form\'s CSRF token (a browser sending neither Origin nor Sec-Fetch-Site)', () => {
  it('the page sets a pre-session cookie (HttpOnly, SameSite=Lax), carries a token and is not cached; no session row is made', async () => {
    const before = await sessionRows();
    const res = await fetch(`${server.url}/admin/login`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^ums\.presession=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ums.sid='))).toBe(false);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(csrfTokenOf(html)).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(await sessionRows()).toBe(before);
    // A visitor who has the cookie keeps it: the page sets none and gives a token for it.
    const again = await fetch(`${server.url}/admin/login`, { headers: { accept: 'text/html', cookie: cookie.split(';')[0] } });
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(csrfTokenOf(await again.text())).toBeTruthy();
  });

  it('refuses, with 403, the sign-in page, the reason and a fresh token, and without a session or a password check: no token, no cookie, another visitor\'s token, a tampered or an expired one', async () => {
    const { email } = credentials();
    const mine = await formPass(server.url);
    const theirs = await formPass(server.url);
    const [issued, signature] = mine.token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    // A token the server itself would have made for this cookie, three hours ago (the server's own code, its key: the test server's secret).
    const old = preSessionCsrf('test-secret', { secure: false, now: () => Date.now() - CSRF_LIFETIME_MS - 3600_000 }).issue({ headers: { cookie: mine.cookie } } as Request, {} as ExpressResponse);
    const refused: [string, FormPass | undefined, string | null, RegExp][] = [
      ['no token', mine, null, /security token is missing or does not match/],
      ['an empty token', mine, '', /security token is missing or does not match/],
      ['no cookie (the token alone)', undefined, mine.token, /without the cookie its page sets/],
      ["another visitor's token", mine, theirs.token, /security token is missing or does not match/],
      ['a tampered signature', mine, `${issued}.${flipped}`, /security token is missing or does not match/],
      ['a stray character in the signature (base64url decoding would skip it)', mine, `${issued}.${signature.slice(0, 20)}*${signature.slice(20)}`, /security token is missing or does not match/],
      ['a later time under the same signature', mine, `${(parseInt(issued, 36) + 3600_000).toString(36)}.${signature}`, /security token is missing or does not match/],
      ['an expired token', mine, old, /open for more than 120 minutes/],
    ];
    const sessions = await sessionRows();
    const failures = await failedSignIns(email);
    for (const [what, pass, token, reason] of refused) {
      const res = await adminFormPost({}, pass, token);
      const html = await res.text();
      expect({ what, status: res.status, session: res.headers.getSetCookie().some((c) => c.startsWith('ums.sid=')) }).toEqual({ what, status: 403, session: false });
      expect(html).toMatch(reason);
      expect(csrfTokenOf(html)).toBeTruthy();
    }
    expect(await sessionRows()).toBe(sessions);
    // The password was never checked: the refused posts counted as no failed sign-in, while one with the token does.
    expect(await failedSignIns(email)).toBe(failures);
    const wrong = await adminFormPost({}, mine, mine.token, { email, password: 'not-the-password' });
    expect(wrong.status).toBe(200);
    expect(await failedSignIns(email)).toBe(failures + 1);
  });

  it('the token on a refused page signs in (the person just sends the form again), and so does the right token', async () => {
    const mine = await formPass(server.url);
    const refused = await adminFormPost({}, mine, 'forged.token');
    expect(refused.status).toBe(403);
    const renewed = csrfTokenOf(await refused.text())!;
    const res = await adminFormPost({}, mine, renewed);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin');
    expect(res.headers.get('set-cookie')).toMatch(/^ums\.sid=/);
    const fresh = await formPass(server.url);
    expect((await adminFormPost({}, fresh)).status).toBe(302);
  });

  it('with secure cookies the cookie is __Host- prefixed and Secure (no sibling subdomain can plant one)', async () => {
    const https = await startTestServer(runtime, { secureCookies: true });
    try {
      const res = await fetch(`${https.url}/admin/login`, { headers: { accept: 'text/html' } });
      expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-ums\.presession=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      // A cookie without the prefix (what a sibling subdomain could set) does not count.
      const pass = await formPass(https.url);
      const plain = pass.cookie.replace(/^__Host-/, '');
      const post = await fetch(`${https.url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: plain },
        body: new URLSearchParams({ ...credentials(), csrf: pass.token }).toString(),
        redirect: 'manual',
      });
      expect(post.status).toBe(403);
    } finally {
      await https.close();
    }
  });
});

describe('the forgot, reset and invitation forms carry the token too', () => {
  const post = (path: string, fields: Record<string, string>, pass?: FormPass, type = 'form'): Promise<Response> =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', accept: type === 'json' ? 'application/json' : 'text/html', 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250) + 1}`, ...(pass ? { cookie: pass.cookie } : {}) },
      body: type === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });

  it.each(['/auth/password/forgot', '/auth/password/reset'])('%s: a form post without a valid token is the form again with the reason (403); with it, the flow runs', async (path) => {
    const pass = await formPass(server.url, path);
    const fields: Record<string, string> = path.endsWith('forgot') ? { email: 'nobody@example.test' } : { email: 'nobody@example.test', code: '123456', password: 'Long-enough-77', password_confirm: 'Long-enough-77' };
    for (const [token, who] of [[undefined, pass], ['x.y', pass], [pass.token, undefined]] as const) {
      const res = await post(path, { ...fields, ...(token === undefined ? {} : { csrf: token }) }, who);
      const html = await res.text();
      expect(res.status).toBe(403);
      expect(html).toMatch(/Refused: this form/);
      expect(html).toContain(`action="${path}"`);
      expect(csrfTokenOf(html)).toBeTruthy();
    }
    const ok = await post(path, { ...fields, csrf: pass.token }, pass);
    // The flow ran: forgot answers as for every address; reset refuses the code (not the token).
    expect(ok.status).toBe(path.endsWith('forgot') ? 200 : 400);
    expect(await ok.text()).not.toMatch(/Refused: this form/);
  });

  it('the invitation page carries a token; its form post needs it', async () => {
    const user = await createUser(runtime, lib.org.slug, { email: `invited-${Date.now()}@example.test`, password: 'Not-used-yet-1', name: 'Invited', roles: [] });
    const { token } = await runtime.dataSource.transaction((m) => issueToken(m, { organizationId: lib.org.id, userId: user.id }));
    const path = `/auth/invitation?token=${encodeURIComponent(token)}`;
    const pass = await formPass(server.url, path);
    const fields = { token, password: 'Long-enough-77', password_confirm: 'Long-enough-77' };
    const bad = await post('/auth/invitation', fields, pass);
    const html = await bad.text();
    expect(bad.status).toBe(403);
    expect(html).toMatch(/Refused: this form/);
    expect(html).toContain('action="/auth/invitation"'); // the invitation's form again, to send once more
    expect(csrfTokenOf(html)).toBeTruthy();
    const ok = await post('/auth/invitation', { ...fields, csrf: pass.token }, pass);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your password is set');
  });

  it('a JSON call needs no token (no page on another site can send JSON without a CORS preflight)', async () => {
    const res = await post('/auth/password/forgot', { email: 'nobody@example.test' }, undefined, 'json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok?: boolean }).ok).toBe(true);
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
