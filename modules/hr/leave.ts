/**
 * Leave applications: the days, the leave year and the span they cover are
 * the system's, computed from the dates before every write. The span is in
 * half days (a morning is [d 00:00, d 12:00), an afternoon [d 12:00, d+1)),
 * so the manifest's noOverlap lets a morning and an afternoon of one date
 * both stand while any other overlap of open or approved leave is refused
 * by PostgreSQL's exclusion constraint.
 */
import type { EntityHooks } from '../../core/sdk.js';
import { addDays, workingDays } from './dates.js';

export function leaveSpan(values: Record<string, unknown>): Record<string, unknown> {
  const from = typeof values.from_date === 'string' ? values.from_date : undefined;
  const to = typeof values.to_date === 'string' ? values.to_date : undefined;
  // Missing or reversed dates are reported by validation and the manifest's check.
  if (!from || !to || to < from) return { total_days: null, year: null, starts_at: null, ends_at: null };
  const half = values.half_day === 'MORNING' || values.half_day === 'AFTERNOON' ? values.half_day : null;
  return {
    total_days: half ? 0.5 : workingDays(from, to),
    year: Number(from.slice(0, 4)),
    starts_at: `${from}T${half === 'AFTERNOON' ? '12' : '00'}:00:00.000Z`,
    ends_at: half === 'MORNING' ? `${to}T12:00:00.000Z` : `${addDays(to, 1)}T00:00:00.000Z`,
  };
}

export const leaveApplicationHooks: EntityHooks = {
  beforeCreate(_ctx, values) {
    Object.assign(values, leaveSpan(values));
  },
  beforeUpdate(_ctx, change) {
    Object.assign(change.values, leaveSpan(change.values));
  },
};
