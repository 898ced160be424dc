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

/** Signs in through the admin's login form and returns the session cookie. */
export async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: 'manual',
  });
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
