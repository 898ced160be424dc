/**
 * Demo data for the project office: four projects with their members, the
 * default states, 300 work items (30 parents with children, some overdue, some
 * completed this week), 40 relations including a blocked chain, three cycles
 * and 800 time entries over six weeks in every timesheet state (past weeks
 * approved, last week submitted and waiting for the manager, this week
 * drafts). The demo logins: the project manager runs three projects, the
 * member works in three, the viewer reads two. Deterministic per organization.
 */
import type { RecordData, Records, SeedContext } from '../../core/sdk.js';
import { ASSIGNEE, CYCLE, DONE_GROUPS, ITEM, MEMBER, PROJECT, RELATION, STATE, TIME } from './items.js';
import { dayOf, weekStart } from './jobs.js';

const DAY_MS = 86_400_000;
const PROJECTS = [
  { key: 'WEB', name: 'Website relaunch', cascade_completion: false },
  { key: 'MOB', name: 'Mobile app', cascade_completion: true },
  { key: 'OPS', name: 'Office move', cascade_completion: false },
  { key: 'DATA', name: 'Data warehouse', cascade_completion: false },
];
const PEOPLE = ['Amara Osei', 'Bilal Rahman', 'Chloé Martin', 'Dmitri Volkov', 'Esther Mwangi', 'Felipe Castro', 'Greta Holm', 'Hana Sato'];
const VERBS = ['Design', 'Build', 'Review', 'Test', 'Document', 'Migrate', 'Plan', 'Fix', 'Measure', 'Refactor'];
const THINGS = ['login page', 'search', 'invoice export', 'onboarding flow', 'API rate limits', 'backup job', 'dashboard', 'notifications', 'print layout', 'access rules', 'data model', 'release notes'];
const PRIORITIES = ['urgent', 'high', 'medium', 'low', 'none'];

interface Sizes { projects: number; people: number; items: number; parents: number; relations: number; cycles: number; entries: number; weeks: number }
const SIZES: Record<SeedContext['size'], Sizes> = {
  demo: { projects: 4, people: 8, items: 300, parents: 30, relations: 40, cycles: 3, entries: 800, weeks: 6 },
  small: { projects: 2, people: 2, items: 24, parents: 4, relations: 6, cycles: 1, entries: 30, weeks: 2 },
};

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)];
const day = (offset: number): string => dayOf(new Date(Date.now() + offset * DAY_MS));

interface Project { record: RecordData; states: Map<string, RecordData>; workers: string[] }

export async function seedTask(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const size = SIZES[ctx.size];
  const r = rng(ctx.organization.slug.length * 7919);
  const manager = ctx.usersByRole.get('task.manager');
  const member = ctx.usersByRole.get('task.member');
  const viewer = ctx.usersByRole.get('task.viewer');
  // Team members without a login of their own: assignees and time for the lists and the digest.
  const people: string[] = [];
  for (const name of PEOPLE.slice(0, size.people)) {
    const local = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(' ', '.');
    people.push((await records.create('core.user', { name, email: `${local}@${ctx.organization.slug}.demo` })).id);
  }
  const projects: Project[] = [];
  for (const [p, spec] of PROJECTS.slice(0, size.projects).entries()) {
    const record = await records.create(PROJECT, { ...spec, status: 'active', description: `${spec.name}: the demo project ${p + 1}.` });
    const states = new Map((await records.find(STATE, { filters: [{ field: 'project', op: 'eq', value: record.id }] })).map((s) => [String(s.group), s]));
    const roles: [string | undefined, string][] = [
      [manager?.id, p < 3 ? 'manager' : 'member'],
      [member?.id, p === 2 ? '' : 'member'],
      [viewer?.id, p === 0 || p === size.projects - 1 ? 'viewer' : ''],
    ];
    const team = people.filter((_, i) => i % size.projects === p || (i + 1) % size.projects === p);
    for (const u of team) roles.push([u, 'member']);
    const workers: string[] = [];
    for (const [user, role] of roles) {
      if (!user || !role) continue;
      await records.create(MEMBER, { project: record.id, user, role });
      if (role !== 'viewer') workers.push(user);
    }
    projects.push({ record, states, workers });
  }
  const items = await seedItems(records, r, size, projects, member?.id);
  await seedRelations(records, r, size, items);
  await seedCycles(records, size, projects, items);
  await seedTime(records, r, size, items);
}

interface Item { record: RecordData; project: Project; parent?: Item; group: string; assignees: string[] }

