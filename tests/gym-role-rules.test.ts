/**
 * The gym's rules per role, through AdminJS's HTTP API: what each role's lists
 * hold (exactly), which fields it is shown, what it may do. Front desk and
 * manager see every member, membership, booking, check-in and invoice; a
 * trainer sees their own sessions, who booked them (without contact details)
 * and marks attendance there only; a member sees their own records, books for
 * themselves only and cancels only before the cut-off (2 hours before class).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createGymWorld, type GymRole, type GymWorld } from './support/gym.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: GymWorld;
const clients = new Map<GymRole, AdminClient>();

const RESOURCES = {
  member: 'GymMember', plan: 'GymPlan', membership: 'GymMembership', credit_balance: 'GymCreditBalance', freeze: 'GymFreeze', trainer: 'GymTrainer',
  class_schedule: 'GymClassSchedule', class_session: 'GymClassSession', booking: 'GymBooking', check_in: 'GymCheckIn', invoice: 'GymInvoice',
} as const;
type Entity = keyof typeof RESOURCES;
const api = (entity: Entity, rest: string): string => `/admin/api/resources/${RESOURCES[entity]}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createGymWorld(runtime);
  server = await startTestServer(runtime);
  for (const [role, u] of w.org.users) if (role !== 'admin') clients.set(role as GymRole, await server.login(u.email, 'secret-123'));
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** The ids a role's list shows ([] when the list itself is refused). */
async function listed(role: GymRole, entity: Entity): Promise<string[]> {
  const res = await clients.get(role)!.get(api(entity, 'actions/list?perPage=500'));
  if ((res.body.notice as { type?: string } | undefined)?.type === 'error' || !res.body.records) return [];
  return res.body.records.map((r) => r.id).sort();
}

async function shown(role: GymRole, entity: Entity, id: string): Promise<Record<string, unknown> | undefined> {
  const res = await clients.get(role)!.get(api(entity, `records/${id}/show`));
  const record = res.body.record as { params?: Record<string, unknown> } | undefined;
  return record?.params && Object.keys(record.params).length ? record.params : undefined;
}

const ids = (...records: { id: string }[]): string[] => records.map((r) => r.id).sort();
const notice = (body: Record<string, unknown>) => body.notice as { type: string; message: string } | undefined;

