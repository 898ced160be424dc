/**
 * To-many (`$some`) and multi-hop conditions, and date placeholders in the
 * organization's time zone, give the same answer in the list query (SQL
 * EXISTS / IN sub-selects) and in the single-record check (related rows loaded
 * in memory), for every role of a fixture module and a custom role, on
 * generated data plus records placed on the edges (empty references, day
 * boundaries in the organization's zone); and nothing of another organization
 * is ever followed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateCustomRules } from '../core/access/principals.js';
import { explainAccess } from '../core/cli/access-commands.js';
import type { RecordService } from '../core/data/records.js';
import { ManifestError } from '../core/errors.js';
import { addDays, CORE_MODULE_ID, localDate, serverTimeZone, startOfDay, startOfWeek, type ResolvedEntity } from '../core/manifest/index.js';
import { createOrganization } from '../core/tenancy/index.js';
import { Participants } from '../core/workflow/people.js';
import { CARE_ROLES, careManifest } from './support/condition-fixture.js';
import { generateRecords } from './support/generate.js';
import { allowedBySql, allowedInMemory, difference, type Principal } from './support/parity.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

/** Far from UTC, so "today" there is not UTC's today for most of the day. */
const ZONE = 'Pacific/Kiritimati';
const CUSTOM_ROLE = 'warehouse_watch';
const CUSTOM_RULES = [
  { action: 'read', subject: 'care.warehouse', conditions: { $or: [{ assignments: { $some: { user: '${user.id}' } } }, { 'keeper.user': '${user.id}' }] } },
  { action: 'read', subject: 'care.assignment', conditions: { 'warehouse.assignments': { $some: { user: '${user.id}', active: true } } } },
  { action: 'update', subject: 'care.attendance', conditions: { 'student.guardians': { $some: { guardian: null } } } },
];

interface Org {
  fixture: Fixture;
  system: RecordService;
  principals: Principal[];
}

let runtime: TestRuntime;
let orgA: Org;
let orgB: Org;

async function edgeRecords(org: Org): Promise<void> {
  const sys = org.system;
  const userOf = (role: string): string => org.fixture.users.get(role)!.id;
  // A parent with one linked child, a child linked to a guardian without a user, and attendance of nobody.
  const guardian = await sys.create('care.guardian', { name: 'Edge guardian', user: userOf('parent') });
  const userless = await sys.create('care.guardian', { name: 'Userless guardian' });
  const child = await sys.create('care.student', { name: 'Edge child' });
  const other = await sys.create('care.student', { name: 'Other child' });
  await sys.create('care.student_guardian', { student: child.id, guardian: guardian.id });
  await sys.create('care.student_guardian', { student: other.id, guardian: userless.id });
  await sys.create('care.student_guardian', { student: other.id });
  const today = localDate(new Date(), ZONE);
  for (const s of [child.id, other.id, null]) await sys.create('care.attendance', { student: s, day: today, present: true });
  // A doctor with one patient; a patient with an appointment of nobody.
  const practitioner = await sys.create('care.practitioner', { name: 'Edge doctor', user: userOf('doctor') });
  const patient = await sys.create('care.patient', { name: 'Edge patient' });
  const lonely = await sys.create('care.patient', { name: 'Lonely patient' });
  await sys.create('care.appointment', { patient: patient.id, practitioner: practitioner.id, starts_at: new Date().toISOString() });
  await sys.create('care.appointment', { patient: lonely.id, starts_at: new Date().toISOString() });
  // Appointments on the edges of today and tomorrow in the organization's zone.
  const start = startOfDay(today, ZONE).getTime();
  const end = startOfDay(addDays(today, 1), ZONE).getTime();
  for (const t of [start - 1, start, start + 3_600_000, end - 1, end]) await sys.create('care.appointment', { starts_at: new Date(t).toISOString() });
  // Warehouses: assigned (active and not), unassigned, kept by the parent, kept by a userless guardian.
  const assigned = await sys.create('care.warehouse', { name: 'Assigned', keeper: guardian.id });
  const inactive = await sys.create('care.warehouse', { name: 'Inactive assignment', keeper: userless.id });
  const empty = await sys.create('care.warehouse', { name: 'Nobody' });
  await sys.create('care.assignment', { warehouse: assigned.id, user: userOf('storekeeper'), active: true });
  await sys.create('care.assignment', { warehouse: inactive.id, user: userOf('storekeeper'), active: false });
  await sys.create('care.assignment', { warehouse: inactive.id, user: userOf(CUSTOM_ROLE), active: true });
  for (const [w, moved] of [[assigned.id, addDays(today, -8)], [assigned.id, addDays(today, -7)], [inactive.id, today], [empty.id, addDays(today, 1)], [null, today]] as const) {
    await sys.create('care.stock_entry', { warehouse: w, quantity: 10, moved_on: moved });
  }
}

