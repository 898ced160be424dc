/**
 * The database for a command: DATABASE_URL, or the embedded PostgreSQL under
 * DATA_DIR (attached to when the server already runs it, started and stopped
 * otherwise). Loaded lazily so that commands without a database (help,
 * manifest:validate, module:new) never import the data layer.
 */
import type { Runtime } from '../runtime.js';
import type { CliIo } from './output.js';

export interface RuntimeUse {
  /** Apply pending migrations while opening. */
  migrate: boolean;
}

export async function withRuntime<T>(io: CliIo, use: RuntimeUse, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const [{ readConfig }, { createRuntime }] = await Promise.all([import('../../config/index.js'), import('../runtime.js')]);
  // Progress lines (cluster creation, applied migrations) go to stderr: stdout stays the command's result.
  const runtime = await createRuntime({ config: readConfig(io.env), migrate: use.migrate, poolSize: 4, log: (line) => io.err(line) });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
