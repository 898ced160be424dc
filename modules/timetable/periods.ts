/**
 * Periods keep their HH:MM times as minutes after midnight too (read-only
 * integers): the manifest's `noOverlap` rules hold classrooms and teachers to
 * one period at a time per weekday over those numbers, and its check keeps the
 * end after the start. The teacher defaults to the course's.
 */
import type { EntityHooks, HookContext } from '../../core/sdk.js';

export const PERIOD = 'timetable.period';
export const LESSON = 'timetable.lesson';
export const CLASSROOM = 'timetable.classroom';
const COURSE = 'institute.course';

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Minutes after midnight of a valid HH:MM, else null (validation reports the field). */
export function minutesOf(value: unknown): number | null {
  const m = typeof value === 'string' ? /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(value) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

async function derived(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  values.start_minute = minutesOf(values.start);
  values.end_minute = minutesOf(values.end);
  const courseId = idOf(values.course);
  const [course] = courseId ? await ctx.records.asSystem('period').getMany(COURSE, [courseId]) : [];
  if (course && !idOf(values.teacher)) values.teacher = course.teacher ?? null;
  if (course) values.title = `${String(course.code)} ${String(values.weekday ?? '')} ${String(values.start ?? '')}–${String(values.end ?? '')}`.slice(0, 300);
}

export const periodHooks: EntityHooks = {
  beforeCreate: (ctx, values) => derived(ctx, values),
  beforeUpdate: (ctx, change) => derived(ctx, change.values),
};
