/**
 * `npm start`: embedded PostgreSQL (or DATABASE_URL), pending migrations,
 * demo data on an empty database, and the admin on HOST:PORT.
 */
import { readConfig } from '../config/index.js';
import { createRuntime } from '../core/data/runtime.js';
import { formatManifestProblems, ManifestError, UmsError } from '../core/errors.js';
import { createApp } from '../core/server.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';

const started = performance.now();
const config = readConfig();

async function main(): Promise<void> {
  const runtime = await createRuntime({ config, migrate: true, owner: true, log: (line) => console.log(line) });
  if (config.seedDemo) {
    const logins = await seedDemoIfEmpty(runtime);
    if (logins) {
      console.log('\nDemo organizations created. Sign in with any of these (password demo1234):');
      for (const l of logins) console.log(`  ${l.email.padEnd(32)} ${l.roles.join(', ')}`);
    }
  }
  const { app, close } = await createApp(runtime, { dataDir: config.dataDir, sessionSecret: config.sessionSecret, secureCookies: config.production && !!process.env.SECURE_COOKIES });
  const server = app.listen(config.port, config.host, () => {
    console.log(`\nUMS admin: http://${config.host}:${config.port}/admin  (ready in ${Math.round(performance.now() - started)} ms)`);
  });
  const shutdown = async (signal: string): Promise<void> => {
    console.log(`\n${signal}: shutting down…`);
    server.close();
    await close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ManifestError) console.error(`UMS cannot start: the manifests have problems:\n${formatManifestProblems(err.problems)}`);
  else if (err instanceof UmsError) console.error(`UMS cannot start: ${err.message}`);
  else console.error('UMS cannot start:', err);
  process.exit(1);
});
