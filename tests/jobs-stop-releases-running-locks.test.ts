/**
 * Stopping a worker while a job runs: the run is given time to finish, and
 * its lock is released, so another worker can take the job at once instead of
 * waiting for the lock to expire (agenda's own stop() leaves running jobs locked).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWorker } from '../core/jobs/worker.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { definePlugin } from '../core/sdk.js';
import { testJobsConfig, tickerRegistry, waitFor } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let org: Fixture;
let started = 0;
let finished = 0;

/** A tick that takes a second and a half. */
const slowTicker = definePlugin({
  module: 'ticker',
  jobs: {
    async tick(ctx) {
      started++;
      await new Promise((r) => setTimeout(r, 1500));
      await ctx.records.create('ticker.tick', { note: 'slow tick', job_actor: 'slow' });
      finished++;
      return 'slow tick';
    },
  },
});

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: tickerRegistry([{ name: 'tick', schedule: { every: '1 second' } }]), plugins: [slowTicker] });
  org = await createFixtureOrg(runtime, 'gym');
  await setModuleEnabled(runtime, org.org.slug, 'ticker', true);
});
afterAll(() => runtime?.dispose());

describe('stopping a worker with a job running', () => {
  it('lets the run finish and leaves no job locked', async () => {
    // Longer than a run (so the run is not taken twice), short enough that agenda's lock timer does not keep jest open.
    const worker = await startWorker(runtime, { config: testJobsConfig({ lockLifetimeMs: 5_000 }), coreJobs: [], log: () => undefined });
    await waitFor('the slow tick to start', async () => started > 0, 15_000);
    await worker.stop();
    expect(finished).toBe(started);
    const locked: unknown[] = await runtime.dataSource.query(`SELECT 1 FROM agenda_jobs WHERE name = 'ticker.tick' AND locked_at IS NOT NULL`);
    expect(locked).toEqual([]);
  }, 60_000);
});
