/**
 * The institute's low-attendance and overdue-fee alerts reach the guardians
 * too: the institute's jobs stamp `attendance_alerted_at` on the enrollment and
 * `overdue_alerted_at` on the invoice when they alert the student, and these
 * hooks (on the institute's entities, run only where the parents module is
 * enabled) notify each guardian with a login in the same transaction, so a
 * guardian is alerted exactly when the student is.
 */
import { notify, type EntityHooks, type Records } from '../../core/sdk.js';

const stamped = (before: Record<string, unknown>, after: Record<string, unknown>, field: string): boolean =>
  after[field] !== null && after[field] !== undefined && String(after[field]) !== String(before[field] ?? '');

/** The logins of a student's guardians. */
export async function guardianLogins(records: Records, studentId: string): Promise<string[]> {
  const links = await records.asSystem('guardian-alerts').find('parents.student_guardian', { filters: [{ field: 'student', op: 'eq', value: studentId }], limit: 100 });
  return [...new Set(links.map((l) => l.guardian_user).filter((u): u is string => typeof u === 'string' && u !== ''))];
}

async function tell(records: Records, studentId: unknown, title: string, body: string, about: { entity: string; id: string }): Promise<void> {
  if (typeof studentId !== 'string' || !studentId) return;
  for (const user of await guardianLogins(records, studentId)) await notify(records.asSystem('guardian-alerts'), { user, title, body, about });
}

export const enrollmentAlertHooks: EntityHooks = {
  async afterUpdate(ctx, { before, after }) {
    if (!stamped(before, after, 'attendance_alerted_at')) return;
    const system = ctx.records.asSystem('guardian-alerts');
    const [student] = await system.getMany('institute.student', [String(after.student)]);
    const [course] = await system.getMany('institute.course', [String(after.course)]);
    const name = String(student?.name ?? 'Your child');
    await tell(ctx.records, after.student, `Low attendance: ${name}`, `${name}'s attendance in ${String(course?.title ?? 'a course')} is under 75 %.`, { entity: 'institute.enrollment', id: after.id });
  },
};

export const invoiceAlertHooks: EntityHooks = {
  async afterUpdate(ctx, { before, after }) {
    if (!stamped(before, after, 'overdue_alerted_at')) return;
    const [student] = await ctx.records.asSystem('guardian-alerts').getMany('institute.student', [String(after.student)]);
    const name = String(student?.name ?? 'Your child');
    await tell(ctx.records, after.student, `Fee overdue: ${name}`, `Invoice ${String(after.number ?? '')} of ${String(after.amount)} was due on ${String(after.due_date).slice(0, 10)}.`, { entity: 'institute.fee_invoice', id: after.id });
  },
};
