/**
 * Declared renames (manifest `renamedFrom` on entities, fields, workflow states,
 * roles and jobs; `valuesRenamedFrom` on enum fields) turned into statements against
 * the live database: RENAME TABLE / RENAME COLUMN with the constraints and
 * indexes named after them renamed to match, and UPDATEs for renamed values.
 * Each statement is run as it is planned, inside a transaction the caller rolls
 * back, so the next step (and TypeORM's schema builder afterwards) sees the
 * renamed schema: what is left of the diff is only what the rename does not
 * cover. A rename that is already applied plans nothing; one that names a
 * table, column or value the database never had is a problem, reported with
 * its manifest file#pointer.
 */
import type { DataSource, EntityMetadata, QueryRunner } from 'typeorm';
import type { Registry, ResolvedEntity, ResolvedField } from '../manifest/index.js';
import { Planner, literal, q, type DeclaredChangePlan } from './planner.js';
import { planRetypes } from './retypes.js';
import { planArchive } from './archive.js';
import { RENAMED_NAME_TABLE } from './name-rewrites.js';

const oldColumn = (f: ResolvedField): string => (f.type === 'password' ? `${f.renamedFrom!.column}_hash` : f.renamedFrom!.column);
const newColumn = (f: ResolvedField): string => (f.type === 'password' ? `${f.column}_hash` : f.column);

/** Renames first (so the rest sees the new names), then type and nullability changes (core/db/retypes.ts), then, with `archive` (a stamp), undeclared columns kept aside (core/db/archive.ts). */
export async function planRenames(runner: QueryRunner, dataSource: DataSource, registry: Registry, options: { archive?: string } = {}): Promise<DeclaredChangePlan> {
  const planner = new Planner(runner);
  await renameTables(planner, registry);
  await renameColumns(planner, registry);
  await renameValues(planner, registry);
  await renameRoles(planner, runner, registry);
  await renameJobs(planner, runner, registry);
  for (const table of planner.touched) await renameConstraints(planner, runner, dataSource.entityMetadatas.find((m) => m.tableName === table));
  await planRetypes(planner, dataSource, registry);
  // Last: a column renamed or retyped above is declared, so only what is really gone is archived.
  if (options.archive) await planArchive(planner, dataSource, options.archive);
  const { names } = planner.plan;
  if (names.fields.length || names.values.length || names.entities.length || names.roles.length || names.jobs?.length) names.links = linksOf(registry);
  return planner.plan;
}

async function renameTables(planner: Planner, registry: Registry): Promise<void> {
  const tables = await planner.tables();
  for (const entity of registry.entities) {
    if (!entity.renamedFrom) continue;
    const old = entity.renamedFrom.replace('.', '_');
    const where = { file: entity.file, pointer: `${entity.pointer}/renamedFrom` };
    if (tables.has(old) && tables.has(entity.table)) planner.problem(where, `both "${old}" and "${entity.table}" exist: move the data by hand, drop one, then generate again`);
    else if (tables.has(old)) {
      await planner.run(`ALTER TABLE ${q(old)} RENAME TO ${q(entity.table)}`, `ALTER TABLE ${q(entity.table)} RENAME TO ${q(old)}`);
      planner.plan.names.entities.push({ from: entity.renamedFrom, to: entity.key });
      planner.touched.add(entity.table);
    } else if (!tables.has(entity.table)) planner.problem(where, `there is no table "${old}" to rename: "${entity.renamedFrom}" never existed here (or remove renamedFrom to create the entity empty)`);
  }
}

async function renameColumns(planner: Planner, registry: Registry): Promise<void> {
  const tables = await planner.tables();
  for (const entity of registry.entities) {
    const renamed = entity.fields.filter((f) => f.renamedFrom);
    if (!renamed.length) continue;
    const columns = tables.has(entity.table) ? await planner.columns(entity.table) : new Set<string>();
    for (const f of renamed) {
      const [from, to] = [oldColumn(f), newColumn(f)];
      const where = { file: entity.file, pointer: `${f.pointer}/renamedFrom` };
      if (columns.has(from) && columns.has(to)) planner.problem(where, `both columns "${from}" and "${to}" exist on ${entity.table}: move the data by hand, drop one, then generate again`);
      else if (columns.has(from)) {
        await planner.run(`ALTER TABLE ${q(entity.table)} RENAME COLUMN ${q(from)} TO ${q(to)}`, `ALTER TABLE ${q(entity.table)} RENAME COLUMN ${q(to)} TO ${q(from)}`);
        planner.plan.names.fields.push({ entity: entity.key, from: f.renamedFrom!.name, to: f.name });
        planner.touched.add(entity.table);
      } else if (!columns.has(to)) planner.problem(where, `${entity.key} has no field "${f.renamedFrom!.name}" (column "${from}") to rename: it never existed here`);
    }
  }
}

