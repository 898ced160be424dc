/**
 * `npm start`: embedded PostgreSQL (or DATABASE_URL), pending migrations,
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

const started = performance.now();
const config = readConfig();

async function main(): Promise<void> {
  const runtime = await createRuntime({ config, migrate: true, owner: true, log: (line) => console.log(line) });
  // A job whose handler is missing stops the start like any other manifest problem, with or without a worker here.
  try {
    resolveJobs(runtime.registry, runtime.plugins);
  } catch (err) {
    await runtime.close();
    throw err;
  }
  // The migrations just applied may come with data steps of the modules' new versions.
  await runUpgrades(runtime, { log: (line) => console.log(line) });
  if (config.seedDemo) {
    const logins = await seedDemoIfEmpty(runtime);
    if (logins) {
      console.log('\nDemo organizations created. Sign in with any of these (password demo1234):');
      for (const l of logins) console.log(`  ${l.email.padEnd(32)} ${l.roles.join(', ')}`);
    }
  }
  const { app, close } = await createApp(runtime, { dataDir: config.dataDir, sessionSecret: config.sessionSecret, secureCookies: config.secureCookies, trustProxy: config.trustProxy });
  const server = app.listen(config.port, config.host, () => {
    console.log(`\nUMS admin: http://${config.host}:${config.port}/admin  (ready in ${Math.round(performance.now() - started)} ms)`);
  });
  // After the server, so the admin is up first; a worker that cannot start stops the whole process.
  const starting: Promise<Worker | undefined> = config.jobs.workerInProcess ? startWorker(runtime, { config: config.jobs }) : Promise.resolve(undefined);
  if (!config.jobs.workerInProcess) console.log('WORKER=off: background jobs run in `npm run worker`.');
  // Registered before the worker is up, so a signal during its start-up is an orderly stop too.
  onShutdownSignal(async (signal) => {
    console.log(`\n${signal}: shutting down…`);
    // Requests first: no new ones, and those in flight finish with the database still there.
    await closeHttpServer(server);
    // Then jobs: a job still running is unlocked for another worker before the database goes away.
    await (await starting.catch(() => undefined))?.stop();
    // Then the session store and the pool (and the embedded cluster this process started).
    await close();
    await runtime.close();
    console.log('UMS stopped.');
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
  if (err instanceof ManifestError) console.error(`UMS cannot start: the manifests have problems:\n${formatManifestProblems(err.problems)}`);
  else if (err instanceof UmsError) console.error(`UMS cannot start: ${err.message}`);
  else console.error('UMS cannot start:', err);
  process.exit(1);
});
