/**
 * Expense claims through AdminJS's HTTP API, signed in as each role (Frappe
 * HRMS's flow: the employee files and submits their own claim, the
 * employee's expense approver approves or rejects it, finance pays it):
 * an employee files a claim for themselves only and edits it only while it is
 * a draft; the approver sees a claim of their employees once submitted (never
 * a draft) and approves it with a POST, another approver neither sees nor
 * approves it, finance cannot approve it in the approver's place; only
 * finance marks an approved claim paid (a GET does nothing); a paid or
 * rejected claim is read-only for every role, the organization admin too.
 * An approved claim is paid back on the next payroll run's payslip as an
 * earning line (once: cancelling the run frees it for the next), finance
 * cannot mark it paid by hand meanwhile, and paying the run marks it paid.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const ROLES = ['employee', 'approver', 'hr_officer', 'payroll_officer', 'finance'] as const;
type Login = (typeof ROLES)[number] | 'other' | 'admin';
let runtime: TestRuntime;
let org: Fixture;
let server: TestServer;
let system: RecordService;
const clients = new Map<Login, AdminClient>();
let me: string;
let colleague: string;

const CLAIM = 'HrExpenseClaim';
const api = (rest: string): string => `/admin/api/resources/${CLAIM}/${rest}`;
const as = (login: Login): AdminClient => clients.get(login)!;
const notice = (res: { body: Record<string, unknown> }) => res.body.notice as { type?: string; message?: string } | undefined;
const run = (id: string): string => `/admin/api/resources/HrPayrollRun/records/${id}/`;
const statusOf = async (id: string): Promise<string> => String((await system.get('hr.expense_claim', id)).status);

async function listIds(login: Login): Promise<string[]> {
  const res = await as(login).get(api('actions/list?perPage=500'));
  expect(res.status).toBe(200);
  return (res.body.records ?? []).map((r) => r.id).sort();
}

/** Files a claim as the employee through the admin's form and returns its id. */
async function file(description: string, amount: string): Promise<string> {
  const res = await as('employee').post(api('actions/new'), { employee: me, claim_date: '2026-02-10', description, amount });
  expect(notice(res)).toMatchObject({ type: 'success' });
  return String((res.body.record as { params: { id: string } }).params.id);
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'hr', [...ROLES]);
  system = await org.system();
  const other = await createUser(runtime, org.org.slug, { email: `other@${org.org.slug}.test`, password: 'secret-123', name: 'Other approver', roles: ['hr.approver'] });
  me = String((await system.create('hr.employee', { name: 'সুমাইয়া রহমান', user: org.users.get('employee')!.id, join_date: '2025-01-06', expense_approver: org.users.get('approver')!.id })).id);
  colleague = String((await system.create('hr.employee', { name: 'Colleague', join_date: '2025-01-06', expense_approver: other.id })).id);
  server = await startTestServer(runtime);
  for (const role of ROLES) clients.set(role, await server.login(org.users.get(role)!.email, 'secret-123'));
  clients.set('other', await server.login(`other@${org.org.slug}.test`, 'secret-123'));
  clients.set('admin', await server.login(org.users.get('admin')!.email, 'secret-123'));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('expense claims: employee → their approver → finance', () => {
  let taxi: string;

  it('an employee files a claim for themselves (Bengali text kept), not for a colleague, and a bad amount is a field error', async () => {
    taxi = await file('ঢাকায় ক্লায়েন্টের অফিসে ট্যাক্সি ভাড়া', '350.50');
    const saved = await system.get('hr.expense_claim', taxi);
    expect(saved).toMatchObject({ description: 'ঢাকায় ক্লায়েন্টের অফিসে ট্যাক্সি ভাড়া', status: 'DRAFT' });
    expect(Number(saved.amount)).toBe(350.5);
    expect(String(saved.number)).toMatch(/^EXP-\d{4}-\d{5}$/);
    const refused = await as('employee').post(api('actions/new'), { employee: colleague, claim_date: '2026-02-10', description: 'Not mine', amount: '10' });
    expect(refused.status).toBeLessThan(500);
    expect(notice(refused)?.type).not.toBe('success');
    const zero = await as('employee').post(api('actions/new'), { employee: me, claim_date: '2026-02-10', description: 'Nothing', amount: '0' });
    expect(zero.status).toBeLessThan(500);
    expect((zero.body.record as { errors?: Record<string, unknown> } | undefined)?.errors?.amount).toBeDefined();
    expect(await system.count('hr.expense_claim')).toBe(1);
  });

  it('a draft is the employee’s own: the approver does not list it yet; the employee edits it', async () => {
    expect(await listIds('employee')).toEqual([taxi]);
    expect(await listIds('approver')).toEqual([]);
    expect(await listIds('other')).toEqual([]);
    expect(notice(await as('employee').post(api(`records/${taxi}/edit`), { amount: '360' }))).toMatchObject({ type: 'success' });
    expect(Number((await system.get('hr.expense_claim', taxi)).amount)).toBe(360);
  });

  it('only the employee submits; a submitted claim is locked for them and listed for their approver only', async () => {
    expect(notice(await as('approver').post(api(`records/${taxi}/submit`), { comment: '' }))?.type).not.toBe('success');
    expect(await statusOf(taxi)).toBe('DRAFT');
    // A GET does not submit.
    await as('employee').get(api(`records/${taxi}/submit`));
    expect(await statusOf(taxi)).toBe('DRAFT');
    expect(notice(await as('employee').post(api(`records/${taxi}/submit`), { comment: '' }))).toMatchObject({ type: 'success' });
    expect(await statusOf(taxi)).toBe('SUBMITTED');
    expect(notice(await as('employee').post(api(`records/${taxi}/edit`), { amount: '9999' }))?.type).toBe('error');
    expect(notice(await as('employee').post(api(`records/${taxi}/delete`)))?.type).toBe('error');
    expect(Number((await system.get('hr.expense_claim', taxi)).amount)).toBe(360);
    expect(await listIds('approver')).toEqual([taxi]);
    expect(await listIds('other')).toEqual([]);
    expect(await listIds('finance')).toEqual([taxi]);
  });

  it('another approver and finance cannot approve it; the employee’s approver does, and finance cannot pay before that', async () => {
    expect(notice(await as('finance').post(api(`records/${taxi}/pay`), { comment: '' }))?.type).not.toBe('success');
    for (const login of ['other', 'finance', 'employee'] as const) {
      const res = await as(login).post(api(`records/${taxi}/approve`), { comment: 'ok' });
      expect(res.status).toBeLessThan(500);
      expect(await statusOf(taxi)).toBe('SUBMITTED');
    }
    await as('approver').get(api(`records/${taxi}/approve`));
    expect(await statusOf(taxi)).toBe('SUBMITTED');
    const res = await as('approver').post(api(`records/${taxi}/approve`), { comment: 'ঠিক আছে' });
    expect(res.status).toBe(200);
    expect(await statusOf(taxi)).toBe('APPROVED');
    // The employee hears of it.
    const [note] = await system.asSystem('test').find('core.notification', { filters: [{ field: 'user', op: 'eq', value: org.users.get('employee')!.id }] });
    expect(String(note?.title ?? note?.message ?? JSON.stringify(note))).toMatch(/approved/);
  });

  it('only finance marks an approved claim paid (a GET does nothing)', async () => {
    for (const login of ['approver', 'employee', 'payroll_officer', 'hr_officer'] as const) {
      expect(notice(await as(login).post(api(`records/${taxi}/pay`), { comment: '' }))?.type).not.toBe('success');
    }
    await as('finance').get(api(`records/${taxi}/pay`));
    expect(await statusOf(taxi)).toBe('APPROVED');
    expect(notice(await as('finance').post(api(`records/${taxi}/pay`), { comment: '' }))).toMatchObject({ type: 'success' });
    expect(await statusOf(taxi)).toBe('PAID');
  });

  it('a rejected claim needs a comment and, like a paid one, is read-only for every role, the admin too', async () => {
    const lunch = await file('Team lunch', '80');
    expect(notice(await as('employee').post(api(`records/${lunch}/submit`), { comment: '' }))).toMatchObject({ type: 'success' });
    await as('approver').post(api(`records/${lunch}/reject`), { comment: '' });
    expect(await statusOf(lunch)).toBe('SUBMITTED');
    await as('approver').post(api(`records/${lunch}/reject`), { comment: 'Not a business expense' });
    expect(await statusOf(lunch)).toBe('REJECTED');
    for (const id of [taxi, lunch]) {
      for (const login of [...ROLES, 'admin'] as const) {
        const edit = await as(login).post(api(`records/${id}/edit`), { amount: '1', description: 'changed' });
        expect(edit.status).toBeLessThan(500);
        expect([login, notice(edit)?.type]).not.toEqual([login, 'success']);
        const del = await as(login).post(api(`records/${id}/delete`));
        expect(del.status).toBeLessThan(500);
        expect([login, notice(del)?.type]).not.toEqual([login, 'success']);
      }
    }
    expect(await system.get('hr.expense_claim', taxi)).toMatchObject({ status: 'PAID', description: 'ঢাকায় ক্লায়েন্টের অফিসে ট্যাক্সি ভাড়া' });
    expect(Number((await system.get('hr.expense_claim', lunch)).amount)).toBe(80);
  });

  it('the data layer holds the lock too: the admin’s own RecordService cannot change or delete a paid claim', async () => {
    const admin = await org.as('admin');
    await expect(admin.update('hr.expense_claim', taxi, { amount: 1 })).rejects.toThrow(/cannot be edited|not allowed|forbidden/i);
    await expect(admin.delete('hr.expense_claim', taxi)).rejects.toThrow(/cannot be deleted|not allowed|forbidden/i);
    expect(Number((await system.get('hr.expense_claim', taxi)).amount)).toBe(360);
  });
});

