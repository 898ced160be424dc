/**
 * A project office built by code. Two projects: Alpha (key AL) run by the
 * manager login, where the member login works and the viewer login reads,
 * and Beta (key BE) run by a second manager, where an outsider member works.
 * Alpha has an epic with one child assigned to the member, a second item
 * that blocks it and a cycle; Beta has one item. Time: the member's draft and
 * approved entries on Alpha, the outsider's draft on Beta.
 */
import type { RecordData, RecordService } from '../../core/data/records.js';
import type { Runtime } from '../../core/runtime.js';
import { createUser } from '../../core/tenancy/index.js';
import { createFixtureOrg, type Fixture } from './runtime.js';

export const TASK_ROLES = ['task.manager', 'task.member', 'task.viewer'] as const;
export type TaskLogin = 'manager' | 'member' | 'viewer' | 'outsider' | 'managerB';

export interface TaskWorld {
  org: Fixture;
  system: RecordService;
  users: Record<TaskLogin, { id: string; email: string }>;
  projects: { alpha: RecordData; beta: RecordData };
  /** Per project, the default states by group. */
  states: { alpha: Record<string, RecordData>; beta: Record<string, RecordData> };
  items: { epic: RecordData; child: RecordData; blocker: RecordData; beta: RecordData };
  time: { draft: RecordData; approved: RecordData; outsider: RecordData };
  relation: RecordData;
  cycle: RecordData;
}

export const DAY_MS = 86_400_000;
export const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

export async function statesOf(system: RecordService, project: RecordData): Promise<Record<string, RecordData>> {
  const rows = await system.find('task.state', { filters: [{ field: 'project', op: 'eq', value: project.id }] });
  return Object.fromEntries(rows.map((s) => [String(s.group), s]));
}

export async function createTaskWorld(runtime: Runtime): Promise<TaskWorld> {
  const org = await createFixtureOrg(runtime, 'task', [...TASK_ROLES]);
  const system = await org.system();
  const extra = async (name: string, role: string) => {
    const email = `${name}@${org.org.slug}.test`;
    const u = await createUser(runtime, org.org.slug, { email, password: 'secret-123', name, roles: [role] });
    return { id: u.id, email };
  };
  const pick = (k: string) => ({ id: org.users.get(k)!.id, email: org.users.get(k)!.email });
  const users = { manager: pick('task.manager'), member: pick('task.member'), viewer: pick('task.viewer'), outsider: await extra('outsider', 'task.member'), managerB: await extra('manager-b', 'task.manager') };
  const alpha = await system.create('task.project', { key: 'AL', name: 'Alpha' });
  const beta = await system.create('task.project', { key: 'BE', name: 'Beta' });
  for (const [project, user, role] of [[alpha, users.manager, 'manager'], [alpha, users.member, 'member'], [alpha, users.viewer, 'viewer'], [beta, users.managerB, 'manager'], [beta, users.outsider, 'member']] as const) {
    await system.create('task.member', { project: project.id, user: user.id, role });
  }
  const states = { alpha: await statesOf(system, alpha), beta: await statesOf(system, beta) };
  const item = (project: RecordData, title: string, values: Record<string, unknown> = {}) =>
    system.create('task.work_item', { project: project.id, title, state: (project === alpha ? states.alpha : states.beta).unstarted.id, ...values });
  const epic = await item(alpha, 'Launch', { state: states.alpha.started.id });
  const child = await item(alpha, 'Write the copy', { parent: epic.id, due_date: day(1), estimate: 6 });
  const blocker = await item(alpha, 'Pick the fonts', { due_date: day(-3) });
  const betaItem = await item(beta, 'Beta work');
  await system.create('task.assignee', { work_item: child.id, user: users.member.id });
  await system.create('task.assignee', { work_item: betaItem.id, user: users.outsider.id });
  const relation = await system.create('task.relation', { item: blocker.id, kind: 'blocks', other: child.id });
  const cycle = await system.create('task.cycle', { project: alpha.id, name: 'Sprint 1', start_date: day(-7), end_date: day(6) });
  const time = {
    draft: await system.create('task.time_entry', { work_item: child.id, user: users.member.id, date: day(0), hours: 2 }),
    approved: await system.create('task.time_entry', { work_item: child.id, user: users.member.id, date: day(-8), hours: 3, status: 'approved' }),
    outsider: await system.create('task.time_entry', { work_item: betaItem.id, user: users.outsider.id, date: day(0), hours: 4 }),
  };
  return { org, system, users, projects: { alpha, beta }, states, items: { epic, child, blocker, beta: betaItem }, time, relation, cycle };
}
