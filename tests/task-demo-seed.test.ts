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
import { localDate, serverTimeZone } from '../core/manifest/dates.js';
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

  it('the dashboard cards count exactly what the seed made: overdue, blocked and completed this week, per login', async () => {
    const items = await all('task.work_item');
    const group = new Map((await all('task.state')).map((s) => [s.id, String(s.group)]));
    const open = (i: RecordData) => !['completed', 'cancelled'].includes(group.get(String(i.state))!);
    const byId = new Map(items.map((i) => [i.id, i]));
    const relations = await all('task.relation');
    const members = await all('task.member');
    const users = new Map((await all('core.user')).map((u) => [String(u.email), u.id]));
    const today = localDate(new Date(), serverTimeZone());
    const now = Date.now();
    // The seed completes items either now or at least 8 days ago, never in between: "this week" is the first kind in any time zone.
    const completed = items.filter((i) => i.completed_at).map((i) => now - Date.parse(String(i.completed_at)));
    expect(completed.filter((age) => age > 86_400_000 && age < 8 * 86_400_000)).toEqual([]);
    const expected = (email: string) => {
      const projects = new Set(members.filter((m) => m.user === users.get(email)).map((m) => m.project));
      const seen = items.filter((i) => projects.has(i.project));
      return {
        overdue: seen.filter((i) => open(i) && String(i.due_date) < today).length,
        blocked: seen.filter((i) => open(i) && relations.some((r) => r.kind === 'blocks' && r.other === i.id && open(byId.get(String(r.item))!))).length,
        completedThisWeek: seen.filter((i) => i.completed_at && now - Date.parse(String(i.completed_at)) <= 86_400_000).length,
      };
    };
    const server: TestServer = await startTestServer(runtime);
    try {
      const cardsOf = async (email: string) => {
        const session = await server.login(email, 'demo1234');
        return Object.fromEntries(((await session.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[]).map((c) => [c.label, c.count]));
      };
      const member = await cardsOf('member@task.demo');
      const forMember = expected('member@task.demo');
      expect(member['My open items']).toBeGreaterThan(0);
      expect(forMember.overdue).toBeGreaterThan(0);
      expect(forMember.blocked).toBeGreaterThan(0);
      expect(forMember.completedThisWeek).toBeGreaterThan(0);
      expect([member['Overdue items'], member['Blocked items'], member['Completed this week']]).toEqual([forMember.overdue, forMember.blocked, forMember.completedThisWeek]);
      const manager = await cardsOf('manager@task.demo');
      const forManager = expected('manager@task.demo');
      expect(manager['Time entries awaiting approval']).toBeGreaterThan(0);
      expect([manager['Overdue items'], manager['Blocked items'], manager['Completed this week']]).toEqual([forManager.overdue, forManager.blocked, forManager.completedThisWeek]);
      // The seed's rule, item by item: the completed items it made with index i % 3 === 0 (item n of project p was made
      // i = (n - 1) * 4 + p) and the parents it completed over their done children.
      const projectIndex = new Map(['WEB', 'MOB', 'OPS', 'DATA'].map((k, p) => [k, p]));
      const made = (i: RecordData) => {
        const [key, n] = String(i.number).split('-');
        return (Number(n) - 1) * 4 + projectIndex.get(key)!;
      };
      const isParent = (i: RecordData) => items.some((c) => c.parent === i.id);
      const thisWeek = items.filter((i) => i.completed_at && now - Date.parse(String(i.completed_at)) <= 86_400_000);
      const rule = items.filter((i) => group.get(String(i.state)) === 'completed' && (isParent(i) || made(i) % 3 === 0));
      expect(thisWeek.map((i) => i.number).sort()).toEqual(rule.map((i) => i.number).sort());
      expect(thisWeek.length).toBeGreaterThan(20);
      expect(manager['Completed this week']).toBe(thisWeek.length);
    } finally {
      await server.close();
    }
  });
});
