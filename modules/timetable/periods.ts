/**
 * Periods: the teacher defaults to the course's, and the title is filled from
 * the course, weekday and times. The times are `time` fields: the manifest's
 * `noOverlap` rules hold classrooms and teachers to one period at a time per
 * weekday over them, and its check keeps the end after the start.
 */
import type { EntityHooks, HookContext } from '../../core/sdk.js';

export const PERIOD = 'timetable.period';
export const LESSON = 'timetable.lesson';
export const CLASSROOM = 'timetable.classroom';
const COURSE = 'institute.course';

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

async function derived(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  const courseId = idOf(values.course);
  const [course] = courseId ? await ctx.records.asSystem('period').getMany(COURSE, [courseId]) : [];
  if (course && !idOf(values.teacher)) values.teacher = course.teacher ?? null;
  if (course) values.title = `${String(course.code)} ${String(values.weekday ?? '')} ${String(values.start ?? '')}–${String(values.end ?? '')}`.slice(0, 300);
}

export const periodHooks: EntityHooks = {
  beforeCreate: (ctx, values) => derived(ctx, values),
  beforeUpdate: (ctx, change) => derived(ctx, change.values),
};
