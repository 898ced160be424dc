/**
 * The OpenAPI document's `servers` URL is where a generated client sends its
 * calls: with a public URL configured (PUBLIC_URL) it starts with that, as the
 * API's file links do, not with the host the request reached (behind a proxy,
 * an internal one); without one it is the request's own origin.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const PUBLIC = 'https://ums.example.org';

let runtime: TestRuntime;
let library: Fixture;
let configured: TestServer;
let plain: TestServer;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  configured = await startTestServer(runtime, { publicUrl: PUBLIC });
  plain = await startTestServer(runtime);
}, 120_000);
afterAll(async () => {
  await configured?.close();
  await plain?.close();
  await runtime?.dispose();
});

const serverUrl = (body: Record<string, unknown>): unknown => (body.servers as { url: string }[] | undefined)?.[0]?.url;

describe('the OpenAPI document names the server', () => {
  it('with the configured public URL, in the signed-out document and in the caller’s', async () => {
    const anonymous = await apiCall(configured.url, 'GET', '/openapi.json');
    expect(anonymous.status).toBe(200);
    expect(serverUrl(anonymous.body)).toBe(`${PUBLIC}/api/v1`);
    const token = (await apiLogin(configured.url, library.users.get('library.librarian')!.email)).access_token;
    const own = await apiCall(configured.url, 'GET', '/openapi.json', { token });
    expect(own.status).toBe(200);
    expect(serverUrl(own.body)).toBe(`${PUBLIC}/api/v1`);
  });

  it('with the request’s origin when no public URL is configured', async () => {
    const anonymous = await apiCall(plain.url, 'GET', '/openapi.json');
    expect(serverUrl(anonymous.body)).toBe(`${plain.url}/api/v1`);
    const token = (await apiLogin(plain.url, library.users.get('library.librarian')!.email)).access_token;
    const own = await apiCall(plain.url, 'GET', '/openapi.json', { token });
    expect(serverUrl(own.body)).toBe(`${plain.url}/api/v1`);
  });
});
