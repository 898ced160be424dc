/**
 * The REST API and the admin give the same answers for the same user: for
 * every role of every manifest (and a custom role with conditions), on data
 * generated from the manifests, each entity's API list (every keyset page)
 * holds exactly the records of the admin's list (AdminJS's HTTP API), each
 * with the same fields and values; an entity the admin refuses is a 404 in
 * the API; and a single record reads the same through both.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { classNameOf } from '../core/data/entity-schemas.js';
import { CORE_MODULE_ID } from '../core/manifest/index.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { apiCall, apiLogin } from './support/api.js';
import { generateRecords } from './support/generate.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const CUSTOM_ROLE = 'api_parity_custom';
const CUSTOM_RULES = [
  { action: 'read', subject: 'library.book', conditions: { copies_total: { $gte: 2 } } },
  { action: 'read', subject: 'library.loan', conditions: { $or: [{ 'member.user': '${user.id}' }, { status: 'returned' }] } },
  { action: 'read', subject: 'core.user', conditions: { is_active: true }, fields: ['name'] },
];

let runtime: TestRuntime;
let server: TestServer;
let fixture: Fixture;
let roles: string[];

beforeAll(async () => {
  runtime = await createTestRuntime();
  const moduleRoles = [...runtime.registry.roles.keys()].filter((r) => r !== 'admin');
  fixture = await createFixtureOrg(runtime, 'library', moduleRoles);
  for (const m of runtime.registry.modules) if (m.id !== CORE_MODULE_ID) await setModuleEnabled(runtime, fixture.org.slug, m.id, true);
  const admin = await fixture.as('admin');
  const role = await admin.create('core.role', { name: CUSTOM_ROLE, rules: CUSTOM_RULES });
  const email = `${CUSTOM_ROLE}@${fixture.org.slug}.test`;
  const user = await admin.create('core.user', { email, name: 'Custom', password: 'secret-123', is_active: true });
  await admin.create('core.role_assignment', { user: user.id, role: role.id });
  fixture.users.set(CUSTOM_ROLE, { id: user.id, email, actor: { kind: 'user', userId: user.id, organizationId: fixture.org.id, email } });
  roles = ['admin', ...moduleRoles, CUSTOM_ROLE];
  const system = await fixture.system();
  await generateRecords(runtime, system, { count: 12, roleUsers: roles.map((r) => fixture.users.get(r)!.id), tag: fixture.org.slug });
  // The generated data may make a role's user inactive (a condition on is_active needs both values); they must sign in here.
  for (const r of roles) await system.update('core.user', fixture.users.get(r)!.id, { is_active: true, deleted_at: null, password: 'secret-123' });
  // Thousands of calls from one address within a minute: not what the rate limits are about here.
  const unlimited = { max: 1_000_000, windowMs: 60_000 };
  server = await startTestServer(runtime, { api: { limits: { perIp: unlimited, perToken: unlimited } } });
}, 180_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

type Rec = Record<string, unknown> & { id: string };

/**
 * The first record of each role's API list of each entity (null: none, or not readable), as the
 * first test read it: the second reads that record singly instead of listing everything again
 * (the lists are most of this file's time; the data does not change between the two tests).
 */
const firstListed = new Map<string, Rec | null>();
const admins = new Map<string, AdminClient>();

/** The role's signed-in admin client, one sign-in per role for the file. */
async function adminFor(role: string): Promise<AdminClient> {
  let client = admins.get(role);
  if (!client) admins.set(role, (client = await server.login(fixture.users.get(role)!.email, 'secret-123')));
  return client;
}

