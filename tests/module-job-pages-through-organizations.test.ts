/**
 * Issue 17: a module job is one agenda row for the whole installation; when
 * it fires it pages through the organizations with the module enabled and
 * active, runs once for each inside its tenant wall, and records each
 * organization's outcome on its own. Proven here across page boundaries
 * (pages of 2), with a disabled module, a suspended organization, one
 * organization whose run fails, the upgrade from one row per organization,
 * and two workers polling for the same firing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobScheduler, startWorker, type Worker } from '../core/jobs/index.js';
import { definePlugin } from '../core/plugins/types.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { changeOrganizationStatus } from '../core/tenancy/lifecycle.js';
import { testJobsConfig, tickerPlugin, tickerRegistry, waitFor } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

// Yearly: nothing fires on its own while the tests run; each test fires or makes a row due itself.
const YEARLY = { cron: '0 0 1 1 *' };
const FAILING_SLUG_NOTE = 'picky fails for this one';

let runtime: TestRuntime;
let enabled: Fixture[];
let disabled: Fixture;
let suspended: Fixture;
let failing: Fixture;

const plugin = definePlugin({
  module: 'ticker',
  jobs: {
    tick: tickerPlugin.jobs!.tick,
    async picky(ctx) {
      if (ctx.organization.slug === failing.org.slug) throw new Error(`${FAILING_SLUG_NOTE}: ${ctx.organization.slug}`);
      return `fine in ${ctx.organization.slug}`;
    },
    // Slow enough that both workers poll while the firing runs (three organizations, longer than the test lock lifetime of 1 s).
    async slow(ctx) {
      await new Promise((r) => setTimeout(r, 450));
      await ctx.records.create('ticker.tick', { note: `slow for ${ctx.organization.slug}`, job_actor: 'slow' });
      return 'slow done';
    },
  },
});

const ticks = async (org: Fixture, note: string): Promise<number> => (await (await org.system()).find('ticker.tick', { limit: 100 })).filter((t) => String(t.note).startsWith(note)).length;
const open = (): Promise<JobScheduler> => JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined, organizationPageSize: 2 });

beforeAll(async () => {
  runtime = await createTestRuntime({
    registry: tickerRegistry([
      { name: 'tick', schedule: YEARLY },
      { name: 'picky', schedule: YEARLY },
      { name: 'slow', schedule: YEARLY },
    ]),
    plugins: [plugin],
  });
  enabled = [];
  for (let i = 0; i < 3; i++) enabled.push(await createFixtureOrg(runtime, 'gym'));
  failing = enabled[1];
  disabled = await createFixtureOrg(runtime, 'gym');
  await setModuleEnabled(runtime, disabled.org.slug, 'ticker', false);
  suspended = await createFixtureOrg(runtime, 'gym');
  await changeOrganizationStatus(runtime, suspended.org.slug, 'suspend', { reason: 'Invoice unpaid', operator: 'jobs-test' });
});

afterAll(async () => {
  await runtime?.dispose();
});

describe('a module job pages through the organizations', () => {
  it('one firing runs once for each organization with the module enabled and active, and for no other', async () => {
    const scheduler = await open();
    try {
      await scheduler.reconcile();
      const summary = await scheduler.fire('ticker.tick');
      // Three organizations in pages of two: the keyset crosses a page boundary.
      expect(summary).toEqual({ organizations: 3, ok: 3, failed: 0, skipped: 0, pages: 2 });
      for (const org of enabled) expect(await ticks(org, 'tick for')).toBe(1);
      expect(await ticks(disabled, 'tick for')).toBe(0);
      expect(await ticks(suspended, 'tick for')).toBe(0);
      const rows: { name: string; org: string | null }[] = await runtime.dataSource.query(`SELECT name, data->>'organizationId' AS org FROM agenda_jobs WHERE name LIKE 'ticker.%' ORDER BY name`);
      expect(rows).toEqual([{ name: 'ticker.picky', org: null }, { name: 'ticker.slow', org: null }, { name: 'ticker.tick', org: null }]);
    } finally {
      await scheduler.close();
    }
  });

  it('one organization’s failure is recorded under it while the others succeed, and jobs:list keeps a line per organization', async () => {
    const scheduler = await open();
    try {
      expect(await scheduler.fire('ticker.picky')).toEqual({ organizations: 3, ok: 2, failed: 1, skipped: 0, pages: 2 });
      const failures = (await scheduler.failures()).filter((f) => f.job === 'ticker.picky');
      expect(failures).toEqual([{ at: expect.any(Date), job: 'ticker.picky', organization: failing.org.slug, error: `${FAILING_SLUG_NOTE}: ${failing.org.slug}`, trigger: 'schedule' }]);
      const lines = (await scheduler.status()).filter((s) => s.job.key === 'ticker.picky');
      const bySlug = Object.fromEntries(lines.map((s) => [s.organization!.slug, s.last && { status: s.last.status, message: s.last.status === 'failed' ? s.last.error : s.last.message }]));
      expect(bySlug).toEqual({
        [enabled[0].org.slug]: { status: 'ok', message: `fine in ${enabled[0].org.slug}` },
        [failing.org.slug]: { status: 'failed', message: `${FAILING_SLUG_NOTE}: ${failing.org.slug}` },
        [enabled[2].org.slug]: { status: 'ok', message: `fine in ${enabled[2].org.slug}` },
        // The suspended organization has the module enabled: its line shows it never ran.
        [suspended.org.slug]: undefined,
      });
    } finally {
      await scheduler.close();
    }
  });

  it('jobs:run --org still runs one organization, and says a suspended one is skipped', async () => {
    const scheduler = await open();
    try {
      const [one] = await scheduler.runNow('ticker.tick', enabled[2].org.slug);
      expect(one).toMatchObject({ status: 'ok', message: `ticked ${enabled[2].org.slug}`, organization: { slug: enabled[2].org.slug } });
      expect(await ticks(enabled[2], 'tick for')).toBe(2);
      expect(await ticks(enabled[0], 'tick for')).toBe(1);
      const [skipped] = await scheduler.runNow('ticker.tick', suspended.org.slug);
      expect(skipped).toMatchObject({ status: 'skipped', message: `${suspended.org.slug} is suspended` });
    } finally {
      await scheduler.close();
    }
  });

  it('the rows of the design with one agenda job per organization are replaced by one per module job at the next sync', async () => {
    for (const org of enabled) {
      await runtime.dataSource.query(`INSERT INTO agenda_jobs (name, type, repeat_interval, data, next_run_at) VALUES ('ticker.tick', 'normal', '0 0 1 1 *', $1, now() + interval '1 day')`, [JSON.stringify({ organizationId: org.org.id })]);
    }
    const scheduler = await open();
    try {
      expect(await scheduler.reconcile()).toEqual({ created: 0, rescheduled: 0, removed: 3 });
      const [{ n }]: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE name = 'ticker.tick'`);
      expect(n).toBe(1);
    } finally {
      await scheduler.close();
    }
  });

  it('two workers on one due firing run it exactly once per organization', async () => {
    const prepare = await open();
    await prepare.reconcile();
    await prepare.close();
    await runtime.dataSource.query(`UPDATE agenda_jobs SET next_run_at = now() WHERE name = 'ticker.slow'`);
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < 2; i++) workers.push(await startWorker(runtime, { config: testJobsConfig(), coreJobs: [], log: () => undefined }));
      const runs = async (): Promise<number> => (await runtime.dataSource.query(`SELECT count(*)::int AS n FROM agenda_logs WHERE job_name = 'ticker.slow' AND event = 'complete'`))[0].n;
      await waitFor('the slow firing to reach all three organizations', async () => (await runs()) >= 3, 40_000);
      // Past two more lock lifetimes and many polls of both workers: no second run of the firing.
      await new Promise((r) => setTimeout(r, 2500));
      expect(await runs()).toBe(3);
      for (const org of enabled) expect(await ticks(org, 'slow for')).toBe(1);
      // The firing ended as a success and released its lock; its next run is next year's.
      const [row]: { next: Date; failReason: string | null; locked: Date | null }[] = await runtime.dataSource.query(
        `SELECT next_run_at AS next, fail_reason AS "failReason", locked_at AS locked FROM agenda_jobs WHERE name = 'ticker.slow'`,
      );
      expect({ failReason: row.failReason, locked: row.locked }).toEqual({ failReason: null, locked: null });
      expect(row.next.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    } finally {
      for (const w of workers) await w.stop();
    }
  });
});
