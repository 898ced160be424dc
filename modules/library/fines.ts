/**
 * The library's fine rule, shared by the return action (index.ts) and the
 * fine accrual and reminder jobs (jobs.ts), so all three compute the same fine.
 */
import type { HookContext } from '../../core/sdk.js';

export const DAY_MS = 86_400_000;

export interface FineSetting {
  loan_days: number;
  daily_fine: number;
  max_fine: number | null;
}

/** The organization's fine setting (defaults when none is saved); also used by the fine accrual and reminder jobs. */
export async function fineSetting(ctx: Pick<HookContext, 'records'>): Promise<FineSetting> {
  const [setting] = await ctx.records.find('library.fine_setting', { limit: 1 });
  return {
    loan_days: Number(setting?.loan_days ?? 14),
    daily_fine: Number(setting?.daily_fine ?? 0),
    max_fine: setting?.max_fine === null || setting?.max_fine === undefined ? null : Number(setting.max_fine),
  };
}

/** Whole days late, counted from the due date; a loan returned on its due day costs nothing. */
export function overdueFine(dueAt: Date, returnedAt: Date, setting: FineSetting): number {
  const daysLate = Math.max(0, Math.ceil((returnedAt.getTime() - dueAt.getTime()) / DAY_MS));
  const fine = Math.round(daysLate * setting.daily_fine * 100) / 100;
  return setting.max_fine === null ? fine : Math.min(fine, setting.max_fine);
}
