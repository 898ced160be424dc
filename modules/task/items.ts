/**
 * What the task manifest cannot say: a new project gets the usual states and
 * its creator as its manager; an item's `completed_at` follows its state's
 * group; and, where the project cascades completion, completing a parent first
 * completes its open children (each through the pipeline, so their own
 * children cascade too and the audit log shows each). Without the setting the
 * manifest's guard refuses the parent while a child is open.
 */
import type { EntityHooks, HookContext, RecordData, Records } from '../../core/sdk.js';

export const PROJECT = 'task.project';
export const MEMBER = 'task.member';
export const STATE = 'task.state';
export const ITEM = 'task.work_item';
export const ASSIGNEE = 'task.assignee';
export const RELATION = 'task.relation';
export const CYCLE = 'task.cycle';
export const TIME = 'task.time_entry';
export const DIGEST = 'task.digest_sent';

export const DONE_GROUPS = ['completed', 'cancelled'];

/** The states a new project starts with (Plane's defaults): one per group, in board order. */
export const DEFAULT_STATES = [
  { name: 'Backlog', group: 'backlog', order: 0 },
  { name: 'Todo', group: 'unstarted', order: 1 },
  { name: 'In progress', group: 'started', order: 2 },
  { name: 'Done', group: 'completed', order: 3 },
  { name: 'Cancelled', group: 'cancelled', order: 4 },
];

const userOf = (ctx: HookContext): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

async function groupOf(records: Records, state: unknown): Promise<string | undefined> {
  if (typeof state !== 'string') return undefined;
  const [row] = await records.asSystem('state-group').getMany(STATE, [state]);
  return row ? String(row.group) : undefined;
}

export const projectHooks: EntityHooks = {
  async afterCreate(ctx, project) {
    const system = ctx.records.asSystem('project-setup');
    for (const s of DEFAULT_STATES) await system.create(STATE, { project: project.id, ...s });
    // Whoever creates a project runs it; without this they could not see what they made.
    const user = userOf(ctx);
    if (user) await system.create(MEMBER, { project: project.id, user, role: 'manager' });
  },
};

/** The first completed state of a project, by board order. */
async function completedStateOf(records: Records, project: unknown): Promise<RecordData | undefined> {
  const [state] = await records.find(STATE, { filters: [{ field: 'project', op: 'eq', value: project }, { field: 'group', op: 'eq', value: 'completed' }], sort: { field: 'order', direction: 'asc' }, limit: 1 });
  return state;
}

async function cascade(ctx: HookContext, item: Record<string, unknown>): Promise<void> {
  const system = ctx.records.asSystem('cascade-completion');
  const [project] = await system.getMany(PROJECT, [String(item.project)]);
  if (!project?.cascade_completion) return;
  const children = await system.find(ITEM, { filters: [{ field: 'parent', op: 'eq', value: item.id }], limit: 1000 });
  for (const child of children) {
    if (DONE_GROUPS.includes((await groupOf(ctx.records, child.state)) ?? '')) continue;
    const done = await completedStateOf(system, child.project);
    if (done) await system.update(ITEM, child.id, { state: done.id });
  }
}

export const workItemHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    // Only a system actor can supply it (the field is read-only): the demo seed dates past completions.
    if ((await groupOf(ctx.records, values.state)) !== 'completed') values.completed_at = null;
    else values.completed_at ??= new Date().toISOString();
  },
  async beforeUpdate(ctx, change) {
    if (!change.changed.includes('state')) return;
    const [was, now] = [await groupOf(ctx.records, change.before.state), await groupOf(ctx.records, change.values.state)];
    if (now === 'completed' && was !== 'completed') {
      change.values.completed_at = new Date().toISOString();
      await cascade(ctx, { ...change.values, id: change.before.id });
    } else if (now !== 'completed') change.values.completed_at = null;
  },
};

export const timeEntryHooks: EntityHooks = {
  beforeCreate(ctx, values) {
    values.logged_by = userOf(ctx);
  },
};
