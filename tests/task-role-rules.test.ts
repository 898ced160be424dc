/**
 * The project office's rules per role, through AdminJS's HTTP API: a project
 * manager sees and runs the projects where their membership says manager, a
 * member works in the projects they belong to (creates items, updates only
 * items assigned to them, logs and submits their own time), a viewer reads
 * their projects; nobody sees a project they are not a member of. Timesheets:
 * the member submits, only a manager of that project approves, and an
 * approved entry is locked for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser } from '../core/tenancy/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTaskWorld, day, type TaskLogin, type TaskWorld } from './support/task.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: TaskWorld;
const clients = new Map<TaskLogin, AdminClient>();

const RESOURCES = { project: 'TaskProject', member: 'TaskMember', state: 'TaskState', work_item: 'TaskWorkItem', assignee: 'TaskAssignee', relation: 'TaskRelation', cycle: 'TaskCycle', time_entry: 'TaskTimeEntry' } as const;
type Entity = keyof typeof RESOURCES;
const api = (entity: Entity, rest: string): string => `/admin/api/resources/${RESOURCES[entity]}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createTaskWorld(runtime);
  server = await startTestServer(runtime);
  for (const [login, u] of Object.entries(w.users)) clients.set(login as TaskLogin, await server.login(u.email, 'secret-123'));
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

async function listed(login: TaskLogin, entity: Entity): Promise<string[]> {
  const res = await clients.get(login)!.get(api(entity, 'actions/list?perPage=500'));
  return ((res.body.records ?? []) as { id: string }[]).map((r) => r.id).sort();
}
const ids = (...records: { id: string }[]): string[] => records.map((r) => r.id).sort();
const notice = (res: { body: Record<string, unknown> }) => res.body.notice as { type: string; message: string } | undefined;
const fieldErrors = (res: { body: Record<string, unknown> }) => (res.body.record as { errors?: Record<string, { message: string }> } | undefined)?.errors ?? {};

describe('project office roles through the admin API', () => {
  it('each login lists exactly the projects, items, members, relations and cycles of the projects it belongs to', async () => {
    const alpha = { project: ids(w.projects.alpha), work_item: ids(w.items.epic, w.items.child, w.items.blocker), relation: ids(w.relation), cycle: ids(w.cycle) };
    for (const login of ['manager', 'member', 'viewer'] as const) {
      for (const [entity, expected] of Object.entries(alpha)) expect([login, entity, await listed(login, entity as Entity)]).toEqual([login, entity, expected]);
      expect((await listed(login, 'member')).length).toBe(3);
      expect((await listed(login, 'state')).length).toBe(5);
    }
    for (const login of ['outsider', 'managerB'] as const) {
      expect(await listed(login, 'project')).toEqual(ids(w.projects.beta));
      expect(await listed(login, 'work_item')).toEqual(ids(w.items.beta));
      expect(await listed(login, 'relation')).toEqual([]);
    }
  });

  it('time entries: a manager sees those of the projects they manage and their own, a member only their own, a viewer none', async () => {
    expect(await listed('manager', 'time_entry')).toEqual(ids(w.time.draft, w.time.approved));
    expect(await listed('member', 'time_entry')).toEqual(ids(w.time.draft, w.time.approved));
    expect(await listed('outsider', 'time_entry')).toEqual(ids(w.time.outsider));
    expect(await listed('managerB', 'time_entry')).toEqual(ids(w.time.outsider));
    expect(await listed('viewer', 'time_entry')).toEqual([]);
  });

  it('a member updates the items assigned to them and no other, and creates items only in their own projects', async () => {
    const member = clients.get('member')!;
    expect(notice(await member.post(api('work_item', `records/${w.items.child.id}/edit`), { title: 'Write the copy (v2)' }))).toMatchObject({ type: 'success' });
    expect((await w.system.get('task.work_item', w.items.child.id)).title).toBe('Write the copy (v2)');
    expect(notice(await member.post(api('work_item', `records/${w.items.blocker.id}/edit`), { title: 'Mine now' }))?.type).toBe('error');
    expect((await w.system.get('task.work_item', w.items.blocker.id)).title).toBe('Pick the fonts');
    const made = await member.post(api('work_item', 'actions/new'), { project: w.projects.alpha.id, title: 'A new idea', state: w.states.alpha.backlog.id });
    expect(notice(made)).toMatchObject({ type: 'success' });
    expect((made.body.record as { params: Record<string, unknown> }).params.number).toMatch(/^AL-\d+$/);
    const before = await w.system.count('task.work_item');
    expect(notice(await member.post(api('work_item', 'actions/new'), { project: w.projects.beta.id, title: 'Sneaky', state: w.states.beta.backlog.id }))?.type).toBe('error');
    expect(await w.system.count('task.work_item')).toBe(before);
  });

  it('a viewer reads but creates and edits nothing; a manager runs only the projects they manage', async () => {
    const viewer = clients.get('viewer')!;
    const before = await w.system.count('task.work_item');
    expect(notice(await viewer.post(api('work_item', 'actions/new'), { project: w.projects.alpha.id, title: 'Viewer idea', state: w.states.alpha.backlog.id }))?.type).toBe('error');
    expect(notice(await viewer.post(api('work_item', `records/${w.items.blocker.id}/edit`), { title: 'x' }))?.type).toBe('error');
    expect(await w.system.count('task.work_item')).toBe(before);
    const manager = clients.get('manager')!;
    expect(notice(await manager.post(api('work_item', `records/${w.items.blocker.id}/edit`), { priority: 'high' }))).toMatchObject({ type: 'success' });
    expect(notice(await manager.post(api('project', `records/${w.projects.alpha.id}/edit`), { name: 'Alpha (renamed)' }))).toMatchObject({ type: 'success' });
    expect(notice(await manager.post(api('project', `records/${w.projects.beta.id}/edit`), { name: 'Taken over' }))?.type).toBe('error');
    expect((await w.system.get('task.project', w.projects.beta.id)).name).toBe('Beta');
  });

  it('a manager who creates a project becomes its manager and it starts with the default states', async () => {
    const res = await clients.get('managerB')!.post(api('project', 'actions/new'), { key: 'GAMMA', name: 'Gamma' });
    expect(notice(res)).toMatchObject({ type: 'success' });
    const id = (res.body.record as { params: { id: string } }).params.id;
    expect(await w.system.find('task.member', { filters: [{ field: 'project', op: 'eq', value: id }] })).toEqual([expect.objectContaining({ user: w.users.managerB.id, role: 'manager' })]);
    expect((await w.system.find('task.state', { filters: [{ field: 'project', op: 'eq', value: id }] })).map((s) => s.group).sort()).toEqual(['backlog', 'cancelled', 'completed', 'started', 'unstarted']);
    expect(await listed('managerB', 'project')).toContain(id);
    expect(await listed('manager', 'project')).not.toContain(id);
  });

  it('hours must be more than 0 and at most 24: a field error, nothing saved', async () => {
    const member = clients.get('member')!;
    for (const hours of ['25', '0']) {
      const res = await member.post(api('time_entry', 'actions/new'), { work_item: w.items.child.id, user: w.users.member.id, date: day(0), hours });
      expect(fieldErrors(res).hours?.message).toMatch(/more than 0 and at most 24/);
    }
    const ok = await member.post(api('time_entry', 'actions/new'), { work_item: w.items.child.id, user: w.users.member.id, date: day(-1), hours: '7.5' });
    expect(notice(ok)).toMatchObject({ type: 'success' });
    expect((ok.body.record as { params: Record<string, unknown> }).params.logged_by).toBe(w.users.member.id);
    // A member logs their own time only.
    expect(notice(await member.post(api('time_entry', 'actions/new'), { work_item: w.items.child.id, user: w.users.viewer.id, date: day(0), hours: '1' }))?.type).toBe('error');
    // ... and only in projects where they work: a member-role user whose membership there is viewer logs nothing.
    const email = `reader@${w.org.org.slug}.test`;
    const reader = await createUser(runtime, w.org.org.slug, { email, password: 'secret-123', name: 'Reader', roles: ['task.member'] });
    await w.system.create('task.member', { project: w.projects.alpha.id, user: reader.id, role: 'viewer' });
    const asReader = await server.login(email, 'secret-123');
    expect(notice(await asReader.post(api('time_entry', 'actions/new'), { work_item: w.items.child.id, user: reader.id, date: day(0), hours: '1' }))?.type).toBe('error');
    expect(await w.system.count('task.time_entry', [{ field: 'user', op: 'eq', value: reader.id }])).toBe(0);
  });

  it('timesheet: the member submits, a manager of another project cannot approve, the project’s manager approves, and the approved entry is locked', async () => {
    const member = clients.get('member')!;
    const entry = w.time.draft;
    expect(notice(await clients.get('manager')!.post(api('time_entry', `records/${entry.id}/submit`), { comment: '' }))?.type).toBe('error');
    expect(notice(await member.post(api('time_entry', `records/${entry.id}/submit`), { comment: '' }))).toMatchObject({ type: 'success' });
    expect((await w.system.get('task.time_entry', entry.id)).status).toBe('submitted');
    // Submitted: the member can no longer change it.
    expect(notice(await member.post(api('time_entry', `records/${entry.id}/edit`), { hours: '5' }))?.type).toBe('error');
    expect(notice(await member.post(api('time_entry', `records/${entry.id}/approve`), { comment: '' }))?.type).toBe('error');
    expect(notice(await clients.get('managerB')!.post(api('time_entry', `records/${entry.id}/approve`), { comment: '' }))?.type).toBe('error');
    expect((await w.system.get('task.time_entry', entry.id)).status).toBe('submitted');
    expect(notice(await clients.get('manager')!.post(api('time_entry', `records/${entry.id}/approve`), { comment: '' }))).toMatchObject({ type: 'success' });
    expect((await w.system.get('task.time_entry', entry.id)).status).toBe('approved');
    for (const login of ['member', 'manager'] as const) {
      expect(notice(await clients.get(login)!.post(api('time_entry', `records/${entry.id}/edit`), { hours: '9' }))?.type).toBe('error');
      expect(notice(await clients.get(login)!.post(api('time_entry', `records/${entry.id}/delete`), {}))?.type).toBe('error');
    }
    expect(Number((await w.system.get('task.time_entry', entry.id)).hours)).toBe(2);
  });
});
