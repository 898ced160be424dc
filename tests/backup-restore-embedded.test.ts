/**
 * backup → restore of the embedded PostgreSQL: rows written, a physical
 * backup taken while the server runs (the CLI attaching to it, rows being
 * written during the copy), more rows written, the server stopped, the
 * backup restored: the restored server starts and has exactly the rows of
 * the moment the backup ended, no later row. The replaced data folder is
 * kept; retention keeps the newest; an external DATABASE_URL is refused
 * with the tools to use instead; restore is refused while the server runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../core/db/embedded.js';
import { backupEmbedded, pruneBackups, readBackupInfo, restoreEmbedded } from '../core/db/physical-backup.js';
import { backupJob } from '../core/jobs/backup-job.js';
import { errorOf } from './support/errors.js';
import { CHECKOUT, CLI_BIN, cliEnvironment, runCli, spawnCli, type CliResult } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'ums-backup-'));
const dataDir = join(work, 'data');
const config = { dataDir, embeddedPgPort: 0, databaseUrl: undefined };
let server: EmbeddedHandle | undefined;

function ums(env: Record<string, string | undefined>, ...argv: string[]): CliResult {
  return spawnCli(argv, { DATA_DIR: dataDir, DATABASE_URL: undefined, ...env }, 120_000);
}

/** The same, without blocking this process: writes go on while the command runs. */
function umsAsync(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...CLI_BIN, ...argv], { cwd: CHECKOUT, env: cliEnvironment({ DATA_DIR: dataDir, DATABASE_URL: undefined }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const ids = async (url: string): Promise<number[]> => (await query<{ id: number }>(url, 'SELECT id FROM notes ORDER BY id')).map((r) => r.id);

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  await query(server.url, 'CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  await query(server.url, "INSERT INTO notes SELECT g, repeat('x', 200) FROM generate_series(1, 5000) g");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore of the embedded PostgreSQL', () => {
  const dir = join(work, 'backups', 'first');

  it('backs up the running server through the CLI, with the WAL it needs', async () => {
    // Rows keep arriving while the backup runs: the restore must hold exactly those committed before pg_backup_stop.
    let writing = true;
    let next = 5001;
    const writer = (async () => {
      while (writing) {
        await query(server!.url, 'INSERT INTO notes VALUES ($1, $2)', [next, 'during']);
        next++;
      }
    })();
    const r = await umsAsync('backup', '--out', dir);
    writing = false;
    await writer;
    expect(next).toBeGreaterThan(5010);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Backup written to ${dir}`);
    const info = readBackupInfo(dir);
    expect(info).toMatchObject({ format: 'ums-physical-backup', walFiles: expect.any(Number) });
    expect(existsSync(join(dir, 'data', 'backup_label'))).toBe(true);
    expect(existsSync(join(dir, 'data', 'postmaster.pid'))).toBe(false);
    expect(readdirSync(join(dir, 'data', 'pg_wal')).filter((n) => /^[0-9A-F]{24}$/.test(n))).toContain(info.stopWal);
  }, 180_000);

  it('restores exactly the backed-up rows, and the restored server starts', async () => {
    const atBackup = await ids(server!.url);
    await query(server!.url, "INSERT INTO notes SELECT g, 'after' FROM generate_series(100001, 100100) g");
    await query(server!.url, 'DELETE FROM notes WHERE id <= 10');
    // Restore is refused while PostgreSQL runs on the folder.
    expect((await errorOf(restoreEmbedded(config, dir))).message).toMatch(/is running on .*stop UMS/);
    await server!.stop();
    server = undefined;

    const r = ums({}, 'restore', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the server started');
    expect(readdirSync(dataDir).some((n) => n.startsWith('pg.before-restore-'))).toBe(true);

    server = await startEmbeddedPostgres({ dataDir, log: () => undefined });
    const restored = await ids(server.url);
    // Every row committed before the backup ended; the rows written after it are not there.
    // The writer wrote one row after another: what the backup holds is exactly 1…k, no hole, nothing after.
    expect(restored).toEqual(Array.from({ length: restored.length }, (_v, i) => i + 1));
    expect(restored.filter((id) => id > 100000)).toEqual([]);
    expect(restored.length).toBeGreaterThanOrEqual(5000);
    expect(restored.every((id) => atBackup.includes(id))).toBe(true);
    // A restored server takes writes.
    await query(server.url, "INSERT INTO notes VALUES (200000, 'after restore')");
  }, 180_000);

  it('backs up the restored server again (function API); retention keeps the newest', async () => {
    const root = join(work, 'kept');
    mkdirSync(root, { recursive: true });
    const first = await backupEmbedded(config, join(root, 'ums-2026-01-01'));
    const second = await backupEmbedded(config, join(root, 'ums-2026-01-02'));
    writeFileSync(join(root, 'unrelated.txt'), 'not a backup');
    expect(first.info.stopLsn).not.toBe(second.info.stopLsn);
    expect(pruneBackups(root, 1)).toEqual([join(root, 'ums-2026-01-01')]);
    expect(readdirSync(root).sort()).toEqual(['ums-2026-01-02', 'unrelated.txt']);
    await expect(backupEmbedded(config, join(root, 'ums-2026-01-02'))).rejects.toThrow(/not empty/);
  }, 180_000);

  it('refuses with an external DATABASE_URL and names the tools; the job reads its schedule and retention from the environment', async () => {
    // In-process: a refusal before anything starts needs no child.
    const r = await runCli(['backup'], { DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pg_basebackup');
    expect(r.stderr).not.toContain(':p@');
    expect((await errorOf(restoreEmbedded({ ...config, databaseUrl: 'postgres://x@127.0.0.1:1/x' }, join(work, 'backups', 'first')))).message).toMatch(/pg_dump/);
    expect(backupJob({}).schedule).toEqual({ cron: '0 3 * * *' });
    expect(backupJob({ BACKUP_CRON: '30 1 * * 0' }).schedule).toEqual({ cron: '30 1 * * 0' });
    expect(() => backupJob({ BACKUP_CRON: 'every day' })).toThrow(/BACKUP_CRON/);
    expect(await backupJob({ DATABASE_URL: 'postgres://x@127.0.0.1:1/x' }).handler({} as never)).toMatch(/external server/);
  }, 120_000);
});
