/** The real HTTP app on a loopback port, and a small cookie-keeping client for AdminJS's API. */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../../core/runtime.js';
import { createApp, type AppOptions } from '../../core/server.js';

export interface TestServer {
  url: string;
  login(email: string, password: string): Promise<AdminClient>;
  close(): Promise<void>;
}

export class AdminClient {
  constructor(
    readonly base: string,
    private cookie: string,
  ) {}

  async get(path: string): Promise<{ status: number; body: Record<string, unknown> & { records?: { id: string; params: Record<string, unknown> }[] } }> {
    const res = await fetch(`${this.base}${path}`, { headers: { cookie: this.cookie, accept: 'application/json' }, redirect: 'manual' });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }

  async post(path: string, form: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }
}

/** What a browser keeps from a page with a pre-session form: its cookie (`name=value`) and the form's CSRF token. */
export interface FormPass {
  cookie: string;
  token: string;
}

const PRE_SESSION_COOKIE = /^(__Host-)?ums\.presession=/;

/** The CSRF token in a page: the sign-in page's `<meta>` or an account form's hidden field. */
export function csrfTokenOf(html: string): string | undefined {
  return (/<meta name="ums-csrf" content="([^"]+)"/.exec(html) ?? /<input type="hidden" name="csrf" value="([^"]+)"/.exec(html))?.[1];
}

/**
 * GETs a page with a pre-session form (by default the admin's sign-in page) as a browser would, and takes the
 * cookie it sets (or the one sent, `cookie`, which it keeps) and the token its form carries.
 */
export async function formPass(baseUrl: string, path = '/admin/login', cookie?: string): Promise<FormPass> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  const token = csrfTokenOf(await res.text());
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => PRE_SESSION_COOKIE.test(c));
  const kept = set ?? cookie?.split(/;\s*/).find((c) => PRE_SESSION_COOKIE.test(c));
  if (!token || !kept) throw new Error(`${path} gave no CSRF token or pre-session cookie (HTTP ${res.status})`);
  return { cookie: kept, token };
}

/** Cookie headers joined (either may be absent). */
export const withCookie = (...cookies: (string | undefined)[]): string => cookies.filter(Boolean).join('; ');

/**
 * POSTs the admin's sign-in form the way its page does: the page first, then the fields with its token and
 * cookie. `headers` go on the post (a `cookie` among them is sent beside the pre-session cookie). `given`: a pass
 * fetched before (a token is good for its cookie until it expires, as in a browser tab), saving the page's GET.
 */
export async function postSignIn(baseUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}, given?: FormPass): Promise<Response> {
  const pass = given ?? (await formPass(baseUrl));
  return fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers, cookie: withCookie(headers.cookie, pass.cookie) },
    body: new URLSearchParams({ ...fields, csrf: pass.token }).toString(),
    redirect: 'manual',
  });
}

/** Signs in through the admin's sign-in form, as a browser does (`postSignIn`). */
export const signIn = (baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> =>
  postSignIn(baseUrl, { email, password }, headers);

/** Signs in through the admin's login form and returns the session cookie (`pass`: see postSignIn). */
export async function sessionCookie(baseUrl: string, email: string, password: string, pass?: FormPass): Promise<string> {
  const res = await postSignIn(baseUrl, { email, password }, {}, pass);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 302 || !cookie || (res.headers.get('location') ?? '').includes('login')) throw new Error(`login failed for ${email}: ${res.status}`);
  return cookie;
}

/** `options`: app settings beyond the defaults (e.g. `trustProxy`, `secureCookies`). */
export async function startTestServer(runtime: Runtime, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const { app, close } = await createApp(runtime, { dataDir: mkdtempSync(join(tmpdir(), 'ums-http-')), sessionSecret: 'test-secret', ...options });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async login(email, password) {
      return new AdminClient(url, await sessionCookie(url, email, password));
    },
    async close() {
      // fetch keeps connections alive: drop them, or close() waits for their idle timeout.
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
      await close();
    },
  };
}
