/**
 * JOBS_BACKEND=mongodb: agenda's MongoDB backend with the `mongodb` driver.
 * No MongoDB server can be installed on these machines, so the scheduling
 * test runs only when MONGODB_URL points at one and is reported as skipped
 * otherwise. The configuration errors need no server and always run.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobScheduler, startWorker, type Worker } from '../core/jobs/index.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { testJobsConfig, tickerPlugin, tickerRegistry, waitFor } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const MONGODB_URL = process.env.MONGODB_URL;

describe('MongoDB backend configuration', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime({ registry: tickerRegistry(), plugins: [tickerPlugin] });
  });
  afterAll(() => runtime?.dispose());

  it('JOBS_BACKEND=mongodb without MONGODB_URL is refused with what to set', async () => {
    await expect(JobScheduler.open(runtime, { config: testJobsConfig({ backend: 'mongodb', mongodbUrl: undefined }), role: 'command', coreJobs: [], log: () => undefined })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('JOBS_BACKEND=mongodb needs MONGODB_URL'),
    });
  });

  it('an unreachable MongoDB is reported as unavailable, with the password hidden', async () => {
    await expect(
      JobScheduler.open(runtime, { config: testJobsConfig({ backend: 'mongodb', mongodbUrl: 'mongodb://ums:secret@127.0.0.1:1/ums?serverSelectionTimeoutMS=500' }), role: 'command', coreJobs: [], log: () => undefined }),
    ).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/^Cannot connect to MongoDB at mongodb:\/\/ums:\*\*\*@127\.0\.0\.1:1\/ums/) });
  }, 20_000);

  it('an unknown JOBS_BACKEND is refused instead of falling back', async () => {
    await expect(JobScheduler.open(runtime, { config: testJobsConfig({ backend: 'redis' as 'postgres' }), role: 'command', coreJobs: [], log: () => undefined })).rejects.toMatchObject({
      message: expect.stringContaining('JOBS_BACKEND must be "postgres" (the default) or "mongodb", not "redis"'),
    });
  });
});

// Reported by jest as skipped (not passed) when there is no MongoDB to run against.
const describeWithMongo = MONGODB_URL ? describe : describe.skip;

describeWithMongo('jobs on the MongoDB backend (MONGODB_URL)', () => {
  let runtime: TestRuntime;
  let on: Fixture;
  let off: Fixture;
  let worker: Worker | undefined;
  // A database of its own per run, dropped afterwards.
  const url = new URL(MONGODB_URL ?? 'mongodb://127.0.0.1/');
  url.pathname = `/ums_jobs_test_${randomBytes(4).toString('hex')}`;
  const ticks = async (org: Fixture): Promise<number> => (await org.system()).count('ticker.tick');

  beforeAll(async () => {
    runtime = await createTestRuntime({ registry: tickerRegistry(), plugins: [tickerPlugin] });
    on = await createFixtureOrg(runtime, 'gym');
    off = await createFixtureOrg(runtime, 'gym');
    await setModuleEnabled(runtime, off.org.slug, 'ticker', false);
  });

  afterAll(async () => {
    await worker?.stop();
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(url.toString());
    try {
      await client.connect();
      await client.db().dropDatabase();
    } finally {
      await client.close();
    }
    await runtime?.dispose();
  });

  it('runs module jobs on schedule for enabled organizations only and records failures', async () => {
    worker = await startWorker(runtime, { config: testJobsConfig({ backend: 'mongodb', mongodbUrl: url.toString() }), coreJobs: [], log: () => undefined });
    await waitFor('two ticks in the enabled organization', async () => (await ticks(on)) >= 2);
    expect(await ticks(off)).toBe(0);
    await waitFor('a recorded failure', async () => (await worker!.scheduler.failures()).some((f) => f.job === 'ticker.explode' && f.organization === on.org.slug));
    const status = await worker.scheduler.status();
    expect(status.find((s) => s.job.key === 'ticker.tick' && s.organization?.slug === on.org.slug)?.last).toMatchObject({ status: 'ok' });
    await worker.stop();
    worker = undefined;
  }, 60_000);
});
