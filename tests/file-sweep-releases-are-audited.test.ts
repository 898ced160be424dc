/**
 * The file sweep works through the named bypass (purpose `jobs-scheduler`,
 * every organization's files in one statement) and changes tenant data: it
 * releases uploads nobody attached and gives their storage back. Each release
 * leaves an audit row in the file's own organization, in the same statement,
 * naming the bypass's system actor `cross-tenant:jobs-scheduler`; the
 * organization's admin reads it like any other entry, the other organization
 * does not.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crossTenant } from '../core/db/cross-tenant.js';
import { FILE_AUDIT_ENTITY, sweepFiles, SWEEP_AUDIT_ACTION } from '../core/data/files/files.js';
import { LocalFileStore } from '../core/data/files/local-store.js';
import { demoPdf, storeFile } from '../core/sdk.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let oldOfA: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  runtime.files = new LocalFileStore(mkdtempSync(join(tmpdir(), 'ums-sweep-')));
  a = await createFixtureOrg(runtime, 'hospital', ['hospital.lab_technician']);
  b = await createFixtureOrg(runtime, 'hospital', ['hospital.lab_technician']);
});
afterAll(() => runtime.dispose());

const upload = async (fixture: Fixture, name: string): Promise<string> =>
  storeFile(await fixture.system(), 'hospital.lab_test', 'report_file', { name, content: await demoPdf(name, ['never attached']) });

const ageOut = (id: string): Promise<unknown> => runtime.dataSource.query(`UPDATE core_file SET created_at = now() - interval '25 hours' WHERE id = $1`, [id]);

describe('the file sweep audits what it releases', () => {
  it('one audit row per released upload, in its organization, naming cross-tenant:jobs-scheduler; a fresh upload is neither released nor audited', async () => {
    oldOfA = await upload(a, 'রিপোর্ট পুরোনো.pdf');
    const oldOfB = await upload(b, 'old of B.pdf');
    const fresh = await upload(a, 'fresh.pdf');
    await ageOut(oldOfA);
    await ageOut(oldOfB);
    const swept = await crossTenant(runtime.dataSource, 'jobs-scheduler', (owner) => sweepFiles(owner, runtime.files!));
    expect(swept.released).toBe(2);
    const rows: { organization_id: string; record_id: string; system_actor: string; actor_id: string | null; action: string; changes: Record<string, unknown> }[] = await runtime.dataSource.query(
      `SELECT organization_id, record_id, system_actor, actor_id, action, changes FROM core_audit_log WHERE entity = $1 AND action_name = $2 ORDER BY created_at`,
      [FILE_AUDIT_ENTITY, SWEEP_AUDIT_ACTION],
    );
    expect(rows.map((r) => [r.organization_id, r.record_id]).sort()).toEqual([[a.org.id, oldOfA], [b.org.id, oldOfB]].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ system_actor: 'cross-tenant:jobs-scheduler', actor_id: null, action: 'action' });
      expect(row.changes).toMatchObject({ deleted_at: { before: null }, uploaded_for: 'hospital.lab_test.report_file' });
    }
    expect(rows.find((r) => r.record_id === oldOfA)?.changes.name).toBe('রিপোর্ট পুরোনো.pdf');
    expect(rows.some((r) => r.record_id === fresh)).toBe(false);
  });

  it('the organization reads its own entry through the data layer, not the other organization’s', async () => {
    const entries = await (await a.system()).find('core.audit_log', { filters: [{ field: 'action_name', op: 'eq', value: SWEEP_AUDIT_ACTION }], limit: 10 });
    expect(entries.map((e) => e.record_id)).toEqual([oldOfA]);
    expect(entries[0].system_actor).toBe('cross-tenant:jobs-scheduler');
  });

  it('a second sweep releases and audits nothing more', async () => {
    const swept = await crossTenant(runtime.dataSource, 'jobs-scheduler', (owner) => sweepFiles(owner, runtime.files!));
    expect(swept.released).toBe(0);
    const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_audit_log WHERE action_name = $1`, [SWEEP_AUDIT_ACTION]);
    expect(n).toBe(2);
  });
});
