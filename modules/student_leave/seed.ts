/**
 * Demo leave requests: the demo teacher has requests waiting from students of
 * their courses (one made by the demo student through their own login), an
 * admin one for a student without a class teacher, and past requests approved
 * (their sessions excused) and rejected.
 */
import type { SeedContext } from '../../core/sdk.js';
import { classTeacherOf, excuseSessions, LEAVE } from './leave.js';

const DAY_MS = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

const REASONS = ['Family wedding out of town', 'Medical appointment and recovery', 'Regional athletics competition', 'Visa appointment at the embassy', 'Flu: doctor’s note attached'];

export async function seedStudentLeave(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const teacher = ctx.usersByRole.get('institute.teacher');
  const studentLogin = ctx.usersByRole.get('institute.student');
  const students = await records.find('institute.student', { sort: { field: 'student_number', direction: 'asc' }, limit: 1000 });
  const ofDemoTeacher = [];
  const withoutTeacher = [];
  for (const s of students) {
    const t = await classTeacherOf(records, s.id);
    if (teacher && t === teacher.id) ofDemoTeacher.push(s);
    else if (!t) withoutTeacher.push(s);
  }
  let n = 0;
  for (const s of ofDemoTeacher.slice(0, 4)) {
    // Waiting for the demo teacher; the demo student asks through their own login.
    const as = studentLogin && s.user === studentLogin.id ? await ctx.as(studentLogin) : records;
    await as.create(LEAVE, { student: s.id, from: day(3 + n), to: day(4 + n), reason: REASONS[n % REASONS.length] });
    n++;
  }
  if (withoutTeacher[0]) await records.create(LEAVE, { student: withoutTeacher[0].id, from: day(5), to: day(5), reason: REASONS[4] });
  // History: approved (the sessions of those days excused) and rejected.
  for (const [i, s] of ofDemoTeacher.slice(4, 7).entries()) {
    const leave = await records.create(LEAVE, { student: s.id, from: day(-14 + i * 3), to: day(-13 + i * 3), reason: REASONS[(i + 1) % REASONS.length], status: 'approved', decided_at: new Date(Date.now() - (15 - i * 3) * DAY_MS).toISOString() });
    await records.update(LEAVE, leave.id, { excused_sessions: await excuseSessions(records, leave) });
  }
  if (ofDemoTeacher[7]) await records.create(LEAVE, { student: ofDemoTeacher[7].id, from: day(-3), to: day(-1), reason: 'Holiday', status: 'rejected', decided_at: new Date().toISOString() });
}