/** Every record of the API list, page after page. */
async function apiList(token: string, path: string): Promise<{ status: number; records: Rec[] }> {
  const records: Rec[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 400; page++) {
    const res = await apiCall(server.url, 'GET', `${path}?limit=13${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (res.status !== 200) return { status: res.status, records };
    records.push(...(res.body.data as Rec[]));
    cursor = res.body.next_cursor as string | null;
    if (!cursor) break;
  }
  return { status: 200, records };
}

async function adminList(client: AdminClient, resource: string): Promise<{ status: number; records: Rec[] }> {
  const records: Rec[] = [];
  for (let page = 1; page < 50; page++) {
    const res = await client.get(`/admin/api/resources/${resource}/actions/list?perPage=200&page=${page}&sortBy=id&direction=asc`);
    if (res.status !== 200 || !res.body.records) return { status: res.status, records: [] };
    records.push(...res.body.records.map((r) => ({ ...r.params, id: r.id })));
    if (records.length >= (res.body.meta as { total: number }).total || !res.body.records.length) break;
  }
  return { status: 200, records };
}

/** A record's entity fields as the admin sends them (JSON fields travel as text there). */
function comparable(entityFields: Map<string, string>, record: Rec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of entityFields) {
    if (!(name in record)) continue;
    const v = record[name];
    out[name] = type === 'json' ? (typeof v === 'string' ? JSON.parse(v) : v) : v === null || v === undefined ? null : String(v);
  }
  return out;
}

it('for every role: the API lists exactly the admin list\'s records with the same fields and values, entity by entity', async () => {
  const mismatches: string[] = [];
  let compared = 0;
  for (const role of roles) {
    const { email } = fixture.users.get(role)!;
    const token = (await apiLogin(server.url, email)).access_token;
    const admin = await adminFor(role);
    for (const entity of runtime.registry.entities) {
      const label = `${role} ${entity.key}`;
      const fields = new Map(entity.fields.filter((f) => f.type !== 'password').map((f) => [f.name, f.type]));
      const [viaApi, viaAdmin] = await Promise.all([apiList(token, `/${entity.module}/${entity.name}`), adminList(admin, classNameOf(entity))]);
      firstListed.set(label, viaApi.status === 200 ? (viaApi.records[0] ?? null) : null);
      // An entity the user may not read: the admin refuses it or lists nothing, the API says 404 (as for a missing one).
      if (viaApi.status === 404) {
        if (viaAdmin.records.length) mismatches.push(`${label}: the admin lists ${viaAdmin.records.length} records but the API answers 404`);
        continue;
      }
      if (viaAdmin.status !== 200 || viaApi.status !== 200) {
        mismatches.push(`${label}: the admin answers ${viaAdmin.status}, the API ${viaApi.status}`);
        continue;
      }
      const adminById = new Map(viaAdmin.records.map((r) => [r.id, r]));
      const apiIds = viaApi.records.map((r) => r.id);
      if (new Set(apiIds).size !== apiIds.length) mismatches.push(`${label}: the API repeats records across pages`);
      const onlyApi = apiIds.filter((id) => !adminById.has(id));
      const onlyAdmin = [...adminById.keys()].filter((id) => !apiIds.includes(id));
      if (onlyApi.length || onlyAdmin.length) mismatches.push(`${label}: only in the API ${JSON.stringify(onlyApi)}, only in the admin ${JSON.stringify(onlyAdmin)}`);
      for (const record of viaApi.records) {
        const other = adminById.get(record.id);
        if (!other) continue;
        compared++;
        const a = comparable(fields, record);
        const b = comparable(fields, other);
        if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${label} ${record.id}: API ${JSON.stringify(a)} admin ${JSON.stringify(b)}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  // Not vacuous: many records of many entities were compared.
  expect(compared).toBeGreaterThan(200);
}, 600_000);

it('a single record reads the same through the API and the admin\'s show action', async () => {
  const mismatches: string[] = [];
  for (const role of roles) {
    const { email } = fixture.users.get(role)!;
    // A fresh access token: the first test may outlast one (15 minutes) on a busy machine.
    const token = (await apiLogin(server.url, email)).access_token;
    const admin = await adminFor(role);
    for (const entity of runtime.registry.entities) {
      const label = `${role} ${entity.key}`;
      // Listed by the first test; listed here only when this test runs alone (jest -t).
      const first = firstListed.has(label) ? firstListed.get(label) : ((await apiCall(server.url, 'GET', `/${entity.module}/${entity.name}?limit=1`, { token })).body.data as Rec[] | undefined)?.[0];
      if (!first) continue;
      const fields = new Map(entity.fields.filter((f) => f.type !== 'password').map((f) => [f.name, f.type]));
      const one = await apiCall(server.url, 'GET', `/${entity.module}/${entity.name}/${first.id}`, { token });
      if (one.status !== 200) {
        mismatches.push(`${role} ${entity.key} ${first.id}: listed, but reading it answers ${one.status} ${JSON.stringify(one.body)}`);
        continue;
      }
      const shown = await admin.get(`/admin/api/resources/${classNameOf(entity)}/records/${first.id}/show`);
      const params = ((shown.body.record as { params?: Rec } | undefined)?.params ?? {}) as Rec;
      if (JSON.stringify(comparable(fields, one.body.data as Rec)) !== JSON.stringify(comparable(fields, params))) {
        mismatches.push(`${role} ${entity.key} ${first.id}: API ${JSON.stringify(comparable(fields, one.body.data as Rec))} admin ${JSON.stringify(comparable(fields, params))}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
}, 600_000);
