/**
 * uniqueWhen: one live booking per member and session (cancelled ones do not
 * count), held by a partial unique index with organization_id; a second one is
 * a field error on the first field, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { bookingManifest } from './support/booking-fixture.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const BOOKING = 'stays.booking';
let runtime: TestRuntime;
let org: Fixture;
let desk: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stays', ['desk']);
  desk = await org.as('desk');
}, 60_000);
afterAll(() => runtime?.dispose());

describe('uniqueWhen on (session, member) unless cancelled', () => {
  it('refuses a second live booking with a field error; after cancelling, a new one is accepted', async () => {
    const s = String((await desk.create('stays.session', { name: 'Yoga', capacity: 10 })).id);
    const m = String((await desk.create('stays.guest', { name: 'Ana' })).id);
    const first = await desk.create(BOOKING, { session: s, member: m });
    const err = await errorOf(desk.create(BOOKING, { session: s, member: m }));
    expect((err as RecordValidationError).fieldErrors).toEqual({ session: { message: 'another booking with the same session and member already exists that is not cancelled', type: 'unique' } });
    await desk.update(BOOKING, String(first.id), { status: 'cancelled' });
    await expect(desk.create(BOOKING, { session: s, member: m })).resolves.toMatchObject({ status: 'booked' });
    // Bringing the cancelled one back would make two live ones.
    const back = await errorOf(desk.update(BOOKING, String(first.id), { status: 'booked' }));
    expect((back as RecordValidationError).fieldErrors.session?.type).toBe('unique');
  });

  it('is a partial unique index leading with organization_id', async () => {
    const entity = runtime.registry.entity(BOOKING)!;
    const [{ def }]: { def: string }[] = await runtime.dataSource.query(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index JOIN pg_class c ON c.oid = indexrelid WHERE c.relname = $1`, [entity.constraints!.uniqueWhen[0].constraint]);
    expect(def).toMatch(/^CREATE UNIQUE INDEX "UQW_stays_booking_0_session_member" ON public\.stays_booking USING btree \(organization_id, session_id, member_id\) WHERE \(\(status\)::text <> 'cancelled'::text\)$/);
  });

  it('20 concurrent attempts by one member: exactly one booking exists', async () => {
    const s = String((await desk.create('stays.session', { name: 'Pilates', capacity: 30 })).id);
    const m = String((await desk.create('stays.guest', { name: 'Bo' })).id);
    const services = await Promise.all(Array.from({ length: 20 }, () => org.as('desk')));
    const results = await Promise.allSettled(services.map((svc) => svc.create(BOOKING, { session: s, member: m })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect((r.reason as RecordValidationError).fieldErrors.session?.type).toBe('unique');
  });
});
