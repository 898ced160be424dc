/**
 * core.backup: a scheduled physical backup of the embedded PostgreSQL
 * (core/db/physical-backup.ts) with retention. BACKUP_CRON (default
 * "0 3 * * *"), BACKUP_DIR (default DATA_DIR/backups), BACKUP_KEEP (default
 * 7). With an external DATABASE_URL the run does nothing and says so: that
 * server is backed up with its own tools.
 */
import { readConfig } from '../../config/index.js';
import { backupEmbedded, backupRoot, pruneBackups } from '../db/physical-backup.js';
import { UmsError } from '../errors.js';
import type { CoreJob } from './declarations.js';
import { scheduleProblem } from './schedule.js';

export const DEFAULT_BACKUP_CRON = '0 3 * * *';
export const DEFAULT_BACKUP_KEEP = 7;

export function backupKeep(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.BACKUP_KEEP?.trim();
  if (!raw) return DEFAULT_BACKUP_KEEP;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) throw new UmsError('BAD_REQUEST', `BACKUP_KEEP="${raw}": give how many backups to keep (1 or more).`);
  return Number(raw);
}

export function backupJob(env: NodeJS.ProcessEnv = process.env): CoreJob {
  const cron = env.BACKUP_CRON?.trim() || DEFAULT_BACKUP_CRON;
  const problem = scheduleProblem({ cron });
  if (problem) throw new UmsError('BAD_REQUEST', `BACKUP_CRON: ${problem}.`);
  return {
    key: 'core.backup',
    module: 'core',
    name: 'backup',
    label: 'Backup of the embedded database',
    description: 'A physical backup of the embedded PostgreSQL into BACKUP_DIR, keeping the newest BACKUP_KEEP.',
    schedule: { cron },
    source: 'core/jobs/backup-job.ts',
    scope: 'installation',
    handler: async () => {
      const config = readConfig(env);
      if (config.databaseUrl) return 'nothing to do: DATABASE_URL is an external server (back it up with pg_basebackup or pg_dump)';
      const keep = backupKeep(env);
      const { dir, info } = await backupEmbedded(config);
      const removed = pruneBackups(backupRoot(config, env), keep);
      return `${dir} (${(info.bytes / 1048576).toFixed(1)} MB); ${removed.length} older backup${removed.length === 1 ? '' : 's'} removed, ${keep} kept at most`;
    },
  };
}
