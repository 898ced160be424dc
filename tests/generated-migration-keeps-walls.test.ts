/**
 * A migration file written by `migrations:generate` runs what the diff says
 * beyond TypeORM's own statements: the tenant policy on a new table, the data
 * check before each same-tenant key, and the bound parameters of generated
 * columns' bookkeeping rows. (The merge of two branches once wrote the file
 * from TypeORM's statements alone: tables without row-level security, ledgers
 * without their append-only triggers.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSchema, generateMigration } from '../core/db/migrations.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let dir: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  dir = mkdtempSync(join(tmpdir(), 'ums-migration-'));
  // As if the hotel's reservations (computed nights and amount) and their folios were not yet created.
  await runtime.dataSource.query('DROP TABLE hotel_folio_line, hotel_folio, hotel_reservation CASCADE');
  await runtime.dataSource.query(`DELETE FROM typeorm_metadata WHERE "table" = 'hotel_reservation'`);
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await runtime?.dispose();
});

describe('a generated migration file', () => {
  it('carries the tenant policy, the cross-tenant checks and the generated columns parameters', async () => {
    const file = await generateMigration(runtime.dataSource, { name: 'walls', dir, registry: runtime.registry, now: 1 });
    const body = readFileSync(file!, 'utf8');
    expect(body).toContain('ALTER TABLE "hotel_reservation" ENABLE ROW LEVEL SECURITY');
    expect(body).toContain('CREATE POLICY "ums_tenant_isolation" ON "hotel_reservation"');
    expect(body).toMatch(/CROSS_TENANT_REFERENCE: % row\(s\) of hotel_reservation refer through guest_id/);
    expect(body).toMatch(/INSERT INTO "[^"]*typeorm_metadata".*`, \["[^"]+","[^"]+","hotel_reservation","GENERATED_COLUMN","nights"/);
  });

  it('its statements, run, leave the schema in sync with the policy in place', async () => {
    const change = await diffSchema(runtime.dataSource, runtime.registry);
    await runtime.dataSource.transaction(async (tx) => {
      for (const s of change.statements.up) await tx.query(s.query, s.parameters);
    });
    expect((await diffSchema(runtime.dataSource, runtime.registry)).up).toEqual([]);
    const policies: { tablename: string }[] = await runtime.dataSource.query(
      `SELECT tablename FROM pg_policies WHERE policyname = 'ums_tenant_isolation' AND tablename LIKE 'hotel_%' ORDER BY 1`,
    );
    expect(policies.map((p) => p.tablename)).toEqual(['hotel_folio', 'hotel_folio_line', 'hotel_guest', 'hotel_reservation', 'hotel_room', 'hotel_room_type']);
  });
});
