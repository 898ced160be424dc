/**
 * org:delete → (grace period) → purge, with org:restore in between: the
 * CLI asks for the slug again; a deleting organization's users cannot sign
 * in or act and nothing is written, its data stays; org:restore brings it
 * back as it was; the purge job removes nothing before the date and, after
 * it, every row of the organization in every table (the append-only audit
 * log and leave ledger included) and only that organization's, leaving the
 * organization's row as `deleted` (slug free again) and one tombstone in the
 * audit log naming the organization, who asked and when.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { forgetUserStatus, isActive } from '../core/auth/sessions.js';
import { coreJobs } from '../core/jobs/core-jobs.js';
import { JobScheduler } from '../core/jobs/scheduler.js';
import { createOrganization } from '../core/tenancy/index.js';
import { purgeDueOrganizations, requestOrganizationDeletion, restoreOrganization } from '../core/tenancy/org-delete.js';
import { tenantTables } from '../core/tenancy/tenant-tables.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { runCli, type CliResult } from './support/cli.js';

let runtime: TestRuntime;
let doomed: Fixture;
let bystander: Fixture;

function ums(...argv: string[]): Promise<CliResult> {
  return runCli(argv, { DATABASE_URL: runtime.url });
}

/** Rows per organization table (the organization's own row counted in core_organization). */
async function rowCounts(organizationId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tenantTables(runtime.dataSource)) {
    const [{ n }] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${t.name}" WHERE ${t.name === 'core_organization' ? 'id' : 'organization_id'} = $1`, [organizationId]);
    out[t.name] = n;
  }
  return out;
}

const statusOf = async (id: string) => (await runtime.dataSource.query('SELECT status, purge_after, slug FROM core_organization WHERE id = $1', [id]))[0];