describe('gym roles through the admin API', () => {
  it('the dashboard counts check-ins today, active members, expiring memberships and today’s classes, as each role may see them', async () => {
    const cards = async (role: GymRole) => Object.fromEntries(((await clients.get(role)!.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[]).map((c) => [c.label, c.count]));
    expect(await cards('gym.front_desk')).toMatchObject({ 'Check-ins today': 1, 'Active members': 2, 'Memberships expiring in 7 days': 0, 'Freezes to approve': 1 });
    expect(await cards('gym.member')).toMatchObject({ 'Check-ins today': 1, 'Active members': 1 });
    expect(await cards('gym.manager')).toMatchObject({ 'Freezes to approve': 1 });
    // The table card of today's classes answers for the desk (a progress bar per session, booked out of capacity) and is not the member's.
    const tables = async (role: GymRole) => ((await clients.get(role)!.get('/admin/api/dashboard')).body.cards as { label: string; type: string; rows?: { progress?: { value: number; max: number } }[] }[]).filter((c) => c.label === "Today's classes: booked / capacity");
    const [table] = await tables('gym.front_desk');
    expect(table.type).toBe('table');
    expect(table.rows).toHaveLength((await cards('gym.front_desk'))['Classes today']);
    for (const row of table.rows!) expect(row.progress!.value).toBeLessThanOrEqual(row.progress!.max);
    expect(await tables('gym.member')).toEqual([]);
  });

  it('front desk and manager list every member, membership, booking, check-in, invoice and freeze', async () => {
    for (const role of ['gym.front_desk', 'gym.manager'] as const) {
      expect(await listed(role, 'member')).toEqual(ids(w.members.mia, w.members.otto));
      expect(await listed(role, 'membership')).toEqual(ids(w.memberships.mia, w.memberships.otto));
      expect(await listed(role, 'booking')).toEqual(ids(w.bookings.mia, w.bookings.otto));
      expect(await listed(role, 'check_in')).toEqual(ids(w.checkIn));
      expect(await listed(role, 'invoice')).toEqual(ids(w.invoices.mia, w.invoices.otto));
      expect(await listed(role, 'freeze')).toEqual(ids(w.freeze));
      expect(await listed(role, 'class_session')).toEqual(ids(w.sessions.taras, w.sessions.toms));
    }
  });

  it('only the manager changes plans; the front desk reads them', async () => {
    const desk = await clients.get('gym.front_desk')!.post(api('plan', `records/${w.plans.pack.id}/edit`), { price: '1' });
    expect(notice(desk.body)?.type).toBe('error');
    const manager = await clients.get('gym.manager')!.post(api('plan', `records/${w.plans.pack.id}/edit`), { price: '95' });
    expect(notice(manager.body)).toMatchObject({ type: 'success' });
    expect(Number((await w.system.get('gym.plan', w.plans.pack.id)).price)).toBe(95);
  });

  it('a trainer sees their own schedule and sessions, the bookings of those and who made them, without contact details', async () => {
    expect(await listed('gym.trainer', 'class_schedule')).toEqual(ids(w.schedule));
    expect(await listed('gym.trainer', 'class_session')).toEqual(ids(w.sessions.taras));
    expect(await listed('gym.trainer', 'booking')).toEqual(ids(w.bookings.mia));
    expect(await listed('gym.trainer', 'member')).toEqual(ids(w.members.mia));
    const mia = await shown('gym.trainer', 'member', w.members.mia.id);
    expect(mia).toMatchObject({ name: 'Mia Member', emergency_contact: 'Max, +1 555 0102' });
    expect(mia).not.toHaveProperty('phone');
    expect(mia).not.toHaveProperty('email');
    for (const entity of ['membership', 'invoice', 'check_in', 'freeze'] as const) expect(await listed('gym.trainer', entity)).toEqual([]);
    expect(await shown('gym.trainer', 'class_session', w.sessions.toms.id)).toBeUndefined();
  });

  it('a trainer marks attendance in their own session only', async () => {
    const trainer = clients.get('gym.trainer')!;
    const other = await trainer.post(api('booking', `records/${w.bookings.otto.id}/attend`), { comment: '' });
    expect(notice(other.body)?.type).toBe('error');
    expect((await w.system.get('gym.booking', w.bookings.otto.id)).status).toBe('booked');
    const { member } = await w.member('Attendee');
    const booking = await w.system.create('gym.booking', { session: w.sessions.taras.id, member: member.id });
    const own = await trainer.post(api('booking', `records/${booking.id}/attend`), { comment: '' });
    expect(notice(own.body)).toMatchObject({ type: 'success' });
    expect((await w.system.get('gym.booking', booking.id)).status).toBe('attended');
    await w.system.delete('gym.booking', booking.id);
  });

  it('a member sees only their own member record, memberships, bookings, check-ins, invoices and credits, and every session', async () => {
    expect(await listed('gym.member', 'member')).toEqual(ids(w.members.mia));
    expect(await listed('gym.member', 'membership')).toEqual(ids(w.memberships.mia));
    expect(await listed('gym.member', 'booking')).toEqual(ids(w.bookings.mia));
    expect(await listed('gym.member', 'check_in')).toEqual(ids(w.checkIn));
    expect(await listed('gym.member', 'invoice')).toEqual(ids(w.invoices.mia));
    expect(await listed('gym.member', 'freeze')).toEqual([]);
    expect(await listed('gym.member', 'credit_balance')).toEqual([]);
    expect(await listed('gym.member', 'class_session')).toEqual(ids(w.sessions.taras, w.sessions.toms));
    expect(await shown('gym.member', 'member', w.members.otto.id)).toBeUndefined();
    expect(await shown('gym.member', 'invoice', w.invoices.otto.id)).toBeUndefined();
  });

  it('a member books for themselves only, and cannot edit a booking', async () => {
    const member = clients.get('gym.member')!;
    const forOtto = await member.post(api('booking', 'actions/new'), { session: w.sessions.toms.id, member: w.members.otto.id });
    expect(notice(forOtto.body)?.type).toBe('error');
    const own = await member.post(api('booking', 'actions/new'), { session: w.sessions.toms.id, member: w.members.mia.id });
    expect(notice(own.body)).toMatchObject({ type: 'success' });
    const id = (own.body.record as { id: string }).id;
    expect(await w.system.get('gym.booking', id)).toMatchObject({ status: 'booked', membership: w.memberships.mia.id });
    const edited = await member.post(api('booking', `records/${id}/edit`), { session: w.sessions.taras.id });
    expect(notice(edited.body)?.type).toBe('error');
    await w.system.delete('gym.booking', id);
  });

  it('a member cancels their own booking before the cut-off, not within 2 hours of the class, and never with the desk’s cancel', async () => {
    const member = clients.get('gym.member')!;
    const soon = new Date(Date.now() + 60 * 60_000);
    const later = new Date(soon.getTime() + 60 * 60_000);
    const imminent = await w.system.create('gym.class_session', { name: 'Soon', date: soon.toISOString().slice(0, 10), starts_at: soon.toISOString(), ends_at: later.toISOString(), capacity: 5, trainer: w.trainers.tom.id });
    const late = await w.system.create('gym.booking', { session: imminent.id, member: w.members.mia.id });
    const refused = await member.post(api('booking', `records/${late.id}/cancel_own`), { comment: '' });
    expect(notice(refused.body)?.type).toBe('error');
    expect((await w.system.get('gym.booking', late.id)).status).toBe('booked');
    const desks = await member.post(api('booking', `records/${w.bookings.mia.id}/cancel`), { comment: '' });
    expect(notice(desks.body)?.type).toBe('error');
    const early = await member.post(api('booking', `records/${w.bookings.mia.id}/cancel_own`), { comment: '' });
    expect(notice(early.body)).toMatchObject({ type: 'success' });
    expect((await w.system.get('gym.booking', w.bookings.mia.id)).status).toBe('cancelled');
    const others = await member.post(api('booking', `records/${w.bookings.otto.id}/cancel_own`), { comment: '' });
    expect(notice(others.body)?.type).toBe('error');
    expect((await w.system.get('gym.booking', w.bookings.otto.id)).status).toBe('booked');
  });
});
