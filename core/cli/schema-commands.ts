/**
 * Manifests and the database schema: validating manifest files (no database),
 * applying migrations, and generating a migration from the manifest diff.
 */
import { relative, resolve } from 'node:path';
import { UmsError } from '../errors.js';
import { CORE_MODULE_ID } from '../manifest/model.js';
import { stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { invocation, plural } from './output.js';
import { withRuntime } from './runtime.js';
import { crossTenant } from '../db/cross-tenant.js';

const displayPath = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};

const migrate = defineCommand({
  name: 'migrate',
  summary: 'Apply pending database migrations, then run pending module upgrade steps',
  options: {
    'dry-run': { type: 'boolean', description: 'Change nothing: list the pending migrations and the upgrade steps each organization would run' },
  },
  details:
    'Safe while the server runs: each migration runs in its own transaction, and applied ones are skipped.\n' +
    "Then each module's upgrade steps (its plugin's `upgrade`) run once per organization with the module enabled, each in one transaction\n" +
    'with the record of its run: after a crash, migrate again and every organization ends upgraded exactly once.',
  async run({ io, values }) {
    const [{ redact }, { pendingUpgrades, runUpgrades }] = await Promise.all([import('../db/datasource.js'), import('../plugins/upgrades.js')]);
    await withRuntime(io, { migrate: false }, async (runtime) => {
      io.out(`Database: ${redact(runtime.database.url)}`);
      if (values['dry-run']) {
        const executed = new Set((await crossTenant(runtime.dataSource, 'operator-cli', (owner) => owner.query(`SELECT name FROM core_migrations`)).catch(() => [])).map((r: { name: string }) => r.name));
        const pending = runtime.dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !executed.has(name));
        io.out(pending.length ? `${plural(pending.length, 'pending migration')}:\n${pending.map((n) => `  ${n}`).join('\n')}` : 'No pending migrations.');
        // Steps are listed against the schema as it is now: on a database with pending migrations, their tables may not exist yet.
        const steps = pending.length ? [] : await pendingUpgrades(runtime);
        if (pending.length) io.out('Upgrade steps are listed once the migrations are applied.');
        else io.out(steps.length ? `${plural(steps.length, 'pending upgrade step')}:\n${steps.map((s) => `  ${s.organization.slug}: ${s.module}@${s.version}`).join('\n')}` : 'No pending upgrade steps.');
        return;
      }
      const applied = await runtime.dataSource.runMigrations({ transaction: 'each' });
      if (!applied.length) io.out('Database schema is up to date: no pending migrations.');
      else {
        io.out(`Applied ${plural(applied.length, 'migration')}:`);
        for (const m of applied) io.out(`  ${m.name}`);
      }
      const ran = await runUpgrades(runtime);
      io.out(ran.length ? `Ran ${plural(ran.length, 'upgrade step')}:\n${ran.map((s) => `  ${s.organization.slug}: ${s.module}@${s.version}`).join('\n')}` : 'No pending upgrade steps.');
    });
  },
});

