/**
 * An organization's data as a whole: export to one archive, import into
 * another installation (core/tenancy/org-export.ts, org-import.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { requiredString, stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { invocation, plural } from './output.js';
import { withRuntime } from './runtime.js';
import { UmsError } from '../errors.js';

const orgExport = defineCommand({
  name: 'org:export',
  summary: 'Write everything of one organization (every row, settings, roles, counters, history) to one archive',
  positionals: { names: ['org-slug'] },
  options: { out: { type: 'string', value: '<file>', required: true, description: 'The archive to write (gzip’d JSON lines; refused if it exists)' } },
  details:
    'One consistent snapshot, taken while the organization keeps working. The archive names the UMS version, the migrations and the module versions it was written with; it holds personal data and secrets of the organization (it is written readable by its owner only): keep it as such.',
  examples: ['org:export city-library --out city-library.ums.jsonl.gz'],
  async run({ io, positionals, values }) {
    const [slug] = positionals;
    const out = resolve(requiredString(values, 'out', 'org:export'));
    if (existsSync(out)) throw new UmsError('CONFLICT', `${out} exists already; choose another --out file.`);
    const { exportOrganization } = await import('../tenancy/org-export.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const summary = await exportOrganization(runtime, slug, out);
      const tables = Object.values(summary.rows).filter((n) => n > 0).length;
      io.out(`${slug}: ${plural(summary.total, 'row')} of ${plural(tables, 'table')} written to ${out}${summary.files ? `, with ${plural(summary.files, 'file')} of the file store` : ''}.`);
      io.out(`Load it into another installation with \`${invocation(`org:import ${out}`)}\`.`);
    });
  },
});

const orgImport = defineCommand({
  name: 'org:import',
  summary: 'Load an organization from an org:export archive into this installation (ids kept, all or nothing)',
  positionals: { names: ['file'] },
  options: {},
  details:
    'Refused, with nothing written, when the slug, the organization id or any row id exists here, when the archive comes from a newer schema (upgrade UMS here first), or when it is damaged or cut short. To move an organization, export it, import it on the new installation, then org:delete it on the old one.',
  examples: ['org:import city-library.ums.jsonl.gz'],
  async run({ io, positionals }) {
    const file = resolve(positionals[0]);
    if (!existsSync(file)) throw new UmsError('NOT_FOUND', `No file ${file}.`);
    const { importOrganization } = await import('../tenancy/org-import.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const summary = await importOrganization(runtime, file);
      io.out(`${summary.organization.slug} (${summary.organization.name}): ${plural(summary.total, 'row')}${summary.files ? ` and ${plural(summary.files, 'file')}` : ''} imported.`);
    });
  },
});

const orgDelete = defineCommand({
  name: 'org:delete',
  summary: 'Delete an organization for good after a grace period (its users are signed out at once; org:restore until then)',
  positionals: { names: ['org-slug'] },
  options: {
    confirm: { type: 'string', value: '<org-slug>', required: true, description: 'The slug typed again, to confirm' },
    'grace-days': { type: 'string', value: '<n>', description: 'Days before the purge job removes its data (default 30; 0: at its next run)' },
    reason: { type: 'string', value: '<text>', description: 'Why (kept in the audit log, shown to its users)' },
  },
  details:
    'The organization becomes `deleting`: nobody signs in, no job runs, nothing is written, and its data is kept until the purge date. Then the job core.organization_purge removes every row of it and leaves a tombstone in the audit log (its id, slug, who asked and when). Export it first (org:export) if its data may be needed again.',
  examples: ['org:delete city-library --confirm city-library', 'org:delete city-library --confirm city-library --grace-days 7 --reason "Contract ended"'],
  async run({ io, positionals, values }) {
    const [slug] = positionals;
    const { graceDaysValue, requestOrganizationDeletion } = await import('../tenancy/org-delete.js');
    const graceDays = graceDaysValue(stringOption(values, 'grace-days'));
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const { purgeAfter, before } = await requestOrganizationDeletion(runtime, slug, { confirm: stringOption(values, 'confirm'), graceDays, reason: stringOption(values, 'reason') });
      io.out(`${slug}: ${before} → deleting. Its data is purged after ${purgeAfter.toISOString()} by the job core.organization_purge.`);
      io.out(`Until then \`${invocation(`org:restore ${slug}`)}\` undoes it.`);
    });
  },
});

const orgRestore = defineCommand({
  name: 'org:restore',
  summary: 'Undo org:delete before the purge date: the organization is back as it was',
  positionals: { names: ['org-slug'] },
  options: {},
  details: 'It returns to the status it had before org:delete (active, suspended or archived, with its reason).',
  examples: ['org:restore city-library'],
  async run({ io, positionals }) {
    const [slug] = positionals;
    const { restoreOrganization } = await import('../tenancy/org-delete.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const { after } = await restoreOrganization(runtime, slug);
      io.out(`${slug}: deleting → ${after}.`);
    });
  },
});

export const orgDataCommands: Command[] = [orgExport, orgImport, orgDelete, orgRestore];
