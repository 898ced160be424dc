/**
 * Demo data: plans of each kind, members on memberships that started up to a
 * year ago (some ending within the week, some expired, a few leads), trainers,
 * a week of class schedules and their sessions from 4 weeks ago to 4 weeks
 * ahead, bookings in the states a real gym has them (past ones attended, no
 * shows and cancellations; coming ones booked, some classes full with a
 * waitlist), recent check-ins, invoices and freezes waiting for the manager.
 * Every booking goes through the data layer, so the capacity, the waitlist
 * and the credits are the real ones. Deterministic per organization.
 */
import { workflows, type RecordData, type SeedContext } from '../../core/sdk.js';
import { BOOKING, CHECK_IN, FREEZE, INVOICE, MEMBER, MEMBERSHIP, PLAN, SCHEDULE, SESSION, TRAINER, addDays, creditsOf, dayOf } from './memberships.js';
import { sessionOf, weekdayOf } from './jobs.js';

const FIRST = ['Ana', 'Kwame', 'Mei', 'Lars', 'Priya', 'Tomás', 'Aisha', 'Jonas', 'Yuki', 'Olga', 'Diego', 'Fatima', 'Noah', 'Leila', 'Ivan', 'Grace', 'Omar', 'Sofia', 'Hiro', 'Elena', 'Rafael', 'Nadia'];
const LAST = ['Okafor', 'Lindqvist', 'Chen', 'Haddad', 'Novak', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Mensah', 'Rossi', 'Nakamura', 'Fischer', 'Adeyemi', 'Dubois', 'Khan'];
const PLANS = [
  { name: 'Unlimited monthly', kind: 'unlimited', months: 1, price: 59 },
  { name: 'Unlimited yearly', kind: 'unlimited', months: 12, price: 590 },
  { name: '8 classes a month', kind: 'credits', months: 3, classes_per_period: 8, price: 120 },
  { name: '4 classes a month', kind: 'credits', months: 6, classes_per_period: 4, price: 150 },
  { name: '10-class pack', kind: 'pack', months: 3, classes_per_period: 10, price: 90 },
  { name: '20-class pack', kind: 'pack', months: 6, classes_per_period: 20, price: 160 },
];
const TRAINERS = [['Tara Brooks', 'Spin'], ['Kenji Ito', 'Yoga'], ['Amara Diallo', 'HIIT'], ['Lukas Berg', 'Strength'], ['Inés Vidal', 'Pilates']];
const CLASSES = [
  ['Spin', 'monday', '07:00', '07:45'], ['Yoga', 'monday', '18:00', '19:00'], ['HIIT', 'tuesday', '12:15', '13:00'], ['Strength', 'tuesday', '18:30', '19:30'],
  ['Pilates', 'wednesday', '09:00', '10:00'], ['Spin', 'wednesday', '18:00', '18:45'], ['Yoga', 'thursday', '07:30', '08:30'], ['HIIT', 'thursday', '18:00', '18:45'],
  ['Strength', 'friday', '17:30', '18:30'], ['Pilates', 'friday', '12:00', '13:00'], ['Spin', 'saturday', '10:00', '10:45'], ['Yoga', 'sunday', '10:00', '11:15'],
];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)];

/**
 * The numbers: 2,500 bookings over 96 sessions (12 weekly classes, 4
 * weeks back and 4 ahead) of 23–39 bookable places. Each booking goes through
 * the whole pipeline (session lock, capacity count, membership cover, credit
 * ledger, audit), about 30 ms here: the bookings are most of the seed's time.
 */
interface Sizes { plans: number; members: number; trainers: number; classes: number; weeks: number; bookings: number }
const SIZES: Record<SeedContext['size'], Sizes> = {
  demo: { plans: 6, members: 250, trainers: 5, classes: 12, weeks: 4, bookings: 2500 },
  small: { plans: 3, members: 16, trainers: 2, classes: 3, weeks: 1, bookings: 40 },
};

/** A member's one membership: what it covers and what it has left. */
interface Holder { member: RecordData; membership: RecordData; start: string; end: string; credits: number | null }

export async function seedGym(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const size = SIZES[ctx.size];
  const r = rng(ctx.organization.slug.length * 7919);
  const today = dayOf(new Date());
  const plans = [];
  for (const p of PLANS.slice(0, size.plans)) plans.push(await records.create(PLAN, p));
  const trainerUser = ctx.usersByRole.get('gym.trainer');
  const trainers = [];
  for (const [i, [name, specialty]] of TRAINERS.slice(0, size.trainers).entries()) {
    trainers.push(await records.create(TRAINER, { name, specialty, user: i === 0 && trainerUser ? trainerUser.id : null }));
  }
  const holders = await seedMembers(ctx, size, plans, r, today);
  // Sessions from `weeks` weeks ago to `weeks` weeks ahead, each from its schedule (the generation job's own mapping).
  const sessions: RecordData[] = [];
  for (const [i, [name, weekday, start, end]] of CLASSES.slice(0, size.classes).entries()) {
    const trainer = trainers.find((t) => t.specialty === name) ?? trainers[i % trainers.length];
    const schedule = await records.create(SCHEDULE, { name, weekday, start_time: start, end_time: end, trainer: trainer.id, capacity: 26 + Math.floor(r() * 14), walk_in_places: Math.floor(r() * 4) });
    for (let d = -7 * size.weeks; d < 7 * size.weeks; d++) {
      const date = addDays(today, d);
      if (weekdayOf(date) === weekday) sessions.push(await records.create(SESSION, sessionOf(schedule, date)));
    }
  }
  sessions.sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));
  await seedBookings(ctx, size, sessions, holders, r);
  await seedRest(ctx, holders, r, today);
}

