/**
 * The worker: a scheduler that processes due jobs. `npm start` runs one in
 * the server process (unless WORKER=off); `npm run worker` runs it alone.
 */
import type { JobsConfig } from '../../config/index.js';
import type { Runtime } from '../runtime.js';
import type { CoreJob } from './declarations.js';
import { JobScheduler } from './scheduler.js';

export interface Worker {
  scheduler: JobScheduler;
  /** Stops taking jobs, unlocks the ones it holds (another worker may take them) and closes the backend; safe to call twice. */
  stop(): Promise<void>;
}

export async function startWorker(runtime: Runtime, options: { config: JobsConfig; log?: (line: string) => void; coreJobs?: CoreJob[] }): Promise<Worker> {
  const scheduler = await JobScheduler.open(runtime, { ...options, role: 'worker' });
  try {
    await scheduler.start();
  } catch (err) {
    await scheduler.close();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return { scheduler, stop: () => (stopping ??= scheduler.close()) };
}
