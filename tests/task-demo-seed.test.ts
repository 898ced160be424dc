/**
 * The project office demo organization (full size: 4 projects, 12 users, 300
 * work items with 30 parents, 40 relations including a blocked chain, 3
 * cycles, 800 time entries over 6 weeks): a login per role signing in with
 * demo1234, numbers gapless per project, no completed parent over an open
 * child, time in every timesheet state, and the dashboard cards counting.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { findOrganization } from '../core/tenancy/index.js';
import { seedDemoIfEmpty, type DemoLogin } from '../core/tenancy/demo.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let logins: DemoLogin[];
let system: RecordService;
let seconds: number;

beforeAll(async () => {
  runtime = await createTestRuntime();
  const started = Date.now();
  logins = (await seedDemoIfEmpty(runtime, { systemTypes: ['task'] }))!;
  seconds = (Date.now() - started) / 1000;
  const organizationId = (await findOrganization(runtime, 'task')).id;
  system = await RecordService.for(runtime, { kind: 'system', organizationId, reason: 'test' });
}, 300_000);
afterAll(() => runtime.dispose());

async function all(key: string): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of system.findPages(key)) out.push(...page);
  return out;
}

describe('project office demo seed', () => {
  it('creates a login per role, each signing in with demo1234, and 12 users in all', async () => {
    console.log(`task demo seed: ${seconds.toFixed(1)} s`);
    expect(logins.map((l) => l.email).sort()).toEqual(['admin@task.demo', 'manager@task.demo', 'member@task.demo', 'viewer@task.demo']);
    for (const l of logins) expect(await authenticator(runtime)(l.email, 'demo1234')).toBeTruthy();
    expect(await system.count('core.user')).toBe(12);
  });

  it('has the issue’s numbers: 4 projects, 300 items (30 parents), 40 relations, 3 cycles, 800 time entries', async () => {
    expect(await system.count('task.project')).toBe(4);
    const items = await all('task.work_item');
    expect(items).toHaveLength(300);
    expect(new Set(items.filter((i) => i.parent).map((i) => i.parent)).size).toBeGreaterThanOrEqual(25);
    expect(await system.count('task.relation')).toBe(40);
    expect(await system.count('task.cycle')).toBe(3);
    expect(await system.count('task.time_entry')).toBe(800);
  });

  it('numbers are gapless per project, and no completed parent has an open child', async () => {
    const items = await all('task.work_item');
    const projects = await all('task.project');
    for (const p of projects) {
      const numbers = items.filter((i) => i.project === p.id).map((i) => String(i.number));
      expect(numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b)).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      expect(numbers.every((n) => n.startsWith(`${String(p.key)}-`))).toBe(true);
    }
    const group = new Map((await all('task.state')).map((s) => [s.id, String(s.group)]));
    const byId = new Map(items.map((i) => [i.id, i]));
    const open = (i: RecordData) => !['completed', 'cancelled'].includes(group.get(String(i.state))!);
    const broken = items.filter((i) => i.parent && open(i) && group.get(String(byId.get(String(i.parent))!.state)) === 'completed');
    expect(broken).toEqual([]);
    expect(items.some((i) => !open(i) && items.some((c) => c.parent === i.id))).toBe(true);
  });

  it('has time in every timesheet state and a blocked chain of open items', async () => {
    const entries = await all('task.time_entry');
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set(['draft', 'submitted', 'approved', 'rejected']));
    const blocks = (await all('task.relation')).filter((r) => r.kind === 'blocks');
    // Some item both is blocked and blocks another: a chain.
    expect(blocks.some((r) => blocks.some((s) => s.item === r.other))).toBe(true);
  });

  it('the member’s dashboard counts their open items, overdue, blocked and waiting timesheet entries', async () => {
    const server: TestServer = await startTestServer(runtime);
    try {
      const member = await server.login('member@task.demo', 'demo1234');
      const cards = Object.fromEntries(((await member.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[]).map((c) => [c.label, c.count]));
      expect(cards['My open items']).toBeGreaterThan(0);
      expect(cards['Overdue items']).toBeGreaterThan(0);
      expect(cards['Blocked items']).toBeGreaterThan(0);
      const manager = await server.login('manager@task.demo', 'demo1234');
      const managerCards = Object.fromEntries(((await manager.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[]).map((c) => [c.label, c.count]));
      expect(managerCards['Time entries awaiting approval']).toBeGreaterThan(0);
      expect(managerCards['Completed this week']).toBeGreaterThanOrEqual(0);
    } finally {
      await server.close();
    }
  });
});