async function seedMembers(ctx: SeedContext, size: Sizes, plans: RecordData[], r: () => number, today: string): Promise<Holder[]> {
  const { records } = ctx;
  const memberUser = ctx.usersByRole.get('gym.member');
  const holders: Holder[] = [];
  for (let i = 0; i < size.members; i++) {
    const demo = i === 0 && memberUser;
    const name = demo ? 'Demo Member' : `${pick(r, FIRST)} ${pick(r, LAST)}`;
    const member = await records.create(MEMBER, {
      name,
      email: demo ? memberUser.email : `${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.')}.${i}@example.org`,
      phone: `+1 555 ${String(2000 + i).slice(-4)}`,
      emergency_contact: `${pick(r, FIRST)} ${pick(r, LAST)}, +1 555 ${String(7000 + i).slice(-4)}`,
      user: demo ? memberUser.id : null,
    });
    // One in twenty is a lead who has not bought anything yet.
    if (!demo && i % 20 === 19) continue;
    const plan = demo ? plans[1] ?? plans[0] : plans[Math.floor(r() * plans.length)];
    // The end day sets the start: most run past the demo's 4 weeks ahead, some end this week, some have expired.
    const roll = r();
    const endOffset = demo ? 200 : roll < 0.08 ? 1 + Math.floor(r() * 7) : roll < 0.15 ? -1 - Math.floor(r() * 20) : 30 + Math.floor(r() * 150);
    const months = Number(plan.months);
    const end = addDays(today, endOffset);
    const startDate = new Date(`${addDays(end, 1)}T00:00:00Z`);
    startDate.setUTCMonth(startDate.getUTCMonth() - months);
    const start = dayOf(startDate);
    const membership = await records.create(MEMBERSHIP, { member: member.id, plan: plan.id, start_date: start, status: endOffset < 0 ? 'expired' : 'active' });
    if (endOffset < 0) await records.update(MEMBER, member.id, { status: 'expired' });
    holders.push({ member, membership, start, end: String(membership.end_date), credits: creditsOf(plan) });
  }
  return holders;
}

/**
 * Fills sessions in time order: past ones to 75–100 % (attended, some
 * no-shows and cancellations), coming ones to 60–100 %, every fourth coming
 * one past full so its waitlist shows. Stops at the size's number of bookings.
 */
async function seedBookings(ctx: SeedContext, size: Sizes, sessions: RecordData[], holders: Holder[], r: () => number): Promise<void> {
  const { records } = ctx;
  const now = new Date().toISOString();
  let made = 0;
  for (const [n, session] of sessions.entries()) {
    if (made >= size.bookings) break;
    const places = Number(session.capacity);
    const past = String(session.ends_at) < now;
    const full = !past && n % 4 === 0;
    const want = full ? places + 1 + Math.floor(r() * 4) : Math.round(places * (past ? 0.75 + r() * 0.25 : 0.6 + r() * 0.4));
    const date = String(session.date);
    const eligible = holders.filter((h) => h.membership.status === 'active' && h.start <= date && h.end >= date && h.credits !== 0);
    const offset = Math.floor(r() * eligible.length);
    let taken = 0;
    for (let k = 0; k < eligible.length && taken < want && made < size.bookings; k++) {
      const h = eligible[(offset + k) % eligible.length];
      const roll = r();
      const status = past ? (roll < 0.06 ? 'cancelled' : roll < 0.14 ? 'no_show' : 'attended') : roll < 0.05 && taken < places ? 'cancelled' : 'booked';
      await records.create(BOOKING, { session: session.id, member: h.member.id, membership: h.membership.id, status });
      if (h.credits !== null && status !== 'cancelled') h.credits--;
      if (status !== 'cancelled') taken++;
      made++;
    }
  }
}

/** Check-ins today and this week, an invoice per membership, freezes (two waiting for the manager, one approved). */
async function seedRest(ctx: SeedContext, holders: Holder[], r: () => number, today: string): Promise<void> {
  const { records } = ctx;
  const active = holders.filter((h) => h.membership.status === 'active' && h.start <= today);
  for (const [i, h] of active.slice(0, Math.max(2, Math.floor(active.length / 5))).entries()) {
    const daysAgo = i % 3 === 0 ? 0 : 1 + Math.floor(r() * 6);
    const time = new Date(Date.now() - daysAgo * 86_400_000 - Math.floor(r() * 3) * 3_600_000);
    if (dayOf(time) < h.start) continue;
    await records.create(CHECK_IN, { member: h.member.id, time: time.toISOString() });
  }
  // An invoice per membership, written set-wise (each still numbered, checked and audited as a create is).
  const plans = new Map((await records.getMany(PLAN, [...new Set(holders.map((h) => String(h.membership.plan)))])).map((p) => [p.id, p]));
  await records.createMany(INVOICE, holders.map((h) => {
    const plan = plans.get(String(h.membership.plan))!;
    return { member: h.member.id, membership: h.membership.id, date: h.start, description: String(plan.name), amount: plan.price, status: h.start < today ? 'paid' : 'issued' };
  }));
  const desk = ctx.usersByRole.get('gym.front_desk');
  const manager = ctx.usersByRole.get('gym.manager');
  const later = active.filter((h) => h.end > addDays(today, 30)).slice(1, 4);
  for (const [i, h] of later.entries()) {
    const asDesk = desk ? await ctx.as(desk) : records;
    const freeze = await asDesk.create(FREEZE, { membership: h.membership.id, from_date: addDays(today, 10 + i * 3), to_date: addDays(today, 16 + i * 3), reason: pick(r, ['Travel', 'Injury', 'Exams']) });
    // The first one the manager has approved already: its end moved and its bookings inside were cancelled.
    if (i === 0 && manager) await (await workflows(await ctx.as(manager))).run(FREEZE, freeze.id, 'approve');
  }
}

