/**
 * Class bookings under contention, through AdminJS's HTTP API: the session's
 * capacity (PostgreSQL row lock on the session, then a count) lets exactly one
 * of twenty requests for the last place book it and waitlists the others; a
 * cancellation hands the place to the first waitlisted in the same
 * transaction; one live booking per member and session (partial unique
 * index); credits are held by a booking, given back by its cancellation, and
 * never go below zero when twenty bookings race for the last credit; the
 * membership that ends first pays for a booking.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createGymWorld, day, type GymWorld } from './support/gym.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: GymWorld;
let desk: AdminClient;

const api = (rest: string): string => `/admin/api/resources/GymBooking/${rest}`;
type Notice = { type: string; message: string };
type Saved = { notice?: Notice; record?: { id?: string; params: Record<string, unknown>; errors: Record<string, { message: string }> } };

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createGymWorld(runtime);
  server = await startTestServer(runtime);
  desk = await server.login(w.org.users.get('gym.front_desk')!.email, 'secret-123');
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const book = async (session: string, member: string): Promise<Saved> => (await desk.post(api('actions/new'), { session, member })).body as Saved;
const credits = async (membership: string): Promise<number> => Number((await w.system.find('gym.credit_balance', { filters: [{ field: 'membership', op: 'eq', value: membership }] }))[0]?.credits ?? 0);

describe('booking classes', () => {
  it('20 concurrent bookings for the last place: exactly one is booked, the other 19 are waitlisted', async () => {
    const session = await w.session(3);
    for (let i = 0; i < 2; i++) await w.system.create('gym.booking', { session: session.id, member: (await w.member('Early')).member.id });
    const racers = [];
    for (let i = 0; i < 20; i++) racers.push((await w.member('Racer')).member);
    const answers = await Promise.all(racers.map((m) => book(session.id, m.id)));
    expect(answers.every((a) => a.notice?.type === 'success')).toBe(true);
    const statuses = answers.map((a) => a.record!.params.status);
    expect(statuses.filter((s) => s === 'booked')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(19);
    expect(await w.system.count('gym.booking', [{ field: 'session', op: 'eq', value: session.id }, { field: 'status', op: 'eq', value: 'booked' }])).toBe(3);
  }, 90_000);

  it('a cancellation promotes the first waitlisted booking in the same transaction', async () => {
    const session = await w.session(1);
    const [first, second, third] = [(await w.member('A')).member, (await w.member('B')).member, (await w.member('C')).member];
    const held = (await book(session.id, first.id)).record!;
    const waiting = (await book(session.id, second.id)).record!;
    const later = (await book(session.id, third.id)).record!;
    expect([held.params.status, waiting.params.status, later.params.status]).toEqual(['booked', 'waitlisted', 'waitlisted']);
    const cancelled = await desk.post(api(`records/${held.id}/cancel`), { comment: '' });
    expect(cancelled.body.notice).toMatchObject({ type: 'success' });
    expect((await w.system.get('gym.booking', waiting.id!)).status).toBe('booked');
    expect((await w.system.get('gym.booking', later.id!)).status).toBe('waitlisted');
    // The promotion is the capacity primitive's, audited in the cancellation's transaction: now() is the transaction's start, so both rows carry the same time.
    const audit: { record_id: string; system_actor: string | null; at: string }[] = await runtime.dataSource.query(
      `SELECT record_id, system_actor, created_at::text AS at FROM core_audit_log WHERE record_id = ANY($1) AND action = 'update' ORDER BY created_at`, [[held.id, waiting.id]],
    );
    const promotion = audit.find((a) => a.record_id === waiting.id)!;
    expect(promotion.system_actor).toBe('core:capacity.promote');
    expect(audit.filter((a) => a.record_id === held.id).map((a) => a.at)).toContain(promotion.at);
  });

  it('one booking per member and session, until that booking is cancelled', async () => {
    const session = await w.session(5);
    const { member } = await w.member('Once');
    const first = await book(session.id, member.id);
    expect(first.notice).toMatchObject({ type: 'success' });
    const again = await book(session.id, member.id);
    expect(again.record!.errors.session?.message).toMatch(/already exists that is not cancelled/);
    await desk.post(api(`records/${first.record!.id}/cancel`), { comment: '' });
    expect((await book(session.id, member.id)).notice).toMatchObject({ type: 'success' });
  });

  it('a booking uses a credit and its cancellation gives it back', async () => {
    const { member, membership } = await w.member('Credits', w.plans.credits);
    expect(await credits(membership.id)).toBe(8);
    const session = await w.session(5);
    const made = await book(session.id, member.id);
    expect(made.record!.params.membership).toBe(membership.id);
    expect(await credits(membership.id)).toBe(7);
    await desk.post(api(`records/${made.record!.id}/cancel`), { comment: '' });
    expect(await credits(membership.id)).toBe(8);
    const entries = await w.system.find('gym.credit_entry', { filters: [{ field: 'membership', op: 'eq', value: membership.id }], sort: { field: 'created_at', direction: 'asc' } });
    expect(entries.map((e) => [e.reason, e.credits])).toEqual([['plan', 8], ['booking', -1], ['cancellation', 1]]);
  });

  it('the earliest-ending membership with credits is used first, whatever the order they were bought in; when its credits are gone the next one is used', async () => {
    const { member, membership: pack } = await w.member('Two plans', w.plans.pack);
    const monthly = await w.system.create('gym.membership', { member: member.id, plan: w.plans.credits.id, start_date: day(0) });
    expect(String(monthly.end_date) < String(pack.end_date)).toBe(true);
    const used: unknown[] = [];
    for (let i = 0; i < 9; i++) used.push((await book((await w.session(5)).id, member.id)).record!.params.membership);
    expect(used).toEqual([...Array<string>(8).fill(monthly.id), pack.id]);
    expect([await credits(monthly.id), await credits(pack.id)]).toEqual([0, 9]);
  }, 60_000);

  it('20 concurrent bookings with 1 credit left: exactly one is made, the others are refused naming the credits, and the balance is 0', async () => {
    const { member, membership } = await w.member('Last credit', w.plans.credits);
    const warmup = [];
    for (let i = 0; i < 7; i++) warmup.push(await book((await w.session(5)).id, member.id));
    expect(warmup.every((a) => a.notice?.type === 'success')).toBe(true);
    expect(await credits(membership.id)).toBe(1);
    const sessions = [];
    for (let i = 0; i < 20; i++) sessions.push(await w.session(10));
    const answers = await Promise.all(sessions.map((s) => book(s.id, member.id)));
    const made = answers.filter((a) => a.notice?.type === 'success');
    expect(made).toHaveLength(1);
    for (const a of answers.filter((x) => x.notice?.type !== 'success')) expect(a.record?.errors.membership?.message ?? a.notice?.message).toMatch(/credit/i);
    expect(await credits(membership.id)).toBe(0);
    expect(await w.system.count('gym.booking', [{ field: 'member', op: 'eq', value: member.id }])).toBe(8);
  }, 90_000);

  it('measured: 10 rounds of 20 members racing for a class’s last place, exactly one booked per round (throughput and p99 printed)', async () => {
    const racers = [];
    for (let i = 0; i < 20; i++) racers.push((await w.member('Round racer')).member);
    const latencies: number[] = [];
    let elapsed = 0;
    for (let round = 0; round < 10; round++) {
      const session = await w.session(1, 20 + round);
      const started = performance.now();
      const answers = await Promise.all(racers.map(async (m) => {
        const t = performance.now();
        const a = await book(session.id, m.id);
        latencies.push(performance.now() - t);
        return a;
      }));
      elapsed += performance.now() - started;
      expect(answers.filter((a) => a.record?.params.status === 'booked')).toHaveLength(1);
      expect(answers.filter((a) => a.record?.params.status === 'waitlisted')).toHaveLength(19);
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)].toFixed(0);
    console.log(`gym last place, 20-way contention over HTTP: ${(200 / (elapsed / 1000)).toFixed(1)} bookings/s, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, 10/10 rounds with exactly one booked`);
  }, 180_000);
});
