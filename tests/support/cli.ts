/**
 * The operator command line (`npm run ums -- …`) run in a child process, as an
 * operator runs it: from the checkout, with the environment it is given.
 * NODE_OPTIONS is cleared (jest's --experimental-vm-modules is not for the
 * child); a variable given as undefined is removed from the child's environment.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));

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

/** Runs `ums <argv…>` to its end (at most `timeout` ms) and returns its exit code and output. */
export function runCli(argv: string[], env: Record<string, string | undefined>, timeout = 90_000): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'core/cli/main.ts', ...argv], { cwd: CHECKOUT, env: cliEnvironment(env), encoding: 'utf8', timeout });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
