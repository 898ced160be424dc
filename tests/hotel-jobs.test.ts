/**
 * The hotel's jobs: the night audit posts tonight's room charge once per
 * folio and night (a rerun, or twenty writers at once, add nothing: the
 * partial unique index on folio and date holds it); no-show marking moves
 * confirmed stays whose arrival day has passed; arrival reminders go once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import { JobScheduler } from '../core/jobs/index.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let scheduler: JobScheduler;
let w: HotelWorld;

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createHotelWorld(runtime);
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

const chargesTonight = () =>
  w.system.find('hotel.folio_line', { filters: [{ field: 'folio', op: 'eq', value: w.folio.id }, { field: 'kind', op: 'eq', value: 'room_charge' }, { field: 'date', op: 'eq', value: day(0) }] });

describe('night audit', () => {
  it('posts tonight’s room charge on the in-house stay’s folio at its rate, and a second run posts nothing', async () => {
    const [first] = await scheduler.runNow('hotel.night_audit', w.org.org.slug);
    expect(first).toMatchObject({ status: 'ok', message: `1 room charge posted for ${day(0)}` });
    const charges = await chargesTonight();
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ status: 'posted', amount: 120 });
    // The world's folio had one posted night (120) and a pending minibar line.
    expect(Number((await w.system.get('hotel.folio', w.folio.id)).balance)).toBe(240);
    const [second] = await scheduler.runNow('hotel.night_audit', w.org.org.slug);
    expect(second).toMatchObject({ status: 'ok', message: `0 room charges posted for ${day(0)}, 1 already posted` });
    expect(await chargesTonight()).toHaveLength(1);
  });

  it('a second room charge for the same folio and night is a field error, also for 20 writers at once', async () => {
    const night = day(1);
    const attempt = async () => (await w.as('hotel.front_desk')).create('hotel.folio_line', { folio: w.folio.id, kind: 'room_charge', date: night, amount: 120, description: 'Room charge' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, attempt));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(RecordValidationError);
        expect((r.reason as RecordValidationError).fieldErrors.folio).toMatchObject({ type: 'unique', message: expect.stringMatching(/already exists/) });
      }
    }
    // A service line on the same night is not a room charge.
    await expect((await w.as('hotel.front_desk')).create('hotel.folio_line', { folio: w.folio.id, kind: 'service', date: night, amount: 5, description: 'Laundry' })).resolves.toBeDefined();
  }, 60_000);
});

describe('no-show marking and arrival reminders', () => {
  it('marks confirmed stays whose arrival day has passed as no-shows, through the workflow', async () => {
    const late = await w.system.create('hotel.reservation', { guest: w.guests.other.id, room_type: w.types.double.id, check_in: day(-1), check_out: day(1), adults: 1, rate: 90, status: 'confirmed' });
    const [outcome] = await scheduler.runNow('hotel.no_show_marking', w.org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '1 reservation marked no-show' });
    expect((await w.system.get('hotel.reservation', late.id)).status).toBe('no_show');
    expect((await w.system.get('hotel.reservation', w.reservations.otherConfirmed.id)).status).toBe('confirmed');
  });

  it('mails and notifies guests arriving tomorrow, once', async () => {
    const tomorrow = await w.system.create('hotel.reservation', { guest: w.guests.own.id, room_type: w.types.double.id, check_in: day(1), check_out: day(3), adults: 1, rate: 90, status: 'confirmed' });
    const [outcome] = await scheduler.runNow('hotel.arrival_reminder', w.org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '1 arrival reminder sent' });
    const mails: { recipient: string; subject: string }[] = await runtime.dataSource.query('SELECT recipient, subject FROM core_mail_outbox WHERE organization_id = $1', [w.org.org.id]);
    expect(mails).toEqual([{ recipient: 'grace@example.org', subject: expect.stringContaining(String(tomorrow.number)) }]);
    const notes = await w.system.find('core.notification', { filters: [{ field: 'user', op: 'eq', value: w.org.users.get('hotel.guest')!.id }] });
    expect(notes).toHaveLength(1);
    const [again] = await scheduler.runNow('hotel.arrival_reminder', w.org.org.slug);
    expect(again).toMatchObject({ status: 'ok', message: '0 arrival reminders sent' });
  });
});
