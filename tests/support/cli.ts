/**
 * The operator command line (`npm run ums -- …`) in a test, two ways:
 * - `runCli`: in this process, through core/cli/main.ts's runCli with the
 *   environment it is given and its output captured: the same commands, parsing,
 *   exit codes and messages, without a child compiling TypeScript for seconds.
 * - `spawnCli`: the real bin (`node --import tsx core/cli/bin.ts`) in a child
 *   process, as an operator runs it, for what only a process shows (its stdout
 *   free of log lines, its exit, signals, the embedded PostgreSQL it starts).
 * Both see this process's environment with the command's variables over it;
 * NODE_OPTIONS and UMS_DEBUG are cleared, and a variable given as undefined is
 * removed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli as runCliInProcess } from '../../core/cli/main.js';

export const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));

/** The bin's arguments to node, from CHECKOUT. */
export const CLI_BIN = ['--import', 'tsx', 'core/cli/bin.ts'];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This process's environment with the command's variables over it. */
export function cliEnvironment(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '', UMS_DEBUG: '', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged as NodeJS.ProcessEnv;
}

/** Runs `ums <argv…>` in this process to its end and returns its exit code and output. */
export function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCliWithEnvironment(argv, cliEnvironment(env));
}

/** The same with exactly `env` as the command's whole environment (nothing of this process's). */
export async function runCliWithEnvironment(argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCliInProcess(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env });
  return { code, stdout, stderr };
}

/** Runs the real bin `ums <argv…>` in a child process to its end (at most `timeout` ms). */
export function spawnCli(argv: string[], env: Record<string, string | undefined>, timeout = 90_000): CliResult {
  const r = spawnSync(process.execPath, [...CLI_BIN, ...argv], { cwd: CHECKOUT, env: cliEnvironment(env), encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
