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
}

/** `nodeArgs`: what follows `node`, e.g. `['dist/scripts/start.js']` (relative to `root`). */
export async function measureStartup(root: string, nodeArgs: string[], dataDir: string, env: Record<string, string>, timeoutMs = 90_000): Promise<StartupRun> {
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
    const self = /ready in (\d+) ms/.exec(output);
    return { ms, selfReportedMs: self ? Number(self[1]) : undefined };
  } finally {
    // SIGTERM: start.js closes the server and stops its embedded PostgreSQL before exiting.
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
