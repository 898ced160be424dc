/**
 * The gym's workflows through AdminJS's HTTP API: a freeze approved by a
 * manager (and only a manager) moves the membership's end by the frozen days
 * and cancels the member's bookings inside it, giving their credits back and
 * their places to the waitlist; a booking and a check-in need an active
 * membership that is not frozen on that day; a check-in on a booking marks it
 * attended.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createGymWorld, day, type GymWorld } from './support/gym.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: GymWorld;
let desk: AdminClient;
let manager: AdminClient;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;
type Saved = { notice?: { type: string; message: string }; record?: { id: string; params: Record<string, unknown>; errors: Record<string, { message: string }> } };

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createGymWorld(runtime);
  server = await startTestServer(runtime);
  desk = await server.login(w.org.users.get('gym.front_desk')!.email, 'secret-123');
  manager = await server.login(w.org.users.get('gym.manager')!.email, 'secret-123');
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const book = async (session: string, member: string): Promise<Saved> => (await desk.post(api('GymBooking', 'actions/new'), { session, member })).body as Saved;
const credits = async (membership: string): Promise<number> => Number((await w.system.find('gym.credit_balance', { filters: [{ field: 'membership', op: 'eq', value: membership }] }))[0]?.credits ?? 0);

describe('freezes', () => {
  it('only a manager approves a freeze; approval moves the end by the frozen days and cancels the bookings inside it, returning credits and promoting the waitlist', async () => {
    const { member, membership } = await w.member('Freezer', w.plans.credits);
    const endBefore = String(membership.end_date);
    const inside = await w.session(1, 6);
    const outside = await w.session(5, 9);
    const held = (await book(inside.id, member.id)).record!;
    const kept = (await book(outside.id, member.id)).record!;
    const waiting = (await book(inside.id, (await w.member('Waiting')).member.id)).record!;
    expect(waiting.params.status).toBe('waitlisted');
    expect(await credits(membership.id)).toBe(6);
    const freeze = (await desk.post(api('GymFreeze', 'actions/new'), { membership: membership.id, from_date: day(5), to_date: day(7), reason: 'Knee' })).body as Saved;
    expect(freeze.record!.params).toMatchObject({ status: 'requested', days: 3 });
    const byDesk = await desk.post(api('GymFreeze', `records/${freeze.record!.id}/approve`), { comment: '' });
    expect((byDesk.body as Saved).notice?.type).toBe('error');
    expect((await w.system.get('gym.freeze', freeze.record!.id)).status).toBe('requested');
    const approved = await manager.post(api('GymFreeze', `records/${freeze.record!.id}/approve`), { comment: '' });
    expect((approved.body as Saved).notice).toMatchObject({ type: 'success' });
    const after = await w.system.get('gym.membership', membership.id);
    expect(String(after.end_date)).toBe(new Date(Date.parse(`${endBefore}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10));
    expect((await w.system.get('gym.booking', held.id)).status).toBe('cancelled');
    expect((await w.system.get('gym.booking', kept.id)).status).toBe('booked');
    expect((await w.system.get('gym.booking', waiting.id)).status).toBe('booked');
    expect(await credits(membership.id)).toBe(7);
  });

  it('a booking on a frozen day, before the membership starts or after it ends, or without a membership, is a field error saying why', async () => {
    const { member, membership } = await w.member('Frozen');
    await w.system.create('gym.freeze', { membership: membership.id, from_date: day(20), to_date: day(22), status: 'approved' });
    const frozen = await book((await w.session(5, 21)).id, member.id);
    expect(frozen.record!.errors.membership?.message).toMatch(new RegExp(`no active, unfrozen membership on ${day(21)}.*frozen from ${day(20)} to ${day(22)}`));
    const late = await book((await w.session(5, 80)).id, member.id);
    expect(late.record!.errors.membership?.message).toMatch(/ended on/);
    const lead = await w.system.create('gym.member', { name: 'Just a lead' });
    expect((await book((await w.session(5)).id, lead.id)).record!.errors.membership?.message).toMatch(/no active, unfrozen membership/);
    expect(await w.system.count('gym.booking', [{ field: 'member', op: 'in', value: [member.id, lead.id] }])).toBe(0);
  });

  it('a rejected freeze changes nothing', async () => {
    const { membership } = await w.member('Rejected');
    const freeze = await w.system.create('gym.freeze', { membership: membership.id, from_date: day(3), to_date: day(4) });
    expect(((await manager.post(api('GymFreeze', `records/${freeze.id}/reject`), { comment: '' })).body as Saved).notice).toMatchObject({ type: 'success' });
    expect((await w.system.get('gym.membership', membership.id)).end_date).toBe(membership.end_date);
  });
});

describe('check-ins', () => {
  it('a check-in needs a covering membership; on a booking it marks the booking attended and stamps the member’s last visit', async () => {
    const lead = await w.system.create('gym.member', { name: 'Walk-in lead' });
    const refused = (await desk.post(api('GymCheckIn', 'actions/new'), { member: lead.id, time: new Date().toISOString() })).body as Saved;
    expect(refused.record!.errors.membership?.message).toMatch(/no active, unfrozen membership/);
    const { member, membership } = await w.member('Visitor');
    const now = new Date();
    const session = await w.system.create('gym.class_session', { name: 'Now', date: now.toISOString().slice(0, 10), starts_at: now.toISOString(), ends_at: new Date(now.getTime() + 3_600_000).toISOString(), capacity: 5, trainer: w.trainers.tom.id });
    const booking = await w.system.create('gym.booking', { session: session.id, member: member.id });
    const checked = (await desk.post(api('GymCheckIn', 'actions/new'), { member: member.id, time: now.toISOString(), booking: booking.id })).body as Saved;
    expect(checked.notice).toMatchObject({ type: 'success' });
    expect(checked.record!.params.membership).toBe(membership.id);
    expect((await w.system.get('gym.booking', booking.id)).status).toBe('attended');
    expect((await w.system.get('gym.member', member.id)).last_check_in).toBeTruthy();
    const twice = (await desk.post(api('GymCheckIn', 'actions/new'), { member: member.id, time: now.toISOString(), booking: booking.id })).body as Saved;
    expect(twice.notice?.type).toBe('error');
  });
});
