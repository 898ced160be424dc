/**
 * SIGTERM to `npm start` while a job is running: the server stops taking
 * requests, the running job is let finish (its run is logged as complete, its
 * agenda row unlocked), and only then is the pool closed and the process ends.
 * The job is the core's report-runs job, kept running by a lock this test
 * holds on its table: its claim waits on the lock until the test lets go, a
 * second and a half after the signal. Had the pool been closed first, the
 * process would have ended with the claim still waiting and no completed run.
 * The server runs on a database of the test PostgreSQL (DATABASE_URL), so the
 * run log can be read after the process is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from './support/runtime.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ums-shutdown-job-'));
const children: ChildProcess[] = [];
const dbs: TestDatabase[] = [];
const clients: pg.Client[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, test: () => boolean | Promise<boolean>, ms: number, output: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node --import tsx scripts/start.ts` (what `npm start` execs) on `url`, ready when the admin listens. */
async function start(url: string): Promise<Started> {
  const port = await freePort();
  const env = { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: url, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', JOBS_PROCESS_EVERY: '1 second' };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const output = (): string => out;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await waitFor('the admin to listen', () => out.includes('UMS admin:') || proc.exitCode !== null, 150_000, output);
  if (proc.exitCode !== null) throw new Error(`UMS did not start:\n${out}`);
  return { child: proc, output, exited };
}

/** A database of the test server whose report-runs table is locked by a transaction of this test: the job's claim waits on it. */
async function lockedReportRuns(): Promise<{ db: TestDatabase; holder: pg.Client; watcher: pg.Client; jobWaiting: () => Promise<boolean> }> {
  const db = await createTestDatabase();
  dbs.push(db);
  const holder = await connect(db.url);
  const watcher = await connect(db.url);
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE core_report_run IN ACCESS EXCLUSIVE MODE');
  const jobWaiting = async (): Promise<boolean> =>
    (await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%core_report_run%'`)).rows.length > 0;
  return { db, holder, watcher, jobWaiting };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const c of clients) await c.end().catch(() => undefined);
  for (const db of dbs) await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGTERM with a job running', () => {
  it('the running job finishes and is logged complete before the pool closes and the process exits 0', async () => {
    const { db, holder, watcher, jobWaiting } = await lockedReportRuns();
    const { child, output, exited } = await start(db.url);
    await waitFor('the report-runs job to wait on the lock', jobWaiting, 60_000, output);

    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    // Still draining: the job has not finished, so the process has not closed the pool and exited.
    expect(child.exitCode).toBeNull();
    expect(output()).toContain('SIGTERM: shutting down');
    expect(output()).not.toContain('UMS stopped.');
    const releasedAt = new Date();
    await holder.query('ROLLBACK');

    const code = await exited;
    expect({ code, output: code === 0 ? '' : output() }).toEqual({ code: 0, output: '' });
    // In order: the signal, the job's own summary, then the stop (the pool closes just before it is logged).
    const out = output();
    const at = (text: string): number => out.indexOf(text);
    expect(at('[jobs] core.report_runs: 0 reports made')).toBeGreaterThan(at('SIGTERM: shutting down'));
    expect(at('UMS stopped.')).toBeGreaterThan(at('[jobs] core.report_runs: 0 reports made'));
    expect(out).not.toMatch(/Shutdown failed|Shutdown did not finish|run log could not be written|scheduler error/);

    // The run is in the log as complete, finished after the lock was let go; its row is not left locked.
    const runs = await watcher.query(`SELECT event, level, timestamp FROM agenda_logs WHERE job_name = 'core.report_runs' ORDER BY timestamp`);
    expect(runs.rows.map((r: { event: string; level: string }) => `${r.event}/${r.level}`)).toEqual(['complete/info']);
    expect(new Date(runs.rows[0].timestamp).getTime()).toBeGreaterThanOrEqual(releasedAt.getTime() - 50);
    const locked = await watcher.query(`SELECT name FROM agenda_jobs WHERE locked_at IS NOT NULL`);
    expect(locked.rows).toEqual([]);
  }, 240_000);

  it('a job still running when the 10 s drain is over does not hold the stop: the process says so, unlocks it and exits 0', async () => {
    const { db, holder, watcher, jobWaiting } = await lockedReportRuns();
    const { child, output, exited } = await start(db.url);
    await waitFor('the report-runs job to wait on the lock', jobWaiting, 60_000, output);

    const signalled = Date.now();
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 19_000)))]);
    clearTimeout(timer);
    const took = Date.now() - signalled;
    expect({ code, output: code === 0 ? '' : output() }).toEqual({ code: 0, output: '' });
    // It waited for the drain's bound, not for the forced exit (20 s).
    expect(took).toBeGreaterThanOrEqual(9_500);
    expect(output()).toContain('[jobs] 1 job run still running after 10 s: stopped without waiting, unlocked for another worker');
    expect(output()).toContain('UMS stopped.');
    expect(output()).not.toContain('[jobs] core.report_runs: 0 reports made');
    // Another worker may take the job at once.
    expect((await watcher.query(`SELECT name FROM agenda_jobs WHERE locked_at IS NOT NULL`)).rows).toEqual([]);
    await holder.query('ROLLBACK');
  }, 240_000);
});
