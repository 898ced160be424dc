/**
 * A gym organization built by code: one user per gym role (the trainer user is
 * trainer Tara, the member user is member Mia), plans of each kind, Mia on an
 * unlimited plan and Otto on a credits plan, two trainers with a session each
 * in the future, bookings of both members, a check-in, invoices and a freeze
 * request. Dates are days from today, so the sessions stay bookable.
 */
import type { RecordData, RecordService } from '../../core/data/records.js';
import { createFixtureOrg, type Fixture } from './runtime.js';
import type { Runtime } from '../../core/runtime.js';

export const GYM_ROLES = ['gym.front_desk', 'gym.trainer', 'gym.manager', 'gym.member'] as const;
export type GymRole = (typeof GYM_ROLES)[number];

export const DAY_MS = 86_400_000;
export const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

export interface GymWorld {
  org: Fixture;
  system: RecordService;
  as(role: GymRole): Promise<RecordService>;
  plans: { unlimited: RecordData; credits: RecordData; pack: RecordData };
  members: { mia: RecordData; otto: RecordData };
  memberships: { mia: RecordData; otto: RecordData };
  trainers: { tara: RecordData; tom: RecordData };
  schedule: RecordData;
  sessions: { taras: RecordData; toms: RecordData };
  bookings: { mia: RecordData; otto: RecordData };
  checkIn: RecordData;
  invoices: { mia: RecordData; otto: RecordData };
  freeze: RecordData;
  /** A session of `capacity` places `offset` days ahead, taught by Tom. */
  session(capacity: number, offset?: number, name?: string): Promise<RecordData>;
  /** A member with an active membership of `plan` from today. */
  member(name: string, plan?: RecordData, startDate?: string): Promise<{ member: RecordData; membership: RecordData }>;
}

let sessions = 0;

export async function createGymWorld(runtime: Runtime): Promise<GymWorld> {
  const org = await createFixtureOrg(runtime, 'gym', [...GYM_ROLES]);
  const system = await org.system();
  const plans = {
    unlimited: await system.create('gym.plan', { name: 'Unlimited monthly', kind: 'unlimited', months: 1, price: 59 }),
    credits: await system.create('gym.plan', { name: '8 classes a month', kind: 'credits', months: 1, classes_per_period: 8, price: 45 }),
    pack: await system.create('gym.plan', { name: '10-class pack', kind: 'pack', months: 3, classes_per_period: 10, price: 90 }),
  };
  const mia = await system.create('gym.member', { name: 'Mia Member', email: 'mia@example.org', phone: '+1 555 0101', emergency_contact: 'Max, +1 555 0102', user: org.users.get('gym.member')!.id });
  const otto = await system.create('gym.member', { name: 'Otto Other', email: 'otto@example.org' });
  const memberships = {
    mia: await system.create('gym.membership', { member: mia.id, plan: plans.unlimited.id, start_date: day(-10) }),
    otto: await system.create('gym.membership', { member: otto.id, plan: plans.credits.id, start_date: day(-5) }),
  };
  const trainers = {
    tara: await system.create('gym.trainer', { name: 'Tara Trainer', user: org.users.get('gym.trainer')!.id, specialty: 'Spin' }),
    tom: await system.create('gym.trainer', { name: 'Tom Coach', specialty: 'Yoga' }),
  };
  const schedule = await system.create('gym.class_schedule', { name: 'Spin', weekday: 'monday', start_time: '18:00', end_time: '19:00', trainer: trainers.tara.id, capacity: 12, walk_in_places: 2 });
  const at = (offset: number, hour: number) => `${day(offset)}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const sessionOf = (trainer: RecordData, capacity: number, offset: number, name: string) =>
    system.create('gym.class_session', { name, date: day(offset), starts_at: at(offset, 18), ends_at: at(offset, 19), capacity, trainer: trainer.id });
  const taras = await system.create('gym.class_session', { name: 'Spin (Tara)', schedule: schedule.id, date: day(3), starts_at: at(3, 18), ends_at: at(3, 19), capacity: 10, trainer: trainers.tara.id });
  const toms = await sessionOf(trainers.tom, 10, 4, 'Yoga (Tom)');
  const bookings = {
    mia: await system.create('gym.booking', { session: taras.id, member: mia.id }),
    otto: await system.create('gym.booking', { session: toms.id, member: otto.id }),
  };
  const checkIn = await system.create('gym.check_in', { member: mia.id, time: new Date().toISOString() });
  const invoices = {
    mia: await system.create('gym.invoice', { member: mia.id, membership: memberships.mia.id, date: day(-10), description: 'Unlimited monthly', amount: 59 }),
    otto: await system.create('gym.invoice', { member: otto.id, membership: memberships.otto.id, date: day(-5), description: '8 classes a month', amount: 45 }),
  };
  const freeze = await system.create('gym.freeze', { membership: memberships.otto.id, from_date: day(10), to_date: day(12), reason: 'Travel' });
  let members = 0;
  return {
    org,
    system,
    as: (role) => org.as(role),
    plans,
    members: { mia, otto },
    memberships,
    trainers,
    schedule,
    sessions: { taras, toms },
    bookings,
    checkIn,
    invoices,
    freeze,
    session: (capacity, offset = 5, name = `Class ${++sessions}`) => sessionOf(trainers.tom, capacity, offset, name),
    async member(name, plan = plans.unlimited, startDate = day(0)) {
      const member = await system.create('gym.member', { name: `${name} ${++members}` });
      const membership = await system.create('gym.membership', { member: member.id, plan: plan.id, start_date: startDate });
      return { member, membership };
    },
  };
}
