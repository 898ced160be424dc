/** `config:check`: the effective configuration, secrets masked, and the contradictions that stop it (config/check.ts). */
import { UmsError } from '../errors.js';
import { defineCommand, type Command } from './command.js';
import { table } from './output.js';

const configCheck = defineCommand({
  name: 'config:check',
  summary: 'Print the effective configuration (secrets masked) and refuse contradictory settings',
  options: { json: { type: 'boolean', description: 'Print JSON instead of a table' } },
  details: 'Reads the environment exactly as the server does; exits 1 listing every problem (e.g. an https PUBLIC_URL with SECURE_COOKIES=off). No database is opened.',
  examples: ['config:check', 'PUBLIC_URL=https://ums.example.org SECURE_COOKIES=off npm run ums -- config:check'],
  async run({ io, values }) {
    const { checkConfig } = await import('../../config/check.js');
    const report = checkConfig(io.env);
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else if (report.settings.length) io.out(table(['SETTING', 'VALUE', 'FROM'], report.settings.map((s) => [s.name, s.value, s.source])));
    if (report.problems.length) throw new UmsError('BAD_REQUEST', `The configuration has ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
    if (!values.json) io.out('\nNo contradictions found.');
  },
});

export const configCommands: Command[] = [configCheck];
