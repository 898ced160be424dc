/**
 * Physical backups of the embedded PostgreSQL with the server's low-level
 * backup API (PostgreSQL 15+, "Making a Base Backup Using the Low Level
 * API"): the npm package ships no pg_dump or pg_basebackup, and Debian's are
 * older than the embedded server.
 *
 * Backup, while the server runs and keeps working:
 *  1. one connection holds a temporary physical replication slot (so the
 *     server keeps every WAL segment from here on, whatever checkpoints run)
 *     and calls `pg_backup_start(label, fast => true)`;
 *  2. the data folder is copied file by file, without what the manual says
 *     to leave out (postmaster.pid/opts, pg_wal, pg_replslot, pg_dynshmem,
 *     pg_notify, pg_serial, pg_snapshots, pg_stat_tmp, pg_subtrans contents,
 *     temporary files); files changing under the copy are fine: WAL replay
 *     repairs them;
 *  3. `pg_backup_stop(wait_for_archive => false)` gives the backup_label and
 *     tablespace_map contents, written byte for byte into the copy;
 *  4. the WAL segments from the start segment to the stop segment are copied
 *     into the copy's pg_wal, so the backup is self-contained;
 *  5. backup.json beside it says when, from which server version, and the
 *     start and stop positions.
 * Restore (server stopped): the data folder is moved aside (kept, named in
 * the output), the backup's copied in, ownership and modes set as the
 * server needs them, and the server started: with backup_label present it
 * replays the copied WAL to the stop position and opens. Verified by
 * connecting and reading the migrations table.
 */
import { chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { UmsConfig } from '../../config/index.js';
import { UmsError } from '../errors.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface BackupInfo {
  format: 'ums-physical-backup';
  createdAt: string;
  serverVersion: string;
  label: string;
  startLsn: string;
  stopLsn: string;
  startWal: string;
  stopWal: string;
  walFiles: number;
  bytes: number;
  /** Who owned the data folder (the server's OS user), for a restore into an empty place. */
  owner: { uid: number; gid: number };
}

/** Top-level entries whose contents the manual says to omit (the folders themselves are kept, empty). */
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_label.old', 'tablespace_map.old']);

export const BACKUP_DATA = 'data';
export const BACKUP_INFO = 'backup.json';

/** Copies a tree, tolerating files that vanish while it runs (a dropped table). Returns the bytes copied. */
function copyTree(from: string, to: string, top: boolean): number {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  let bytes = 0;
  for (const name of readdirSync(from)) {
    if (top && SKIP_FILES.has(name)) continue;
    if (name.startsWith('pgsql_tmp') || name === 'pg_internal.init') continue;
    const source = join(from, name);
    const target = join(to, name);
    let st;
    try {
      st = lstatSync(source);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    if (st.isDirectory()) {
      if (top && EMPTY_DIRS.has(name)) mkdirSync(target, { recursive: true, mode: 0o700 });
      else bytes += copyTree(source, target, false);
    } else if (st.isFile()) {
      try {
        copyFileSync(source, target);
        bytes += st.size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    } else if (st.isSymbolicLink()) {
      throw new UmsError('CONFLICT', `${source} is a symbolic link (a tablespace?): the embedded backup copies one data folder only.`);
    }
  }
  return bytes;
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), uid, gid);
}

/** Segment file names sort in WAL order within a timeline. */
const isSegment = (name: string): boolean => /^[0-9A-F]{24}$/.test(name);

