/**
 * What `npm start` runs (through start.ts): embedded PostgreSQL (or DATABASE_URL), pending migrations,
 * demo data on an empty database, the admin on HOST:PORT, and the job worker
 * in the same process (WORKER=off leaves jobs to `npm run worker`).
 */
import { readConfig } from '../config/index.js';
import { createRuntime } from '../core/runtime.js';
import { formatManifestProblems, ManifestError, UmsError } from '../core/errors.js';
import { createApp } from '../core/server.js';
import { onShutdownSignal, resolveJobs, startWorker, type Worker } from '../core/jobs/index.js';
import { closeHttpServer } from '../core/jobs/shutdown.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { runUpgrades } from '../core/plugins/upgrades.js';
import { errorField, log } from '../core/log.js';
import { installationJobs } from '../core/ops/installation-jobs.js';

const started = performance.now();
const config = readConfig();

async function main(): Promise<void> {
  const runtime = await createRuntime({ config, migrate: true, owner: true, log: (line) => log().info(line) });
  // A job whose handler is missing stops the start like any other manifest problem, with or without a worker here.
  try {
    resolveJobs(runtime.registry, runtime.plugins);
  } catch (err) {
    await runtime.close();
    throw err;
  }
  // The migrations just applied may come with data steps of the modules' new versions.
  await runUpgrades(runtime, { log: (line) => log().info(line) });
  if (config.seedDemo) {
    const logins = await seedDemoIfEmpty(runtime);
    if (logins) {
      // Demo accounts, not people: listed so a developer can sign in (the log redacts fields named email, so they are lines).
      log().info({ demoLogins: logins.map((l) => `${l.email} ${l.roles.join(', ')}`) }, 'Demo organizations created. Sign in with any of these (password demo1234)');
    }
  }
  const { app, close } = await createApp(runtime, { dataDir: config.dataDir, sessionSecret: config.sessionSecret, secureCookies: config.secureCookies, trustProxy: config.trustProxy });
  const server = app.listen(config.port, config.host, () => {
    log().info({ url: `http://${config.host}:${config.port}/admin`, readyMs: Math.round(performance.now() - started), sinceProcessStartMs: Math.round(performance.now()) }, `UMS admin: http://${config.host}:${config.port}/admin`);
  });
  // After the server, so the admin is up first; a worker that cannot start stops the whole process.
  const starting: Promise<Worker | undefined> = config.jobs.workerInProcess ? startWorker(runtime, { config: config.jobs, coreJobs: installationJobs() }) : Promise.resolve(undefined);
  if (!config.jobs.workerInProcess) log().info('WORKER=off: background jobs run in `npm run worker`.');
  // Registered before the worker is up, so a signal during its start-up is an orderly stop too.
  onShutdownSignal(async (signal) => {
    log().info(`${signal}: shutting down…`);
    // Requests first: no new ones, and those in flight finish with the database still there.
    await closeHttpServer(server);
    // Then jobs: a job still running is unlocked for another worker before the database goes away.
    await (await starting.catch(() => undefined))?.stop();
    // Then the session store and the pool (and the embedded cluster this process started).
    await close();
    await runtime.close();
    log().info('UMS stopped.');
  });
  try {
    await starting;
  } catch (err) {
    await closeHttpServer(server);
    await close();
    await runtime.close();
    throw err;
  }
}

main().catch((err: unknown) => {
  if (err instanceof ManifestError) log().fatal(`UMS cannot start: the manifests have problems:\n${formatManifestProblems(err.problems)}`);
  else if (err instanceof UmsError) log().fatal({ code: err.code }, `UMS cannot start: ${err.message}`);
  else log().fatal({ err: errorField(err) }, 'UMS cannot start');
  log().flush();
  process.exit(1);
});
