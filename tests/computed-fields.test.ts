/**
 * Computed fields: nights = check_out − check_in, amount = nights × rate and
 * per_adult = (rate − discount) ÷ adults are stored generated columns; the data
 * layer evaluates the same expression in memory (hooks and checks see it) and
 * refuses them as input. Division by zero is no value, as in PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { bookingManifest } from './support/booking-fixture.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const RESERVATION = 'stays.reservation';
let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;
let room: string;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()) });
  org = await createFixtureOrg(runtime, 'stays', ['desk']);
  desk = await org.as('desk');
  room = String((await desk.create('stays.room', { number: '8' })).id);
}, 60_000);
afterAll(() => runtime?.dispose());

describe('computed fields', () => {
  it('are stored generated columns of the field\'s type', async () => {
    const rows: { column_name: string; is_generated: string; generation_expression: string; data_type: string }[] = await runtime.dataSource.query(
      `SELECT column_name, is_generated, generation_expression, data_type FROM information_schema.columns WHERE table_name = 'stays_reservation' AND is_generated = 'ALWAYS' ORDER BY column_name`,
    );
    expect(rows.map((r) => [r.column_name, r.data_type])).toEqual([['amount', 'numeric'], ['nights', 'integer'], ['per_adult', 'numeric']]);
    expect(rows.find((r) => r.column_name === 'nights')!.generation_expression).toBe('(check_out - check_in)');
  });

  it('have their value on create and follow an update of what they are computed from', async () => {
    const r = await desk.create(RESERVATION, { room, check_in: '2030-05-01', check_out: '2030-05-04', rate: 120.5, discount: 0.5, adults: 3 });
    expect(r).toMatchObject({ nights: 3, amount: 361.5, per_adult: 40 });
    const u = await desk.update(RESERVATION, String(r.id), { check_out: '2030-05-06', adults: 2 });
    expect(u).toMatchObject({ nights: 5, amount: 602.5, per_adult: 60 });
  });

  it('a missing operand gives no value; they are read-only in input', async () => {
    const r = await desk.create(RESERVATION, { room, check_in: '2030-06-01', check_out: '2030-06-02' });
    expect(r).toMatchObject({ nights: 1, amount: null, per_adult: null });
    const err = await errorOf(desk.create(RESERVATION, { room, check_in: '2030-07-01', check_out: '2030-07-02', nights: 9 }));
    expect((err as RecordValidationError).fieldErrors.nights?.type).toBe('readOnly');
    expect(runtime.registry.entity(RESERVATION)!.field.get('amount')!.readOnly).toBe(true);
  });
});
