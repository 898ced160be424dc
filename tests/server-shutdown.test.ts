/**
 * Shutdown of `npm start`, as an operator (or a process manager) does it: a
 * request that is in flight when SIGTERM arrives is still answered (requests
 * drain before jobs and the database stop), and one SIGTERM to the `npm start`
 * process stops the whole tree: no node or PostgreSQL process of its DATA_DIR
 * is left. Each run has its own DATA_DIR (embedded PostgreSQL, no demo data).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const dataDir = mkdtempSync(join(tmpdir(), 'ums-shutdown-'));
const running: ChildProcess[] = [];
/** Every process a start made, killed in afterAll if a failed run left it behind. */
const spawned = new Set<number>();

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

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Every live process whose parent chain leads to `root` (from /proc). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** Live processes whose command line names DATA_DIR (PostgreSQL runs with `-D <DATA_DIR>/pg`). */
function processesNaming(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitFor(what: string, test: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` (or `node --import tsx scripts/start.ts` with `direct`), ready when it prints the admin's address. */
async function start(direct = false): Promise<Started> {
  const port = await freePort();
  const env = { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' };
  const child = direct ? spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env: { ...env, NODE_ENV: 'production' } }) : spawn('npm', ['start'], { env });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(`the admin on port ${port} (output so far: ${out})`, () => out.includes('UMS admin:') || child.exitCode !== null, 150_000);
  if (child.exitCode !== null) throw new Error(`UMS did not start:\n${out}`);
  return { child, port, output: () => out, exited };
}

/** A POST whose body arrives slowly: the request is in flight until `finish()` sends the rest. */
function slowRequest(port: number): { finish: () => void; answer: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ email: 'nobody-in-particular@example.com' });
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/auth/password/forgot', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept: 'application/json' } });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.once('error', reject);
    });
    req.once('error', reject);
  });
  req.write(body.slice(0, 5));
  return { finish: () => req.end(body.slice(5)), answer };
}

beforeAll(() => {
  rmSync(join(dataDir, 'server.pid'), { force: true });
});

afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.pid) child.kill('SIGKILL');
  for (const pid of spawned) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  const postmaster = join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(postmaster)) {
    const pid = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('shutdown on SIGTERM', () => {
  it('a request in flight when SIGTERM arrives is answered before the server stops', async () => {
    const server = await start(true);
    for (const pid of [server.child.pid!, ...descendants(server.child.pid!)]) spawned.add(pid);
    const slow = slowRequest(server.port);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    // The server is shutting down now; the request's body arrives a second later.
    await new Promise((r) => setTimeout(r, 1000));
    expect(server.child.exitCode).toBeNull();
    slow.finish();
    const answer = await slow.answer;
    expect(answer.status).toBe(200);
    expect(answer.body).not.toMatch(/Something went wrong/);
    const code = await server.exited;
    expect({ code, output: code === 0 ? '' : server.output() }).toEqual({ code: 0, output: '' });
    expect(server.output()).toContain('UMS stopped.');
  }, 240_000);

  it('one SIGTERM to the npm start process stops the server and its PostgreSQL within seconds', async () => {
    const server = await start();
    const tree = descendants(server.child.pid!);
    for (const pid of [server.child.pid!, ...tree]) spawned.add(pid);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(tree).toContain(postmaster);
    expect(processesNaming(dataDir).length).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([server.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 25_000)))]);
    clearTimeout(timer);
    expect({ code, output: code === 0 ? '' : server.output() }).toEqual({ code: 0, output: '' });
    await waitFor('every process of the tree to end', () => tree.every((pid) => !isAlive(pid)), 10_000);
    expect(processesNaming(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
  }, 240_000);
});
