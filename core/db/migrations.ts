/**
 * `migrations:generate`: TypeORM's schema builder diffs the manifest-derived
 * schemas against the live database; the statements become a migration file in
 * migrations/, and migrations/index.ts is rewritten to list every file in order.
 * Statements that would lose data are refused unless explicitly allowed.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { UmsError } from '../errors.js';
import type { Registry } from '../manifest/index.js';
import { ledgerTriggerStatements } from '../data/ledgers/ddl.js';
import { spanIndexStatements } from '../data/constraints/span-indexes.js';
import { searchIndexStatements } from '../data/constraints/search-indexes.js';
import { withTenantWalls } from './tenant-walls.js';
import { planRenames } from './renames.js';
import { rollupBackfillStatements } from './rollup-backfill.js';
import type { DeclaredChangePlan, Statement } from './planner.js';
import { hasNameRewrites, noNameRewrites, type NameRewrites } from './name-rewrites.js';

export type { Statement };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface PendingSchemaChange {
  up: string[];
  down: string[];
  destructive: string[];
  /** The same statements with their bound parameters (generated columns record theirs in typeorm_metadata). */
  statements: { up: Statement[]; down: Statement[] };
  /** Declared renames: what the migration rewrites in core tables after its RENAME statements (core/db/name-rewrites.ts). */
  names: NameRewrites;
  /** Declared renames and type changes that cannot be applied: names the database never had, conversions that would lose data (file#pointer: message). */
  refusals: string[];
  /** The first `renameCount` up statements (and the last as many down ones) are the declared renames. */
  renameCount: number;
}

/**
 * With `registry`, the ledgers' append-only triggers (which TypeORM's builder does not know) are part of the diff.
 * `statements` is what a migration file runs; `up`/`down` are the same queries as text, for --check and the destructive test.
 */
export async function diffSchema(dataSource: DataSource, registry?: Registry, options: { archive?: string } = {}): Promise<PendingSchemaChange> {
  // Read before anything runs: which roll-up columns the builder is about to add to tables with data.
  const backfills = registry ? await rollupBackfillStatements(dataSource, registry) : [];
  const { renames, sql } = await diffAfterRenames(dataSource, registry, options);
  const statement = (q: { query: string; parameters?: unknown[] }): Statement => (q.parameters?.length ? { query: q.query, parameters: q.parameters } : { query: q.query });
  // The tenant walls rewrite or surround plain DDL; a statement with parameters (typeorm_metadata rows of generated columns) is kept as it is.
  const upStatements: Statement[] = sql.upQueries.flatMap((q) =>
    q.parameters?.length ? [statement(q)] : withTenantWalls(dataSource.entityMetadatas, [q.query]).map((query) => ({ query })));
  upStatements.unshift(...renames.up);
  const downStatements: Statement[] = sql.downQueries.map(statement).reverse();
  if (registry) {
    // After the builder's statements: a new ledger table must exist before its trigger.
    const triggers = await ledgerTriggerStatements(dataSource, registry);
    upStatements.push(...triggers.up.map((query) => ({ query })));
    downStatements.unshift(...triggers.down.reverse().map((query) => ({ query })));
    // Declared calendars' range indexes (expressions TypeORM cannot build), after their tables.
    const spans = await spanIndexStatements(dataSource, registry);
    upStatements.push(...spans.up.map((query) => ({ query })));
    downStatements.unshift(...spans.down.reverse().map((query) => ({ query })));
    // The list search's trigram indexes (an operator class TypeORM cannot name), likewise.
    const search = await searchIndexStatements(dataSource, registry);
    upStatements.push(...search.up.map((query) => ({ query })));
    downStatements.unshift(...search.down.reverse().map((query) => ({ query })));
    // New roll-up columns start at their children's sum (nothing to undo: the down drops the columns).
    upStatements.push(...backfills.map((query) => ({ query })));
  }
  downStatements.push(...[...renames.down].reverse());
  const up = upStatements.map((q) => q.query);
  const down = downStatements.map((q) => q.query);
  // The declared renames and conversions (first renameCount statements) keep the data by construction; the builder's own statements are judged.
  const destructive = up.slice(renames.up.length).filter((q) => /\bDROP (TABLE|COLUMN)\b/i.test(q) || /\bALTER COLUMN .* TYPE\b/i.test(q));
  // A rename with nothing else to run still needs its core rows rewritten: the rewrite alone makes a migration.
  if (hasNameRewrites(renames.names) && !up.length) up.push('-- rewrite renamed names in core tables');
  return { up, down, destructive, statements: { up: upStatements, down: downStatements }, names: renames.names, refusals: renames.problems, renameCount: renames.up.length };
}

