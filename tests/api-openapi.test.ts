/**
 * The OpenAPI 3.1 document is generated for the caller: it passes a real
 * OpenAPI parser's validation, shows only the entities, fields and actions
 * the caller may use, and every operation it documents, called over HTTP,
 * answers with a documented status whose body matches the documented schema.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validate, compileErrors } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { apiCall, apiLogin } from './support/api.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let institute: InstituteWorld;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['library.librarian', 'library.member']);
  const system = await library.system();
  const book = await system.create('library.book', { title: 'Documented', copies_total: 2 });
  const member = await system.create('library.member', { name: 'Mo', card_number: 'CARD-0042', status: 'active', user: library.users.get('library.member')!.id });
  await system.create('library.loan', { book: book.id, member: member.id });
  institute = await createInstituteWorld(runtime);
  // Exercising every documented operation of an institute admin (seven modules) is over a thousand requests
  // from one address in a minute: more than the default per-address limit, whose own tests are elsewhere.
  const unlimited = { max: 1_000_000, windowMs: 60_000 };
  server = await startTestServer(runtime, { api: { limits: { perIp: unlimited, perToken: unlimited, bodyLimit: '1mb' } } });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

async function documentFor(token: string): Promise<Json> {
  const res = await apiCall(server.url, 'GET', '/openapi.json', { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** Every documented operation, called; each answer checked against what the document says of its status. */
async function exercise(doc: Json, token: string, credentials: { email: string }): Promise<string[]> {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  const components = doc.components as Json;
  const problems: string[] = [];
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const idsOf = new Map<string, string>();
  // Real ids first (list operations), so single-record operations hit records that exist.
  for (const [path, ops] of Object.entries(paths)) {
    if (path.includes('{') || !ops.get || path.startsWith('/auth') || path === '/me' || path === '/approvals') continue;
    const list = await apiCall(server.url, 'GET', `${path}?limit=1`, { token });
    const first = (list.body.data as { id: string }[] | undefined)?.[0];
    if (first) idsOf.set(path, first.id);
  }
  const order = ['get', 'post', 'patch', 'delete'];
  const entries = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  entries.sort((a, b) => Number(a.path.includes('/actions/')) - Number(b.path.includes('/actions/')) || order.indexOf(a.method) - order.indexOf(b.method));
  for (const { path, method, op } of entries) {
    const base = path.replace(/\/\{id\}.*$/, '');
    const id = idsOf.get(base) ?? '00000000-0000-4000-8000-000000000000';
    const url = path.replace('{id}', id);
    let body: unknown;
    let headers: Record<string, string> = {};
    let useToken: string | undefined = token;
    if (path === '/auth/login') {
      body = { email: credentials.email, password: 'secret-123' };
      useToken = undefined;
    } else if (path === '/auth/refresh' || path === '/auth/logout') {
      body = { refresh_token: (await apiLogin(server.url, credentials.email)).refresh_token };
      useToken = undefined;
    } else if (method === 'post' || method === 'patch') body = {};
    // A stale version: documented (412), and the record stays for the other operations.
    if (method === 'delete') headers = { 'if-match': '"0"' };
    const res = await apiCall(server.url, method.toUpperCase(), url, { token: useToken, body, headers });
    const responses = op.responses as Record<string, Json>;
    const documented = responses[String(res.status)];
    const where = `${method.toUpperCase()} ${path} → ${res.status}`;
    if (res.status >= 500) problems.push(`${where}: server error ${JSON.stringify(res.body)}`);
    if (!documented) {
      problems.push(`${where}: status not documented (${Object.keys(responses).join(', ')}): ${JSON.stringify(res.body).slice(0, 200)}`);
      continue;
    }
    const content = documented.content as Record<string, { schema: Json }> | undefined;
    if (!content) continue;
    const [type, { schema }] = Object.entries(content)[0];
    if (!res.type.startsWith(type)) problems.push(`${where}: content type ${res.type}, documented ${type}`);
    const check = ajv.compile({ ...schema, components });
    if (!check(res.body)) problems.push(`${where}: ${ajv.errorsText(check.errors)}`);
  }
  return problems;
}

describe('the OpenAPI document', () => {
  it('without a token documents only how to sign in', async () => {
    const res = await apiCall(server.url, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths as Json).sort()).toEqual(['/auth/login', '/auth/logout', '/auth/refresh', '/auth/token']);
    const result = await validate(structuredClone(res.body) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it.each([
    ['library', 'library.librarian'],
    ['library', 'library.member'],
    ['library', 'admin'],
    ['institute', 'teacher'],
    ['institute', 'admin'],
  ])('for a %s %s: valid OpenAPI 3.1, and every documented operation answers as documented', async (org, role) => {
    const email = org === 'library' ? library.users.get(role)!.email : institute.fixture.users.get(role)!.email;
    const { access_token } = await apiLogin(server.url, email);
    const doc = await documentFor(access_token);
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(Object.keys(doc.paths as Json).length).toBeGreaterThan(10);
    expect(await exercise(doc, access_token, { email })).toEqual([]);
  }, 120_000);

  it('the answer check can fail: a record without its id does not match the documented list schema', async () => {
    const { access_token } = await apiLogin(server.url, library.users.get('library.librarian')!.email);
    const doc = await documentFor(access_token);
    const ajv = addFormats(new Ajv2020({ strict: false }));
    const op = (doc.paths as Record<string, Record<string, Json>>)['/library/book'].get;
    const schema = ((op.responses as Record<string, Json>)['200'].content as Record<string, { schema: Json }>)['application/json'].schema;
    const check = ajv.compile({ ...schema, components: doc.components });
    expect(check({ data: [{ title: 'no id' }], next_cursor: null })).toBe(false);
    expect(check({ data: [{ id: '00000000-0000-4000-8000-000000000000', version: 1, title: 'x', colour: 'red' }], next_cursor: null })).toBe(false);
    expect(check({ data: [{ id: '00000000-0000-4000-8000-000000000000', version: 1, title: 'x' }], next_cursor: null })).toBe(true);
  });

  it('shows each caller only what they may use', async () => {
    const member = await documentFor((await apiLogin(server.url, library.users.get('library.member')!.email)).access_token);
    const librarian = await documentFor((await apiLogin(server.url, library.users.get('library.librarian')!.email)).access_token);
    const paths = (d: Json): string[] => Object.keys(d.paths as Json);
    const schema = (d: Json, name: string): Json | undefined => ((d.components as Json).schemas as Record<string, Json>)[name];
    // The member reads books but may not write them, nor see their price, nor the issue action.
    expect(Object.keys((member.paths as Record<string, Json>)['/library/book'])).toEqual(['get']);
    expect(Object.keys((librarian.paths as Record<string, Json>)['/library/book']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(schema(member, 'LibraryBook')!.properties as Json)).not.toContain('acquisition_price');
    expect(Object.keys(schema(librarian, 'LibraryBook')!.properties as Json)).toContain('acquisition_price');
    expect(paths(librarian)).toContain('/library/loan/{id}/actions/issue');
    expect(paths(member)).not.toContain('/library/loan/{id}/actions/issue');
    // Core entities the member may not read are absent; other modules' entities too.
    expect(paths(member)).not.toContain('/core/audit_log');
    expect(paths(member).some((p) => p.startsWith('/institute/'))).toBe(false);
  });

  it('is served with Swagger UI from the installed package at /api/docs', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    const bundle = await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