/** Enum values and workflow states: the records move, and the value list's CHECK is dropped first (the schema builder adds the new one). */
async function renameValues(planner: Planner, registry: Registry): Promise<void> {
  const renames: { entity: ResolvedEntity; field: ResolvedField; from: string; to: string; workflow?: string; pointer: string }[] = [];
  for (const entity of registry.entities) {
    for (const field of entity.fields) {
      for (const [to, from] of Object.entries(field.valuesRenamedFrom ?? {})) renames.push({ entity, field, from, to, pointer: `${field.pointer}/valuesRenamedFrom/${to}` });
    }
  }
  for (const module of registry.modules) {
    for (const wf of module.workflows) {
      const entity = registry.entity(wf.entity)!;
      const states = [...wf.states.values()];
      states.forEach((s, i) => {
        if (s.renamedFrom) renames.push({ entity, field: entity.field.get(wf.field)!, from: s.renamedFrom, to: s.name, workflow: wf.key, pointer: `${wf.pointer}/states/${i}/renamedFrom` });
      });
    }
  }
  const dropped = new Set<string>();
  for (const r of renames) {
    const column = r.field.column;
    const where = { file: r.entity.file, pointer: r.pointer };
    const check = await planner.valueCheck(r.entity.table, column);
    const droppedKey = `${r.entity.table}.${column}`;
    if (!check && !dropped.has(droppedKey)) {
      planner.problem(where, `${r.entity.key}.${r.field.name} has no list of values in the database to rename "${r.from}" in (is the table new?)`);
      continue;
    }
    if (check && !check.definition.includes(`${literal(r.from)}::`)) {
      if (!check.definition.includes(`${literal(r.to)}::`)) planner.problem(where, `${r.entity.key}.${r.field.name} never had the value "${r.from}" (its values: ${check.definition})`);
      continue;
    }
    if (check) {
      await planner.run(`ALTER TABLE ${q(r.entity.table)} DROP CONSTRAINT ${q(check.name)}`, `ALTER TABLE ${q(r.entity.table)} ADD CONSTRAINT ${q(check.name)} ${check.definition}`);
      dropped.add(droppedKey);
    }
    await planner.run(
      `UPDATE ${q(r.entity.table)} SET ${q(column)} = ${literal(r.to)} WHERE ${q(column)} = ${literal(r.from)}`,
      `UPDATE ${q(r.entity.table)} SET ${q(column)} = ${literal(r.from)} WHERE ${q(column)} = ${literal(r.to)}`,
    );
    planner.plan.names.values.push({ entity: r.entity.key, field: r.field.name, from: r.from, to: r.to });
    if (r.workflow) planner.plan.names.states.push({ workflow: r.workflow, from: r.from, to: r.to });
  }
}

/** Built-in roles are rows of every organization that enabled the module; the rewrite renames them (assignments point at their ids). */
async function renameRoles(planner: Planner, runner: QueryRunner, registry: Registry): Promise<void> {
  for (const role of registry.roles.values()) {
    if (!role.renamedFrom) continue;
    const [row]: { n: number }[] = await runner.query(`SELECT count(*)::int AS n FROM core_role WHERE name = $1 AND builtin`, [role.renamedFrom]);
    if (row.n > 0) planner.plan.names.roles.push({ from: role.renamedFrom, to: role.key });
  }
}

/**
 * A job's rows live in the job store, which a development database may never
 * have had: the rename is planned until core_renamed_name records it applied
 * (by the migration that carries it), and the migration moves whatever rows
 * the database it runs on has.
 */
