/**
 * Jobs on agenda with the PostgreSQL backend: manifest jobs run on their
 * schedule once per organization that has the module enabled (and follow
 * enable/disable) from one agenda row per job, a failing handler is recorded with its error, and bad job
 * declarations stop the start with the file and JSON pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManifestError } from '../core/errors.js';
import { createRuntime } from '../core/runtime.js';
import { JobScheduler, resolveJobs, startWorker, type Worker } from '../core/jobs/index.js';
import { PluginRegistry } from '../core/plugins/registry.js';
import { definePlugin } from '../core/plugins/types.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { testJobsConfig, tickerPlugin, tickerRegistry, waitFor } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let on: Fixture;
let off: Fixture;
let worker: Worker | undefined;

const ticks = async (org: Fixture): Promise<number> => (await org.system()).count('ticker.tick');

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: tickerRegistry(), plugins: [tickerPlugin] });
  on = await createFixtureOrg(runtime, 'gym');
  off = await createFixtureOrg(runtime, 'gym');
  await setModuleEnabled(runtime, off.org.slug, 'ticker', false);
});

afterAll(async () => {
  await worker?.stop();
  await runtime?.dispose();
});

describe('scheduled jobs per organization', () => {
  it('runs a module job repeatedly for the organization with the module enabled, never for the one without', async () => {
    worker = await startWorker(runtime, { config: testJobsConfig(), coreJobs: [], log: () => undefined });
    await waitFor('three ticks in the enabled organization', async () => (await ticks(on)) >= 3);
    expect(await ticks(off)).toBe(0);
    const [tick] = await (await on.system()).find('ticker.tick', { limit: 1 });
    // The handler's RecordService is a named system actor bound to that organization.
    expect(tick.job_actor).toBe('job:ticker.tick');
    expect(tick.note).toBe(`tick for ${on.org.slug}`);
  });

  it('status shows each job per enabled organization with its next run, last run and result', async () => {
    const status = await worker!.scheduler.status();
    const tick = status.find((s) => s.job.key === 'ticker.tick' && s.organization?.slug === on.org.slug);
    expect(tick).toMatchObject({ scheduled: true, disabled: false, last: { status: 'ok', message: `ticked ${on.org.slug}`, trigger: 'schedule' } });
    expect(tick!.nextRunAt).toBeInstanceOf(Date);
    expect(tick!.lastRunAt).toBeInstanceOf(Date);
    expect(status.some((s) => s.organization?.slug === off.org.slug)).toBe(false);
    expect(status.find((s) => s.job.key === 'core.schedule_sync')).toMatchObject({ scheduled: true, organization: undefined });
  });

  it('a failing handler is recorded with its error, per organization, and the other jobs keep running', async () => {
    await waitFor('a recorded failure of ticker.explode', async () => (await worker!.scheduler.failures()).some((f) => f.job === 'ticker.explode'));
    const failure = (await worker!.scheduler.failures()).find((f) => f.job === 'ticker.explode')!;
    expect(failure).toMatchObject({ organization: on.org.slug, error: `boom in ${on.org.slug}`, trigger: 'schedule' });
    const explode = (await worker!.scheduler.status()).find((s) => s.job.key === 'ticker.explode' && s.organization?.slug === on.org.slug);
    expect(explode?.last).toMatchObject({ status: 'failed', error: `boom in ${on.org.slug}` });
    const before = await ticks(on);
    await waitFor('more ticks after the failures', async () => (await ticks(on)) > before);
  });

  it('a module enabled later gets its jobs, and a module disabled stops them', async () => {
    await setModuleEnabled(runtime, off.org.slug, 'ticker', true);
    await waitFor('ticks in the organization that enabled the module', async () => (await ticks(off)) >= 1);
    await setModuleEnabled(runtime, on.org.slug, 'ticker', false);
    // The next firing's pages leave it out; its line stays (it has history), marked as disabled.
    await waitFor('the disabled organization’s line is marked disabled', async () =>
      (await worker!.scheduler.status()).some((s) => s.job.key === 'ticker.tick' && s.organization?.slug === on.org.slug && s.disabled && s.nextRunAt === undefined),
    );
    const frozen = await ticks(on);
    const otherBefore = await ticks(off);
    await waitFor('the other organization keeps ticking', async () => (await ticks(off)) >= otherBefore + 2);
    expect(await ticks(on)).toBe(frozen);
  });

  it('stops cleanly: no job runs after stop()', async () => {
    await worker!.stop();
    worker = undefined;
    const after = await ticks(off);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ticks(off)).toBe(after);
  });

  it('a job removed from the manifest loses its schedule, and a changed schedule is applied, at the next sync', async () => {
    const registry = tickerRegistry([{ name: 'tick', schedule: { every: '2 seconds' } }]);
    const plugin = definePlugin({ module: 'ticker', jobs: { tick: tickerPlugin.jobs!.tick } });
    const later = await createRuntime({ config: { databaseUrl: runtime.database.url, dataDir: '', embeddedPgPort: 0 }, registry, plugins: [plugin], poolSize: 2 });
    const scheduler = await JobScheduler.open(later, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
    try {
      const summary = await scheduler.reconcile();
      // The explode row: one agenda row per module job, whatever the number of organizations.
      expect(summary).toEqual({ created: 0, rescheduled: 1, removed: 1 });
      const left: { name: string; every: string; org: string | null }[] = await later.dataSource.query(
        `SELECT name, repeat_interval AS every, data->>'organizationId' AS org FROM agenda_jobs ORDER BY name`,
      );
      expect(left).toEqual([
        { name: 'core.schedule_sync', every: '1 second', org: null },
        { name: 'ticker.tick', every: '2 seconds', org: null },
      ]);
      // Nothing left to change: the next sync writes nothing.
      expect(await scheduler.reconcile()).toEqual({ created: 0, rescheduled: 0, removed: 0 });
    } finally {
      await scheduler.close();
      await later.close();
    }
  });
});

describe('job declarations', () => {
  it('a missing handler, an unreadable schedule and an unused handler are reported with file and pointer', () => {
    const registry = tickerRegistry([
      { name: 'tick', schedule: { every: 'sometimes' } },
      { name: 'report', schedule: { cron: '0 6 * * *' }, handler: 'nope' },
      { name: 'nightly', schedule: { cron: '61 * * * *' } },
    ]);
    const plugin = definePlugin({ module: 'ticker', jobs: { tick: tickerPlugin.jobs!.tick, nightly: tickerPlugin.jobs!.tick, forgotten: tickerPlugin.jobs!.tick } });
    let error: unknown;
    try {
      resolveJobs(registry, new PluginRegistry(registry, [plugin]));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ManifestError);
    const file = registry.module('ticker')!.file;
    expect((error as ManifestError).problems).toEqual([
      { file, pointer: '/jobs/0/schedule', message: expect.stringMatching(/unreadable interval "sometimes"/) },
      { file, pointer: '/jobs/1/handler', message: expect.stringMatching(/^no handler "nope" in plugin of module ticker/) },
      { file, pointer: '/jobs/2/schedule', message: expect.stringMatching(/invalid cron expression "61 \* \* \* \*"/) },
      { file: 'modules/ticker/index.ts', pointer: '/jobs/forgotten', message: expect.stringMatching(/handler "forgotten" is not used by any job/) },
    ]);
    expect((error as ManifestError).message).toContain(`${file}#/jobs/1/handler: no handler "nope" in plugin of module ticker`);
  });

  it('every manifest shipped with UMS declares jobs its plugin handles', async () => {
    const { loadRegistry } = await import('../core/manifest/index.js');
    const { discoverPlugins } = await import('../core/plugins/discover.js');
    const registry = loadRegistry();
    const plugins = await discoverPlugins(registry, { complete: true });
    const jobs = resolveJobs(registry, new PluginRegistry(registry, plugins));
    expect(jobs.map((j) => j.key)).toEqual(expect.arrayContaining(['library.overdue_reminder', 'library.fine_accrual']));
  });
});