describe('an approved claim is paid back in the next payroll run', () => {
  let hotel: string;

  it('the next run’s payslip pays it back as one earning line; finance cannot mark it paid by hand meanwhile', async () => {
    const payroll = await org.as('payroll_officer');
    const structure = await payroll.create('hr.salary_structure', { name: 'Staff' });
    const basic = await payroll.create('hr.salary_component', { name: 'Basic', abbreviation: 'B' });
    await payroll.create('hr.salary_structure_line', { structure: structure.id, component: basic.id, amount: 1000 });
    await payroll.create('hr.salary_assignment', { employee: me, structure: structure.id, from_date: '2025-01-01', base: 1000 });
    hotel = await file('চট্টগ্রামে হোটেল', '240.25');
    expect(notice(await as('employee').post(api(`records/${hotel}/submit`), { comment: '' }))).toMatchObject({ type: 'success' });
    expect(notice(await as('approver').post(api(`records/${hotel}/approve`), { comment: '' }))).toMatchObject({ type: 'success' });
    // A first run for March is cancelled: its payslips go, and the claim with them falls due again.
    const first = String((await payroll.create('hr.payroll_run', { period_start: '2026-03-01', period_end: '2026-03-31' })).id);
    expect(notice(await as('payroll_officer').post(`${run(first)}create_slips`))).toMatchObject({ type: 'success' });
    expect(await system.count('hr.payslip_line', [{ field: 'expense_claim', op: 'eq', value: hotel }])).toBe(1);
    expect(notice(await as('payroll_officer').post(`${run(first)}cancel`, { comment: '' }))).toMatchObject({ type: 'success' });
    expect(await system.count('hr.payslip_line', [{ field: 'expense_claim', op: 'eq', value: hotel }])).toBe(0);
    const march = String((await payroll.create('hr.payroll_run', { period_start: '2026-03-01', period_end: '2026-03-31' })).id);
    expect(notice(await as('payroll_officer').post(`${run(march)}create_slips`))).toMatchObject({ type: 'success' });
    const [slip] = await system.find('hr.payslip', { filters: [{ field: 'run', op: 'eq', value: march }, { field: 'employee', op: 'eq', value: me }] });
    const lines = await system.find('hr.payslip_line', { filters: [{ field: 'payslip', op: 'eq', value: slip.id }] });
    const claimLine = lines.find((l) => l.expense_claim === hotel);
    expect(claimLine).toMatchObject({ kind: 'EARNING', description: expect.stringMatching(/^Expense claim EXP-\d{4}-\d{5}: চট্টগ্রামে হোটেল$/) });
    expect(Number(claimLine!.amount)).toBe(240.25);
    // Only the approved claim: the paid and the rejected ones are not paid again.
    expect(lines.filter((l) => l.expense_claim)).toHaveLength(1);
    expect(Number((await system.get('hr.payslip', slip.id)).gross)).toBe(1240.25);
    const byHand = await as('finance').post(api(`records/${hotel}/pay`), { comment: '' });
    expect(byHand.status).toBeLessThan(500);
    expect(notice(byHand)).toMatchObject({ type: 'error', message: expect.stringMatching(/paid back on the payslip of payroll run 2026-03-01 to 2026-03-31/) });
    expect(await statusOf(hotel)).toBe('APPROVED');
  });

  it('paying the run marks the claim paid, named in the claim’s history', async () => {
    const [march] = await system.find('hr.payroll_run', { filters: [{ field: 'period_start', op: 'eq', value: '2026-03-01' }, { field: 'status', op: 'eq', value: 'SLIPS_CREATED' }] });
    expect(notice(await as('payroll_officer').post(`${run(march.id)}approve`, { comment: 'March' }))?.type).toBe('success');
    expect(notice(await as('finance').post(`${run(march.id)}approve`, { comment: '' }))?.type).toBe('success');
    expect(await statusOf(hotel)).toBe('APPROVED');
    expect(notice(await as('finance').post(`${run(march.id)}pay`, { comment: '' }))).toMatchObject({ type: 'success' });
    expect((await system.get('hr.payroll_run', march.id)).status).toBe('PAID');
    expect(await statusOf(hotel)).toBe('PAID');
    const events = (await runtime.dataSource.query(`SELECT transition, system_actor FROM core_workflow_event WHERE organization_id = $1 AND record_id = $2 AND transition = 'pay'`, [org.org.id, hotel])) as { transition: string; system_actor: string | null }[];
    expect(events).toEqual([{ transition: 'pay', system_actor: expect.stringContaining('payroll-claims') }]);
  });
});
