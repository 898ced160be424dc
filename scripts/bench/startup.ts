/**
 * Start-up of the server: `node dist/scripts/start.js` (or, for comparison,
 * start.ts through tsx) against the already-migrated bench database (it starts
 * the embedded PostgreSQL itself, as `npm start` does), timed from spawn to the
 * first HTTP 200 of GET /admin/login.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { createServer } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

function loginPageStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/admin/login', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(10_000, () => req.destroy());
  });
}

export interface StartupRun {
  ms: number;
  /** What start.js itself printed as "ready in N ms" (from its first line of code). */
  selfReportedMs?: number;
  /** Spawn → the `waitFor` line in its output (e.g. the job worker's "started"). */
  waitedMs?: number;
  /** CPU time (user + system, /proc/<pid>/stat) the server process had used when the login page was served, ms: unlike wall time, barely moved by other load on the machine. */
  cpuMs?: number;
  /** Resident set size (/proc/<pid>/status VmRSS) `settleMs` after that, MB. */
  rssMb?: number;
}

export interface StartupExtras {
  /** Wait for this in the output after the login page was served (timed as waitedMs). */
  waitFor?: RegExp;
  /** Then idle this long and read the process's RSS. */
  settleMs?: number;
  /** Then ask for a heap snapshot (the child must run with --heapsnapshot-signal=SIGUSR2) and wait until a new file appears in this folder. */
  heapSnapshotDir?: string;
}

function cpuMsOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // Fields after the command's closing parenthesis: state is 3rd, utime 14th, stime 15th (clock ticks, 100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function vmRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** `nodeArgs`: what follows `node`, e.g. `['dist/scripts/start.js']` (relative to `root`). */
export async function measureStartup(root: string, nodeArgs: string[], dataDir: string, env: Record<string, string>, timeoutMs = 90_000, extras: StartupExtras = {}): Promise<StartupRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - started > timeoutMs) throw new Error(`no login page after ${timeoutMs} ms:\n${output}`);
      if ((await loginPageStatus(port)) === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - started;
    const cpuMs = cpuMsOf(child.pid);
    const self = /ready in (\d+) ms|"readyMs":(\d+)/.exec(output);
    const run: StartupRun = { ms, cpuMs, selfReportedMs: self ? Number(self[1] ?? self[2]) : undefined };
    if (extras.waitFor) {
      while (!extras.waitFor.test(output)) {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
        if (performance.now() - started > timeoutMs) throw new Error(`no ${extras.waitFor} after ${timeoutMs} ms:\n${output.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      run.waitedMs = performance.now() - started;
    }
    if (extras.settleMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, extras.settleMs));
      run.rssMb = vmRssMb(child.pid);
    }
    if (extras.heapSnapshotDir) {
      const dir = extras.heapSnapshotDir;
      const known = new Set(readdirSync(dir));
      child.kill('SIGUSR2');
      // Written synchronously by the child; done when the new file stops growing.
      for (let last = -1; ; ) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        if (performance.now() - started > 2 * timeoutMs) throw new Error('no heap snapshot written (was the server started with --heapsnapshot-signal=SIGUSR2?)');
        const fresh = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !known.has(f));
        if (!fresh) continue;
        const size = statSync(`${dir}/${fresh}`).size;
        if (size === last && size > 0) break;
        last = size;
      }
    }
    return run;
  } finally {
    // SIGTERM: start.js closes the server and stops its embedded PostgreSQL before exiting.
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
