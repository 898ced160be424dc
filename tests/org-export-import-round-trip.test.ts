/**
 * org:export → org:import into a fresh database, through the CLI: an HR
 * organization with leave waiting for its second approval, audit history and
 * numbered documents comes back row for row, table by table (every table
 * with an organization_id, read from the catalog); the waiting approval is
 * still pending and can be given on the new installation; the next document
 * number continues. Re-importing, an archive from a newer schema and an
 * archive cut short are refused with nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { importOrganization } from '../core/tenancy/org-import.js';
import { tenantTables } from '../core/tenancy/tenant-tables.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { runCli, type CliResult } from './support/cli.js';

const ROLES = ['employee', 'approver', 'hr_officer'];

let source: TestRuntime;
let target: TestRuntime;
let org: Fixture;
let dir: string;
let longLeave: string;
let annEmployee: string;
let casual: string;

function ums(databaseUrl: string, ...argv: string[]): CliResult {
  return runCli(argv, { DATABASE_URL: databaseUrl });
}

/** Every row of the organization in every table, as PostgreSQL's jsonb, ordered by primary key. */
async function snapshot(runtime: TestRuntime, organizationId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await tenantTables(runtime.dataSource)) {
    const where = t.name === 'core_organization' ? 'id' : 'organization_id';
    const order = t.primaryKey.map((c) => `t."${c}"`).join(', ') || '1';
    const rows: { r: unknown }[] = await runtime.dataSource.query(`SELECT to_jsonb(t) AS r FROM "${t.name}" t WHERE ${where} = $1 ORDER BY ${order}`, [organizationId]);
    out[t.name] = rows.map((x) => x.r);
  }
  return out;
}

