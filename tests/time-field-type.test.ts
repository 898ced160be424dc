/**
 * The `time` field type (a time of day, HH:MM or HH:MM:SS), on the gym's class
 * schedules: a PostgreSQL `time` column; values come back as written (HH:MM,
 * :SS only when not zero); "25:00", "12:60", "abc" are field errors; the
 * declared check "end after start" holds in PostgreSQL (a raw insert is
 * refused) and in memory, with the same answers; an AdminJS list filters and
 * sorts by a time field; a CSV export imports back with the same times.
 */
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { evaluateCondition } from '../core/data/constraints/condition-eval.js';
import { exportRecords, importCsv } from '../core/exchange/index.js';
import type { RecordValidationError } from '../core/errors.js';
import { errorOf } from './support/errors.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const SCHEDULE = 'gym.class_schedule';
let runtime: TestRuntime;
let gym: Fixture;
let manager: RecordService;
let server: TestServer;
let trainer: string;

const fieldError = (err: unknown, field: string): string | undefined => (err as RecordValidationError).fieldErrors?.[field]?.message;
const schedule = (start: unknown, end: unknown, name = 'Spin') => manager.create(SCHEDULE, { name, weekday: 'monday', start_time: start, end_time: end, trainer, capacity: 20 });

beforeAll(async () => {
  runtime = await createTestRuntime();
  gym = await createFixtureOrg(runtime, 'gym', ['manager']);
  manager = await gym.as('manager');
  trainer = String((await manager.create('gym.trainer', { name: 'Tara Trainer', specialty: 'Spin' })).id);
  server = await startTestServer(runtime);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('a time field', () => {
  it('is a PostgreSQL time column', async () => {
    const rows: { table_name: string; column_name: string; data_type: string }[] = await runtime.dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE (table_name, column_name) IN (('gym_class_schedule', 'start_time'), ('gym_class_schedule', 'end_time'), ('timetable_period', 'start'), ('timetable_period', 'end')) ORDER BY 1, 2`,
    );
    expect(rows.map((r) => r.data_type)).toEqual(Array(4).fill('time without time zone'));
  });

  it('takes HH:MM and HH:MM:SS and gives them back as written (no :00 added)', async () => {
    const a = await schedule('07:30', ' 08:45:00 ');
    expect([a.start_time, a.end_time]).toEqual(['07:30', '08:45']);
    const b = await schedule('07:30:15', '23:59:59');
    expect([b.start_time, b.end_time]).toEqual(['07:30:15', '23:59:59']);
    expect(await manager.get(SCHEDULE, String(b.id))).toMatchObject({ start_time: '07:30:15', end_time: '23:59:59' });
  });

  it.each(['25:00', '24:00', '12:60', 'abc', '9:30', '09:30:60', '09:30+06', ''])('refuses %p as a field error', async (bad) => {
    const err = await errorOf(schedule(bad, '23:00'));
    expect(fieldError(err, 'start_time')).toMatch(bad === '' ? /required/ : /time of day/);
  });

  it('holds "end after start" in memory: a field error on the end', async () => {
    expect(fieldError(await errorOf(schedule('10:00', '09:59:59')), 'end_time')).toBe('must be after the start');
    expect(fieldError(await errorOf(schedule('10:00', '10:00:00')), 'end_time')).toBe('must be after the start');
    expect((await schedule('10:00', '10:00:01')).end_time).toBe('10:00:01');
  });

  it('holds it in PostgreSQL too: a raw insert with the end before the start is refused by the CHECK', async () => {
    const ok = await schedule('12:00', '13:00');
    const copy = (start: string, end: string) =>
      runtime.dataSource.query(
        `INSERT INTO gym_class_schedule (organization_id, name, weekday, start_time, end_time, trainer_id, capacity, walk_in_places, active)
         SELECT organization_id, name, weekday, $2::time, $3::time, trainer_id, capacity, walk_in_places, active FROM gym_class_schedule WHERE id = $1`,
        [ok.id, start, end],
      );
    await expect(copy('13:00', '12:00')).rejects.toMatchObject({ code: '23514', constraint: 'CHK_gym_class_schedule_schedule_ends_after_start' });
    await expect(copy('12:00', '12:00:01')).resolves.toBeDefined();
  });

  it('compares in memory exactly as PostgreSQL does', async () => {
    const entity = runtime.registry.entity(SCHEDULE)!;
    const rule = entity.constraints!.checks.find((c) => c.field === 'end_time')!.rule;
    const pairs = [['09:00', '09:00'], ['09:00', '09:00:01'], ['09:59:59', '10:00'], ['23:59:59', '00:00'], ['00:00', '23:59:59'], ['12:30', '12:03'], ['08:00:00', '08:00']];
    for (const [start, end] of pairs) {
      const [{ holds }]: { holds: boolean }[] = await runtime.dataSource.query('SELECT $2::time > $1::time AS holds', [start, end]);
      expect([start, end, evaluateCondition(rule, entity, { start_time: start, end_time: end })]).toEqual([start, end, holds]);
    }
  });

  it('filters and sorts an AdminJS list', async () => {
    const names = ['Dawn', 'Noon', 'Dusk'];
    for (const [i, [s, e]] of [['06:15', '07:00'], ['12:10', '12:45'], ['19:30', '20:30']].entries()) await schedule(s, e, names[i]);
    const client = await server.login(gym.users.get('manager')!.email, 'secret-123');
    const list = async (query: string) => (await client.get(`/admin/api/resources/GymClassSchedule/actions/list?perPage=100&${query}`)).body.records ?? [];
    const desc = await list('sortBy=start_time&direction=desc');
    const starts = desc.map((r) => String(r.params.start_time));
    expect(starts).toEqual([...starts].sort().reverse());
    expect(starts[0]).toBe('19:30');
    const morning = await list('filters.start_time~~from=06:00&filters.start_time~~to=07:00');
    expect(morning.map((r) => r.params.name)).toEqual(['Dawn']);
    expect((await list('filters.start_time=12:10:00')).map((r) => r.params.name)).toEqual(['Noon']);
    // A value that is no time is refused naming the field (AdminJS's list answers with an error notice), not a 500.
    const bad = await client.get('/admin/api/resources/GymClassSchedule/actions/list?filters.start_time=25:00');
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.records ?? []).toEqual([]);
    expect(bad.body.notice).toMatchObject({ type: 'error', message: expect.stringMatching(/Start must be a time of day/) });
  });

  it('makes a CSV round trip with the same times', async () => {
    const chunks: Buffer[] = [];
    await exportRecords(manager, SCHEDULE, 'csv', new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) }));
    const text = Buffer.concat(chunks).toString('utf8');
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    const times = rows.map((r) => [r[header.indexOf('start_time')], r[header.indexOf('end_time')]]).sort();
    expect(times).toContainEqual(['07:30:15', '23:59:59']);
    const before = (await manager.find(SCHEDULE, { limit: 1000 })).map((r) => [r.start_time, r.end_time]).sort();
    for (const r of await manager.find(SCHEDULE, { limit: 1000 })) await manager.delete(SCHEDULE, r.id);
    const report = await importCsv(runtime, gym.users.get('manager')!.actor, SCHEDULE, text);
    expect(report.rejected).toEqual([]);
    expect(report.committed).toBe(true);
    expect((await manager.find(SCHEDULE, { limit: 1000 })).map((r) => [r.start_time, r.end_time]).sort()).toEqual(before);
  });
});
