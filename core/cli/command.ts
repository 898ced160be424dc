/** What a CLI command declares: its name, help text, options, positionals and what it does. */
import type { OptionSpecs, ParsedArgs } from './args.js';
import type { CliIo } from './output.js';

export interface CommandContext {
  io: CliIo;
  values: ParsedArgs['values'];
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line, for the global help. */
  summary: string;
  /** Positional arguments, as shown in the usage line (`<org-slug>`); `variadic` allows more of the last. */
  positionals?: { names: string[]; variadic?: boolean };
  options: OptionSpecs;
  /** Extra paragraphs for the command's help. */
  details?: string;
  /** More help read when it is asked for (e.g. what the manifests declare), after `details`. */
  liveDetails?: (env: NodeJS.ProcessEnv) => Promise<string>;
  examples?: string[];
  run(ctx: CommandContext): Promise<void>;
}

/** Identity function that type-checks a command definition. */
export const defineCommand = (command: Command): Command => command;
