/**
 * An organization's lifecycle and plan limits: thin wrappers around
 * core/tenancy/lifecycle.ts. Each change is audited in the organization's
 * audit log as `operator:<OS user>` with the command's name.
 */
import { stringList, stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { invocation } from './output.js';
import { withRuntime } from './runtime.js';

const lifecycle = () => import('../tenancy/lifecycle.js');

const statusCommand = (change: 'suspend' | 'resume' | 'archive', summary: string, details: string): Command =>
  defineCommand({
    name: `org:${change}`,
    summary,
    positionals: { names: ['org-slug'] },
    options: change === 'resume' ? {} : { reason: { type: 'string', value: '<text>', required: true, description: "Why (shown to the organization's users, kept in the audit log)" } },
    details,
    examples: [change === 'resume' ? 'org:resume city-library' : `org:${change} city-library --reason "${change === 'suspend' ? 'Invoice 2026-11 unpaid' : 'Contract ended 2026-12-31'}"`],
    async run({ io, positionals, values }) {
      const [slug] = positionals;
      const { changeOrganizationStatus } = await lifecycle();
      await withRuntime(io, { migrate: true }, async (runtime) => {
        const { before, after } = await changeOrganizationStatus(runtime, slug, change, { reason: stringOption(values, 'reason') });
        io.out(`${slug}: ${before} → ${after}.`);
        if (after === 'suspended') io.out(`Its users cannot sign in or use API tokens (they are told why), its jobs are skipped and its data is unchanged. \`${invocation(`org:resume ${slug}`)}\` lifts it.`);
        if (after === 'archived') io.out(`Its data is read-only for everyone; \`${invocation(`org:resume ${slug}`)}\` makes it writable again.`);
      });
    },
  });

const orgLimits = defineCommand({
  name: 'org:limits',
  summary: "Set an organization's plan limits (users, records, file storage); without options, show its use against them",
  positionals: { names: ['org-slug'] },
  options: {
    'max-users': { type: 'string', value: '<n|none>', description: 'Active users allowed (none: no limit)' },
    'max-records': { type: 'string', value: '<n|none>', description: "Records of the organization's modules allowed in total (none: no limit)" },
    'max-records-of': { type: 'string', multiple: true, value: '<module.entity>=<n|none>', description: 'Records of one entity allowed (e.g. library.book=50; repeat for several; none: no limit of its own)' },
    'max-storage-mb': { type: 'string', value: '<n|none>', description: 'Megabytes of uploaded files allowed in total (none: no limit)' },
  },
  details: 'Creating past a limit is refused with a message naming it (enforced in the database transaction, so concurrent creates cannot overshoot). A limit below what is used now is refused.',
  examples: ['org:limits city-library --max-users 25 --max-records 50000', 'org:limits city-library --max-records none', 'org:limits city-library --max-records-of library.book=50 --max-records-of library.member=200', 'org:limits city-library --max-records-of library.book=none', 'org:limits city-library --max-storage-mb 2048'],
  async run({ io, positionals, values }) {
    const [slug] = positionals;
    const { setOrganizationLimits } = await lifecycle();
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const u = await setOrganizationLimits(runtime, slug, { maxUsers: stringOption(values, 'max-users'), maxRecords: stringOption(values, 'max-records'), maxRecordsOf: stringList(values, 'max-records-of'), maxStorageMb: stringOption(values, 'max-storage-mb') });
      const mb = (n: number): string => `${+(n / 1024 / 1024).toFixed(1)} MB`;
      io.out(`${slug} (${u.status}): users ${u.users}${u.maxUsers === null ? ' (no limit)' : ` of ${u.maxUsers}`}, records ${u.records}${u.maxRecords === null ? ' (no limit)' : ` of ${u.maxRecords}`}. Files: ${mb(u.storageUsed)}${u.maxStorageBytes === null ? ' (no limit)' : ` of ${mb(u.maxStorageBytes)}`}.`);
      for (const l of u.entityLimits) io.out(`  ${l.label} (${l.entity}): ${l.records} of ${l.maxRecords}`);
    });
  },
});

export const lifecycleCommands: Command[] = [
  statusCommand('suspend', 'Suspend an organization (unpaid bill): nobody signs in, no job runs, data untouched', 'Signed-in users lose their session at their next request; API tokens are refused with the reason.'),
  statusCommand('resume', 'Make a suspended or archived organization active again', 'Sign-in, tokens, jobs and writes work again as before.'),
  statusCommand('archive', 'Archive an organization: its users may read, nobody may change anything', 'Every create, edit, delete and action is refused with a message saying the organization is archived.'),
  orgLimits,
];
