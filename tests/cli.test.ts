/**
 * The operator CLI against a cloned, migrated test database, called in-process
 * (core/cli/main.ts's runCli: the same dispatcher, parsing, exit codes and
 * messages as the bin, with the environment given per call), plus one run of
 * the real bin in a child process (`node --import tsx core/cli/bin.ts`): that
 * its stdout is the command's answer alone, free of log lines. The
 * organization made by the first org test is reused by the ones after it (jest
 * runs a file's tests in order).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { systemActor, type Actor } from '../core/data/actor.js';
import { RecordService } from '../core/data/records.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { loadRegistry } from '../core/manifest/index.js';
import { scaffoldModule } from '../core/cli/scaffold.js';
import { makerspaceManifest, manifestDirWith } from './support/makerspace-fixture.js';
import { createTestDatabase, type TestDatabase } from './support/runtime.js';
import { runCli, spawnCli, type CliResult } from './support/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function ums(databaseUrl: string, ...args: [Record<string, string>, ...string[]] | string[]): Promise<CliResult> {
  const [env, argv] = typeof args[0] === 'object' ? [args[0], args.slice(1) as string[]] : [{}, args as string[]];
  return runCli(argv, { DATABASE_URL: databaseUrl, ...env });
}

let db: TestDatabase;
const run = (...args: string[]): Promise<CliResult> => ums(db.url, ...args);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('command line', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const name of ['org:create', 'org:list', 'module:enable', 'module:disable', 'user:create', 'migrate', 'migrations:generate', 'manifest:validate', 'module:new']) {
      expect(r.stdout).toContain(name);
    }
    expect(r.stderr).toBe('');
  }, 30_000);

  it('an unknown command exits 2 with a suggestion on stderr', async () => {
    const r = await run('org:lst');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "org:lst" \(did you mean "org:list"\?\)/);
    expect(r.stdout).toBe('');
  }, 30_000);

  it('an unknown option exits 2 and points at the command help', async () => {
    const r = await run('org:create', '--name', 'X', '--colour', 'red');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--colour'/);
    expect(r.stderr).toContain('org:create --help');
  }, 30_000);
});

describe('organizations, users and modules', () => {
  const slug = 'cli-city-library';
  let runtime: Runtime;
  let organizationId: string;

  beforeAll(async () => {
    runtime = await createRuntime({ config: { databaseUrl: db.url, dataDir: '', embeddedPgPort: 0 }, poolSize: 2 });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('org:create creates the organization with its modules; org:list shows it', async () => {
    const created = await run('org:create', '--name', 'City Library', '--slug', slug, '--system-type', 'library', '--admin-email', 'Admin@City.test', '--admin-password', 'secret-123');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Created organization "City Library" (slug ${slug}, system type library`);
    expect(created.stdout).toContain('Enabled modules: library');
    expect(created.stdout).toContain('Admin login: admin@city.test');

    const json = await run('org:list', '--json');
    expect(json.code).toBe(0);
    const orgs = JSON.parse(json.stdout) as { slug: string; name: string; systemType: string; modules: string[]; users: number; id: string }[];
    const org = orgs.find((o) => o.slug === slug);
    expect(org).toMatchObject({ name: 'City Library', systemType: 'library', modules: ['library'], users: 1 });
    organizationId = org!.id;

    const table = await run('org:list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^SLUG\s+NAME\s+SYSTEM TYPE\s+MODULES\s+USERS\s+RECORDS\s+LIMITED\s+STATUS$/m);
    // Each enabled module with the manifest version its data is at.
    expect(table.stdout).toMatch(new RegExp(`^${slug}\\s+City Library\\s+library\\s+library@1\\.0\\.0\\s+1\\s+0\\s+-\\s+active$`, 'm'));
  }, 60_000);

  it('the real bin, as a child process, answers org:list --json with JSON alone on stdout and exits 0', () => {
    const r = spawnCli(['org:list', '--json'], { DATABASE_URL: db.url }, 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { slug: string }[]).map((o) => o.slug)).toContain(slug);
  }, 60_000);

  it('refuses a duplicate slug with a clear message and exit 1', async () => {
    const r = await run('org:create', '--name', 'Another', '--slug', slug, '--system-type', 'gym', '--admin-email', 'a@b.test', '--admin-password', 'secret-123');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`slug: "${slug}" is already taken`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 30_000);

  it('org:create takes every declared system type, refuses an undeclared one, and its help lists each with its modules', async () => {
    const help = await run('org:create', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('System types (declared in module-manifests/system-types.json):');
    expect(help.stdout).toMatch(/^\s+library\s+Library\s+library$/m);
    // Every shipped system type has its module now; a type no module lists would show "(none yet)".
    expect(help.stdout).toMatch(/^\s+hr\s+HR & Payroll\s+hr$/m);

    const hospital = await run('org:create', '--name', 'St. Mary', '--slug', 'cli-st-mary', '--system-type', 'hospital', '--admin-email', 'admin@mary.test', '--admin-password', 'secret-123');
    expect(hospital.stderr).toBe('');
    expect(hospital.code).toBe(0);
    expect(hospital.stdout).toContain('Enabled modules: hospital');
    expect(help.stdout).toMatch(/^\s+hospital\s+Hospital\s+hospital$/m);

    const unknown = await run('org:create', '--name', 'Ship', '--slug', 'cli-ship', '--system-type', 'spaceship', '--admin-email', 'a@ship.test', '--admin-password', 'secret-123');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/systemType: unknown system type "spaceship" \(declared: institute, hospital, .*gym\)/);
  }, 60_000);

  it('org:create takes a system type a manifest in MANIFEST_DIR declares, and enables its module', async () => {
    const dir = manifestDirWith(makerspaceManifest());
    try {
      const env = { MANIFEST_DIR: dir };
      expect((await ums(db.url, env, 'org:create', '--help')).stdout).toMatch(/^\s+makerspace\s+Makerspace\s+makerspace$/m);
      const r = await ums(db.url, env, 'org:create', '--name', 'Fab Lab', '--slug', 'cli-fab-lab', '--system-type', 'makerspace', '--admin-email', 'admin@fab.test', '--admin-password', 'secret-123');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('system type makerspace');
      expect(r.stdout).toContain('Enabled modules: makerspace');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('user:create with an unknown role fails clearly and creates nothing', async () => {
    const r = await run('user:create', '--org', slug, '--email', 'ghost@city.test', '--password', 'secret-123', '--name', 'Ghost', '--role', 'ghost');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/roles: unknown role "ghost" in cli-city-library \(roles there: admin, .*library\.librarian, library\.member\)/);
    const rows: unknown[] = await runtime.dataSource.query(`SELECT 1 FROM core_user WHERE email = 'ghost@city.test'`);
    expect(rows).toHaveLength(0);
  }, 30_000);

  it('user:create takes a role by its key (library.member); the bare name of another module is unknown', async () => {
    const r = await run('user:create', '--org', slug, '--email', 'mo@city.test', '--password', 'secret-123', '--name', 'Mo', '--role', 'library.member');
    expect(r.stdout).toMatch(/Created user mo@city\.test .* with role library\.member\./);
    const roles: { name: string }[] = await runtime.dataSource.query(
      `SELECT r.name FROM core_role_assignment ra JOIN core_role r ON r.id = ra.role_id JOIN core_user u ON u.id = ra.user_id WHERE u.email = 'mo@city.test'`,
    );
    expect(roles).toEqual([{ name: 'library.member' }]);
    const wrong = await run('user:create', '--org', slug, '--email', 'ro@city.test', '--password', 'secret-123', '--name', 'Ro', '--role', 'institute.member');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/roles: unknown role "institute\.member" in cli-city-library/);
  }, 30_000);

  it('module:disable keeps the data and module:enable brings it back', async () => {
    const created = await run('user:create', '--org', slug, '--email', 'ana@city.test', '--password', 'secret-123', '--name', 'Ana', '--role', 'librarian');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created user ana@city\.test .* with role library\.librarian\./);
    const [ana]: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM core_user WHERE organization_id = $1 AND email = 'ana@city.test'`, [organizationId]);
    const librarian: Actor = { kind: 'user', userId: ana.id, organizationId, email: 'ana@city.test' };
    const system = await RecordService.for(runtime, systemActor(organizationId, 'cli test'));
    const book = await system.create('library.book', { title: 'Kept Through Disabling', copies_total: 2 });
    const booksInTable = async (): Promise<number> => {
      const [row]: { n: number }[] = await runtime.dataSource.query('SELECT count(*)::int AS n FROM library_book WHERE organization_id = $1', [organizationId]);
      return row.n;
    };

    const disabled = await run('module:disable', slug, 'library');
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toMatch(/Disabled module "library" for cli-city-library\. Its data is kept/);
    runtime.access.invalidate();
    const asLibrarian = await RecordService.for(runtime, librarian);
    expect(asLibrarian.moduleEnabled(runtime.registry.entity('library.book')!)).toBe(false);
    expect(await asLibrarian.find('library.book')).toEqual([]); // hidden from the librarian…
    expect(await booksInTable()).toBe(1); // …but still in the table

    const enabled = await run('module:enable', slug, 'library');
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toContain('Enabled module "library" for cli-city-library.');
    runtime.access.invalidate();
    const books = await (await RecordService.for(runtime, librarian)).find('library.book');
    expect(books.map((b) => b.id)).toEqual([book.id]);
    expect(books[0].title).toBe('Kept Through Disabling');
  }, 60_000);
});

describe('manifests and migrations', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'ums-cli-test-'));
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('manifest:validate accepts a good manifest without a database', async () => {
    // An unreachable DATABASE_URL proves the command never connects.
    const r = await ums('postgres://nobody:x@127.0.0.1:1/none', 'manifest:validate', 'module-manifests/library.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: module-manifests\/library\.json/);
  }, 30_000);

  it('manifest:validate takes system-types.json among the files and reports a manifest listing an undeclared system type', async () => {
    const all = await ums('postgres://nobody:x@127.0.0.1:1/none', 'manifest:validate', 'module-manifests/institute.json', 'module-manifests/library.json', 'module-manifests/system-types.json');
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/\(2 modules, \d+ entities, 8 system types; plugins checked: institute, library\)$/m);

    const file = join(tmp, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ id: 'kiosk', version: '1.0.0', label: 'Kiosk', systemTypes: ['kiosk'], entities: [] }));
    const r = await ums('postgres://nobody:x@127.0.0.1:1/none', 'manifest:validate', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}#/systemTypes/0: unknown system type "kiosk" (declare it in module-manifests/system-types.json, or here with a label: { "name": "kiosk", "label": "…" })`);
  }, 30_000);

  it('manifest:validate reports file#pointer: message for a bad manifest and exits 1', async () => {
    const file = join(tmp, 'fleet.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'fleet',
        version: '1.0.0',
        label: 'Fleet',
        entities: [{ name: 'car', fields: [{ name: 'plate', type: 'string' }, { name: 'driver', type: 'reference', target: 'ghost' }] }],
      }),
    );
    const r = await ums('postgres://nobody:x@127.0.0.1:1/none', 'manifest:validate', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}#/entities/0/fields/1/target: reference to unknown entity "ghost"`);
    expect(r.stdout).toBe('');
  }, 30_000);

  it('migrate applies every migration to an empty database; migrations:generate then finds the schema in sync', async () => {
    const empty = await createTestDatabase({ template: false });
    try {
      const migrated = await ums(empty.url, 'migrate');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toMatch(/Applied \d+ migrations:/);
      expect(migrated.stdout).toContain('Core1763700000000');
      expect(migrated.stdout).toContain('No pending upgrade steps.');
      const dryRun = await ums(empty.url, 'migrate', '--dry-run');
      expect(dryRun.stdout).toContain('No pending migrations.');
      expect(dryRun.stdout).toContain('No pending upgrade steps.');

      // Proves the checked-in migrations create exactly what the manifests declare. --check never
      // writes a migration into the repository, even when this fails.
      const index = readFileSync(join(ROOT, 'migrations/index.ts'), 'utf8');
      const generated = await ums(empty.url, 'migrations:generate', '--check');
      expect(generated.stderr).toBe('');
      expect(generated.code).toBe(0);
      expect(generated.stdout).toContain('schema is in sync with the manifests');
      // Only now (nothing to write) the writing path: it must find nothing and leave the index as it was.
      const written = await ums(empty.url, 'migrations:generate', '--name', 'cli-test');
      expect(written.code).toBe(0);
      expect(written.stdout).toContain('The database schema is in sync with the manifests: no migration written.');
      expect(readFileSync(join(ROOT, 'migrations/index.ts'), 'utf8')).toBe(index);

      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM core_migrations');
        expect(rows[0].n).toBeGreaterThanOrEqual(3);
      } finally {
        await client.end();
      }
    } finally {
      await empty.drop();
    }
  }, 240_000);

  it('module:new scaffolds a valid manifest, a plugin found by its folder and a test, editing no other file', async () => {
    const root = join(tmp, 'checkout');
    mkdirSync(join(root, 'modules'), { recursive: true });
    mkdirSync(join(root, 'module-manifests'), { recursive: true });

    const r = await ums('postgres://nobody:x@127.0.0.1:1/none', 'module:new', 'fleet_cars', '--dir', root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['module-manifests/fleet_cars.json', 'modules/fleet_cars/index.ts', 'tests/fleet_cars.test.ts']) {
      expect(existsSync(join(root, f))).toBe(true);
      expect(r.stdout).toContain(f);
    }
    const registry = loadRegistry({ files: [join(root, 'module-manifests/fleet_cars.json')] });
    expect(registry.entity('fleet_cars.item')?.table).toBe('fleet_cars_item');
    expect([...registry.roles.keys()]).toContain('fleet_cars.manager');
    expect(registry.module('fleet_cars')?.rules.get('fleet_cars.manager')?.[0]).toMatchObject({ action: ['manage'], subject: ['fleet_cars.item'] });

    const plugin = readFileSync(join(root, 'modules/fleet_cars/index.ts'), 'utf8');
    expect(plugin).toContain("export default definePlugin({\n  module: 'fleet_cars',\n  hooks: {},\n})");
    // Module code imports only the SDK.
    expect([...plugin.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['../../core/sdk.js']);
    expect(readdirSync(join(root, 'modules'))).toEqual(['fleet_cars']);
    expect(readFileSync(join(root, 'tests/fleet_cars.test.ts'), 'utf8')).toContain("registry.entity('fleet_cars.item')");

    // The real repository is untouched.
    expect(existsSync(join(ROOT, 'module-manifests/fleet_cars.json'))).toBe(false);
    expect(existsSync(join(ROOT, 'modules/fleet_cars'))).toBe(false);

    // Refusals, checked in-process: an existing module, an invalid id, the reserved "core".
    expect(() => scaffoldModule('fleet_cars', root)).toThrow(/Module "fleet_cars" already exists/);
    expect(() => scaffoldModule('Fleet-Cars', root)).toThrow(/invalid module id "Fleet-Cars"/);
    expect(() => scaffoldModule('core', root)).toThrow(/reserved/);
    expect(readdirSync(join(root, 'modules'))).toEqual(['fleet_cars']);
  }, 30_000);
});