async function setUpOrg(): Promise<Org> {
  const fixture = await createFixtureOrg(runtime, 'hospital', [...CARE_ROLES]);
  await runtime.dataSource.query('UPDATE core_organization SET timezone = $1 WHERE id = $2', [ZONE, fixture.org.id]);
  const admin = await fixture.as('admin');
  const role = await admin.create('core.role', { name: CUSTOM_ROLE, rules: CUSTOM_RULES });
  const user = await admin.create('core.user', { email: `watch@${fixture.org.slug}.test`, name: 'Watcher', password: 'secret-123', is_active: true });
  await admin.create('core.role_assignment', { user: user.id, role: role.id });
  fixture.users.set(CUSTOM_ROLE, { id: user.id, email: String(user.email), actor: { kind: 'user', userId: user.id, organizationId: fixture.org.id, email: String(user.email) } });
  runtime.access.invalidate();
  const system = await fixture.system();
  const roles = [...CARE_ROLES, CUSTOM_ROLE];
  await generateRecords(runtime, system, { count: 12, roleUsers: roles.map((r) => fixture.users.get(r)!.id), tag: fixture.org.slug });
  const org: Org = { fixture, system, principals: [] };
  await edgeRecords(org);
  for (const r of roles) org.principals.push({ role: r, records: await fixture.as(r) });
  return org;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(careManifest()) });
  orgA = await setUpOrg();
  orgB = await setUpOrg();
}, 120_000);
afterAll(() => runtime.dispose());

const careEntities = (): ResolvedEntity[] => runtime.registry.entities.filter((e) => e.module !== CORE_MODULE_ID);




