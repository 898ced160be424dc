/**
 * Command-line parsing on top of node:util `parseArgs`: strict options, a
 * usage error (exit code 2) that names the command and what was wrong.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Wrong command line (unknown command, unknown option, missing value): exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` explains the fix; undefined for the global help. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Shown in the command's help. */
  description: string;
  /** Placeholder for the value in the help, e.g. `<slug>`. */
  value?: string;
  required?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  help: boolean;
}

/** Parses `args` strictly against `options`; `--help`/`-h` is always accepted. */
export function parseCommandArgs(command: string, args: string[], options: OptionSpecs): ParsedArgs {
  const config: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(options)) config[name] = spec.multiple ? { type: spec.type, multiple: true } : { type: spec.type };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    if (!e.code?.startsWith('ERR_PARSE_ARGS')) throw err;
    throw new UsageError(describeParseError(e), command);
  }
  const values = parsed.values as ParsedArgs['values'];
  const help = values.help === true;
  delete values.help;
  if (!help) {
    const missing = Object.entries(options)
      .filter(([name, spec]) => spec.required && (values[name] === undefined || values[name] === ''))
      .map(([name]) => `--${name}`);
    if (missing.length) throw new UsageError(`missing required option${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, command);
  }
  return { values, positionals: parsed.positionals, help };
}

/** node's messages are clear but long ("… To specify a positional argument starting with a '-' …"): keep the first sentence. */
const describeParseError = (err: Error): string => err.message.split(/\.\s/)[0].replace(/\.$/, '');

export const stringOption = (values: ParsedArgs['values'], name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

export const requiredString = (values: ParsedArgs['values'], name: string, command: string): string => {
  const v = stringOption(values, name);
  if (v === undefined || v === '') throw new UsageError(`missing required option --${name}`, command);
  return v;
};

export const stringList = (values: ParsedArgs['values'], name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};

/** Checks the number of positional arguments against the names in the usage line. */
export function expectPositionals(command: string, positionals: string[], names: string[], options: { variadic?: boolean } = {}): void {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).map((n) => `<${n}>`).join(' ')}`, command);
  }
  if (!options.variadic && positionals.length > names.length) {
    throw new UsageError(`unexpected argument${positionals.length - names.length > 1 ? 's' : ''}: ${positionals.slice(names.length).join(' ')}`, command);
  }
}
