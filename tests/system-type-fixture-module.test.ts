/**
 * A module of a system type that is none of the shipped eight (`makerspace`,
 * declared inline by its own manifest) works end to end beside the real
 * modules with no core edit: the demo seed makes its organization, creating an
 * organization of that type enables the module, AdminJS's navigation shows its
 * screens to the roles that may read them, its permission condition holds,
 * and its workflow runs (through AdminJS's HTTP API). An organization whose
 * system type is no longer declared keeps working, with no modules.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../config/index.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { loadRegistry } from '../core/manifest/index.js';
import { seedDemoIfEmpty, type DemoLogin } from '../core/tenancy/demo.js';
import { createUser, listOrganizations } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { makerspaceManifest, manifestDirWith } from './support/makerspace-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const BOOKING = 'makerspace.booking';
const dir = manifestDirWith(makerspaceManifest());
let runtime: TestRuntime;
let demo: DemoLogin[];
let org: Fixture;
let otherMaker: { id: string; email: string };
let server: TestServer;
let machineId: string;

interface NavigationResource {
  id: string;
  href: string | null;
  navigation: { name: string } | null;
}

/** The resources AdminJS's sidebar offers this user (those with an href: list allowed), per navigation group, from the page it serves. */
async function navigation(email: string, password = 'secret-123'): Promise<Map<string, string[]>> {
  const res = await fetch(`${server.url}/admin`, { headers: { cookie: await sessionCookie(server.url, email, password) } });
  const html = await res.text();
  const state = /window\.REDUX_STATE = (.*);\n/.exec(html);
  if (!state) throw new Error(`no REDUX_STATE in the admin page (${res.status})`);
  const groups = new Map<string, string[]>();
  for (const r of (JSON.parse(state[1]) as { resources: NavigationResource[] }).resources) {
    if (!r.href) continue;
    const group = r.navigation?.name ?? '';
    groups.set(group, [...(groups.get(group) ?? []), r.id]);
  }
  return groups;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: loadRegistry({ dir }) });
  // Small: the test is about the ninth type, and the full demo of every shipped module outgrows the hook's time.
  demo = (await seedDemoIfEmpty(runtime, { size: 'small' }))!;
  org = await createFixtureOrg(runtime, 'makerspace', ['host', 'maker']);
  const email = `maker2@${org.org.slug}.test`;
  otherMaker = { id: (await createUser(runtime, org.org.slug, { email, password: 'secret-123', name: 'Second maker', roles: ['maker'] })).id, email };
  machineId = String((await (await org.as('host')).create('makerspace.machine', { name: 'Laser cutter', kind: 'laser' })).id);
  server = await startTestServer(runtime);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a ninth system type declared by its module', () => {
  it('is in the registry with its label, beside the shipped eight', () => {
    expect([...runtime.registry.systemTypes.keys()]).toEqual(['institute', 'hospital', 'hotel', 'library', 'inventory', 'hr', 'task', 'gym', 'makerspace', 'fab_lab']);
    expect(runtime.registry.systemTypes.get('makerspace')).toMatchObject({ label: 'Makerspace', modules: ['makerspace'], source: expect.stringMatching(/makerspace\.json#\/systemTypes\/0$/) });
  });

  it('the demo seed makes one organization per declared system type, the new one with a user per role', async () => {
    const orgs = await listOrganizations(runtime);
    const demoOrgs = orgs.filter((o) => o.slug === o.system_type.replace(/_/g, '-'));
    expect(demoOrgs.map((o) => o.system_type).sort()).toEqual([...runtime.registry.systemTypes.keys()].sort());
    expect(orgs.find((o) => o.slug === 'makerspace')).toMatchObject({ name: 'Demo Makerspace', modules: ['makerspace'] });
    expect(orgs.find((o) => o.slug === 'fab-lab')).toMatchObject({ name: 'Demo Fab lab', system_type: 'fab_lab', modules: ['makerspace'] });
    expect(orgs.find((o) => o.slug === 'hr')).toMatchObject({ name: 'Demo HR & Payroll', modules: ['hr'] });
    expect(demo.filter((l) => l.organization === 'makerspace').map((l) => l.email).sort()).toEqual(['admin@makerspace.demo', 'host@makerspace.demo', 'maker@makerspace.demo']);
  });

  it('creating an organization of that type enables the module (and only it)', async () => {
    const summary = (await listOrganizations(runtime)).find((o) => o.id === org.org.id);
    expect(summary).toMatchObject({ system_type: 'makerspace', modules: ['makerspace'] });
  });

  it("AdminJS's navigation shows the module's screens to a maker and a host, and none to a user without its roles", async () => {
    const maker = await navigation(org.users.get('maker')!.email);
    expect(maker.get('Makerspace')?.sort()).toEqual(['MakerspaceBooking', 'MakerspaceMachine']);
    expect(maker.has('Library')).toBe(false);
    expect((await navigation(org.users.get('host')!.email)).get('Makerspace')?.sort()).toEqual(['MakerspaceBooking', 'MakerspaceMachine']);
    const email = `nobody@${org.org.slug}.test`;
    await createUser(runtime, org.org.slug, { email, password: 'secret-123', name: 'No roles', roles: [] });
    expect((await navigation(email)).has('Makerspace')).toBe(false);
    // A user of another system type's organization does not get the makerspace screens.
    const librarian = await navigation('librarian@library.demo', DEMO_PASSWORD);
    expect(librarian.has('Makerspace')).toBe(false);
    expect(librarian.get('Library')).toContain('LibraryBook');
  });

  it("a maker sees only the bookings its condition allows; the host sees all; the list through AdminJS agrees", async () => {
    const mine = await (await org.as('maker')).create(BOOKING, { machine: machineId, maker: org.users.get('maker')!.id, purpose: 'Engrave a sign' });
    const other = await (await RecordService.for(runtime, { kind: 'user', userId: otherMaker.id, organizationId: org.org.id, email: otherMaker.email })).create(BOOKING, {
      machine: machineId,
      maker: otherMaker.id,
      purpose: 'Cut plywood',
    });
    expect(mine.status).toBe('REQUESTED');
    // The condition also holds on writes: a maker cannot book in another maker's name (whom they cannot even see).
    expect(await errorOf(async () => (await org.as('maker')).create(BOOKING, { machine: machineId, maker: otherMaker.id, purpose: 'Sneaky' }))).toMatchObject({
      code: expect.stringMatching(/^(FORBIDDEN|VALIDATION_FAILED)$/),
    });
    expect(await (await org.system()).find(BOOKING, { filters: [{ field: 'purpose', op: 'eq', value: 'Sneaky' }] })).toEqual([]);
    const asMaker = await org.as('maker');
    expect((await asMaker.find(BOOKING)).map((b) => b.id)).toEqual([mine.id]);
    expect(await errorOf(() => asMaker.get(BOOKING, String(other.id)))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await (await org.as('host')).find(BOOKING)).map((b) => b.id).sort()).toEqual([mine.id, other.id].sort());
    const maker = await server.login(org.users.get('maker')!.email, 'secret-123');
    const listed = await maker.get('/admin/api/resources/MakerspaceBooking/actions/list');
    expect(listed.body.records!.map((r) => r.id)).toEqual([mine.id]);
  });

  describe('the booking workflow', () => {
    let booking: RecordData;
    beforeAll(async () => {
      booking = await (await org.as('maker')).create(BOOKING, { machine: machineId, maker: org.users.get('maker')!.id, purpose: 'Print a bracket', hours: 2 });
    });

    it('the host confirms through AdminJS; a maker may not; history records it', async () => {
      const maker = await server.login(org.users.get('maker')!.email, 'secret-123');
      const refused = await maker.post(`/admin/api/resources/MakerspaceBooking/records/${booking.id}/confirm`, { comment: '' });
      expect(refused.body.notice).toMatchObject({ type: 'error' });
      expect((await (await org.system()).get(BOOKING, String(booking.id))).status).toBe('REQUESTED');

      const host = await server.login(org.users.get('host')!.email, 'secret-123');
      const confirmed = await host.post(`/admin/api/resources/MakerspaceBooking/records/${booking.id}/confirm`, { comment: 'See you Tuesday' });
      expect(confirmed.body.notice).toMatchObject({ type: 'success' });
      expect((await (await org.system()).get(BOOKING, String(booking.id))).status).toBe('CONFIRMED');
      const history = await WorkflowEngine.for(await org.as('host')).then((e) => e.history(BOOKING, String(booking.id)));
      expect(history.map((h) => [h.kind, h.from, h.to, h.comment])).toEqual([['transition', 'REQUESTED', 'CONFIRMED', 'See you Tuesday']]);
    });

    it('the maker the booking points at may cancel it (a relation), another maker may not', async () => {
      const other = await WorkflowEngine.for(await RecordService.for(runtime, { kind: 'user', userId: otherMaker.id, organizationId: org.org.id, email: otherMaker.email }));
      expect(await errorOf(() => other.run(BOOKING, String(booking.id), 'cancel'))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
      await (await WorkflowEngine.for(await org.as('maker'))).run(BOOKING, String(booking.id), 'cancel');
      expect((await (await org.system()).get(BOOKING, String(booking.id))).status).toBe('CANCELLED');
    });
  });
});

describe('an organization whose system type is no longer declared', () => {
  it('keeps working on manifests without it: listed, signed in, with no modules', async () => {
    // The same database, run by the shipped manifests only (no makerspace module, no makerspace type).
    const shipped = await createTestRuntime({ attachTo: runtime.url });
    try {
      expect(shipped.registry.systemTypes.has('makerspace')).toBe(false);
      expect((await listOrganizations(shipped)).find((o) => o.id === org.org.id)).toMatchObject({ system_type: 'makerspace' });
      const host = await RecordService.for(shipped, org.users.get('host')!.actor);
      expect(await shipped.access.enabledModules(org.org.id)).toEqual(new Set());
      expect(host.moduleEnabled(shipped.registry.entity('library.book')!)).toBe(false);
      const admin = await RecordService.for(shipped, org.users.get('admin')!.actor);
      expect((await admin.find('core.user', { limit: 100 })).map((u) => u.email)).toContain(org.users.get('host')!.email);
    } finally {
      await shipped.close();
    }
  });
});
