/**
 * The project office's two PDFs, each read as the printing user (what they
 * may not see stays off the paper): a project's status report (items per
 * state group, what is overdue or blocked, hours against estimate, the
 * current cycle) and a person's weekly timesheet, printed from any of that
 * week's entries.
 */
import { documentAction, type ProjectStatusData, type RecordData, type Records, type TimesheetData } from '../../core/sdk.js';
import { CYCLE, DONE_GROUPS, ITEM, RELATION, STATE, TIME } from './items.js';
import { dayOf, weekStart } from './jobs.js';

const DAY_MS = 86_400_000;
const GROUPS: [string, string][] = [['backlog', 'Backlog'], ['unstarted', 'Unstarted'], ['started', 'Started'], ['completed', 'Completed'], ['cancelled', 'Cancelled']];

async function all(records: Records, key: string, filters: { field: string; op: 'eq' | 'in' | 'gte' | 'lte'; value: unknown }[]): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters })) out.push(...page);
  return out;
}

export const statusReport = documentAction({
  name: 'status_report',
  entity: 'project',
  label: 'Status report',
  translations: { bn: { label: 'অগ্রগতি প্রতিবেদন' } },
  kind: 'project_status',
  icon: 'FileText',
  async build(ctx, project): Promise<ProjectStatusData> {
    const { records } = ctx;
    const today = dayOf(new Date());
    const monday = weekStart(new Date());
    const states = new Map((await all(records, STATE, [{ field: 'project', op: 'eq', value: project.id }])).map((s) => [s.id, s]));
    const items = await all(records, ITEM, [{ field: 'project', op: 'eq', value: project.id }]);
    const groupOf = (i: RecordData) => String(states.get(String(i.state))?.group ?? '');
    const open = new Map(items.filter((i) => !DONE_GROUPS.includes(groupOf(i))).map((i) => [i.id, i]));
    const blocking = items.length ? await all(records, RELATION, [{ field: 'kind', op: 'eq', value: 'blocks' }, { field: 'other', op: 'in', value: [...open.keys()] }]) : [];
    const blocked = new Set(blocking.filter((r) => open.has(String(r.item))).map((r) => String(r.other)));
    const attention = [...open.values()]
      .filter((i) => (i.due_date && String(i.due_date) < today) || blocked.has(i.id))
      .sort((a, b) => String(a.due_date ?? '9999').localeCompare(String(b.due_date ?? '9999')))
      .map((i) => ({
        number: String(i.number),
        title: String(i.title),
        state: String(states.get(String(i.state))?.name ?? ''),
        due: i.due_date ? String(i.due_date) : undefined,
        why: [i.due_date && String(i.due_date) < today ? 'overdue' : '', blocked.has(i.id) ? 'blocked' : ''].filter(Boolean).join(', '),
      }));
    const entries = items.length ? await all(records, TIME, [{ field: 'work_item', op: 'in', value: items.map((i) => i.id) }]) : [];
    const [cycle] = (await all(records, CYCLE, [{ field: 'project', op: 'eq', value: project.id }, { field: 'start_date', op: 'lte', value: today }, { field: 'end_date', op: 'gte', value: today }]));
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      project: { key: String(project.key), name: String(project.name), status: String(project.status ?? '') },
      groups: GROUPS.map(([g, label]) => ({ label, count: items.filter((i) => groupOf(i) === g).length })),
      completedThisWeek: items.filter((i) => i.completed_at && dayOf(new Date(String(i.completed_at))) >= monday).length,
      // Hours of the entries the printing user may read (a member: their own).
      hours: { logged: round(entries.reduce((s, e) => s + Number(e.hours), 0)), estimate: round(items.reduce((s, i) => s + Number(i.estimate ?? 0), 0)) },
      attention,
      cycle: cycle ? { name: String(cycle.name), start: String(cycle.start_date), end: String(cycle.end_date) } : undefined,
    };
  },
});

export const weeklyTimesheet = documentAction({
  name: 'print_timesheet',
  entity: 'time_entry',
  label: 'Weekly timesheet',
  translations: { bn: { label: 'সাপ্তাহিক সময়ের হিসাব' } },
  kind: 'weekly_timesheet',
  icon: 'FileText',
  async build(ctx, entry): Promise<TimesheetData> {
    const { records } = ctx;
    const monday = weekStart(new Date(`${String(entry.date)}T00:00:00Z`));
    const sunday = dayOf(new Date(Date.parse(monday) + 6 * DAY_MS));
    const lines = (await all(records, TIME, [{ field: 'user', op: 'eq', value: entry.user }, { field: 'date', op: 'gte', value: monday }, { field: 'date', op: 'lte', value: sunday }]))
      .sort((a, b) => String(a.date).localeCompare(String(b.date)));
    const items = new Map((await records.getMany(ITEM, [...new Set(lines.map((l) => String(l.work_item)))])).map((i) => [i.id, i]));
    const [person] = await records.getMany('core.user', [String(entry.user)]);
    return {
      person: { name: String(person?.name ?? ''), email: person?.email ? String(person.email) : undefined },
      weekStart: monday,
      lines: lines.map((l) => {
        const item = items.get(String(l.work_item));
        return { date: String(l.date), item: item ? `${String(item.number)} ${String(item.title)}` : '', hours: Number(l.hours), billable: Boolean(l.billable), status: String(l.status) };
      }),
    };
  },
});

export const taskDocuments = [statusReport, weeklyTimesheet];