async function renameJobs(planner: Planner, runner: QueryRunner, registry: Registry): Promise<void> {
  const declared = registry.modules.flatMap((m) => (m.manifest.jobs ?? []).flatMap((j) => (j.renamedFrom ? [{ from: `${m.id}.${j.renamedFrom}`, to: `${m.id}.${j.name}` }] : [])));
  if (!declared.length) return;
  const [table]: { present: boolean }[] = await runner.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [RENAMED_NAME_TABLE]);
  const applied: { old_name: string; new_name: string }[] = table?.present ? await runner.query(`SELECT old_name, new_name FROM ${RENAMED_NAME_TABLE} WHERE kind = 'job'`) : [];
  for (const job of declared) {
    if (!applied.some((a) => a.old_name === job.from && a.new_name === job.to)) planner.plan.names.jobs!.push(job);
  }
}

interface LiveConstraint {
  name: string;
  kind: 'f' | 'u' | 'c' | 'x' | 'p' | 'i';
  columns: string[];
}

/** Constraints and indexes whose names TypeORM derives from the table and its columns get the names the renamed schema declares. */
async function renameConstraints(planner: Planner, runner: QueryRunner, metadata: EntityMetadata | undefined): Promise<void> {
  if (!metadata) return;
  const table = metadata.tableName;
  const live: LiveConstraint[] = await runner.query(
    `SELECT c.conname AS name, c.contype AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k ORDER BY 1) AS columns
       FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND c.contype IN ('f', 'u', 'c', 'x')
     UNION ALL
     SELECT i.relname, 'i', ARRAY(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k ORDER BY 1)
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = to_regclass($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [q(table)],
  );
  const quoted = (expression: string): string[] => [...new Set([...expression.matchAll(/"([^"]+)"/g)].map((m) => m[1]))].sort();
  const sorted = (xs: string[]): string[] => [...xs].sort();
  const declared: LiveConstraint[] = [
    ...metadata.foreignKeys.map((fk) => ({ name: fk.name, kind: 'f' as const, columns: sorted(fk.columnNames) })),
    ...metadata.uniques.map((u) => ({ name: u.name, kind: 'u' as const, columns: sorted(u.columns.map((c) => c.databaseName)) })),
    ...metadata.checks.map((c) => ({ name: c.name, kind: 'c' as const, columns: quoted(c.expression) })),
    ...metadata.exclusions.map((x) => ({ name: x.name, kind: 'x' as const, columns: quoted(x.expression) })),
    ...metadata.indices.map((ix) => ({ name: ix.name, kind: 'i' as const, columns: sorted(ix.columns.map((c) => c.databaseName)) })),
  ];
  const same = (a: LiveConstraint, b: LiveConstraint): boolean => a.kind === b.kind && a.columns.join(',') === b.columns.join(',');
  for (const current of live) {
    const wanted = declared.filter((d) => same(d, current));
    // Only an unambiguous pair is renamed; anything else the schema builder drops and recreates under the declared name.
    if (wanted.length !== 1 || live.filter((l) => same(l, current)).length !== 1 || wanted[0].name === current.name) continue;
    if (live.some((l) => l.name === wanted[0].name)) continue;
    const [from, to] = [current.name, wanted[0].name];
    if (current.kind === 'i') await planner.run(`ALTER INDEX ${q(from)} RENAME TO ${q(to)}`, `ALTER INDEX ${q(to)} RENAME TO ${q(from)}`);
    else await planner.run(`ALTER TABLE ${q(table)} RENAME CONSTRAINT ${q(from)} TO ${q(to)}`, `ALTER TABLE ${q(table)} RENAME CONSTRAINT ${q(to)} TO ${q(from)}`);
  }
}

/** References (field → target) and inverses (name → source) per entity, the paths condition keys follow. */
function linksOf(registry: Registry): Record<string, Record<string, string>> {
  const links: Record<string, Record<string, string>> = {};
  for (const entity of registry.entities) {
    for (const f of entity.fields) {
      if (f.type !== 'reference' || !f.target) continue;
      (links[entity.key] ??= {})[f.name] = f.target;
      if (f.inverse) (links[f.target] ??= {})[f.inverse] = entity.key;
    }
  }
  return links;
}
