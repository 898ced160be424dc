/**
 * backup / restore of the embedded PostgreSQL (core/db/physical-backup.ts).
 * With an external DATABASE_URL both refuse and name the tools to use.
 */
import { resolve } from 'node:path';
import { stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { invocation } from './output.js';

const backup = defineCommand({
  name: 'backup',
  summary: 'Take a physical backup of the embedded PostgreSQL (while UMS runs), WAL included',
  options: { out: { type: 'string', value: '<dir>', description: 'The new folder to write (default: $BACKUP_DIR or DATA_DIR/backups, one folder per backup)' } },
  details: [
    "Uses PostgreSQL's low-level backup API (pg_backup_start, a copy of the data folder, pg_backup_stop) and copies the WAL the copy needs, so the folder restores on its own. The server keeps working meanwhile.",
    'The job core.backup does the same on a schedule (BACKUP_CRON, default 03:00 daily) and keeps the newest BACKUP_KEEP (default 7).',
    'With DATABASE_URL (an external server) it refuses: use pg_basebackup -X stream or pg_dump -Fc of the server\'s major version.',
  ].join('\n'),
  examples: ['backup', 'backup --out /srv/backups/before-upgrade'],
  async run({ io, values }) {
    const [{ readConfig }, { backupEmbedded }] = await Promise.all([import('../../config/index.js'), import('../db/physical-backup.js')]);
    const out = stringOption(values, 'out');
    const { dir, info } = await backupEmbedded(readConfig(io.env), out ? resolve(out) : undefined, (line) => io.err(line));
    io.out(`Backup written to ${dir} (${(info.bytes / 1048576).toFixed(1)} MB, WAL ${info.startWal}…${info.stopWal}, PostgreSQL ${info.serverVersion}).`);
    io.out(`Restore it with \`${invocation(`restore ${dir}`)}\` (UMS stopped).`);
  },
});

const restore = defineCommand({
  name: 'restore',
  summary: 'Replace the embedded PostgreSQL data with a backup (UMS must be stopped), then start and check it',
  positionals: { names: ['backup-dir'] },
  options: {},
  details:
    'The current data folder is kept beside it (DATA_DIR/pg.before-restore-<time>) until you remove it. The server replays the backup\'s WAL on its first start and opens with exactly the data of the moment the backup ended. Refused while PostgreSQL runs on DATA_DIR, and with an external DATABASE_URL.',
  examples: ['restore .data/backups/ums-2026-12-02T03-00-00-000Z'],
  async run({ io, positionals }) {
    const [{ readConfig }, { restoreEmbedded }] = await Promise.all([import('../../config/index.js'), import('../db/physical-backup.js')]);
    const { info, keptAs, migrations } = await restoreEmbedded(readConfig(io.env), resolve(positionals[0]), (line) => io.err(line));
    io.out(`Restored the backup of ${info.createdAt} (PostgreSQL ${info.serverVersion}); the server started and has ${migrations} migrations applied.`);
    if (keptAs) io.out(`The data it replaced is kept in ${keptAs}; remove it once you are satisfied.`);
  },
});

export const backupCommands: Command[] = [backup, restore];
