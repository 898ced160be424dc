/**
 * The HR and task dashboards' charts, over HTTP as each viewer: payroll cost
 * this month against last month (payslips' gross summed per month of their
 * run's period, one hop through the run), a member's items by state group
 * (grouped one hop through the state), and hours logged against the estimate
 * (a table whose progress sums the items' time entries).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { createTaskWorld, type TaskWorld } from './support/task.js';
import { ManifestError } from '../core/errors.js';
import type { Json } from './support/makerspace-fixture.js';
import { registryWith } from './support/workflow-fixture.js';

interface Card {
  label: string;
  type: string;
  labels?: string[];
  values?: number[];
  measure?: { label: string };
  columns?: string[];
  rows?: { cells: { text: string }[]; progress?: { value: number; max: number } }[];
}

let runtime: TestRuntime;
let server: TestServer;
let hr: Fixture;
let task: TaskWorld;

const firstOfMonth = (offset: number): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
};
const lastOfMonth = (offset: number): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 0)).toISOString().slice(0, 10);
};

async function cards(email: string): Promise<Card[]> {
  const client = await server.login(email, 'secret-123');
  const res = await client.get('/admin/api/dashboard');
  expect(res.status).toBe(200);
  return res.body.cards as Card[];
}
const find = (all: Card[], label: string): Card | undefined => all.find((c) => c.label === label);

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  hr = await createFixtureOrg(runtime, 'hr', ['employee', 'hr_officer', 'payroll_officer', 'finance']);
  const officer = await hr.as('hr_officer');
  const payroll = await hr.as('payroll_officer');
  const structure = await payroll.create('hr.salary_structure', { name: 'Staff' });
  for (const [name, abbreviation, kind, amount] of [['Basic', 'B', 'EARNING', 1500], ['Meal allowance', 'MA', 'EARNING', 120.5], ['Income tax', 'TAX', 'DEDUCTION', 160]] as const) {
    const c = await payroll.create('hr.salary_component', { name, abbreviation, kind });
    await payroll.create('hr.salary_structure_line', { structure: structure.id, component: c.id, amount });
  }
  const employee = async (name: string) => {
    const e = await officer.create('hr.employee', { name, join_date: '2025-01-06' });
    await payroll.create('hr.salary_assignment', { employee: e.id, structure: structure.id, from_date: '2025-01-01', base: 1500 });
  };
  await employee('Maya');
  await employee('Colin');
  const run = async (offset: number) => {
    const r = await payroll.create('hr.payroll_run', { period_start: firstOfMonth(offset), period_end: lastOfMonth(offset) });
    await payroll.runAction('hr.payroll_run', 'create_slips', String(r.id));
  };
  await run(-1);
  await employee('Sumon');
  await run(0);
  task = await createTaskWorld(runtime);
  server = await startTestServer(runtime);
}, 180_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('HR: payroll cost vs last month', () => {
  it('sums the payslips\' gross per month of their run: last month and this month', async () => {
    const c = find(await cards(hr.users.get('payroll_officer')!.email), 'Payroll cost vs last month')!;
    expect(c).toMatchObject({ type: 'chart', measure: { label: 'Gross' } });
    expect(c.labels).toHaveLength(2);
    // Two employees last month, three this month, 1,620.50 gross each.
    expect(c.values).toEqual([3241, 4861.5]);
  });

  it('is shown to payroll and finance, not to an employee', async () => {
    expect(find(await cards(hr.users.get('finance')!.email), 'Payroll cost vs last month')?.values).toEqual([3241, 4861.5]);
    expect(find(await cards(hr.users.get('employee')!.email), 'Payroll cost vs last month')).toBeUndefined();
  });
});

describe('task: my items by state group, hours logged vs estimate', () => {
  it('groups the viewer\'s own items by their state\'s group', async () => {
    const c = find(await cards(task.users.member.email), 'My items by state group')!;
    expect(c.type).toBe('chart');
    // The member is assigned one item, in an Unstarted state.
    expect(c.labels).toEqual(['Unstarted']);
    expect(c.values).toEqual([1]);
    // Another assignment in a started state: a second group.
    await task.system.create('task.assignee', { work_item: task.items.epic.id, user: task.users.member.id });
    const again = find(await cards(task.users.member.email), 'My items by state group')!;
    expect(Object.fromEntries(again.labels!.map((l, i) => [l, again.values![i]]))).toEqual({ Unstarted: 1, Started: 1 });
    await task.system.delete('task.assignee', String((await task.system.find('task.assignee', { filters: [{ field: 'work_item', op: 'eq', value: task.items.epic.id }, { field: 'user', op: 'eq', value: task.users.member.id }] }))[0].id));
  });

  it('shows the hours logged on each open item with an estimate, out of the estimate', async () => {
    const c = find(await cards(task.users.manager.email), 'Hours logged vs estimate')!;
    expect(c.type).toBe('table');
    const row = c.rows!.find((r) => r.cells.some((cell) => cell.text === String(task.items.child.number)))!;
    // 2 + 3 hours logged on an estimate of 6.
    expect(row.progress).toEqual({ value: 5, max: 6 });
  });
});

describe('load-time checks of the card options', () => {
  const manifest = (card: Json): Json => ({
    id: 'desk',
    version: '1.0.0',
    label: 'Desk',
    systemTypes: [{ name: 'desk', label: 'Desk (cards fixture)' }],
    entities: [
      { name: 'kind', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }, { name: 'group', type: 'enum', values: ['a', 'b'] }] },
      { name: 'job', titleField: 'title', fields: [{ name: 'title', type: 'string', required: true }, { name: 'kind', type: 'reference', target: 'kind' }, { name: 'estimate', type: 'decimal' }] },
      { name: 'log', titleField: 'note', fields: [{ name: 'note', type: 'string' }, { name: 'job', type: 'reference', target: 'job' }, { name: 'hours', type: 'decimal' }] },
    ],
    roles: [{ name: 'clerk', label: 'Clerk' }],
    permissions: { clerk: [{ action: 'manage', subject: ['kind', 'job', 'log'] }] },
    dashboard: [card],
  });
  function problems(m: Json): string[] {
    try {
      registryWith(m);
      return [];
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      return err.problems.map((p) => `${p.pointer}: ${p.message}`);
    }
  }
  const chart = (groupBy: string): Json => ({ type: 'chart', label: 'C', entity: 'job', chart: 'pie', groupBy });
  const table = (sum: string): Json => ({ type: 'table', label: 'T', entity: 'job', columns: ['title'], progress: { label: 'Hours', count: 'log', via: 'job', sum, of: 'estimate' } });

  it('a group one hop through a reference loads; a wrong hop is named', () => {
    expect(problems(manifest(chart('kind.group')))).toEqual([]);
    expect(problems(manifest(chart('kind.colour')))).toEqual([expect.stringMatching(/dashboard\/0\/groupBy: unknown field "kind.colour"/)]);
    expect(problems(manifest(chart('title.group')))).toEqual([expect.stringMatching(/unknown field "title.group"/)]);
    expect(problems(manifest(chart('kind.group.x')))).toEqual([expect.stringMatching(/unknown field "kind.group.x"/)]);
  });

  it('a share (a ratio of two counts) loads on a chart; with a sum, on another card type or over an unknown field it is named', () => {
    const share = { conditions: { estimate: { $gt: 2 } } };
    expect(problems(manifest({ ...chart('kind'), share }))).toEqual([]);
    expect(problems(manifest({ ...chart('kind'), share, sum: 'estimate' }))).toEqual(['/dashboard/0/share: "share" counts records: give "share" or "sum", not both']);
    expect(problems(manifest({ type: 'count', label: 'N', entity: 'job', share }))).toEqual(['/dashboard/0/share: "share" belongs to a chart card (this one is "count")']);
    expect(problems(manifest({ ...chart('kind'), share: { conditions: { colour: 'red' } } }))).toEqual([expect.stringMatching(/^\/dashboard\/0\/share\/conditions.*colour/)]);
  });

  it('a progress that sums a number field loads; one that sums text is named', () => {
    expect(problems(manifest(table('hours')))).toEqual([]);
    expect(problems(manifest(table('note')))).toEqual([expect.stringMatching(/progress\/sum: "note" is not a number field of Log/)]);
  });
});