/**
 * The declared renames run first, in a transaction that is rolled back; the
 * schema builder diffs inside it, so a renamed column is not a drop plus an add.
 * The builder opens its own query runner: it is handed this one for the call.
 */
async function diffAfterRenames(dataSource: DataSource, registry: Registry | undefined, options: { archive?: string }): Promise<{ renames: DeclaredChangePlan; sql: Awaited<ReturnType<ReturnType<DataSource['driver']['createSchemaBuilder']>['log']>> }> {
  const none: DeclaredChangePlan = { up: [], down: [], names: noNameRewrites(), problems: [] };
  if (!registry) return { renames: none, sql: await dataSource.driver.createSchemaBuilder().log() };
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const createQueryRunner = dataSource.createQueryRunner;
  const release = runner.release;
  try {
    const renames = await planRenames(runner, dataSource, registry, options);
    if (!renames.up.length) return { renames, sql: await dataSource.driver.createSchemaBuilder().log() };
    dataSource.createQueryRunner = () => runner;
    runner.release = async () => undefined;
    return { renames, sql: await dataSource.driver.createSchemaBuilder().log() };
  } finally {
    dataSource.createQueryRunner = createQueryRunner;
    runner.release = release;
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/** Declared renames or conversions that cannot be applied stop generate, --check and --dry-run alike, each named by file#pointer. */
export function refuseUnappliable(change: PendingSchemaChange): void {
  if (change.refusals.length) throw new UmsError('MANIFEST_INVALID', `The manifests' declared renames and conversions cannot be applied to this database:\n  ${change.refusals.join('\n  ')}`);
}

const quote = (sql: string): string => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

/** One statement of a migration file; without its parameters a "$1" statement fails when the migration runs. */
const call = (q: Statement): string => `    await queryRunner.query(${quote(q.query)}${q.parameters ? `, ${JSON.stringify(q.parameters)}` : ''});`;

/**
 * Records still in a state their workflow no longer declares. Such a change is
 * refused whatever the flags: the records would be stranded (no transition
 * leaves an unknown state) and the status CHECK constraint could not be added.
 */
export async function strandedStates(dataSource: DataSource, registry: Registry): Promise<string[]> {
  const problems: string[] = [];
  for (const module of registry.modules) {
    for (const wf of module.workflows) {
      const entity = registry.entity(wf.entity)!;
      const [exists]: { present: boolean }[] = await dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2) AS present`,
        [entity.table, wf.field],
      );
      if (!exists?.present) continue;
      const rows: { state: string; n: number }[] = await dataSource.query(
        `SELECT "${wf.field}" AS state, count(*)::int AS n FROM "${entity.table}" WHERE NOT ("${wf.field}" = ANY($1)) GROUP BY 1 ORDER BY 1`,
        // A state renamed from another (manifest renamedFrom) takes its records with it: they are not stranded.
        [[...wf.states.keys(), ...[...wf.states.values()].flatMap((s) => (s.renamedFrom ? [s.renamedFrom] : []))]],
      );
      for (const r of rows) {
        problems.push(`${r.n} ${entity.label.toLowerCase()} record${r.n === 1 ? ' is' : 's are'} in state "${r.state}", which the workflow ${wf.key} (${wf.file}#${wf.pointer}/states) no longer declares`);
      }
    }
  }
  return problems;
}

export interface GenerateOptions {
  name: string;
  /** When given, a workflow change that strands records in a removed state is refused. */
  registry?: Registry;
  allowDestructive?: boolean;
  /** Keep the values of columns the manifests no longer declare in the ums_archive schema instead of dropping them (needs `registry`). */
  archive?: boolean;
  dir?: string;
  now?: number;
}

/** Writes a migration for the pending diff; returns its path, or undefined when the schema is in sync. */
export async function generateMigration(dataSource: DataSource, options: GenerateOptions): Promise<string | undefined> {
  const stranded = options.registry ? await strandedStates(dataSource, options.registry) : [];
  if (stranded.length) {
    throw new UmsError(
      'CONFLICT',
      `A workflow state that records are still in was removed:\n  ${stranded.join('\n  ')}\n` +
        'Move those records to a state that stays (a transition, or an update by hand), or keep the state in the manifest, then generate again.',
    );
  }
  const stamp = options.now ?? Date.now();
  const change = await diffSchema(dataSource, options.registry, { archive: options.archive ? stamp.toString(36) : undefined });
  refuseUnappliable(change);
  if (change.up.length === 0) return undefined;
  if (change.destructive.length && !options.allowDestructive) {
    throw new UmsError(
      'CONFLICT',
      `The manifests no longer declare columns or tables that hold data; the migration would run:\n  ${change.destructive.join('\n  ')}\n` +
        'A renamed field or entity looks like a drop plus an add: declare its old name with "renamedFrom" in the manifest, pass --archive to keep removed columns\' values in the ums_archive schema, or --allow-destructive to accept the loss.',
    );
  }
  const dir = options.dir ?? MIGRATIONS_DIR;
  const slug = options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'schema';
  const className = `${slug.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}${stamp}`;
  const renamed = hasNameRewrites(change.names);
  const upCalls = change.statements.up.map(call);
  const downCalls = change.statements.down.map(call);
  if (renamed) {
    // The rewrite runs right after the renames it describes; down undoes it right before undoing them.
    upCalls.splice(change.renameCount, 0, '    await rewriteRenamedNames(queryRunner, names);');
    downCalls.splice(downCalls.length - change.renameCount, 0, '    await rewriteRenamedNames(queryRunner, invertNames(names));');
  }
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';
${renamed ? `import { invertNames, rewriteRenamedNames, type NameRewrites } from '../core/db/name-rewrites.js';\n\n/** The manifests' declared renames, as they were when this migration was generated. */\nconst names: NameRewrites = ${JSON.stringify(change.names)};\n` : ''}
/** Generated by \`npm run ums -- migrations:generate\` from the manifests. */
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${upCalls.join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${downCalls.join('\n')}
  }
}
`;
  const file = join(dir, `${stamp}-${slug}.ts`);
  writeFileSync(file, body);
  writeMigrationIndex(dir);
  return file;
}

/** migrations/index.ts lists the classes in file order, so no glob loading is needed at run time. */
export function writeMigrationIndex(dir = MIGRATIONS_DIR): void {
  const files = readdirSync(dir).filter((f) => /^\d+-.*\.ts$/.test(f)).sort();
  const imports = files.map((f, i) => `import * as m${i} from './${f.replace(/\.ts$/, '.js')}';`);
  const body = `/* Maintained by migrations:generate: every migration file, in order. */
import type { MigrationInterface } from 'typeorm';
${imports.join('\n')}

type MigrationClass = new () => MigrationInterface;
const classesOf = (mod: Record<string, unknown>): MigrationClass[] => Object.values(mod) as MigrationClass[];

export const migrations: MigrationClass[] = [${files.map((_f, i) => `...classesOf(m${i})`).join(', ')}];
`;
  writeFileSync(join(dir, 'index.ts'), body);
}
