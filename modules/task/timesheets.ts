/**
 * Weekly timesheets: a week is the time entries of one person from Monday to
 * Sunday (ISO week), so it is taken as a whole from any of its entries. The
 * member submits their week in one action; a manager of a project approves
 * or rejects that person's submitted entries of the week on that project in
 * one action. Each entry moves through the manifest's `timesheet` workflow
 * (the engine locks each row and checks `by` and `when`: only the entry's own
 * user submits, only a manager of the entry's project decides), all in the
 * action's one transaction, so a week moves whole or not at all. Approved
 * entries are locked by the workflow state (`editable: false`), which the
 * data layer holds for every write a person makes.
 */
import { UmsError, workflows, type HookContext, type RecordActionDefinition, type RecordData, type Records } from '../../core/sdk.js';
import { ITEM, PROJECT, TIME } from './items.js';
import { dayOf, weekStart } from './jobs.js';

const DAY_MS = 86_400_000;

/** The Monday and Sunday of the ISO week of a date (`YYYY-MM-DD`). */
export function weekOf(date: string): { monday: string; sunday: string } {
  const monday = weekStart(new Date(`${date}T00:00:00Z`));
  return { monday, sunday: dayOf(new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * DAY_MS)) };
}

async function all(records: Records, filters: NonNullable<Parameters<Records['find']>[1]>['filters']): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(TIME, { filters, sort: { field: 'date', direction: 'asc' } }, 1000)) out.push(...page);
  return out;
}

const hoursOf = (entries: RecordData[]): number => Math.round(entries.reduce((s, e) => s + Number(e.hours), 0) * 100) / 100;
const plural = (n: number): string => `${n} time entr${n === 1 ? 'y' : 'ies'}`;

/** Runs one transition on each entry, in id order (two actions over overlapping weeks lock rows in one order). */
async function move(ctx: HookContext, entries: RecordData[], transition: string): Promise<void> {
  const engine = await workflows(ctx.records);
  for (const e of [...entries].sort((a, b) => a.id.localeCompare(b.id))) await engine.run(TIME, e.id, transition);
}

export const submitWeek: RecordActionDefinition = {
  name: 'submit_week',
  entity: 'time_entry',
  label: 'Submit my week',
  translations: { bn: { label: 'আমার সপ্তাহ জমা দিন' } },
  icon: 'Send',
  confirm: 'Submit every draft or rejected entry of this week for approval?',
  isAvailable: (entry) => entry.status === 'draft' || entry.status === 'rejected',
  async handler(ctx, entry) {
    const { monday, sunday } = weekOf(String(entry.date));
    const open = await all(ctx.records, [
      { field: 'user', op: 'eq', value: entry.user },
      { field: 'date', op: 'gte', value: monday },
      { field: 'date', op: 'lte', value: sunday },
      { field: 'status', op: 'in', value: ['draft', 'rejected'] },
    ]);
    if (!open.length) throw new UmsError('CONFLICT', `The week of ${monday} has no draft or rejected time entries to submit.`, { entity: TIME });
    // The engine refuses anyone but the entry's own user (`by.relations: user`): then nothing of the week moves.
    await move(ctx, open, 'submit');
    return { message: `Submitted ${plural(open.length)} (${hoursOf(open)} h) for the week of ${monday}.`, record: await ctx.records.get(TIME, entry.id) };
  },
};

/** Approve or reject, for one person, week and project: the submitted entries of that person's week on the entry's project. */
function decideWeek(name: 'approve_week' | 'reject_week', transition: 'approve' | 'reject', label: string, done: string, bnLabel: string): RecordActionDefinition {
  return {
    name,
    entity: 'time_entry',
    label,
    translations: { bn: { label: bnLabel } },
    icon: transition === 'approve' ? 'CheckCircle' : 'XCircle',
    confirm: `${label}: every submitted entry of this person's week on this project?`,
    isAvailable: (entry) => entry.status === 'submitted',
    async handler(ctx, entry) {
      const { records } = ctx;
      const { monday, sunday } = weekOf(String(entry.date));
      const item = await records.get(ITEM, String(entry.work_item));
      const project = await records.get(PROJECT, String(item.project));
      const items: string[] = [];
      for await (const page of records.findPages(ITEM, { filters: [{ field: 'project', op: 'eq', value: project.id }] }, 1000)) items.push(...page.map((i) => i.id));
      const week = await all(records, [
        { field: 'user', op: 'eq', value: entry.user },
        { field: 'date', op: 'gte', value: monday },
        { field: 'date', op: 'lte', value: sunday },
        { field: 'status', op: 'eq', value: 'submitted' },
        { field: 'work_item', op: 'in', value: items },
      ]);
      // The engine checks on each entry that the actor manages its project (the transition's `when`): a refusal undoes the whole week.
      await move(ctx, week, transition);
      const [person] = await records.getMany('core.user', [String(entry.user)]);
      return {
        message: `${done} ${plural(week.length)} (${hoursOf(week)} h) of ${String(person?.name ?? person?.email ?? 'this person')} for the week of ${monday} on ${String(project.name)}.`,
        record: await records.get(TIME, entry.id),
      };
    },
  };
}

export const approveWeek = decideWeek('approve_week', 'approve', 'Approve the week', 'Approved', 'সপ্তাহটি অনুমোদন করুন');
export const rejectWeek = decideWeek('reject_week', 'reject', 'Reject the week', 'Rejected', 'সপ্তাহটি প্রত্যাখ্যান করুন');

export const timesheetActions = [submitWeek, approveWeek, rejectWeek];
