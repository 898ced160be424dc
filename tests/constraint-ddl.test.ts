/**
 * The booking primitives' DDL comes from the entity schemas like every other
 * column: once built, `migrations:generate` finds nothing left to do (no
 * constraint is dropped and re-added on every run), and every index and
 * constraint they add leads with organization_id.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diffSchema } from '../core/db/migrations.js';
import { bookingManifest } from './support/booking-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(bookingManifest()) });
}, 60_000);
afterAll(() => runtime?.dispose());

describe('DDL of the booking primitives', () => {
  it('leaves no pending schema change once built (generated columns, exclusions, partial indexes, sequence uniques)', async () => {
    expect((await diffSchema(runtime.dataSource)).up).toEqual([]);
  });

  it('every exclusion and unique index of the fixture leads with organization_id', async () => {
    const rows: { index: string; leading: string }[] = await runtime.dataSource.query(
      `SELECT i.relname AS index, a.attname AS leading
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relname LIKE 'stays_%' AND NOT x.indisprimary AND (i.relname LIKE 'EXC_%' OR i.relname LIKE 'UQW_%' OR i.relname LIKE 'UQS_%')
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.index)).toEqual(['EXC_stays_appointment_0_practitioner', 'EXC_stays_reservation_0_room', 'UQS_stays_reservation_number', 'UQS_stays_task_number', 'UQW_stays_booking_0_session_member']);
    expect(rows.every((r) => r.leading === 'organization_id')).toBe(true);
  });

  it('the shipped migrations create btree_gist and the sequence counter table', async () => {
    const migrated = await createTestRuntime();
    try {
      const [ext]: { n: number }[] = await migrated.dataSource.query(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'btree_gist'`);
      const [table]: { n: number }[] = await migrated.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'core_sequence_counter'`);
      expect([ext.n, table.n]).toEqual([1, 1]);
    } finally {
      await migrated.dispose();
    }
  });
});
