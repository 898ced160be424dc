/**
 * A fresh database per test file, cloned from the migrated template, and a
 * Runtime over it. Fixture organizations and users are made by code here.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createRuntime, type Runtime } from '../../core/runtime.js';
import { applyLedgerTriggers } from '../../core/data/ledgers/ddl.js';
import { applySpanIndexes } from '../../core/data/constraints/span-indexes.js';
import { applySearchIndexes } from '../../core/data/constraints/search-indexes.js';
import { RecordService } from '../../core/data/records.js';
import { applyTenantWalls } from '../../core/db/tenant-walls.js';
import type { Actor } from '../../core/data/actor.js';
import type { Registry } from '../../core/manifest/index.js';
import type { ModulePlugin } from '../../core/plugins/types.js';
import { createOrganization, createUser } from '../../core/tenancy/index.js';
import { TEMPLATE_DB, withDatabase } from './urls.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.UMS_TEST_SERVER_URL;
  if (!url) throw new Error('UMS_TEST_SERVER_URL is not set: run the tests with `npm test` (jest globalSetup starts PostgreSQL).');
  return url;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database (`template: false`) or a migrated clone of the template. */
export async function createTestDatabase(options: { template?: boolean } = {}): Promise<TestDatabase> {
  const name = `ums_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(options.template === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  return {
    url: withDatabase(serverUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export interface TestRuntime extends Runtime {
  /** The database this runtime works on (another runtime may attach to it with `attachTo`). */
  url: string;
  dispose(): Promise<void>;
}

/**
 * A runtime on a fresh database. With a custom registry (fixture manifests) the
 * schema is synchronised from it instead of migrated — tests only. `attachTo`
 * opens a second runtime (e.g. a newer manifest) on an existing test database.
 */
export async function createTestRuntime(options: { registry?: Registry; plugins?: ModulePlugin[]; poolSize?: number; attachTo?: string } = {}): Promise<TestRuntime> {
  const db = options.attachTo ? { url: options.attachTo, drop: async () => undefined } : await createTestDatabase({ template: !options.registry });
  const runtime = await createRuntime({
    config: { databaseUrl: db.url, dataDir: '', embeddedPgPort: 0 },
    registry: options.registry,
    plugins: options.plugins,
    poolSize: options.poolSize ?? 10,
  });
  if (options.registry && !options.attachTo) {
    // What the migrations create by hand (migrations/*-sequence-counters.ts): noOverlap's exclusion constraints need it.
    await runtime.dataSource.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await runtime.dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_trgm'); // the search indexes' operator class (gin_trgm_ops)
    await runtime.dataSource.synchronize();
    // What synchronize cannot build: the ledgers' append-only triggers (migrations:generate writes them).
    await applyLedgerTriggers(runtime.dataSource, runtime.registry);
    await applySpanIndexes(runtime.dataSource, runtime.registry); // declared calendars' range indexes, likewise
    await applySearchIndexes(runtime.dataSource, runtime.registry); // the list search's trigram indexes, likewise
    await applyTenantWalls(runtime.dataSource); // what the migrations add beyond TypeORM's schema: RLS, SET NULL (column)
  }
  return {
    ...runtime,
    url: db.url,
    dispose: async () => {
      await runtime.close();
      await db.drop();
    },
  };
}

let counter = 0;

export interface Fixture {
  org: { id: string; slug: string; name: string };
  users: Map<string, { id: string; email: string; actor: Actor }>;
  as(role: string): Promise<RecordService>;
  system(): Promise<RecordService>;
}

/** An organization of `systemType` with an admin and one user per listed role. */
export async function createFixtureOrg(runtime: Runtime, systemType: string, roles: string[] = []): Promise<Fixture> {
  const slug = `${systemType.replace(/_/g, '-')}-${++counter}-${randomBytes(3).toString('hex')}`;
  const { organization, admin } = await createOrganization(runtime, {
    name: `Test ${slug}`,
    slug,
    systemType,
    admin: { email: `admin@${slug}.test`, password: 'secret-123' },
  });
  const users = new Map<string, { id: string; email: string; actor: Actor }>();
  const actorOf = (id: string, email: string): Actor => ({ kind: 'user', userId: id, organizationId: organization.id, email });
  users.set('admin', { id: admin.id, email: String(admin.email), actor: actorOf(admin.id, String(admin.email)) });
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const user = await createUser(runtime, slug, { email, password: 'secret-123', name: `${role} user`, roles: [role] });
    users.set(role, { id: user.id, email, actor: actorOf(user.id, email) });
  }
  return {
    org: organization,
    users,
    as: (role) => {
      const u = users.get(role);
      if (!u) throw new Error(`fixture has no ${role} user`);
      return RecordService.for(runtime, u.actor);
    },
    system: () => RecordService.for(runtime, { kind: 'system', organizationId: organization.id, reason: 'test fixture' }),
  };
}