beforeAll(async () => {
  runtime = await createTestRuntime();
  doomed = await createFixtureOrg(runtime, 'hr', ['hr_officer', 'approver']);
  bystander = await createFixtureOrg(runtime, 'library', ['librarian']);
  const hr = await doomed.as('hr_officer');
  const type = String((await hr.create('hr.leave_type', { name: 'Casual' })).id);
  const employee = String((await hr.create('hr.employee', { name: 'Ann', join_date: '2025-01-06', leave_approver: doomed.users.get('approver')!.id })).id);
  const allocation = await hr.create('hr.leave_allocation', { employee, leave_type: type, year: 2026, days: 5, from_date: '2026-01-01' });
  // Posts to the leave ledger (append-only) and writes workflow history and audit rows.
  await (await WorkflowEngine.for(hr)).run('hr.leave_allocation', String(allocation.id), 'submit');
  await (await bystander.as('librarian')).create('library.book', { title: 'Stays', copies_total: 1 });
}, 120_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe('org:delete, org:restore and the purge', () => {
  it('asks for the slug again, then marks the organization deleting with a purge date 30 days out', async () => {
    const wrong = await ums('org:delete', doomed.org.slug, '--confirm', 'something-else');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`must repeat the slug ("${doomed.org.slug}")`);
    expect((await ums('org:delete', doomed.org.slug)).code).toBe(2);
    expect((await statusOf(doomed.org.id)).status).toBe('active');

    const done = await ums('org:delete', doomed.org.slug, '--confirm', doomed.org.slug, '--reason', 'Contract ended');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`${doomed.org.slug}: active → deleting`);
    const row = await statusOf(doomed.org.id);
    expect(row.status).toBe('deleting');
    const days = (new Date(row.purge_after).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect((await ums('org:delete', doomed.org.slug, '--confirm', doomed.org.slug)).stderr).toContain('is deleting already');
  }, 120_000);

  it('signs nobody in, accepts no write, keeps the data; the purge job leaves it alone before its date', async () => {
    const admin = doomed.users.get('admin')!;
    forgetUserStatus(admin.id);
    expect(await isActive(runtime, { id: admin.id, organizationId: doomed.org.id })).toBe(false);
    const signIn = await errorOf(authenticator(runtime)(admin.email, 'secret-123'));
    expect(signIn.code).toBe('ORGANIZATION_SUSPENDED');
    expect(signIn.message).toMatch(/being deleted: Contract ended/);
    const write = await errorOf((await doomed.system()).create('hr.leave_type', { name: 'Sick' }));
    expect(write.message).toMatch(/being deleted/);
    const before = await rowCounts(doomed.org.id);
    expect(await purgeDueOrganizations(runtime)).toEqual([]);
    expect(await rowCounts(doomed.org.id)).toEqual(before);
  });

  it('org:restore brings it back as it was', async () => {
    const before = await rowCounts(doomed.org.id);
    const restored = await ums('org:restore', doomed.org.slug);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('deleting → active');
    expect(await statusOf(doomed.org.id)).toMatchObject({ status: 'active', purge_after: null });
    const admin = doomed.users.get('admin')!;
    forgetUserStatus(admin.id);
    expect(await isActive(runtime, { id: admin.id, organizationId: doomed.org.id })).toBe(true);
    await (await doomed.system()).create('hr.leave_type', { name: 'Sick' });
    expect((await rowCounts(doomed.org.id))['hr_leave_type']).toBe(before['hr_leave_type'] + 1);
    expect((await errorOf(restoreOrganization(runtime, doomed.org.slug))).message).toMatch(/is active; org:restore applies/);
  }, 60_000);

  it('after the grace period the job removes every row of it, only of it, and leaves a tombstone', async () => {
    await requestOrganizationDeletion(runtime, doomed.org.slug, { confirm: doomed.org.slug, graceDays: 0, operator: 'ops-test' });
    const before = await rowCounts(doomed.org.id);
    expect(before['hr_leave_ledger_entry']).toBeGreaterThan(0);
    expect(before['core_audit_log']).toBeGreaterThan(0);
    expect(before['core_workflow_event']).toBeGreaterThan(0);
    const others = await rowCounts(bystander.org.id);

    expect(coreJobs().map((j) => j.key)).toContain('core.organization_purge');
    const scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', log: () => undefined });
    try {
      const [outcome] = await scheduler.runNow('core.organization_purge');
      expect(outcome).toMatchObject({ status: 'ok' });
      expect(outcome.message).toContain(`${doomed.org.slug}:`);
    } finally {
      await scheduler.close();
    }

    const after = await rowCounts(doomed.org.id);
    for (const [table, n] of Object.entries(after)) expect({ table, n }).toEqual({ table, n: table === 'core_organization' || table === 'core_audit_log' ? 1 : 0 });
    expect(await rowCounts(bystander.org.id)).toEqual(others);
    expect(await statusOf(doomed.org.id)).toMatchObject({ status: 'deleted', slug: `deleted-${doomed.org.id}` });
    const [tombstone] = await runtime.dataSource.query('SELECT system_actor, action_name, changes, created_at FROM core_audit_log WHERE organization_id = $1', [doomed.org.id]);
    expect(tombstone).toMatchObject({
      system_actor: 'job:core.organization_purge',
      action_name: 'org:purge',
      changes: { tombstone: { organization_id: doomed.org.id, slug: doomed.org.slug }, requested_by: 'operator:ops-test', requested_at: expect.any(String), purged_at: expect.any(String) },
    });
    // The audit log is append-only again for everyone else.
    await expect(runtime.dataSource.query('DELETE FROM core_audit_log WHERE organization_id = $1', [bystander.org.id])).rejects.toThrow(/append-only/);
    expect((await errorOf(restoreOrganization(runtime, `deleted-${doomed.org.id}`))).message).toMatch(/is deleted/);
    // The slug is free for a new organization.
    const again = await createOrganization(runtime, { name: 'New', slug: doomed.org.slug, systemType: 'library', admin: { email: `admin2@${doomed.org.slug}.test`, password: 'secret-123' } });
    expect(again.organization.id).not.toBe(doomed.org.id);
  }, 120_000);
});
