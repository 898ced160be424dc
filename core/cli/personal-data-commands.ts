/**
 * Data-protection requests of one person (core/tenancy/personal-data.ts):
 * hand them their data, erase it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { requiredString, stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { plural } from './output.js';
import { withRuntime } from './runtime.js';
import { RecordValidationError, UmsError } from '../errors.js';

const userExport = defineCommand({
  name: 'user:export',
  summary: "Print (or write) a person's data as JSON: their account, roles and every record about them or created by them",
  positionals: { names: ['email'] },
  options: {
    org: { type: 'string', value: '<slug>', required: true, description: 'The organization the account belongs to' },
    out: { type: 'string', value: '<file>', description: 'Write the JSON to this file instead of stdout (refused if it exists)' },
  },
  details: 'Personal fields are the ones the manifests mark `"personal": true`. Records the person only created are listed by entity and id: their personal fields are about someone else.',
  examples: ['user:export ann@example.org --org city-library --out ann.json'],
  async run({ io, positionals, values }) {
    const [email] = positionals;
    const slug = requiredString(values, 'org', 'user:export');
    const out = stringOption(values, 'out');
    if (out && existsSync(resolve(out))) throw new UmsError('CONFLICT', `${resolve(out)} exists already; choose another --out file.`);
    const { exportPersonalData } = await import('../tenancy/personal-data.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const data = await exportPersonalData(runtime, slug, email);
      const json = JSON.stringify(data, null, 2);
      if (!out) return io.out(json);
      writeFileSync(resolve(out), `${json}\n`, { mode: 0o600 });
      io.out(`${email}: ${plural(data.records.length, 'record')} written to ${resolve(out)}.`);
    });
  },
});

const userErase = defineCommand({
  name: 'user:erase',
  summary: "Erase a person's personal data (blanked or pseudonymised), disable their login, keep the records",
  positionals: { names: ['email'] },
  options: {
    org: { type: 'string', value: '<slug>', required: true, description: 'The organization the account belongs to' },
    confirm: { type: 'string', value: '<email>', required: true, description: 'The e-mail address typed again, to confirm' },
  },
  details:
    "The account's name and e-mail become a pseudonym, its password is removed and it is deactivated (sessions and API tokens end). Personal fields of the records that reference the person are blanked, or pseudonymised where required. Records, who created them and the audit log stay; an audit entry names the operator and the erased fields. Run user:export first if the person asked for their data too.",
  examples: ['user:erase ann@example.org --org city-library --confirm ann@example.org'],
  async run({ io, positionals, values }) {
    const [email] = positionals;
    const slug = requiredString(values, 'org', 'user:erase');
    if (stringOption(values, 'confirm')?.trim().toLowerCase() !== email.trim().toLowerCase()) {
      throw new RecordValidationError('core.user', { confirm: { message: `must repeat the e-mail address (${email}) to confirm the erasure` } });
    }
    const { erasePersonalData } = await import('../tenancy/personal-data.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const { erased } = await erasePersonalData(runtime, slug, email);
      io.out(`${email}: personal data erased; the account is disabled and its records are kept.`);
      for (const [entity, e] of Object.entries(erased)) io.out(`  ${entity}: ${e.fields.join(', ')} in ${plural(e.records, 'record')}`);
    });
  },
});

export const personalDataCommands: Command[] = [userExport, userErase];