const hrOn = async (runtime: TestRuntime, role: string): Promise<RecordService> => {
  const u = org.users.get(role)!;
  return RecordService.for(runtime, { kind: 'user', userId: u.id, organizationId: org.org.id, email: u.email });
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ums-org-export-'));
  source = await createTestRuntime();
  target = await createTestRuntime();
  org = await createFixtureOrg(source, 'hr', ROLES);
  const hr = await hrOn(source, 'hr_officer');
  casual = String((await hr.create('hr.leave_type', { name: 'Casual' })).id);
  const annUser = await createUser(source, org.org.slug, { email: `ann@${org.org.slug}.test`, password: 'secret-123', name: 'Ann', roles: ['hr.employee'] });
  org.users.set('ann', { id: annUser.id, email: `ann@${org.org.slug}.test`, actor: { kind: 'user', userId: annUser.id, organizationId: org.org.id, email: `ann@${org.org.slug}.test` } });
  annEmployee = String((await hr.create('hr.employee', { name: 'Ann', user: annUser.id, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
  // A reference within one table that points forward in the archive's (primary key) order: written after every row is in.
  const boss = String((await hr.create('hr.employee', { name: 'Boss', join_date: '2024-01-01' })).id);
  const [earlier, later] = [annEmployee, boss].sort();
  await hr.update('hr.employee', earlier, { manager: later });
  const allocation = await hr.create('hr.leave_allocation', { employee: annEmployee, leave_type: casual, year: 2026, days: 20, from_date: '2026-01-01' });
  await WorkflowEngine.for(hr).then((e) => e.run('hr.leave_allocation', String(allocation.id), 'submit'));
  const ann = await hrOn(source, 'ann');
  // Ten days: the approver's approval, then HR's, which is still waiting when the organization is exported.
  const long = await ann.create('hr.leave_application', { employee: annEmployee, leave_type: casual, from_date: '2026-06-01', to_date: '2026-06-12' });
  longLeave = String(long.id);
  const first = await WorkflowEngine.for(await hrOn(source, 'approver')).then((e) => e.run('hr.leave_application', longLeave, 'approve'));
  expect(first.moved).toBe(false);
  await ann.create('hr.leave_application', { employee: annEmployee, leave_type: casual, from_date: '2026-07-01', to_date: '2026-07-01' });
}, 180_000);

afterAll(async () => {
  await source?.dispose();
  await target?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('org:export and org:import', () => {
  let archive: string;
  let before: Record<string, unknown[]>;

  it('exports every row and imports it into a fresh database exactly, table by table', async () => {
    before = await snapshot(source, org.org.id);
    expect(before.core_workflow_request.length).toBeGreaterThan(0);
    expect(before.core_audit_log.length).toBeGreaterThan(0);
    expect(before.core_sequence_counter.length).toBeGreaterThan(0);
    expect((before.hr_employee as { manager_id: string | null }[]).filter((e) => e.manager_id)).toHaveLength(1);
    archive = join(dir, 'hr.ums.jsonl.gz');
    const exported = ums(source.url, 'org:export', org.org.slug, '--out', archive);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/rows? of \d+ tables? written/);
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ format: 'ums-organization-export', formatVersion: 1, organization: { id: org.org.id, slug: org.org.slug } });
    expect(header.migrations.length).toBeGreaterThan(10);
    expect(header.modules.hr).toBe(source.registry.module('hr')!.version);
    expect(header.tables[0].name).toBe('core_organization');
    // Only what the organization has: another installation need not have every module or table of this one.
    expect(header.modules.library).toBeUndefined();
    expect(header.tables.map((t: { name: string }) => t.name).sort()).toEqual(Object.keys(before).filter((t) => before[t].length > 0).sort());
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ end: true, files: 0 });

    const imported = ums(target.url, 'org:import', archive);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`${org.org.slug} (${org.org.name}):`);
    const after = await snapshot(target, org.org.id);
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
  }, 180_000);

  it('keeps the waiting approval pending and actionable, and numbering continues', async () => {
    const hr = await hrOn(target, 'hr_officer');
    expect((await hr.get('hr.leave_application', longLeave)).status).toBe('OPEN');
    const done = await WorkflowEngine.for(hr).then((e) => e.run('hr.leave_application', longLeave, 'approve'));
    expect(done.record.status).toBe('APPROVED');
    const numbers = (before['hr_leave_application'] as { number: string }[]).map((r) => r.number).sort();
    const last = numbers[numbers.length - 1];
    const next = await (await hrOn(target, 'ann')).create('hr.leave_application', { employee: annEmployee, leave_type: casual, from_date: '2026-08-03', to_date: '2026-08-03' });
    const digits = (s: string) => Number(s.match(/(\d+)$/)![1]);
    expect(String(next.number).replace(/\d+$/, '')).toBe(last.replace(/\d+$/, ''));
    expect(digits(String(next.number))).toBe(digits(last) + 1);
    // The same sign-in works on the new installation: the password hash came along.
    const [user] = await target.dataSource.query('SELECT password_hash FROM core_user WHERE id = $1', [org.users.get('ann')!.id]);
    expect(user.password_hash).toBeTruthy();
  }, 60_000);

  it('refuses a second import (slug and ids exist), with nothing written', async () => {
    const countBefore = (await target.dataSource.query('SELECT count(*)::int AS n FROM core_audit_log'))[0].n;
    const again = ums(target.url, 'org:import', archive);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`An organization with slug "${org.org.slug}" exists here already; nothing was imported.`);
    expect((await target.dataSource.query('SELECT count(*)::int AS n FROM core_audit_log'))[0].n).toBe(countBefore);
  }, 60_000);

  it('refuses an archive from a newer schema, and one cut short, into an empty installation', async () => {
    const fresh = await createTestRuntime();
    try {
      const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
      const header = JSON.parse(lines[0]);
      const newer = join(dir, 'newer.jsonl.gz');
      writeFileSync(newer, gzipSync([JSON.stringify({ ...header, migrations: [...header.migrations, 'FutureThing1999999999999'] }), ...lines.slice(1)].join('\n')));
      expect((await errorOf(importOrganization(fresh, newer))).message).toMatch(/newer schema: this installation has not applied migration FutureThing1999999999999/);
      const newerModule = join(dir, 'newer-module.jsonl.gz');
      writeFileSync(newerModule, gzipSync([JSON.stringify({ ...header, modules: { ...header.modules, hr: '99.0.0' } }), ...lines.slice(1)].join('\n')));
      expect((await errorOf(importOrganization(fresh, newerModule))).message).toMatch(/module "hr" is at version 99.0.0, newer/);
      const cut = join(dir, 'cut.jsonl.gz');
      writeFileSync(cut, gzipSync(lines.slice(0, -5).join('\n')));
      expect((await errorOf(importOrganization(fresh, cut))).message).toMatch(/cut short/);
      const notOne = join(dir, 'plain.txt');
      writeFileSync(notOne, 'hello');
      expect((await errorOf(importOrganization(fresh, notOne))).code).toBe('BAD_REQUEST');
      // A row id that exists here already (another organization's slug and id, same rows): refused by the database, all rolled back.
      const clash = join(dir, 'clash.jsonl.gz');
      const org2 = { ...header.organization, slug: 'other-slug' };
      writeFileSync(clash, gzipSync([JSON.stringify({ ...header, organization: org2 }), ...lines.slice(1)].join('\n')));
      await importOrganization(fresh, archive);
      const n = (await fresh.dataSource.query('SELECT count(*)::int AS n FROM core_user'))[0].n;
      expect((await errorOf(importOrganization(fresh, clash))).code).toBe('CONFLICT');
      expect((await fresh.dataSource.query('SELECT count(*)::int AS n FROM core_user'))[0].n).toBe(n);
    } finally {
      await fresh.dispose();
    }
  }, 120_000);
});
