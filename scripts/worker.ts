/**
 * `npm run worker`: the job worker alone, for running it apart from the web
 * server (start that one with WORKER=off). Same database settings as the
 * server; with the embedded PostgreSQL it uses the server's running cluster
 * under DATA_DIR, or starts it and stops it again on exit.
 */
import { readConfig } from '../config/index.js';
import { createRuntime } from '../core/runtime.js';
import { formatManifestProblems, ManifestError, UmsError } from '../core/errors.js';
import { onShutdownSignal, startWorker, type Worker } from '../core/jobs/index.js';
import { errorField, log } from '../core/log.js';
import { installationJobs } from '../core/ops/installation-jobs.js';

const config = readConfig();

async function main(): Promise<void> {
  const runtime = await createRuntime({ config, migrate: true, poolSize: 5, log: (line) => log().info(line) });
  let worker: Worker | undefined;
  // Registered before the worker starts, so a signal during its start-up is an orderly stop too.
  onShutdownSignal(async (signal) => {
    log().info(`${signal}: stopping the worker…`);
    await worker?.stop();
    await runtime.close();
    log().info('Worker stopped.');
  });
  try {
    worker = await startWorker(runtime, { config: config.jobs, coreJobs: installationJobs() });
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

main().catch((err: unknown) => {
  if (err instanceof ManifestError) log().fatal(`UMS worker cannot start: the manifests have problems:\n${formatManifestProblems(err.problems)}`);
  else if (err instanceof UmsError) log().fatal({ code: err.code }, `UMS worker cannot start: ${err.message}`);
  else log().fatal({ err: errorField(err) }, 'UMS worker cannot start');
  log().flush();
  process.exit(1);
});