const migrationsGenerate = defineCommand({
  name: 'migrations:generate',
  summary: 'Write a migration for the difference between the manifests and the database',
  options: {
    name: { type: 'string', value: '<name>', description: 'Name of the migration, used in its file name (default "schema")' },
    archive: { type: 'boolean', description: "Keep the values of columns the manifests no longer declare in the ums_archive schema (the migration's down restores them) instead of dropping them" },
    'allow-destructive': { type: 'boolean', description: 'Accept statements that drop tables or columns, or change column types (data loss)' },
    check: { type: 'boolean', description: 'Write nothing: print the pending statements and exit 1 if the schema is not in sync (for CI)' },
    'dry-run': { type: 'boolean', description: 'Write nothing: print the statements a migration would run, and the rows a declared conversion would fail per organization' },
  },
  details:
    'Pending migrations are applied first, so the diff is against the current schema. The file goes to migrations/ and migrations/index.ts is rewritten to list it.\n' +
    'A renamed field, entity, enum value, workflow state or role is declared with "renamedFrom" (values: "valuesRenamedFrom"): the migration renames\n' +
    'instead of dropping, and rewrites custom roles, requests in flight and notifications that name the old one. An undeclared rename looks like\n' +
    'a drop plus an add: such statements are refused unless --allow-destructive is given.',
  examples: ['migrations:generate --name add-library-fines', 'migrations:generate --check', 'migrations:generate --dry-run'],
  async run({ io, values }) {
    const { diffSchema, generateMigration, refuseUnappliable, writeMigrationIndex } = await import('../db/migrations.js');
    // A migration file added or removed by hand must not break the import of the index.
    writeMigrationIndex();
    await withRuntime(io, { migrate: true }, async (runtime) => {
      if (values.check || values['dry-run']) {
        const change = await diffSchema(runtime.dataSource, runtime.registry);
        refuseUnappliable(change);
        if (!change.up.length) {
          io.out('The database schema is in sync with the manifests.');
          return;
        }
        io.out(`The manifests need ${plural(change.up.length, 'schema statement')} that no migration has:`);
        for (const q of change.up) io.out(`  ${q}`);
        if (values['dry-run']) return;
        throw new UmsError('CONFLICT', `The schema is not in sync with the manifests: run \`${invocation('migrations:generate --name <name>')}\`.`);
      }
      const file = await generateMigration(runtime.dataSource, { name: stringOption(values, 'name') || 'schema', allowDestructive: values['allow-destructive'] === true, archive: values.archive === true, registry: runtime.registry });
      if (!file) {
        io.out('The database schema is in sync with the manifests: no migration written.');
        return;
      }
      io.out(`Wrote ${displayPath(file)} (migrations/index.ts lists it).`);
      io.out(`Review it, then apply it with \`${invocation('migrate')}\`.`);
    });
  },
});

const manifestValidate = defineCommand({
  name: 'manifest:validate',
  summary: 'Check manifest files, their cross-references and their plugins (no database)',
  positionals: { names: ['file'], variadic: true },
  options: {},
  details:
    'The core manifest is always included; the files may depend on and reference modules among the given files and core only.\n' +
    'System types come from a system-types.json among the files, else from module-manifests/system-types.json; every name a manifest lists in "systemTypes" must be declared there or by a manifest with a label.\n' +
    'For each module whose plugin folder is there (modules/<id>/index.ts), the plugin is checked as start-up checks it: workflow effect hooks,\n' +
    'job handlers, hooks and actions on known entities, the plugin naming its own module. Job schedules (cron, every) are always checked.\n' +
    'Problems are printed as file#json-pointer: message, and the exit code is 1.',
  examples: ['manifest:validate module-manifests/library.json', 'manifest:validate module-manifests/*.json'],
  async run({ io, positionals }) {
    const [{ CORE_MANIFEST_PATH }, { validateModules }] = await Promise.all([import('../manifest/read.js'), import('../modules.js')]);
    const files = positionals.map((f) => resolve(f));
    // The core manifest is always loaded; naming it too must not make it a duplicate of itself.
    const { registry, plugins } = await validateModules(files.filter((f) => f !== CORE_MANIFEST_PATH));
    const modules = registry.modules.filter((m) => m.id !== CORE_MODULE_ID);
    const entities = modules.reduce((n, m) => n + m.entities.length, 0);
    const checked = modules.filter((m) => plugins.byModule.has(m.id)).map((m) => m.id);
    io.out(`ok: ${files.map(displayPath).join(', ')} (${plural(modules.length, 'module')}, ${plural(entities, 'entity', 'entities')}, ${plural(registry.systemTypes.size, 'system type')}; plugins checked: ${checked.join(', ') || 'none'})`);
  },
});

export const schemaCommands: Command[] = [migrate, migrationsGenerate, manifestValidate];
