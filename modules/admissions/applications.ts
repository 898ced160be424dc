/**
 * Applications: refused (field errors) outside their cycle's window or age
 * limits when a person or a public form sends them; the workflow's offer
 * takes a seat through the manifest's capacity (a full cycle waitlists), and
 * the moment an application lands on `offered` (by the head, or promoted from
 * the waitlist when a seat frees) is stamped here.
 */
import { RecordValidationError, type Actor, type EntityHooks, type RecordData, type Records } from '../../core/sdk.js';

const APPLICATION = 'admissions.application';
const CYCLE = 'admissions.admission_cycle';

/** People and public forms are held to the cycle's rules; named system actors (seeds, imports) record facts as given. */
const checked = (actor: Actor): boolean => actor.kind === 'user' || actor.reason.startsWith('public:');

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Whole years from `birth` (YYYY-MM-DD) to `on`, counted as PostgreSQL's age() and the manifest's `$age` do (UTC). */
export function ageOn(birth: string, on: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(birth);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = on.getUTCFullYear() - y;
  const [nm, nd] = [on.getUTCMonth() + 1, on.getUTCDate()];
  if (nm < mo || (nm === mo && nd < d)) age--;
  return age;
}

const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v ?? ''));

/** The field errors of an application against its cycle at `now`; empty when it may be sent. */
export function cycleProblems(cycle: RecordData, values: Record<string, unknown>, now: Date): Record<string, { message: string; type: string }> {
  const errors: Record<string, { message: string; type: string }> = {};
  const opens = new Date(dateText(cycle.opens_at));
  const closes = new Date(dateText(cycle.closes_at));
  if (now < opens) errors.cycle = { message: `is not open yet: applications open ${opens.toISOString().slice(0, 16).replace('T', ' ')} UTC`, type: 'window' };
  else if (now >= closes) errors.cycle = { message: `closed ${closes.toISOString().slice(0, 16).replace('T', ' ')} UTC: applications are no longer accepted`, type: 'window' };
  const birth = values.date_of_birth;
  const age = birth === null || birth === undefined || birth === '' ? null : ageOn(dateText(birth), now);
  if (age !== null) {
    const min = cycle.min_age === null || cycle.min_age === undefined ? null : Number(cycle.min_age);
    const max = cycle.max_age === null || cycle.max_age === undefined ? null : Number(cycle.max_age);
    if (min !== null && age < min) errors.date_of_birth = { message: `gives an age of ${age}: this cycle admits applicants from ${min} years`, type: 'age' };
    else if (max !== null && age > max) errors.date_of_birth = { message: `gives an age of ${age}: this cycle admits applicants up to ${max} years`, type: 'age' };
  }
  return errors;
}

async function checkAgainstCycle(records: Records, values: Record<string, unknown>): Promise<void> {
  const cycleId = idOf(values.cycle);
  // An unknown or unreadable cycle is reported by reference validation, after the hooks.
  const [cycle] = cycleId ? await records.asSystem('cycle-rules').getMany(CYCLE, [cycleId]) : [];
  if (!cycle) return;
  const errors = cycleProblems(cycle, values, new Date());
  if (Object.keys(errors).length) throw new RecordValidationError(APPLICATION, errors, 'This application does not meet the admission cycle’s rules: see the fields.');
}

export const applicationHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    if (checked(ctx.actor)) {
      // A new application always starts at the beginning of the workflow.
      values.status = 'submitted';
      await checkAgainstCycle(ctx.records, values);
    }
  },
  async beforeUpdate(ctx, change) {
    if (checked(ctx.actor) && (change.changed.includes('cycle') || change.changed.includes('date_of_birth'))) await checkAgainstCycle(ctx.records, change.values);
  },
  async afterUpdate(ctx, { before, after }) {
    if (after.status === 'offered' && before.status !== 'offered' && !after.offered_at) {
      await ctx.records.asSystem('offer').update(APPLICATION, after.id, { offered_at: new Date().toISOString() });
    }
  },
};
