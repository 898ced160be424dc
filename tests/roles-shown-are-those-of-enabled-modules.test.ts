/**
 * An organization's roles are those of its enabled modules plus its custom roles (core.role's
 * `moduleField`): a hospital lists no library or institute roles in the role list, the role picker
 * (AdminJS search), a CSV export, the data layer or a single-record read. The approver-override
 * pickers (the override resource's `overrideOptions`, over real HTTP) offer the workflows of enabled
 * modules with their transitions and steps, and the organization's roles; a combination that does
 * not exist, or a role of a module the organization has not enabled, is a field error.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { errorOf } from './support/errors.js';
import { fetchAs } from './support/files.js';
import { sessionCookie, startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let hospital: Fixture;
let admin: AdminClient;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  hospital = await createFixtureOrg(runtime, 'hospital', ['receptionist']);
  const system = await hospital.system();
  await system.create('core.role', { name: 'night_desk', label: 'Night desk', rules: [] });
  server = await startTestServer(runtime);
  admin = await server.login(hospital.users.get('admin')!.email, 'secret-123');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const isForeign = (name: string): boolean => !name.startsWith('hospital.') && name !== 'admin' && name !== 'night_desk';

describe("a hospital's roles", () => {
  it('exist as rows of every module (so re-enabling a module keeps assignments), but the data layer shows the hospital only its own and its custom roles', async () => {
    const system = await hospital.system();
    // The rows are there: a system read (no user, no rules) sees them all.
    expect((await system.find('core.role', { limit: 1000 })).some((r) => r.name === 'library.librarian')).toBe(true);
    const asAdmin = await hospital.as('admin');
    const names = (await asAdmin.find('core.role', { limit: 1000 })).map((r) => String(r.name));
    expect(names).toContain('hospital.doctor');
    expect(names).toContain('admin');
    expect(names).toContain('night_desk');
    expect(names.filter(isForeign)).toEqual([]);
    expect(await asAdmin.count('core.role')).toBe(names.length);
    // The single-record read agrees with the list: a library role does not exist for the hospital.
    const [librarian] = await system.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'library.librarian' }] });
    expect(await errorOf(() => asAdmin.get('core.role', String(librarian.id)))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the admin list, the role picker (search) and the CSV export list no library or institute roles', async () => {
    const list = await admin.get(api('CoreRole', 'actions/list?perPage=500'));
    const listed = (list.body.records ?? []).map((r) => String(r.params.name));
    expect(listed).toContain('hospital.nurse');
    expect(listed.filter(isForeign)).toEqual([]);
    // "member" and "teacher" are only library/institute/gym roles: the picker finds none of them.
    for (const q of ['member', 'teacher', 'librar']) {
      const res = await admin.get(api('CoreRole', `actions/search/${q}`));
      expect((res.body.records as unknown as { title: string }[]).map((r) => r.title)).toEqual([]);
    }
    const doctors = await admin.get(api('CoreRole', 'actions/search/doctor'));
    expect((doctors.body.records as unknown as { title: string }[]).map((r) => r.title)).toEqual(['Doctor (Hospital)']);
    const cookie = await sessionCookie(server.url, hospital.users.get('admin')!.email, 'secret-123');
    const csv = await fetchAs(server.url, cookie, '/admin/x/export/core.role.csv');
    expect(csv.status).toBe(200);
    const [header, ...rows] = parse(await csv.text(), { bom: true }) as string[][];
    const exported = rows.map((r) => r[header.indexOf('name')]);
    expect(exported).toContain('hospital.patient');
    expect(exported.filter(isForeign)).toEqual([]);
  });
});

interface Options {
  workflows: { key: string; transitions: { name: string; steps: { name: string; roles: string[] }[] }[] }[];
  roles: { key: string; label: string }[];
}

describe('approver-override pickers', () => {
  it("offer the hospital's workflows with approvals, their transitions and steps, and the hospital's roles only", async () => {
    const res = await admin.get(api('CoreApprovalOverride', 'actions/overrideOptions'));
    expect(res.status).toBe(200);
    const options = res.body as unknown as Options;
    expect(options.workflows.map((w) => w.key)).toEqual(['hospital.stay']);
    expect(options.workflows[0].transitions).toEqual([{ name: 'discharge', label: expect.any(String), steps: [expect.objectContaining({ name: 'nursing' }), expect.objectContaining({ name: 'billing' })] }]);
    const keys = options.roles.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['admin', 'hospital.nurse', 'night_desk']));
    expect(keys.filter(isForeign)).toEqual([]);
    // Labelled as the role picker labels them.
    expect(options.roles.find((r) => r.key === 'hospital.nurse')?.label).toBe('Nurse (Hospital)');
  });

  it('a receptionist, who may not write overrides, is not answered', async () => {
    const receptionist = await server.login(hospital.users.get('receptionist')!.email, 'secret-123');
    const res = await receptionist.get(api('CoreApprovalOverride', 'actions/overrideOptions'));
    expect((res.body as Partial<Options>).workflows).toBeUndefined();
  });

  it('a combination that does not exist, and a role of a module not enabled here, are field errors; a picked one is saved', async () => {
    const save = async (values: Record<string, string>): Promise<Record<string, { message: string }>> => {
      const res = await admin.post(api('CoreApprovalOverride', 'actions/new'), values);
      expect(res.status).toBe(200);
      return (res.body.record as { errors: Record<string, { message: string }> }).errors;
    };
    // The institute's workflow exists in the manifests, but not in a hospital.
    expect((await save({ workflow: 'institute.course_lifecycle', transition: 'approve', step: 'academic', roles: '["admin"]' })).workflow.message).toMatch(/no workflow "institute.course_lifecycle" with approvals in this organization \(workflows: hospital.stay\)/);
    expect((await save({ workflow: 'hospital.stay', transition: 'admit', step: 'nursing', roles: '["admin"]' })).transition.message).toMatch(/no transition "admit" with approvals \(transitions: discharge\)/);
    expect((await save({ workflow: 'hospital.stay', transition: 'discharge', step: 'pharmacy', roles: '["admin"]' })).step.message).toMatch(/no step "pharmacy" \(steps: nursing, billing\)/);
    expect((await save({ workflow: 'hospital.stay', transition: 'discharge', step: 'billing', roles: '["library.librarian"]' })).roles.message).toMatch(/unknown role "library.librarian" in this organization/);
    expect((await save({ workflow: 'hospital.stay', transition: 'discharge', step: 'billing', roles: '[]' })).roles.message).toMatch(/pick at least one role/);
    expect(await save({ workflow: 'hospital.stay', transition: 'discharge', step: 'billing', roles: '["night_desk", "hospital.receptionist"]' })).toEqual({});
    const [saved] = await (await hospital.system()).find('core.approval_override');
    expect(saved).toMatchObject({ workflow: 'hospital.stay', transition: 'discharge', step: 'billing', roles: ['night_desk', 'hospital.receptionist'] });
  });
});
