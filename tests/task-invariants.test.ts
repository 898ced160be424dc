/**
 * The project office's invariants, through AdminJS's HTTP API and under
 * concurrency: item numbers per project are unique and gapless when 20 items
 * are created at once (a refused create gives its number back); a parent is
 * not completed while a child is open, also when the parent completes while
 * the child reopens at the same moment (the guard primitive); a project that
 * cascades completes the open children instead; dependencies never close a
 * cycle nor link an item to its ancestor, also when the two halves of a
 * cycle are posted at once; a project's cycles never overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTaskWorld, day, statesOf, type TaskWorld } from './support/task.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: TaskWorld;
let manager: AdminClient;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;
const notice = (res: { body: Record<string, unknown> }) => res.body.notice as { type: string; message: string } | undefined;
const errors = (res: { body: Record<string, unknown> }) => (res.body.record as { errors?: Record<string, { message: string }> } | undefined)?.errors ?? {};

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createTaskWorld(runtime);
  server = await startTestServer(runtime);
  manager = await server.login(w.users.manager.email, 'secret-123');
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const numbersOf = async (project: string): Promise<number[]> =>
  (await w.system.find('task.work_item', { filters: [{ field: 'project', op: 'eq', value: project }], limit: 1000 })).map((i) => Number(String(i.number).split('-')[1])).sort((a, b) => a - b);

describe('project office invariants', () => {
  it('20 items created at once in one project get unique, gapless numbers; a refused create among them leaves no gap', async () => {
    const project = await w.system.create('task.project', { key: 'RACE', name: 'Race' });
    await w.system.create('task.member', { project: project.id, user: w.users.manager.id, role: 'manager' });
    const states = await statesOf(w.system, project);
    const bodies = Array.from({ length: 20 }, (_, i) => ({ project: project.id, title: `Item ${i}`, state: states.unstarted.id, ...(i === 7 ? { start_date: day(5), due_date: day(1) } : {}) }));
    const answers = await Promise.all(bodies.map((b) => manager.post(api('TaskWorkItem', 'actions/new'), b)));
    expect(answers.filter((a) => notice(a)?.type === 'success')).toHaveLength(19);
    expect(errors(answers[7]).due_date?.message).toMatch(/not be before the start date/);
    expect(await numbersOf(project.id)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // Another project counts on its own.
    expect(await numbersOf(w.projects.beta.id)).toEqual([1]);
  });

  it('a parent cannot complete while a child is open: a field error on the state; once the child is done it can', async () => {
    const done = w.states.alpha.completed.id;
    const refused = await manager.post(api('TaskWorkItem', `records/${w.items.epic.id}/edit`), { state: done });
    expect(errors(refused).state?.message).toMatch(/cannot be completed while a child item is open/);
    expect((await w.system.get('task.work_item', w.items.epic.id)).state).toBe(w.states.alpha.started.id);
    expect(notice(await manager.post(api('TaskWorkItem', `records/${w.items.child.id}/edit`), { state: done }))).toMatchObject({ type: 'success' });
    expect((await w.system.get('task.work_item', w.items.child.id)).completed_at).toBeTruthy();
    expect(notice(await manager.post(api('TaskWorkItem', `records/${w.items.epic.id}/edit`), { state: done }))).toMatchObject({ type: 'success' });
    // Under a completed parent an open item is refused: reopening the child, or adding one.
    const reopen = await manager.post(api('TaskWorkItem', `records/${w.items.child.id}/edit`), { state: w.states.alpha.started.id });
    expect(errors(reopen).parent?.message).toMatch(/is completed: an open item cannot be under it/);
    const added = await manager.post(api('TaskWorkItem', 'actions/new'), { project: w.projects.alpha.id, title: 'Late child', state: w.states.alpha.unstarted.id, parent: w.items.epic.id });
    expect(errors(added).parent?.message).toMatch(/is completed/);
    // Reopening the parent first, then the child: allowed, and completed_at is cleared.
    await w.system.update('task.work_item', w.items.epic.id, { state: w.states.alpha.started.id });
    await w.system.update('task.work_item', w.items.child.id, { state: w.states.alpha.started.id });
    expect((await w.system.get('task.work_item', w.items.child.id)).completed_at).toBeNull();
  });

  it('a parent completing while its child reopens at the same moment: never a completed parent over an open child (20 rounds)', async () => {
    const s = w.states.alpha;
    for (let round = 0; round < 20; round++) {
      const parent = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: `Race parent ${round}`, state: s.started.id });
      const child = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: `Race child ${round}`, state: s.completed.id, parent: parent.id });
      await Promise.all([
        manager.post(api('TaskWorkItem', `records/${parent.id}/edit`), { state: s.completed.id }),
        manager.post(api('TaskWorkItem', `records/${child.id}/edit`), { state: s.started.id }),
      ]);
      const [p, c] = [await w.system.get('task.work_item', parent.id), await w.system.get('task.work_item', child.id)];
      // Exactly one of the two writes won.
      expect([p.state === s.completed.id, c.state === s.started.id]).toEqual(expect.arrayContaining([true]));
      expect(p.state === s.completed.id && c.state === s.started.id).toBe(false);
    }
  });

  it('a project that cascades completion completes the open children (and theirs) instead of refusing', async () => {
    const project = await w.system.create('task.project', { key: 'CASC', name: 'Cascading', cascade_completion: true });
    await w.system.create('task.member', { project: project.id, user: w.users.manager.id, role: 'manager' });
    const s = await statesOf(w.system, project);
    const top = await w.system.create('task.work_item', { project: project.id, title: 'Top', state: s.started.id });
    const mid = await w.system.create('task.work_item', { project: project.id, title: 'Mid', state: s.unstarted.id, parent: top.id });
    const leaf = await w.system.create('task.work_item', { project: project.id, title: 'Leaf', state: s.backlog.id, parent: mid.id });
    const gone = await w.system.create('task.work_item', { project: project.id, title: 'Dropped', state: s.cancelled.id, parent: top.id });
    expect(notice(await manager.post(api('TaskWorkItem', `records/${top.id}/edit`), { state: s.completed.id }))).toMatchObject({ type: 'success' });
    for (const item of [top, mid, leaf]) expect((await w.system.get('task.work_item', item.id)).state).toBe(s.completed.id);
    expect((await w.system.get('task.work_item', gone.id)).state).toBe(s.cancelled.id);
  });

  it('dependencies: no cycle, no link to itself or to an ancestor or descendant; two halves of a cycle posted at once: one wins', async () => {
    const s = w.states.alpha;
    const a = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: 'A', state: s.unstarted.id });
    const b = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: 'B', state: s.unstarted.id });
    const c = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: 'C', state: s.unstarted.id });
    const link = (item: string, other: string, kind = 'blocks') => manager.post(api('TaskRelation', 'actions/new'), { item, kind, other });
    expect(notice(await link(a.id, b.id))).toMatchObject({ type: 'success' });
    expect(notice(await link(b.id, c.id, 'precedes'))).toMatchObject({ type: 'success' });
    expect(errors(await link(c.id, a.id)).other?.message).toMatch(/would create a cycle/);
    expect(errors(await link(a.id, a.id)).other?.message).toMatch(/cannot link a work item to itself/);
    expect(errors(await link(w.items.epic.id, w.items.child.id)).other?.message).toMatch(/one line of descent/);
    for (let round = 0; round < 10; round++) {
      const x = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: `X${round}`, state: s.unstarted.id });
      const y = await w.system.create('task.work_item', { project: w.projects.alpha.id, title: `Y${round}`, state: s.unstarted.id });
      const answers = await Promise.all([link(x.id, y.id), link(y.id, x.id)]);
      expect(answers.map((r) => notice(r)?.type).sort()).toEqual(['error', 'success']);
    }
  });

  it('a project’s cycles never overlap (a field error naming the one in the way); another project’s may', async () => {
    const res = await manager.post(api('TaskCycle', 'actions/new'), { project: w.projects.alpha.id, name: 'Sprint 2', start_date: day(6), end_date: day(19) });
    expect(notice(res)?.type).toBe('error');
    expect(errors(res).project?.message).toMatch(/Sprint 1/);
    expect(notice(await manager.post(api('TaskCycle', 'actions/new'), { project: w.projects.alpha.id, name: 'Sprint 2', start_date: day(7), end_date: day(20) }))).toMatchObject({ type: 'success' });
    await w.system.create('task.cycle', { project: w.projects.beta.id, name: 'Beta sprint', start_date: day(0), end_date: day(13) });
  });
});
