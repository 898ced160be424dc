/**
 * Which membership covers a day, and the class credits it holds. A
 * membership covers a day when it is active, the day is between its start
 * and end, and no approved freeze of it covers the day. Credits live in the
 * manifest's `credit_balance` (a non-negative balance kept by the
 * `credit_entry` ledger): a use is an atomic conditional decrement in the
 * data layer, so 20 bookings racing for the last credit give exactly one win,
 * and no plugin code reads a count and then writes it.
 */
import { RecordValidationError, type EntityHooks, type RecordData, type Records } from '../../core/sdk.js';

export const MEMBER = 'gym.member';
export const PLAN = 'gym.plan';
export const MEMBERSHIP = 'gym.membership';
export const FREEZE = 'gym.freeze';
export const CREDITS = 'gym.credit_balance';
export const CREDIT_ENTRY = 'gym.credit_entry';
export const SESSION = 'gym.class_session';
export const BOOKING = 'gym.booking';
export const CHECK_IN = 'gym.check_in';
export const SCHEDULE = 'gym.class_schedule';
export const TRAINER = 'gym.trainer';
export const INVOICE = 'gym.invoice';

const DAY_MS = 86_400_000;
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => dayOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

/** The plan's end for a start: the day before the same date `months` later (a one-month plan from 3 March ends 2 April). */
export function endOf(start: string, months: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
  return addDays(dayOf(end), -1);
}

/** How many credits a new membership of this plan starts with; null for an unlimited plan (no balance at all). */
export function creditsOf(plan: RecordData): number | null {
  if (plan.kind === 'unlimited') return null;
  const classes = Number(plan.classes_per_period ?? 0);
  return plan.kind === 'credits' ? classes * Number(plan.months ?? 1) : classes;
}

export async function all(records: Records, key: string, filters: { field: string; op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in'; value: unknown }[]): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters })) out.push(...page);
  return out;
}

export async function creditsLeft(system: Records, membershipId: string): Promise<number> {
  const [row] = await system.find(CREDITS, { filters: [{ field: 'membership', op: 'eq', value: membershipId }], limit: 1 });
  return Number(row?.credits ?? 0);
}

export interface Cover {
  membership: RecordData;
  plan: RecordData;
  /** Whether a class booking takes a credit from it. */
  usesCredits: boolean;
}

/** Why `membership` does not cover `date`, or null when it does. */
async function refusalOn(system: Records, membership: RecordData, date: string): Promise<string | null> {
  const number = String(membership.number);
  if (membership.status !== 'active') return `membership ${number} is ${String(membership.status)}`;
  if (String(membership.start_date) > date) return `membership ${number} starts on ${String(membership.start_date)}`;
  if (membership.end_date && String(membership.end_date) < date) return `membership ${number} ended on ${String(membership.end_date)}`;
  const frozen = await system.find(FREEZE, {
    filters: [{ field: 'membership', op: 'eq', value: membership.id }, { field: 'status', op: 'eq', value: 'approved' }, { field: 'from_date', op: 'lte', value: date }, { field: 'to_date', op: 'gte', value: date }],
    limit: 1,
  });
  if (frozen[0]) return `membership ${number} is frozen from ${String(frozen[0].from_date)} to ${String(frozen[0].to_date)}`;
  return null;
}

/**
 * The membership a visit or a booking on `date` is made on. The chosen one
 * (`membershipId`) must be the member's and cover the day; otherwise an
 * unlimited membership covering the day is taken first (it costs nothing),
 * then the credit membership that expires first with a credit left. Refused
 * on `field` with the reason when none does.
 */
export async function coverFor(records: Records, entity: string, member: string, date: string, membershipId: unknown, needCredit: boolean): Promise<Cover> {
  const system = records.asSystem('membership-check');
  const refuse = (message: string): never => {
    throw new RecordValidationError(entity, { membership: { message, type: 'membership' } }, message);
  };
  if (membershipId) {
    const [membership] = await system.getMany(MEMBERSHIP, [String(membershipId)]);
    if (!membership || String(membership.member) !== member) refuse('is not a membership of this member');
    const why = await refusalOn(system, membership, date);
    if (why) refuse(`cannot be used on ${date}: ${why}`);
    const plan = await system.get(PLAN, String(membership.plan));
    return { membership, plan, usesCredits: creditsOf(plan) !== null };
  }
  const candidates = await all(system, MEMBERSHIP, [{ field: 'member', op: 'eq', value: member }]);
  candidates.sort((a, b) => String(a.end_date ?? '9999').localeCompare(String(b.end_date ?? '9999')));
  const reasons: string[] = [];
  let withCredits: Cover | undefined;
  for (const membership of candidates) {
    const why = await refusalOn(system, membership, date);
    if (why) {
      reasons.push(why);
      continue;
    }
    const plan = await system.get(PLAN, String(membership.plan));
    if (creditsOf(plan) === null) return { membership, plan, usesCredits: false };
    if (!withCredits && (!needCredit || (await creditsLeft(system, membership.id)) > 0)) withCredits = { membership, plan, usesCredits: true };
    else if (!withCredits) reasons.push(`membership ${String(membership.number)} has no class credits left`);
  }
  if (withCredits) return withCredits;
  return refuse(`no active, unfrozen membership on ${date}${reasons.length ? ` (${reasons.join('; ')})` : ''}`);
}

/** Moves a membership's credits through the ledger; a refused use is the booking's field error, not the ledger's. */
export async function moveCredits(records: Records, values: { membership: string; credits: number; date: string; reason: string; booking?: string }, entity = BOOKING): Promise<void> {
  try {
    await records.asSystem('credits').create(CREDIT_ENTRY, values);
  } catch (err) {
    if (err instanceof RecordValidationError && values.credits < 0) {
      const message = err.message.replace(/^.*?(No class credits)/, '$1');
      throw new RecordValidationError(entity, { membership: { message, type: 'credits' } }, message);
    }
    throw err;
  }
}

/**
 * A new membership ends after its plan's months unless an end is given, makes
 * its member active and starts with the plan's credits (one ledger entry, so
 * the balance says where every credit came from).
 */
export const membershipHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    if (!values.end_date && values.plan && typeof values.start_date === 'string') {
      const [plan] = await ctx.records.asSystem('membership-plan').getMany(PLAN, [String(values.plan)]);
      if (plan) values.end_date = endOf(values.start_date, Number(plan.months));
    }
  },
  async afterCreate(ctx, record) {
    const system = ctx.records.asSystem('membership-start');
    const plan = await system.get(PLAN, String(record.plan));
    const credits = creditsOf(plan);
    if (credits) await moveCredits(ctx.records, { membership: record.id, credits, date: dayOf(new Date()), reason: 'plan' }, MEMBERSHIP);
    if (record.status === 'active') {
      const member = await system.get(MEMBER, String(record.member));
      if (member.status !== 'active') await system.update(MEMBER, member.id, { status: 'active' });
    }
  },
};
