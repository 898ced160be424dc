/**
 * Child process of `npm run bench`: the real UMS app (createApp) on a loopback
 * port against the bench database, with every SQL statement counted.
 * Env: BENCH_DATABASE_URL, BENCH_DATA_DIR.
 */
import type { AddressInfo } from 'node:net';
import { answerParent } from './statements.js';
import { createRuntime } from '../../core/runtime.js';
import { createApp } from '../../core/server.js';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
if (!databaseUrl || !dataDir) throw new Error('BENCH_DATABASE_URL and BENCH_DATA_DIR are required');

const runtime = await createRuntime({ config: { databaseUrl, dataDir, embeddedPgPort: 0 }, migrate: false });
const { app, close } = await createApp(runtime, { dataDir, sessionSecret: 'bench-only-secret' });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

answerParent(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await close();
  await runtime.close();
});
process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
