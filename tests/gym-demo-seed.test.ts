/**
 * The gym demo organization (full size: 6 plans, 250 members, 5 trainers, 12
 * weekly classes over 8 weeks, 2,500 bookings, the numbers): a login
 * per gym role, bookings
 * in every state, no session over capacity, full classes with a waitlist,
 * credits that add up to the ledger, the demo member's own records, freezes
 * waiting for the manager, and something on each dashboard card.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import type { DemoLogin } from '../core/tenancy/demo.js';
import { seedOneDemo, type SeededDemo } from './support/demo-org.js';
import type { TestRuntime } from './support/runtime.js';

let demo: SeededDemo;
let runtime: TestRuntime;
let logins: DemoLogin[];
let system: RecordService;
let seconds: number;

beforeAll(async () => {
  demo = await seedOneDemo('gym');
  ({ runtime, logins, system, seconds } = demo);
}, 600_000);
afterAll(() => runtime.dispose());

const all = (key: string): Promise<RecordData[]> => demo.all(key);
const as = (email: string): Promise<RecordService> => demo.as(email);

describe('gym demo seed', () => {
  it('creates a login per gym role, each signing in with demo1234', async () => {
    console.log(`gym demo seed: ${seconds.toFixed(1)} s`);
    expect(logins.map((l) => l.email).sort()).toEqual(['admin@gym.demo', 'front_desk@gym.demo', 'manager@gym.demo', 'member@gym.demo', 'trainer@gym.demo']);
    for (const l of logins) await as(l.email);
  });

  it('has the issue’s numbers: 6 plans, 250 members, 5 trainers, 8 weeks of sessions, 2,500 bookings', async () => {
    expect(await system.count('gym.plan')).toBe(6);
    expect(await system.count('gym.member')).toBe(250);
    expect(await system.count('gym.trainer')).toBe(5);
    expect(await system.count('gym.class_session')).toBe(12 * 8);
    expect(await system.count('gym.booking')).toBe(2500);
  });

  it('has bookings in every state, no session over capacity, and full classes with a waitlist', async () => {
    const bookings = await all('gym.booking');
    expect(new Set(bookings.map((b) => b.status))).toEqual(new Set(['booked', 'waitlisted', 'attended', 'cancelled', 'no_show']));
    const sessions = await all('gym.class_session');
    let full = 0;
    for (const s of sessions) {
      const mine = bookings.filter((b) => b.session === s.id);
      const taking = mine.filter((b) => ['booked', 'attended', 'no_show'].includes(String(b.status))).length;
      expect(taking).toBeLessThanOrEqual(Number(s.capacity));
      if (taking === Number(s.capacity) && mine.some((b) => b.status === 'waitlisted')) full++;
    }
    expect(full).toBeGreaterThan(5);
  });

  it('every membership’s credits are its ledger entries’ sum, never negative', async () => {
    const entries = await all('gym.credit_entry');
    const balances = await all('gym.credit_balance');
    expect(balances.length).toBeGreaterThan(50);
    for (const b of balances) {
      expect(Number(b.credits)).toBeGreaterThanOrEqual(0);
      expect(Number(b.credits)).toBe(entries.filter((e) => e.membership === b.membership).reduce((n, e) => n + Number(e.credits), 0));
    }
  });

  it('the demo member sees their own bookings; the manager has freezes to approve; the dashboard has check-ins today and memberships ending this week', async () => {
    const member = await as('member@gym.demo');
    const own = await member.find('gym.booking', { limit: 1000 });
    const [me] = await member.find('gym.member');
    expect(own.length).toBeGreaterThan(3);
    expect(own.every((b) => b.member === me.id)).toBe(true);
    expect(await system.count('gym.freeze', [{ field: 'status', op: 'eq', value: 'requested' }])).toBe(2);
    expect(await system.count('gym.freeze', [{ field: 'status', op: 'eq', value: 'approved' }])).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(await system.count('gym.check_in', [{ field: 'time', op: 'gte', value: `${today}T00:00:00.000Z` }])).toBeGreaterThan(0);
    const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(await system.count('gym.membership', [{ field: 'status', op: 'eq', value: 'active' }, { field: 'end_date', op: 'gte', value: today }, { field: 'end_date', op: 'lte', value: week }])).toBeGreaterThan(0);
    expect(await system.count('gym.member', [{ field: 'status', op: 'eq', value: 'active' }])).toBeGreaterThan(150);
  });
});
