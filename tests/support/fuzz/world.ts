/**
 * The world the fuzz suite attacks: the real app on a loopback port over a fresh
 * database, one organization per system type that has modules (so every entity
 * of every manifest is enabled somewhere), a user for every role of its modules,
 * a few generated records of every enabled entity, and a signed-in session per
 * user. Everything is derived from the loaded manifests.
 */
import pg from 'pg';
import { RecordService } from '../../../core/data/records.js';
import { classNameOf } from '../../../core/data/entity-schemas.js';
import type { Registry, ResolvedEntity } from '../../../core/manifest/index.js';
import { generateRecords } from '../generate.js';
import { formPass, sessionCookie, startTestServer, type FormPass, type TestServer } from '../http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from '../runtime.js';
import { systemTypeScope } from '../system-type-scope.js';

export const PASSWORD = 'secret-123';
/** Who a request is sent as: a role key (its user's session), or nobody. */
export const ANONYMOUS = 'anonymous';

export interface FuzzOrg {
  systemType: string;
  fixture: Fixture;
  /** Entities of the modules this organization has (core's included). */
  entities: ResolvedEntity[];
  /** Ids of stored records per entity key, as generated. */
  ids: Map<string, string[]>;
  /** Role keys with a signed-in user (admin first); `cookies` has a session for each. */
  roles: string[];
  cookies: Map<string, string>;
  /** Per `action:entity` (create, update), the roles that may do it on some record: writes are sent as them more often, so they get past the permission check. */
  allowed: Map<string, string[]>;
}

export interface FuzzWorld {
  runtime: TestRuntime;
  server: TestServer;
  registry: Registry;
  orgs: FuzzOrg[];
  /** A visitor's pre-session cookie and CSRF token (from the sign-in page), so anonymous forms get past the token check. */
  preSession: FormPass;
  /** Ids of `target` records in every organization (another tenant's are hostile too). */
  idsOf(target: string): string[];
  /** Row count and newest row version of every entity table per organization: `org:table` → `count:xmin`. */
  snapshot(): Promise<Map<string, string>>;
  /** The snapshot after the previous request: nothing else writes while the fuzzer runs, so it is the next one's "before". */
  lastSnapshot: Map<string, string> | undefined;
  close(): Promise<void>;
}

export const resourceId = classNameOf;

async function signedIn(url: string, org: Fixture, roles: string[], pass: FormPass): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  // One visitor's pass for every sign-in: a token is good for its cookie until it expires, and the page's GET is saved per role.
  for (const role of roles) cookies.set(role, await sessionCookie(url, org.users.get(role)!.email, PASSWORD, pass));
  return cookies;
}

/** Starts the world; `records` generated per entity (a few: the suite needs targets, not volume). */
export async function startFuzzWorld(options: { records?: number; trustProxy?: boolean } = {}): Promise<FuzzWorld> {
  const runtime = await createTestRuntime();
  const registry = runtime.registry;
  // X-Forwarded-For is believed only when asked: the auth fuzzer varies it so the per-IP limits do not stop it at the door.
  const server = await startTestServer(runtime, options.trustProxy ? { trustProxy: true } : {});
  const orgs: FuzzOrg[] = [];
  const preSession = await formPass(server.url);
  for (const type of registry.systemTypes.values()) {
    const scope = systemTypeScope(runtime, type.name);
    if (scope.modules.size === 1) continue;
    const { roleKeys, registry: scoped } = scope;
    const fixture = await createFixtureOrg(runtime, type.name, roleKeys);
    const entities = scoped.entities;
    const system = await fixture.system();
    const roleUsers = ['admin', ...roleKeys].map((r) => fixture.users.get(r)!.id);
    await generateRecords({ registry: scoped, plugins: runtime.plugins }, system, { count: options.records ?? 3, roleUsers, tag: fixture.org.slug });
    const ids = new Map<string, string[]>();
    for (const e of entities) ids.set(e.key, (await system.find(e.key, { limit: 50 })).map((r) => r.id));
    const roles = ['admin', ...roleKeys];
    const allowed = new Map<string, string[]>();
    for (const role of roles) {
      const records = await fixture.as(role);
      for (const e of entities) {
        for (const action of ['create', 'update']) {
          if (await records.can(action, e.key)) allowed.set(`${action}:${e.key}`, [...(allowed.get(`${action}:${e.key}`) ?? []), role]);
        }
      }
    }
    orgs.push({ systemType: type.name, fixture, entities, ids, roles, cookies: await signedIn(server.url, fixture, roles, preSession), allowed });
  }
  const tables = registry.entities.map((e) => e.table);
  // Row count and the newest row version (xmin): any insert, update or delete changes one of the two (an update or
  // an insert writes a row version newer than every other), and it costs no serialisation of the rows (the audit log grows).
  const checksumSql = tables
    .map((t) => `SELECT organization_id::text AS org, '${t}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS s FROM ${t} GROUP BY organization_id`)
    .join(' UNION ALL ');
  const snapshots = new pg.Client({ connectionString: runtime.url });
  await snapshots.connect();
  return {
    runtime,
    server,
    registry,
    orgs,
    preSession,
    idsOf: (target) => orgs.flatMap((o) => o.ids.get(target) ?? []),
    async snapshot() {
      // Its own connection and a named (prepared) statement: planned once, not once per request.
      const { rows } = await snapshots.query<{ org: string; t: string; n: number; s: string }>({ name: 'fuzz-snapshot', text: checksumSql });
      return new Map(rows.map((r) => [`${r.org}:${r.t}`, `${r.n}:${r.s}`]));
    },
    lastSnapshot: undefined,
    async close() {
      await snapshots.end();
      await server.close();
      await runtime.dispose();
    },
  };
}

/** Tables whose rows differ between two snapshots (`org:table`). */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

export const systemRecords = (world: FuzzWorld, org: FuzzOrg): RecordService => RecordService.forSystem(world.runtime, org.fixture.org.id, 'fuzz-check');
