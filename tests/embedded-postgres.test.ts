/**
 * The zero-setup database survives the ways a developer's server ends: a
 * killed server leaves PostgreSQL running (adopted on the next start), a stale
 * postmaster.pid is removed and reported, and a second server on the same
 * DATA_DIR is refused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedPostgres } from '../core/db/embedded.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ums-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs a snippet in a fresh Node process (through tsx), as a separate server would be. */
function child(code: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const start = (extra = '') =>
  `import { startEmbeddedPostgres } from './core/db/embedded.ts';
   const h = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, owner: true, log: (l) => console.log(l) });
   ${extra}`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS ok')).rows[0].ok === 1;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL lifecycle', () => {
  it('adopts the cluster a killed server left running, refuses a second server, and stops it on the way out', async () => {
    const killed = child(start(`process.kill(process.pid, 'SIGKILL');`));
    expect(killed.status).toBeNull(); // killed by the signal, as by kill -9
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postmaster)).toBe(true);

    const lines: string[] = [];
    const handle = await startEmbeddedPostgres({ dataDir, owner: true, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/still running from an earlier run/);
    expect(handle.owned).toBe(true);
    expect(await canQuery(handle.url)).toBe(true);

    const second = child(start(`await h.stop();`));
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/UMS is already running from .* \(process \d+\)/);

    await handle.stop();
    expect(alive(postmaster)).toBe(false);
  }, 120_000);

  it('removes a stale postmaster.pid and says so', async () => {
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(false);
    writeFileSync(pidFile, '999999\n/tmp\n0\n5432\n');
    const lines: string[] = [];
    const handle = await startEmbeddedPostgres({ dataDir, owner: true, log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toMatch(/Removed a stale .*postmaster\.pid \(PostgreSQL pid 999999 is gone/);
      expect(await canQuery(handle.url)).toBe(true);
    } finally {
      await handle.stop();
    }
  }, 120_000);
});