async function seedItems(records: Records, r: () => number, size: Sizes, projects: Project[], member: string | undefined): Promise<Item[]> {
  const items: Item[] = [];
  const parents: Item[] = [];
  for (let i = 0; i < size.items; i++) {
    const project = projects[i % projects.length];
    const isParent = i < size.parents;
    const mine = parents.filter((p) => p.project === project);
    const parent = !isParent && mine.length && r() < 0.5 ? pick(r, mine) : undefined;
    // Parents start open; the ones whose children all end up done are completed at the end.
    const roll = r();
    // Every fifth parent's children are all done, so that parent can be shown completed.
    const group = isParent ? 'started' : parent && parents.indexOf(parent) % 5 === 0 ? 'completed' : roll < 0.15 ? 'backlog' : roll < 0.4 ? 'unstarted' : roll < 0.65 ? 'started' : roll < 0.93 ? 'completed' : 'cancelled';
    const due = -20 + Math.floor(r() * 50);
    const workers = project.workers.length ? project.workers : [];
    const assignees = workers.length ? [pick(r, workers)] : [];
    if (workers.length > 1 && r() < 0.2) assignees.push(pick(r, workers.filter((w) => w !== assignees[0])));
    // The member login gets a share of the work in each of their projects, some of it due soon.
    if (member && workers.includes(member) && i % 5 === 0 && !assignees.includes(member)) assignees[0] = member;
    const record = await records.create(ITEM, {
      project: project.record.id,
      title: `${pick(r, VERBS)} ${pick(r, THINGS)}`,
      description: isParent ? 'An epic: its children are the work.' : null,
      state: project.states.get(group)!.id,
      priority: pick(r, PRIORITIES),
      parent: parent?.record.id ?? null,
      start_date: day(due - 3 - Math.floor(r() * 10)),
      due_date: day(due),
      estimate: 1 + Math.floor(r() * 16),
      // Every third item made completed is completed now, the others at least 8 days ago, so "completed this week" is a
      // known count in any time zone (the parents completed below over their done children are completed now too).
      completed_at: group === 'completed' ? new Date(i % 3 === 0 ? Date.now() : Date.now() - (8 + Math.floor(r() * 20)) * DAY_MS).toISOString() : null,
    });
    const item: Item = { record, project, parent, group, assignees };
    for (const user of new Set(assignees)) await records.create(ASSIGNEE, { work_item: record.id, user });
    items.push(item);
    if (isParent) parents.push(item);
  }
  // A parent whose children are all done is done too (the guard allows it now).
  for (const parent of parents) {
    const children = items.filter((c) => c.parent === parent);
    if (!children.length || !children.every((c) => DONE_GROUPS.includes(c.group))) continue;
    await records.update(ITEM, parent.record.id, { state: parent.project.states.get('completed')!.id });
    parent.group = 'completed';
  }
  return items;
}

async function seedRelations(records: Records, r: () => number, size: Sizes, items: Item[]): Promise<void> {
  const leaves = items.filter((i) => i.parent || !items.some((c) => c.parent === i));
  // A blocked chain in the first project: an open item blocks the next, which blocks the next.
  const first = leaves.filter((i) => i.project === items[0].project && !DONE_GROUPS.includes(i.group));
  const chain = first.slice(0, Math.min(4, first.length));
  let made = 0;
  const linked = new Set<string>();
  const link = async (a: Item, b: Item, kind: string, lag = 0) => {
    await records.create(RELATION, { item: a.record.id, kind, other: b.record.id, lag_days: lag });
    linked.add(`${a.record.id}:${b.record.id}`).add(`${b.record.id}:${a.record.id}`);
    made++;
  };
  for (let i = 0; i + 1 < chain.length; i++) await link(chain[i], chain[i + 1], 'blocks');
  // Links only from an earlier leaf to a later one of the same project: no cycle, no line of descent.
  for (let tries = 0; made < size.relations && tries < size.relations * 20; tries++) {
    const a = Math.floor(r() * leaves.length);
    const b = Math.floor(r() * leaves.length);
    if (a >= b || leaves[a].project !== leaves[b].project || linked.has(`${leaves[a].record.id}:${leaves[b].record.id}`)) continue;
    const kind = pick(r, ['blocks', 'relates', 'precedes', 'precedes', 'duplicates']);
    await link(leaves[a], leaves[b], kind, kind === 'precedes' ? Math.floor(r() * 3) : 0);
  }
}

async function seedCycles(records: Records, size: Sizes, projects: Project[], items: Item[]): Promise<void> {
  const monday = Date.parse(weekStart(new Date()));
  const at = (weeks: number) => dayOf(new Date(monday + weeks * 7 * DAY_MS));
  const plan = [
    { project: projects[0], name: 'Sprint 1', start: at(-2), end: dayOf(new Date(monday - DAY_MS)) },
    { project: projects[0], name: 'Sprint 2', start: at(0), end: dayOf(new Date(monday + 13 * DAY_MS)) },
    { project: projects[1 % projects.length], name: 'Sprint 1', start: at(-1), end: dayOf(new Date(monday + 6 * DAY_MS)) },
  ].slice(0, size.cycles);
  for (const c of plan) {
    const cycle = await records.create(CYCLE, { project: c.project.record.id, name: c.name, start_date: c.start, end_date: c.end });
    const open = c.start >= at(0);
    for (const item of items.filter((i) => i.project === c.project && i.parent && (open ? !DONE_GROUPS.includes(i.group) : i.group === 'completed')).slice(0, 10)) {
      await records.update(ITEM, item.record.id, { cycle: cycle.id });
    }
  }
}

async function seedTime(records: Records, r: () => number, size: Sizes, items: Item[]): Promise<void> {
  const worked = items.filter((i) => i.assignees.length && i.group !== 'backlog');
  if (!worked.length) return;
  const monday = Date.parse(weekStart(new Date()));
  const today = day(0);
  // Hundreds of independent entries: written set-wise (each still checked, hooked and audited as a create is).
  const entries: Record<string, unknown>[] = [];
  for (let n = 0; n < size.entries; n++) {
    const item = worked[n % worked.length];
    const week = Math.floor(r() * size.weeks); // 0: this week
    let date = dayOf(new Date(monday - week * 7 * DAY_MS + Math.floor(r() * 5) * DAY_MS));
    if (date > today) date = today;
    // Past weeks are approved (a few rejected), last week waits for the manager, this week is still a draft.
    const status = week === 0 ? 'draft' : week === 1 ? 'submitted' : r() < 0.05 ? 'rejected' : 'approved';
    entries.push({
      work_item: item.record.id,
      user: pick(r, item.assignees),
      date,
      hours: (1 + Math.floor(r() * 14)) / 2,
      billable: r() < 0.7,
      note: r() < 0.3 ? 'Pairing session' : null,
      status,
    });
  }
  await records.createMany(TIME, entries);
}
