/**
 * Leave applications: the days, the leave year and the span they cover are
 * the system's, computed from the dates before every write that changes them
 * (the days are the employee's working days: holidays.ts). An approved
 * application keeps its days when a holiday list changes later, so its
 * cancellation reverses exactly what its approval posted. The span is in
 * half days (a morning is [d 00:00, d 12:00), an afternoon [d 12:00, d+1)),
 * so the manifest's noOverlap lets a morning and an afternoon of one date
 * both stand while any other overlap of open or approved leave is refused
 * by PostgreSQL's exclusion constraint.
 */
import type { EntityHooks, Records } from '../../core/sdk.js';
import { addDays } from './dates.js';
import { daysOff, workingDaysOf } from './holidays.js';

/** What the days depend on: a write that changes none of these keeps them. */
const DAY_INPUTS = ['from_date', 'to_date', 'half_day', 'employee'];

export async function leaveSpan(records: Records, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const from = typeof values.from_date === 'string' ? values.from_date : undefined;
  const to = typeof values.to_date === 'string' ? values.to_date : undefined;
  // Missing or reversed dates are reported by validation and the manifest's check.
  if (!from || !to || to < from) return { total_days: null, year: null, starts_at: null, ends_at: null };
  const half = values.half_day === 'MORNING' || values.half_day === 'AFTERNOON' ? values.half_day : null;
  const employee = typeof values.employee === 'string' ? values.employee : '';
  const working = workingDaysOf(await daysOff(records, employee ? [employee] : [], from, to), employee, from, to);
  return {
    total_days: half ? working * 0.5 : working,
    year: Number(from.slice(0, 4)),
    starts_at: `${from}T${half === 'AFTERNOON' ? '12' : '00'}:00:00.000Z`,
    ends_at: half === 'MORNING' ? `${to}T12:00:00.000Z` : `${addDays(to, 1)}T00:00:00.000Z`,
  };
}

export const leaveApplicationHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    Object.assign(values, await leaveSpan(ctx.records, values));
  },
  async beforeUpdate(ctx, change) {
    if (change.values.total_days === null || change.values.total_days === undefined || DAY_INPUTS.some((k) => change.changed.includes(k))) {
      Object.assign(change.values, await leaveSpan(ctx.records, change.values));
    }
  },
};
