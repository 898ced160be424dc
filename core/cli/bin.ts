/**
 * `npm run ums -- <command>`: the operator CLI's process. Everything but the
 * process itself (argv, streams, environment, the log on stderr, the exit) is
 * runCli in core/cli/main.ts; `npm run ums -- --help` lists the commands.
 */
import { useCommandLineLogger } from '../log.js';
import { runCli } from './main.js';

useCommandLineLogger();
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
// The runtime is closed by then; exiting explicitly keeps a stray handle from holding the shell.
process.exit(code);
