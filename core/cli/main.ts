/**
 * `npm run ums -- <command>`: the operator CLI. Commands live in core/cli/*.ts;
 * `npm run ums -- --help` lists them.
 */
import { useCommandLineLogger } from '../log.js';
import { runCli } from './commands.js';
import { processIo } from './output.js';

useCommandLineLogger();
const code = await runCli(process.argv.slice(2), processIo);
// The runtime is closed by then; exiting explicitly keeps a stray handle from holding the shell.
process.exit(code);