/** Takes a physical backup of the running cluster whose data folder is `pgDir` (connected through `url`) into `outDir`. */
export async function backupCluster(options: { url: string; pgDir: string; outDir: string; label?: string }): Promise<BackupInfo> {
  const { url, pgDir, outDir } = options;
  if (existsSync(outDir) && readdirSync(outDir).length) throw new UmsError('CONFLICT', `${outDir} exists and is not empty; back up into a new folder.`);
  if (!existsSync(join(pgDir, 'PG_VERSION'))) throw new UmsError('NOT_FOUND', `${pgDir} is not a PostgreSQL data folder.`);
  const label = options.label ?? `ums ${new Date().toISOString()}`;
  const client = new pg.Client({ connectionString: url, application_name: 'ums-backup' });
  await client.connect();
  const dataOut = join(outDir, BACKUP_DATA);
  try {
    const [{ server_version: serverVersion }] = (await client.query('SHOW server_version')).rows as { server_version: string }[];
    const slot = `ums_backup_${process.pid}_${Date.now()}`;
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
    const start = (await client.query('SELECT pg_backup_start($1, true) AS lsn', [label])).rows[0] as { lsn: string };
    let stop: { lsn: string; labelfile: string; spcmapfile: string };
    let bytes: number;
    try {
      bytes = copyTree(pgDir, dataOut, true);
    } finally {
      // Always end the backup mode, even when the copy failed.
      stop = (await client.query('SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)')).rows[0] as typeof stop;
    }
    writeFileSync(join(dataOut, 'backup_label'), Buffer.from(stop.labelfile, 'utf8'));
    if (stop.spcmapfile) writeFileSync(join(dataOut, 'tablespace_map'), Buffer.from(stop.spcmapfile, 'utf8'));
    const { rows } = await client.query('SELECT pg_walfile_name($1::pg_lsn) AS first, pg_walfile_name($2::pg_lsn) AS last', [start.lsn, stop.lsn]);
    const { first, last } = rows[0] as { first: string; last: string };
    // The stop segment may still be open: it holds everything up to the stop position, which is all recovery needs.
    const walDir = join(pgDir, 'pg_wal');
    const needed = readdirSync(walDir).filter((n) => (isSegment(n) && n >= first && n <= last) || /^[0-9A-F]{8}\.history$/.test(n));
    for (const n of needed) {
      copyFileSync(join(walDir, n), join(dataOut, 'pg_wal', n));
      bytes += statSync(join(dataOut, 'pg_wal', n)).size;
    }
    const segments = needed.filter(isSegment);
    if (!segments.includes(first) || !segments.includes(last)) throw new UmsError('INTERNAL', `WAL segments ${first}…${last} were not all found in ${walDir}; the backup is incomplete.`);
    mkdirSync(join(dataOut, 'pg_wal', 'archive_status'), { recursive: true, mode: 0o700 });
    await client.query('SELECT pg_drop_replication_slot($1)', [slot]).catch(() => undefined);
    const info: BackupInfo = {
      format: 'ums-physical-backup',
      createdAt: new Date().toISOString(),
      serverVersion,
      label,
      startLsn: start.lsn,
      stopLsn: stop.lsn,
      startWal: first,
      stopWal: last,
      walFiles: segments.length,
      bytes,
      owner: { uid: statSync(pgDir).uid, gid: statSync(pgDir).gid },
    };
    writeFileSync(join(outDir, BACKUP_INFO), `${JSON.stringify(info, null, 2)}\n`);
    return info;
  } catch (err) {
    rmSync(dataOut, { recursive: true, force: true });
    throw err;
  } finally {
    await client.end();
  }
}

export function readBackupInfo(dir: string): BackupInfo {
  const file = join(dir, BACKUP_INFO);
  if (!existsSync(file) || !existsSync(join(dir, BACKUP_DATA, 'PG_VERSION')) || !existsSync(join(dir, BACKUP_DATA, 'backup_label'))) {
    throw new UmsError('NOT_FOUND', `${dir} is not a UMS backup (it needs ${BACKUP_INFO} and ${BACKUP_DATA}/ with backup_label).`);
  }
  const info = JSON.parse(readFileSync(file, 'utf8')) as BackupInfo;
  if (info.format !== 'ums-physical-backup') throw new UmsError('BAD_REQUEST', `${file} is not a UMS backup description.`);
  return info;
}

/**
 * Replaces the (stopped) cluster's data folder `pgDir` with the backup in
 * `backupDir`. The current folder is kept beside it as `<pgDir>.before-restore-<time>`
 * (returned). Starting the server afterwards replays the backup's WAL.
 */
