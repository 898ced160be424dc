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
let child: ChildProcess | undefined;
let db: TestDatabase | undefined;
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

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  for (const c of clients) await c.end().catch(() => undefined);
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGTERM with a job running', () => {
  it('the running job finishes and is logged complete before the pool closes and the process exits 0', async () => {
    db = await createTestDatabase();
    const holder = await connect(db.url);
    const watcher = await connect(db.url);
    // Held from before the start: the report-runs job's first run waits on it in its claim.
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE core_report_run IN ACCESS EXCLUSIVE MODE');

    const port = await freePort();
    const env = { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: db.url, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', JOBS_PROCESS_EVERY: '1 second' };
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const output = (): string => out;
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    await waitFor('the admin to listen', () => out.includes('UMS admin:') || child!.exitCode !== null, 150_000, output);
    expect(child.exitCode).toBeNull();
    // The job is running: its claim waits for the table lock.
    const waiting = async (): Promise<boolean> =>
      (await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%core_report_run%'`)).rows.length > 0;
    await waitFor('the report-runs job to wait on the lock', waiting, 60_000, output);
    expect(await waiting()).toBe(true);

    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    // Still draining: the job has not finished, so the process has not closed the pool and exited.
    expect(child.exitCode).toBeNull();
    expect(out).toContain('SIGTERM: shutting down');
    expect(out).not.toContain('UMS stopped.');
    const releasedAt = new Date();
    await holder.query('ROLLBACK');

    const code = await exited;
    expect({ code, output: code === 0 ? '' : out }).toEqual({ code: 0, output: '' });
    // In order: the signal, the job's own summary, then the stop (the pool closes just before it is logged).
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
});
