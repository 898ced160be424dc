/**
 * The command table, the help texts and the dispatcher: exit code 0 on
 * success, 1 for an operational error (message, no stack trace), 2 for a
 * wrong command line.
 */
import { formatManifestProblems, ManifestError, RecordValidationError, UmsError } from '../errors.js';
import { expectPositionals, parseCommandArgs, UsageError } from './args.js';
import type { Command } from './command.js';
import { invocation, type CliIo } from './output.js';
import { accessCommands } from './access-commands.js';
import { backupCommands } from './backup-commands.js';
import { configCommands } from './config-commands.js';
import { jobsCommands } from './jobs-commands.js';
import { lifecycleCommands } from './lifecycle-commands.js';
import { orgDataCommands } from './org-data-commands.js';
import { personalDataCommands } from './personal-data-commands.js';
import { scaffoldCommands } from './scaffold.js';
import { schemaCommands } from './schema-commands.js';
import { tenancyCommands } from './tenancy-commands.js';

export const commands: Command[] = [...tenancyCommands, ...lifecycleCommands, ...orgDataCommands, ...personalDataCommands, ...backupCommands, ...schemaCommands, ...accessCommands, ...jobsCommands, ...configCommands, ...scaffoldCommands];

const byName = new Map(commands.map((c) => [c.name, c]));

export function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'UMS operator CLI',
    '',
    `Usage: ${invocation('<command> [options]')}`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run \`${invocation('<command> --help')}\` for a command's arguments and options.`,
    '',
    'Database: DATABASE_URL, or else the embedded PostgreSQL under DATA_DIR (default ./.data).',
    'Commands work whether or not the server is running, and apply pending migrations first.',
  ].join('\n');
}

export function commandHelp(command: Command, liveDetails?: string): string {
  const positionals = (command.positionals?.names ?? []).map((n, i, all) => `<${n}>${command.positionals?.variadic && i === all.length - 1 ? '…' : ''}`);
  const options = Object.entries(command.options);
  const usageOptions = options.map(([name, spec]) => {
    const text = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return spec.required ? text : `[${text}]${spec.multiple ? '…' : ''}`;
  });
  const lines = [`Usage: ${invocation([command.name, ...positionals, ...usageOptions].join(' '))}`, '', command.summary + '.'];
  if (command.details) lines.push('', command.details);
  if (liveDetails) lines.push('', liveDetails);
  const rows = [...options.map(([name, spec]) => [`--${name}${spec.value ? ` ${spec.value}` : ''}`, `${spec.description}${spec.multiple ? ' (repeatable)' : ''}`]), ['-h, --help', 'Show this help']];
  const width = Math.max(...rows.map((r) => r[0].length));
  lines.push('', 'Options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${invocation(e)}`));
  return lines.join('\n');
}

/** Runs one command line; returns the process exit code. */
export async function runCommandLine(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) throw new UsageError('no command given');
    if (name === '--help' || name === '-h' || name === 'help') {
      const about = name === 'help' && rest[0] ? byName.get(rest[0]) : undefined;
      if (name === 'help' && rest[0] && !about) throw unknownCommand(rest[0]);
      io.out(about ? commandHelp(about, await about.liveDetails?.(io.env)) : globalHelp());
      return 0;
    }
    const command = byName.get(name);
    if (!command) throw unknownCommand(name);
    const parsed = parseCommandArgs(command.name, rest, command.options);
    if (parsed.help) {
      io.out(commandHelp(command, await command.liveDetails?.(io.env)));
      return 0;
    }
    expectPositionals(command.name, parsed.positionals, command.positionals?.names ?? [], { variadic: command.positionals?.variadic });
    await command.run({ io, values: parsed.values, positionals: parsed.positionals });
    return 0;
  } catch (err) {
    return report(err, io);
  }
}

function unknownCommand(name: string): UsageError {
  const suggestion = closest(name, commands.map((c) => c.name));
  return new UsageError(`unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
}

function report(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.err(`error: ${err.message}`);
    io.err(err.command ? `Usage: run \`${invocation(`${err.command} --help`)}\`.` : `Run \`${invocation('--help')}\` for the list of commands.`);
    return 2;
  }
  if (err instanceof ManifestError) {
    io.err(`error: ${err.problems.length === 1 ? 'a problem' : `${err.problems.length} problems`} in the manifests:`);
    io.err(formatManifestProblems(err.problems));
  } else if (err instanceof RecordValidationError) {
    const what = (err.where.entity ?? 'record').replace(/^core\./, '').replace(/_/g, ' ');
    io.err(`error: the ${what} was not saved:`);
    for (const [field, { message }] of Object.entries(err.fieldErrors)) io.err(`  ${field === '_record' ? '' : `${field}: `}${message}`);
  } else if (err instanceof UmsError) {
    io.err(`error: ${err.message}`);
  } else {
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (io.env.UMS_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    else io.err('(set UMS_DEBUG=1 to see the stack trace)');
  }
  return 1;
}

/** The most similar name within a small edit distance, for "did you mean". */
function closest(input: string, names: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_v, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row[j];
        row[j] = next;
      }
    }
    return row[b.length];
  };
  const ranked = names.map((n) => ({ n, d: distance(input, n) })).sort((x, y) => x.d - y.d);
  return ranked[0] && ranked[0].d <= Math.max(2, Math.floor(input.length / 3)) ? ranked[0].n : undefined;
}
