/**
 * `npm run worker` as a real child process: it processes due jobs (the core
 * mail delivery picks up a queued mail) and exits cleanly with code 0 on
 * SIGTERM and on SIGINT, without being killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemActor } from '../core/data/actor.js';
import { RecordService } from '../core/data/records.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { enqueueMail } from '../core/mail/index.js';
import { waitFor } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestDatabase, type Fixture, type TestDatabase } from './support/runtime.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let db: TestDatabase;
let runtime: Runtime;
let lib: Fixture;
const children: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorkerProcess(): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      NODE_OPTIONS: '',
      SMTP_URL: '',
      JOBS_BACKEND: '',
      JOBS_PROCESS_EVERY: '0.25 seconds',
      JOBS_LOCK_LIFETIME_MS: '2000',
      JOBS_RECONCILE_EVERY: '1 second',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => text, exited };
}

/** The exit, or 'hung' after `ms`; the timer is cleared either way so it does not hold jest open. */
async function exitWithin(running: Running, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), ms)));
  try {
    return await Promise.race([running.exited, hung]);
  } finally {
    clearTimeout(timer);
  }
}

const mailStatus = async (id: string): Promise<string> => (await runtime.dataSource.query('SELECT status FROM core_mail_outbox WHERE id = $1', [id]))[0]?.status;

beforeAll(async () => {
  db = await createTestDatabase();
  runtime = await createRuntime({ config: { databaseUrl: db.url, dataDir: '', embeddedPgPort: 0 }, poolSize: 4 });
  lib = await createFixtureOrg(runtime, 'library');
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await runtime?.close();
  await db?.drop();
});

describe('the worker process', () => {
  it('processes due jobs and exits with code 0 on SIGTERM', async () => {
    const records = await RecordService.for(runtime, systemActor(lib.org.id, 'test'));
    const mail = await enqueueMail(records, { to: 'reader@example.org', template: 'notice', data: { title: 'Hello', body: 'From the worker test' } });
    const worker = startWorkerProcess();
    await waitFor('the worker to start', async () => worker.output().includes('[jobs] worker started'), 30_000);
    // Without SMTP_URL the delivery job keeps mail locally: the status changes only if the worker ran the job.
    await waitFor('the mail delivery job to pick up the queued mail', async () => (await mailStatus(mail.id)) === 'local', 15_000);
    worker.child.kill('SIGTERM');
    const exit = await exitWithin(worker, 10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('SIGTERM: stopping the worker');
    expect(worker.output()).toContain('Worker stopped.');
    // agenda's stop() unlocked what this worker held: no job stays locked for a dead process.
    const locked: unknown[] = await runtime.dataSource.query('SELECT 1 FROM agenda_jobs WHERE locked_at IS NOT NULL');
    expect(locked).toHaveLength(0);
  }, 60_000);

  it('exits with code 0 on SIGINT too', async () => {
    const worker = startWorkerProcess();
    await waitFor('the worker to start', async () => worker.output().includes('[jobs] worker started'), 30_000);
    worker.child.kill('SIGINT');
    const exit = await exitWithin(worker, 10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('Worker stopped.');
  }, 60_000);
});
