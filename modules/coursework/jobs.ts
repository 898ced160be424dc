/**
 * `coursework.due_reminder` (hourly): for each published assignment due in
 * the next 24 hours and not reminded yet, every student ENROLLED in its course
 * with a login who has not handed in (no submission, or one still a draft)
 * gets a notification; the assignment's `reminded_at` is written in the same
 * transaction, after locking it, so two runs at once remind once.
 */
import { notify, type JobContext } from '../../core/sdk.js';

const HOUR_MS = 3_600_000;

export async function dueReminder(ctx: JobContext): Promise<string> {
  const now = ctx.now;
  const until = new Date(now.getTime() + 24 * HOUR_MS);
  const due = await ctx.records.find('coursework.assignment', {
    filters: [
      { field: 'status', op: 'eq', value: 'published' },
      { field: 'due_at', op: 'gt', value: now.toISOString() },
      { field: 'due_at', op: 'lte', value: until.toISOString() },
      { field: 'reminded_at', op: 'eq', value: null },
    ],
    limit: 1000,
  });
  let reminded = 0;
  for (const assignment of due) {
    reminded += await ctx.records.transaction(async (tx) => {
      const current = await tx.lock('coursework.assignment', assignment.id);
      if (current.reminded_at) return 0;
      const handedIn = new Set<string>();
      for await (const page of tx.findPages('coursework.submission', { filters: [{ field: 'assignment', op: 'eq', value: assignment.id }, { field: 'status', op: 'ne', value: 'draft' }] })) {
        for (const s of page) handedIn.add(String(s.student));
      }
      let sent = 0;
      for await (const page of tx.findPages('institute.enrollment', { filters: [{ field: 'course', op: 'eq', value: assignment.course }, { field: 'status', op: 'eq', value: 'ENROLLED' }] })) {
        const waiting = page.map((e) => String(e.student)).filter((s) => !handedIn.has(s));
        for (const student of await tx.getMany('institute.student', waiting)) {
          if (typeof student.user !== 'string' || !student.user) continue;
          await notify(tx, { user: student.user, title: `Due within 24 hours: ${String(assignment.title)}`, body: `Hand in before ${new Date(String(assignment.due_at)).toISOString().slice(0, 16).replace('T', ' ')} UTC.`, about: { entity: 'coursework.assignment', id: assignment.id } });
          sent++;
        }
      }
      await tx.update('coursework.assignment', assignment.id, { reminded_at: now.toISOString() });
      return sent;
    });
  }
  return `${reminded} student${reminded === 1 ? '' : 's'} reminded of ${due.length} assignment${due.length === 1 ? '' : 's'} due within 24 hours`;
}
