/**
 * Sequences: a reservation gets RES-<year>-<00000> and a task <project code>-<n>
 * counted per project, assigned in the creating transaction: consecutive, never
 * reused, no gap when a create fails (the counter rolls back with it), unique
 * in the database, and readable as the record's title.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { localDate } from '../core/manifest/index.js';
import { bookingManifest } from './support/booking-fixture.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;
let room: string;
const year = (): string => localDate(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone).slice(0, 4);

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stays', ['desk']);
  desk = await org.as('desk');
  room = String((await desk.create('stays.room', { number: '1' })).id);
}, 60_000);
afterAll(() => runtime?.dispose());

const stay = (svc: RecordService, day: number): Promise<Record<string, unknown>> =>
  svc.create('stays.reservation', { room, check_in: `2028-01-${String(day).padStart(2, '0')}`, check_out: `2028-01-${String(day + 1).padStart(2, '0')}` });

describe('a sequence per organization', () => {
  it('numbers reservations RES-<year>-00001, 00002 … and a failed create leaves no gap', async () => {
    const a = await stay(desk, 1);
    expect(a.number).toBe(`RES-${year()}-00001`);
    // Refused by the check after the number was drawn: the counter rolls back with the transaction.
    await errorOf(desk.create('stays.reservation', { room, check_in: '2028-02-05', check_out: '2028-02-01' }));
    expect((await stay(desk, 2)).number).toBe(`RES-${year()}-00002`);
  });

  it('is the system\'s: input is refused, and another organization counts from 1', async () => {
    const err = await errorOf(desk.create('stays.reservation', { room, check_in: '2028-03-01', check_out: '2028-03-02', number: 'RES-MINE' }));
    expect((err as RecordValidationError).fieldErrors.number?.type).toBe('readOnly');
    const other = await createFixtureOrg(runtime, 'stays', ['desk']);
    const otherDesk = await other.as('desk');
    const otherRoom = String((await otherDesk.create('stays.room', { number: '1' })).id);
    const first = await otherDesk.create('stays.reservation', { room: otherRoom, check_in: '2028-01-01', check_out: '2028-01-02' });
    expect(first.number).toBe(`RES-${year()}-00001`);
  });

  it('20 concurrent creates get 20 distinct consecutive numbers', async () => {
    const [{ last }]: { last: number }[] = await runtime.dataSource.query(
      `SELECT last_value AS last FROM core_sequence_counter WHERE organization_id = $1 AND entity = 'stays.reservation'`, [org.org.id],
    );
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    const created = await Promise.all(services.map((svc, i) => stay(svc, 3 + i)));
    const numbers = created.map((r) => Number(String(r.number).slice(-5))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_x, i) => last + 1 + i));
  });

  it('is unique in the database (organization, number)', async () => {
    const [{ def }]: { def: string }[] = await runtime.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'stays_reservation'::regclass AND conname LIKE 'UQS_%'`,
    );
    expect(def).toBe('UNIQUE (organization_id, number)');
  });
});

describe('a sequence scoped per parent reference', () => {
  it('numbers tasks per project with the project code, PRJ-1, PRJ-2 and OPS-1, and titles them by it', async () => {
    const prj = String((await desk.create('stays.project', { code: 'PRJ' })).id);
    const ops = String((await desk.create('stays.project', { code: 'OPS' })).id);
    const t1 = await desk.create('stays.task', { project: prj, summary: 'one' });
    const t2 = await desk.create('stays.task', { project: prj, summary: 'two' });
    const o1 = await desk.create('stays.task', { project: ops, summary: 'three' });
    expect([t1.number, t2.number, o1.number]).toEqual(['PRJ-1', 'PRJ-2', 'OPS-1']);
    expect(runtime.registry.entity('stays.task')!.titleField).toBe('number');
    const [{ def }]: { def: string }[] = await runtime.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'stays_task'::regclass AND conname LIKE 'UQS_%'`,
    );
    expect(def).toBe('UNIQUE (organization_id, project_id, number)');
  });

  it('20 concurrent tasks of one project get 1 … 20, none repeated', async () => {
    const p = String((await desk.create('stays.project', { code: 'RACE' })).id);
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    const created = await Promise.all(services.map((svc, i) => svc.create('stays.task', { project: p, summary: `t${i}` })));
    expect(created.map((t) => String(t.number)).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))).toEqual(Array.from({ length: 20 }, (_x, i) => `RACE-${i + 1}`));
  });

  it('a task without its project is a field error, not a 500', async () => {
    const err = await errorOf(desk.create('stays.task', { summary: 'orphan' }));
    expect((err as RecordValidationError).fieldErrors.project?.type).toBe('required');
  });
});
