/**
 * The task board narrowed to one project, chosen on the page: the view declares
 * `"scope": "project"`, the data route takes `scope=<project id>` and then shows
 * only that project's items and only its states as columns (a state's own
 * `project` points at it); without a scope it shows everything readable; a scope
 * that is not an id is a 400, one the viewer cannot read shows nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createTaskWorld, type TaskWorld } from './support/task.js';
import { ManifestError } from '../core/errors.js';
import type { Json } from './support/makerspace-fixture.js';
import { registryWith } from './support/workflow-fixture.js';

interface Board {
  columns: { value: string | null; label: string }[];
  cards: { id: string; fields: { label: string; text: string }[] }[];
  scope?: { field: string; label: string; options: { value: string; label: string }[]; selected: string | null };
}

let runtime: TestRuntime;
let server: TestServer;
let w: TaskWorld;
let manager: AdminClient;

const board = async (client: AdminClient, query = ''): Promise<{ status: number; body: Board & { error?: { message: string } } }> => {
  const { status, body } = await client.get(`/admin/x/views?view=task.board${query}`);
  return { status, body: body as unknown as Board & { error?: { message: string } } };
};
const itemsOf = async (project: string): Promise<string[]> => (await w.system.find('task.work_item', { filters: [{ field: 'project', op: 'eq', value: project }] })).map((r) => String(r.id)).sort();
const statesOf = async (project: string): Promise<string[]> => (await w.system.find('task.state', { filters: [{ field: 'project', op: 'eq', value: project }] })).map((r) => String(r.id)).sort();

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 20 });
  w = await createTaskWorld(runtime);
  server = await startTestServer(runtime);
  manager = await server.login(w.users.manager.email, 'secret-123');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('the task board per project', () => {
  it('offers the readable projects to choose from and, without a choice, shows every readable item', async () => {
    const { status, body } = await board(manager);
    expect(status).toBe(200);
    expect(body.scope).toMatchObject({ field: 'project', label: 'Project', selected: null });
    expect(body.scope!.options.map((o) => o.value)).toContain(w.projects.alpha.id);
    expect(body.cards.map((c) => c.id)).toEqual(expect.arrayContaining(await itemsOf(w.projects.alpha.id)));
  });

  it('with a project chosen, shows only its items and its states as columns', async () => {
    const { status, body } = await board(manager, `&scope=${w.projects.alpha.id}`);
    expect(status).toBe(200);
    expect(body.scope!.selected).toBe(w.projects.alpha.id);
    expect(body.cards.map((c) => c.id).sort()).toEqual(await itemsOf(w.projects.alpha.id));
    expect(body.columns.map((c) => String(c.value)).sort()).toEqual(await statesOf(w.projects.alpha.id));
    expect(body.columns.map((c) => c.label)).toEqual(expect.arrayContaining(['Backlog', 'Todo', 'In progress', 'Done', 'Cancelled']));
  });

  it('a card shows its assignees by name (the reverse reference "assignees" in the card), never their ids', async () => {
    const bengali = await w.system.create('core.user', { name: 'অমর্ত্য সেন', email: `amartya-${randomUUID().slice(0, 8)}@task.test` });
    await w.system.create('task.member', { project: w.projects.alpha.id, user: bengali.id, role: 'member' });
    const assigned = await w.system.create('task.assignee', { work_item: w.items.child.id, user: bengali.id });
    try {
      const member = String((await w.system.get('core.user', w.users.member.id)).name);
      const { body } = await board(manager, `&scope=${w.projects.alpha.id}`);
      const card = body.cards.find((c) => c.id === w.items.child.id)!;
      const assignees = card.fields.find((f) => f.label === 'Assignees');
      expect(assignees?.text).toBe([member, 'অমর্ত্য সেন'].sort((a, b) => a.localeCompare(b)).join(', '));
      expect(assignees!.text).not.toContain(w.users.member.id);
      // An item nobody is assigned to shows no assignees line.
      const unassigned = body.cards.find((c) => c.id === w.items.epic.id)!;
      expect(unassigned.fields.map((f) => f.label)).not.toContain('Assignees');
    } finally {
      await w.system.delete('task.assignee', String(assigned.id));
    }
  });

  it('a project the viewer cannot read shows nothing; a scope that is not an id is refused', async () => {
    const outsider = await server.login(w.users.outsider.email, 'secret-123');
    const { status, body } = await board(outsider, `&scope=${w.projects.alpha.id}`);
    expect(status).toBe(200);
    expect(body.cards).toEqual([]);
    expect((await board(manager, `&scope=${randomUUID()}`)).body.cards).toEqual([]);
    const bad = await board(manager, '&scope=alpha');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/scope: "alpha" is not a record id/);
  });
});

describe('load-time check of "scope"', () => {
  function problems(scope: string): string[] {
    const m = JSON.parse(readFileSync(new URL('../module-manifests/task.json', import.meta.url), 'utf8')) as { views: { scope?: string }[] };
    m.views[0].scope = scope;
    try {
      registryWith(m as unknown as Json);
      return [];
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      return err.problems.map((p) => `${p.pointer}: ${p.message}`);
    }
  }
  it('takes a reference field other than the column and the swimlane', () => {
    expect(problems('project')).toEqual([]);
    expect(problems('title')).toEqual([expect.stringMatching(/views\/0\/scope: "title" is a string field; a board is narrowed by a reference field/)]);
    expect(problems('state')).toEqual([expect.stringMatching(/views\/0\/scope: the scope field is the column or swimlane field/)]);
    expect(problems('nothing').join('\n')).toMatch(/views\/0\/scope/);
  });
});