describe.each([
  ['A', () => [orgA, orgB] as const],
  ['B', () => [orgB, orgA] as const],
])('to-many and multi-hop parity in organization %s', (_name, orgs) => {
  it('find, count and the SQL row filters select exactly what the in-memory check allows, and nothing of the other organization', async () => {
    const [org, other] = orgs();
    const mismatches: string[] = [];
    for (const entity of careEntities()) {
      const all = await org.system.find(entity.key, { limit: 1000 });
      const foreign = new Set((await other.system.find(entity.key, { limit: 1000 })).map((r) => r.id));
      for (const p of org.principals) {
        const listed = new Set((await p.records.find(entity.key, { limit: 1000 })).map((r) => r.id));
        mismatches.push(...difference(`${p.role} read ${entity.key}`, listed, await allowedInMemory(p, 'read', entity, all)));
        if ([...listed].some((id) => foreign.has(id))) mismatches.push(`${p.role} read ${entity.key}: another organization's records`);
        const count = await p.records.count(entity.key);
        if (count !== listed.size) mismatches.push(`${p.role} read ${entity.key}: count ${count}, find ${listed.size}`);
        for (const action of ['update', 'delete']) mismatches.push(...difference(`${p.role} ${action} ${entity.key}`, await allowedBySql(runtime.dataSource, p, action, entity), await allowedInMemory(p, action, entity, all)));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every conditional rule is exercised: some records match it and some do not', async () => {
    const [org] = orgs();
    const vacuous: string[] = [];
    for (const entity of careEntities()) {
      const all = await org.system.find(entity.key, { limit: 1000 });
      for (const p of org.principals) {
        for (const action of ['read', 'update', 'delete']) {
          if (p.records.access!.rowFilter(action, entity).kind !== 'where') continue;
          const allowed = await allowedInMemory(p, action, entity, all);
          if (allowed.size === 0 || allowed.size === all.length) vacuous.push(`${p.role} ${action} ${entity.key}: ${allowed.size} of ${all.length}`);
        }
      }
    }
    expect(vacuous).toEqual([]);
  });
});

describe('what the conditions mean', () => {
  const principal = (role: string): Principal => orgA.principals.find((p) => p.role === role)!;

  it("a parent reads exactly the attendance of the children they are a guardian of (three hops through a to-many link)", async () => {
    const parentUser = orgA.fixture.users.get('parent')!.id;
    const guardians = new Set((await orgA.system.find('care.guardian', { limit: 1000 })).filter((g) => g.user === parentUser).map((g) => g.id));
    const links = await orgA.system.find('care.student_guardian', { limit: 1000 });
    const children = new Set(links.filter((l) => guardians.has(String(l.guardian))).map((l) => String(l.student)));
    const expected = (await orgA.system.find('care.attendance', { limit: 1000 })).filter((a) => children.has(String(a.student))).map((a) => a.id);
    expect(expected.length).toBeGreaterThan(0);
    const listed = (await principal('parent').records.find('care.attendance', { limit: 1000 })).map((a) => a.id);
    expect(listed.sort()).toEqual(expected.sort());
  });

  it('a storekeeper reads entries of warehouses they are actively assigned to, unless the warehouse has an inactive assignment', async () => {
    const keeper = orgA.fixture.users.get('storekeeper')!.id;
    const assignments = await orgA.system.find('care.assignment', { limit: 1000 });
    const mine = new Set(assignments.filter((a) => a.user === keeper && a.active === true).map((a) => String(a.warehouse)));
    const blocked = new Set(assignments.filter((a) => a.active === false).map((a) => String(a.warehouse)));
    const expected = (await orgA.system.find('care.stock_entry', { limit: 1000 }))
      .filter((e) => (mine.has(String(e.warehouse)) || Number(e.quantity) >= 50) && !blocked.has(String(e.warehouse)))
      .map((e) => e.id);
    const listed = (await principal('storekeeper').records.find('care.stock_entry', { limit: 1000 })).map((e) => e.id);
    expect(listed.sort()).toEqual(expected.sort());
  });

  it("\"today\" is the organization's day: appointments from its midnight to the next, the edges included and excluded as written", async () => {
    const today = localDate(new Date(), ZONE);
    const start = startOfDay(today, ZONE).getTime();
    const end = startOfDay(addDays(today, 1), ZONE).getTime();
    const all = await orgA.system.find('care.appointment', { limit: 1000 });
    const expected = all.filter((a) => Date.parse(String(a.starts_at)) >= start && Date.parse(String(a.starts_at)) < end).map((a) => a.id);
    const listed = (await principal('frontdesk').records.find('care.appointment', { limit: 1000 })).map((a) => a.id);
    expect(listed.sort()).toEqual(expected.sort());
    // The two edge appointments inside and the midnight one; the ones a millisecond outside are not.
    const edges = all.filter((a) => [start - 1, start, start + 3_600_000, end - 1, end].includes(Date.parse(String(a.starts_at))));
    expect(edges.filter((a) => listed.includes(a.id)).map((a) => Date.parse(String(a.starts_at))).sort()).toEqual([start, start + 3_600_000, end - 1]);
    // Dashboard cards use the same grammar and the same zone.
    const card = await orgA.system.countMatching('care.appointment', { starts_at: { $gte: '${today}', $lt: '${tomorrow}' } });
    expect(card).toBe(expected.length);
    const week = startOfWeek(today);
    expect(new Date(`${week}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('a custom role may use $some and multi-hop paths, and the check explains which rule holds for a record', async () => {
    const watch = principal(CUSTOM_ROLE);
    const entity = runtime.registry.entity('care.warehouse')!;
    const [inactive] = await orgA.system.find('care.warehouse', { filters: [{ field: 'name', op: 'eq', value: 'Inactive assignment' }] });
    const explained = watch.records.access!.explain('read', entity, await watch.records.subjectOf(entity, inactive));
    expect(explained).toMatchObject({ allowed: true, timeZone: ZONE, decidedBy: `role ${CUSTOM_ROLE}#/0` });
    expect(explained.rules[0]).toMatchObject({ matches: true, conditions: { $or: [{ assignments: { $some: { user: orgA.fixture.users.get(CUSTOM_ROLE)!.id } } }, expect.anything()] } });
  });
});

describe('the same grammar elsewhere', () => {
  it("a workflow step's `when` decides $some and date placeholders for one record, as the list filter does", async () => {
    const keeper = orgA.principals.find((p) => p.role === 'storekeeper')!.records;
    const participants = new Participants(keeper, orgA.system);
    const warehouse = runtime.registry.entity('care.warehouse')!;
    const when = { assignments: { $some: { user: '${user.id}', active: true } } };
    for (const name of ['Assigned', 'Inactive assignment', 'Nobody']) {
      const [w] = await orgA.system.find('care.warehouse', { filters: [{ field: 'name', op: 'eq', value: name }] });
      expect(await participants.whenHolds(warehouse, w.id, when)).toBe(name === 'Assigned');
    }
    const appointment = runtime.registry.entity('care.appointment')!;
    const today = localDate(new Date(), ZONE);
    const [first] = await orgA.system.find('care.appointment', { filters: [{ field: 'starts_at', op: 'eq', value: startOfDay(today, ZONE).toISOString() }] });
    expect(await participants.whenHolds(appointment, first.id, { starts_at: { $gte: '${today}', $lt: '${tomorrow}' } })).toBe(true);
    expect(await participants.whenHolds(appointment, first.id, { starts_at: { $gte: '${tomorrow}' } })).toBe(false);
  });
});

describe('organization time zones', () => {
  it("an organization gets the server's zone unless given one, and an unknown zone is refused", async () => {
    const { organization } = await createOrganization(runtime, { name: 'Zoned', slug: `zoned-${Date.now()}`, systemType: 'hospital', timeZone: 'Asia/Kolkata', admin: { email: 'a@zoned.test', password: 'secret-123' } });
    expect(await runtime.access.timeZone(organization.id)).toBe('Asia/Kolkata');
    const { organization: plain } = await createOrganization(runtime, { name: 'Plain', slug: `plain-${Date.now()}`, systemType: 'hospital', admin: { email: 'a@plain.test', password: 'secret-123' } });
    const [row]: { timezone: string }[] = await runtime.dataSource.query('SELECT timezone FROM core_organization WHERE id = $1', [plain.id]);
    expect(row.timezone).toBe(serverTimeZone());
    await expect(createOrganization(runtime, { name: 'Nowhere', slug: `nowhere-${Date.now()}`, systemType: 'hospital', timeZone: 'Mars/Olympus', admin: { email: 'a@nowhere.test', password: 'secret-123' } })).rejects.toMatchObject({
      fieldErrors: { timezone: { message: '"Mars/Olympus" is not an IANA time zone (such as Europe/Paris or UTC)' } },
    });
  });
});

describe('access:explain', () => {
  it('shows the related records a $some followed, the value at the end of a three-hop path, and which rule holds', async () => {
    const [assigned] = await orgA.system.find('care.warehouse', { filters: [{ field: 'name', op: 'eq', value: 'Assigned' }] });
    const [entry] = (await orgA.system.find('care.stock_entry', { limit: 1000 })).filter((e) => e.warehouse === assigned.id);
    const [assignment] = (await orgA.system.find('care.assignment', { limit: 1000 })).filter((a) => a.warehouse === assigned.id);
    const slug = orgA.fixture.org.slug;
    const keeper = await explainAccess(runtime, { entityKey: 'care.stock_entry', slug, email: orgA.fixture.users.get('storekeeper')!.email, recordId: entry.id, action: 'read' });
    expect(keeper).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Rules for "read" on care\.stock_entry, strongest first \(dates in Pacific\/Kiritimati\):$/),
        expect.stringMatching(/^ {2}DENY when \{"warehouse\.assignments":\{"\$some":\{"active":false\}\}\} {2}\(.*care\.json#\/permissions\/storekeeper\/2\) {2}→ does not hold for this record$/),
        expect.stringMatching(/^ {2}allow when \{"warehouse\.assignments":\{"\$some":\{"user":"[0-9a-f-]{36}","active":true\}\}\} {2}\(.*#\/permissions\/storekeeper\/0\) {2}→ holds for this record$/),
        `  warehouse.assignments: 1 related record (${assignment.id})`,
        expect.stringMatching(new RegExp(`^Record ${entry.id}: ALLOWED by .*care\\.json#/permissions/storekeeper/0$`)),
      ]),
    );
    const parent = await explainAccess(runtime, { entityKey: 'care.stock_entry', slug, email: orgA.fixture.users.get('parent')!.email, recordId: entry.id, action: 'update' });
    expect(parent).toContain(`  warehouse.keeper.user = ${JSON.stringify(orgA.fixture.users.get('parent')!.id)}`);
    expect(parent.at(-1)).toBe(`Record ${entry.id}: DENIED (no rule matched)`);
  });
});

describe('custom roles are validated like manifests', () => {
  it('refuses a $some on a reference to one record, a fourth hop and an unknown segment, with a pointer to each', () => {
    let problems: string[] = [];
    try {
      validateCustomRules(runtime.registry, [
        { action: 'read', subject: 'care.stock_entry', conditions: { warehouse: { $some: { name: 'x' } } } },
        { action: 'read', subject: 'care.attendance', conditions: { 'student.guardians': { $some: { 'guardian.user.email': 'x@y.z' } } } },
        { action: 'read', subject: 'care.attendance', conditions: { 'student.nope': 1 } },
      ]);
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestError);
      problems = (err as ManifestError).problems.map((p) => `${p.pointer}: ${p.message}`);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^\/0\/conditions\/warehouse: \$some needs a reverse reference \(to-many\), and "warehouse" on care\.stock_entry is a reference to one record/),
      expect.stringMatching(/^\/1\/conditions\/student\.guardians\/\$some\/guardian\.user\.email: "guardian\.user\.email" takes 4 reference hops counting the enclosing \$some; conditions allow at most 3/),
      expect.stringMatching(/^\/2\/conditions\/student\.nope: unknown field "nope" on care\.student \(in "student\.nope"\)/),
    ]);
  });
});
