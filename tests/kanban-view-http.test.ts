/**
 * A declared kanban board (fixture module "studio") through the admin's HTTP API: columns are the
 * workflow's states in order (or an enum's values), swimlanes the desks the user may read, cards carry
 * the titles of what they refer to; a move is the admin's own transition or edit action, so the
 * workflow's rules decide it (a member may start work, only a lead may archive).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createStudioWorld, type StudioWorld } from './support/studio.js';
import { studioRegistry } from './support/views-fixture.js';

let runtime: TestRuntime;
let server: TestServer;
let w: StudioWorld;
let member: AdminClient;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: studioRegistry() });
  w = await createStudioWorld(runtime);
  server = await startTestServer(runtime);
  member = await server.login(w.org.users.get('studio.member')!.email, 'secret-123');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

interface Board {
  column: { field: string; mode: string };
  columns: { value: string | null; label: string; color: string }[];
  swimlanes: { value: string | null; label: string }[];
  cards: { id: string; version: number; title: string; column: string | null; swimlane: string | null; fields: { label: string; text: string }[] }[];
  transitions: { name: string; from: string[]; to: string; who: string }[];
  canUpdate: boolean;
}
const board = async (view: string): Promise<Board> => {
  const { status, body } = await member.get(`/admin/x/views?view=${view}`);
  expect(status).toBe(200);
  return body as unknown as Board;
};

describe('the board', () => {
  it('columns are the workflow states in order, swimlanes the desks, cards with the titles of their references', async () => {
    const b = await board('studio.board');
    expect(b.column).toEqual({ field: 'state', label: 'State', mode: 'workflow' });
    expect(b.columns.map((c) => [c.value, c.label, c.color])).toEqual([['todo', 'To do', 'grey'], ['doing', 'Doing', 'blue'], ['done', 'Done', 'green'], ['archived', 'Archived', 'grey']]);
    expect(b.swimlanes).toEqual([{ value: w.desks.north.id, label: 'North desk' }, { value: w.desks.south.id, label: 'South desk' }, { value: null, label: 'No desk' }]);
    expect(b.cards).toHaveLength(5);
    const sketch = b.cards.find((c) => c.id === w.tasks.todo.id)!;
    expect(sketch).toMatchObject({ title: 'Sketch the logo', column: 'todo', swimlane: w.desks.north.id });
    expect(sketch.fields).toEqual([{ label: 'Priority', text: 'High' }, { label: 'Assignee', text: 'studio.member user' }, { label: 'Due', text: '2026-12-10' }]);
    expect(b.transitions.find((t) => t.name === 'archive')).toMatchObject({ from: ['todo', 'done'], to: 'archived', who: 'Lead (Studio)' });
  });

  it('an enum board lists the values in order and says the user may update', async () => {
    const b = await board('studio.by_priority');
    expect(b.column.mode).toBe('update');
    expect(b.columns.map((c) => c.value)).toEqual(['low', 'normal', 'high']);
    expect(b.canUpdate).toBe(true);
    expect(b.transitions).toEqual([]);
  });

  it('takes no window', async () => {
    const { status, body } = await member.get('/admin/x/views?view=studio.board&from=2026-01-01&to=2026-01-02');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('is a board: it takes no window');
  });
});

describe('moves go through the admin actions', () => {
  it('a member may start a task (the transition runs) but not archive one (refused with the reason)', async () => {
    const started = await member.post(`/admin/api/resources/StudioTask/records/${w.tasks.todo.id}/start`, { version: String(w.tasks.todo.version) });
    expect(started.status).toBe(200);
    expect((await w.system.get('studio.task', w.tasks.todo.id)).state).toBe('doing');
    const archived = await member.post(`/admin/api/resources/StudioTask/records/${w.tasks.done.id}/archive`, { version: String(w.tasks.done.version) });
    // AdminJS answers a refused record action with the record and its base error (the board shows the message).
    expect(archived.status).toBe(200);
    expect((archived.body as { record: { baseError: unknown } }).record.baseError).toEqual({ message: 'forbiddenError', type: 'ForbiddenError' });
    expect((await w.system.get('studio.task', w.tasks.done.id)).state).toBe('done');
    const b = await board('studio.board');
    expect(b.cards.find((c) => c.id === w.tasks.todo.id)!.column).toBe('doing');
  });

  it('on an enum board the move is an edit of that one field', async () => {
    const task = await w.system.get('studio.task', w.tasks.doing.id);
    const moved = await member.post(`/admin/api/resources/StudioTask/records/${task.id}/edit`, { priority: 'high', version: String(task.version) });
    expect(moved.status).toBe(200);
    expect((await w.system.get('studio.task', task.id)).priority).toBe('high');
  });
});

describe('a datetime calendar on the same module', () => {
  it('a member sees only the bookings they own, in a window given as instants; a date alone is midnight UTC', async () => {
    const memberId = w.org.users.get('studio.member')!.id;
    const mine = await w.system.create('studio.booking', { title: 'Focus time', desk: w.desks.north.id, starts_at: '2026-12-03T09:00:00Z', ends_at: '2026-12-03T11:00:00Z', kind: 'focus', owner: memberId });
    await w.system.create('studio.booking', { title: 'Someone else', desk: w.desks.north.id, starts_at: '2026-12-03T09:00:00Z', ends_at: '2026-12-03T10:00:00Z', kind: 'meeting' });
    const late = await w.system.create('studio.booking', { title: 'Late call', starts_at: '2026-12-03T11:00:00Z', kind: 'meeting', owner: memberId });
    const { status, body } = await member.get('/admin/x/views?view=studio.desk_calendar&from=2026-12-03T08:00:00Z&to=2026-12-03T11:00:00Z');
    expect(status).toBe(200);
    const cal = body as unknown as { items: { id: string; title: string; color: string; lane: string | null }[]; newHref: string | null; unit: string };
    expect(cal.unit).toBe('datetime');
    // The open-ended "Late call" starts at the window's (exclusive) end: not in it.
    expect(cal.items.map((i) => i.title)).toEqual(['Focus time']);
    expect(cal.items[0]).toMatchObject({ id: mine.id, color: 'green', lane: w.desks.north.id });
    expect(cal.newHref).toBe('/admin/resources/StudioBooking/actions/new');
    const later = await member.get('/admin/x/views?view=studio.desk_calendar&from=2026-12-03&to=2026-12-05');
    expect((later.body as unknown as { items: { id: string }[] }).items.map((i) => i.id).sort()).toEqual([mine.id, late.id].sort());
    const bad = await member.get('/admin/x/views?view=studio.desk_calendar&from=2026-12-03T25:00:00Z&to=2026-12-04');
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/^"from" must be a date and time \(ISO 8601/);
  });
});
