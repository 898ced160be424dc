/**
 * The operator CLI as a function: `runCli(argv, { stdout, stderr, env })` runs
 * one command line (`npm run ums -- <argv…>`) with the environment it is given
 * and returns the exit code (0 done, 1 an operational error, 2 a wrong command
 * line). Commands live in core/cli/*.ts; core/cli/bin.ts is the process that
 * calls this with its own argv, streams and environment, and exits.
 *
 * In-process callers (the tests) keep their own logger: only the bin routes
 * log lines to stderr (useCommandLineLogger), since the logger is the process's.
 */
import { runCommandLine } from './commands.js';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** What the commands read instead of process.env (DATABASE_URL, DATA_DIR, MANIFEST_DIR, JOBS_BACKEND…). */
  env: NodeJS.ProcessEnv;
}

export function runCli(argv: string[], { stdout, stderr, env }: CliStreams): Promise<number> {
  return runCommandLine(argv, { out: (text) => stdout.write(`${text}\n`), err: (text) => stderr.write(`${text}\n`), env });
}