export function replaceDataDir(options: { pgDir: string; backupDir: string; recoverySignal?: boolean }): { keptAs?: string; info: BackupInfo } {
  const info = readBackupInfo(options.backupDir);
  const { pgDir } = options;
  if (existsSync(join(pgDir, 'postmaster.pid'))) throw new UmsError('CONFLICT', `PostgreSQL still runs on ${pgDir} (postmaster.pid): stop UMS first.`);
  // Whoever runs the server owns the folder (the `postgres` user when UMS runs as root).
  const existing = existsSync(pgDir) ? statSync(pgDir) : undefined;
  const owner = existing ? { uid: existing.uid, gid: existing.gid } : info.owner;
  let keptAs: string | undefined;
  if (existing) {
    keptAs = `${pgDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(pgDir, keptAs);
  }
  try {
    copyTree(join(options.backupDir, BACKUP_DATA), pgDir, false);
    // Recovery to the end of the copied WAL needs no signal file; recovery.signal asks for archive recovery (restore_command) instead.
    if (options.recoverySignal) writeFileSync(join(pgDir, 'recovery.signal'), '');
    chmodSync(pgDir, 0o700);
    if (owner && process.getuid?.() === 0) chownTree(pgDir, owner.uid, owner.gid);
  } catch (err) {
    rmSync(pgDir, { recursive: true, force: true });
    if (keptAs) renameSync(keptAs, pgDir);
    throw err;
  }
  return { keptAs, info };
}

/** Where backups go unless told: BACKUP_DIR, else DATA_DIR/backups. */
export const backupRoot = (config: Pick<UmsConfig, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string => env.BACKUP_DIR || join(config.dataDir, 'backups');

/** A new folder name per backup, sortable by time. */
export const backupFolderName = (at = new Date()): string => `ums-${at.toISOString().replace(/[:.]/g, '-')}`;

export const EXTERNAL_DATABASE_MESSAGE =
  'DATABASE_URL points at an external PostgreSQL: back it up with its own tools of the same major version — pg_basebackup (physical, with WAL: -X stream) or pg_dump -Fc (logical) — or your provider\'s snapshots. `backup`/`restore` work on the embedded PostgreSQL only.';

/** The embedded cluster's data folder. */
export const embeddedPgDir = (config: Pick<UmsConfig, 'dataDir'>): string => join(config.dataDir, 'pg');

/** Backs up the embedded cluster of `config` (attaching to it when it runs, starting it for the time of the backup otherwise). */
export async function backupEmbedded(config: Pick<UmsConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>, outDir?: string, log?: (line: string) => void): Promise<{ dir: string; info: BackupInfo }> {
  if (config.databaseUrl) throw new UmsError('CONFLICT', EXTERNAL_DATABASE_MESSAGE);
  const dir = outDir ?? join(backupRoot(config), backupFolderName());
  const handle = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  try {
    return { dir, info: await backupCluster({ url: handle.url, pgDir: embeddedPgDir(config), outDir: dir }) };
  } finally {
    await handle.stop();
  }
}

/** Removes all but the newest `keep` backups under `root` (folders with a backup.json); returns the removed ones. */
export function pruneBackups(root: string, keep: number): string[] {
  if (!existsSync(root)) return [];
  const all = readdirSync(root)
    .filter((n) => existsSync(join(root, n, BACKUP_INFO)))
    .sort();
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const n of removed) rmSync(join(root, n), { recursive: true, force: true });
  return removed.map((n) => join(root, n));
}

function runningPostmaster(pgDir: string): number | undefined {
  const file = join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPERM') return pid;
    rmSync(file, { force: true }); // stale: the server is gone
    return undefined;
  }
}

/**
 * Restores the embedded cluster of `config` from `backupDir`: refused while
 * PostgreSQL runs on it (stop UMS first); then the data folder is replaced,
 * the server started (it replays the backup's WAL), checked and stopped.
 */
export async function restoreEmbedded(
  config: Pick<UmsConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>,
  backupDir: string,
  log?: (line: string) => void,
): Promise<{ info: BackupInfo; keptAs?: string; migrations: number }> {
  if (config.databaseUrl) throw new UmsError('CONFLICT', EXTERNAL_DATABASE_MESSAGE);
  const pgDir = embeddedPgDir(config);
  const pid = runningPostmaster(pgDir);
  if (pid) throw new UmsError('CONFLICT', `PostgreSQL (pid ${pid}) is running on ${pgDir}: stop UMS (server, worker) first, then restore.`);
  const { info, keptAs } = replaceDataDir({ pgDir, backupDir });
  const handle = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  try {
    const client = new pg.Client({ connectionString: handle.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'core_migrations'");
      const migrations = (rows[0] as { n: number }).n ? ((await client.query('SELECT count(*)::int AS n FROM core_migrations')).rows[0] as { n: number }).n : 0;
      return { info, keptAs, migrations };
    } finally {
      await client.end();
    }
  } finally {
    await handle.stop();
  }
}
