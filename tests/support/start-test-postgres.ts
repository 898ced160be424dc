/**
 * Starts one throwaway embedded PostgreSQL for the whole run and migrates a
 * template database; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds. TEST_DATABASE_URL points the suite at another
 * server instead (e.g. Debian's PostgreSQL 15).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../core/db/embedded.js';
import { createRuntime } from '../../core/runtime.js';
import { TEMPLATE_DB, withDatabase } from './urls.js';

export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ums-test-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, database: 'postgres', throwaway: true, log: () => undefined });
    (globalThis as { __umsPg?: { stop(): Promise<void>; dataDir: string } }).__umsPg = { stop: pg.stop, dataDir };
    serverUrl = pg.url;
  }
  process.env.UMS_TEST_SERVER_URL = serverUrl;
  const admin = await import('pg');
  const client = new admin.default.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await client.end();
  const runtime = await createRuntime({ config: { databaseUrl: withDatabase(serverUrl, TEMPLATE_DB), dataDir: '', embeddedPgPort: 0 }, migrate: true, poolSize: 2 });
  await runtime.close();
}
