/**
 * The gym's jobs: session generation makes the next 4 weeks of sessions from
 * the active schedules once (a rerun adds nothing, and the uniqueWhen index on
 * schedule and date refuses a second session of a schedule's day); daily
 * expiry ends memberships past their end and their members; expiry reminders
 * go 7 days and 1 day before, once each; no-show marking moves bookings still
 * booked after their class; members away for 4 weeks get one nudge.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobScheduler } from '../core/jobs/index.js';
import { createGymWorld, day, type GymWorld } from './support/gym.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let scheduler: JobScheduler;
let w: GymWorld;

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createGymWorld(runtime);
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

const run = async (job: string) => (await scheduler.runNow(`gym.${job}`, w.org.org.slug))[0];
const mondaysAhead = (): string[] => Array.from({ length: 28 }, (_v, i) => day(i)).filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1);

describe('session generation', () => {
  it('creates each Monday’s Spin session of the next 4 weeks with capacity less walk-ins, and a rerun creates none', async () => {
    const before = await w.system.count('gym.class_session', [{ field: 'schedule', op: 'eq', value: w.schedule.id }]);
    const first = await run('generate_sessions');
    expect(first.status).toBe('ok');
    const sessions = await w.system.find('gym.class_session', { filters: [{ field: 'schedule', op: 'eq', value: w.schedule.id }, { field: 'date', op: 'in', value: mondaysAhead() }] });
    expect(sessions.map((s) => s.date).sort()).toEqual(mondaysAhead());
    const made = (await w.system.count('gym.class_session', [{ field: 'schedule', op: 'eq', value: w.schedule.id }])) - before;
    expect(first.message).toMatch(new RegExp(`^${made} sessions? created`));
    const generated = sessions.find((s) => s.id !== w.sessions.taras.id)!;
    expect(generated).toMatchObject({ capacity: 10, trainer: w.trainers.tara.id, name: `Spin ${String(generated.date)} 18:00` });
    expect(String(generated.starts_at)).toContain(`${String(generated.date)}T18:00:00`);
    const second = await run('generate_sessions');
    expect(second.message).toBe(`0 sessions created, ${mondaysAhead().length} already there`);
  });

  it('a second session of one schedule and day is a field error, also for 20 writers at once', async () => {
    const date = day(60);
    const attempt = () => w.system.create('gym.class_session', { name: 'Spin again', schedule: w.schedule.id, date, starts_at: `${date}T18:00:00.000Z`, ends_at: `${date}T19:00:00.000Z`, capacity: 10, trainer: w.trainers.tara.id });
    const results = await Promise.allSettled(Array.from({ length: 20 }, attempt));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { fieldErrors: Record<string, { type: string }> }).fieldErrors.schedule).toMatchObject({ type: 'unique' });
  });
});

describe('memberships and members', () => {
  it('daily expiry ends memberships past their end, and their members without another active one', async () => {
    const member = await w.system.create('gym.member', { name: 'Lapsed' });
    const ended = await w.system.create('gym.membership', { member: member.id, plan: w.plans.unlimited.id, start_date: day(-40), end_date: day(-1) });
    const result = await run('daily_expiry');
    expect(result.message).toBe('1 membership expired, 1 member without an active one');
    expect((await w.system.get('gym.membership', ended.id)).status).toBe('expired');
    expect((await w.system.get('gym.member', member.id)).status).toBe('expired');
    expect((await w.system.get('gym.membership', w.memberships.mia.id)).status).toBe('active');
  });

  it('expiry reminders go 7 days and 1 day before the end, once each', async () => {
    const week = await w.system.create('gym.membership', { member: (await w.member('Week')).member.id, plan: w.plans.unlimited.id, start_date: day(-20), end_date: day(7) });
    const tomorrow = await w.system.create('gym.membership', { member: (await w.member('Tomorrow')).member.id, plan: w.plans.unlimited.id, start_date: day(-20), end_date: day(1) });
    expect((await run('expiry_reminder')).message).toBe('2 expiry reminders sent');
    expect((await w.system.get('gym.membership', week.id)).reminded_7_at).toBeTruthy();
    expect((await w.system.get('gym.membership', tomorrow.id)).reminded_1_at).toBeTruthy();
    expect((await run('expiry_reminder')).message).toBe('0 expiry reminders sent');
  });

  it('members away for 4 weeks get one nudge; a check-in makes the next absence count again', async () => {
    const { member } = await w.member('Away');
    await w.system.update('gym.member', member.id, { last_check_in: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    expect((await run('inactive_nudge')).message).toBe('1 member nudged');
    expect((await w.system.get('gym.member', member.id)).nudged_at).toBeTruthy();
    expect((await run('inactive_nudge')).message).toBe('0 members nudged');
    await w.system.create('gym.check_in', { member: member.id, time: new Date().toISOString() });
    expect((await w.system.get('gym.member', member.id)).nudged_at).toBeNull();
  });
});

describe('no-show marking', () => {
  it('bookings still booked after their class become no-shows through the workflow; attended and future ones stay', async () => {
    const start = new Date(Date.now() - 3 * 3_600_000);
    // Three hours ago is yesterday shortly after midnight: the members' memberships start yesterday so the booking is covered either way.
    const since = day(-1);
    const past = await w.system.create('gym.class_session', { name: 'Earlier', date: start.toISOString().slice(0, 10), starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 5, trainer: w.trainers.tom.id });
    const absent = await w.system.create('gym.booking', { session: past.id, member: (await w.member('Absent', undefined, since)).member.id });
    const present = await w.system.create('gym.booking', { session: past.id, member: (await w.member('Present', undefined, since)).member.id, status: 'attended' });
    expect((await run('no_show_marking')).message).toBe('1 booking marked no-show');
    expect((await w.system.get('gym.booking', absent.id)).status).toBe('no_show');
    expect((await w.system.get('gym.booking', present.id)).status).toBe('attended');
    expect((await w.system.get('gym.booking', w.bookings.otto.id)).status).toBe('booked');
  });
});
