/**
 * Type and nullability changes of existing columns. TypeORM's builder turns a
 * changed type or length into DROP COLUMN + ADD COLUMN (its way to avoid a
 * conversion), which loses the data; here the change is planned first as an
 * ALTER COLUMN … TYPE, so the builder then finds the column as declared.
 * - Widening is generated as it is: a longer string, string → text, integer →
 *   decimal/money, a decimal with room for every stored value.
 * - Anything else (text → integer, a shorter string, a removed enum value,
 *   optional → required) needs the field's `convert` (values, trim, case,
 *   nullsTo, then a cast), and rows the conversion would still fail are
 *   counted per organization, with a few ids, and refuse the migration.
 */
import type { DataSource } from 'typeorm';
import { ORGANIZATION_TABLE, type Registry, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { literal, q, type Planner } from './planner.js';

interface LiveColumn {
  name: string;
  type: string;
  nullable: boolean;
}

/** A type as format_type() spells it, from TypeORM's column options. */
function declaredType(options: { type: unknown; length?: string | number; precision?: number | null; scale?: number }): string {
  const type = String(options.type);
  if (type === 'varchar' || type === 'character varying') return `character varying(${options.length})`;
  if (type === 'numeric') return `numeric(${options.precision},${options.scale ?? 0})`;
  if (type === 'timestamptz') return 'timestamp with time zone';
  if (type === 'time') return 'time without time zone';
  return type;
}

const varcharLength = (t: string): number | undefined => Number(/^character varying\((\d+)\)$/.exec(t)?.[1]) || undefined;
const numericDigits = (t: string): { whole: number; scale: number } | undefined => {
  const m = /^numeric\((\d+),(\d+)\)$/.exec(t);
  return m ? { whole: Number(m[1]) - Number(m[2]), scale: Number(m[2]) } : undefined;
};

/** A change every stored value survives unchanged. */
function widens(from: string, to: string): boolean {
  const [a, b] = [varcharLength(from), varcharLength(to)];
  if (a && b) return b >= a;
  if (a && to === 'text') return true;
  const target = numericDigits(to);
  if (from === 'integer' && target) return target.whole >= 10;
  const source = numericDigits(from);
  return !!source && !!target && target.whole >= source.whole && target.scale >= source.scale;
}

/** The convert steps as one text expression over the column, then the cast. */
function converted(f: ResolvedField, column: string): string {
  let e = `${q(column)}::text`;
  const c = f.convert ?? {};
  const map = Object.entries(c.values ?? {});
  if (map.length) e = `CASE ${e} ${map.map(([from, to]) => `WHEN ${literal(from)} THEN ${literal(to)}`).join(' ')} ELSE ${e} END`;
  if (c.trim) e = `btrim(${e})`;
  if (c.case) e = `${c.case}(${e})`;
  if (c.nullsTo !== undefined) e = `COALESCE(${e}, ${literal(String(c.nullsTo))})`;
  return e;
}

/** SQL that is true for a row whose converted value the new type (or value list, or NOT NULL) refuses. */
function failing(f: ResolvedField, expression: string, to: string, required: boolean): string {
  const tests: string[] = [];
  const length = varcharLength(to);
  if (length) tests.push(`length(${expression}) > ${length}`);
  else if (to !== 'text') tests.push(`NOT pg_input_is_valid(${expression}, ${literal(to)})`);
  if (f.type === 'enum' && f.values) tests.push(`${expression} NOT IN (${f.values.map(literal).join(', ')})`);
  const failsWhenSet = tests.length ? `(${expression} IS NOT NULL AND (${tests.join(' OR ')}))` : 'false';
  return required ? `(${expression} IS NULL OR ${failsWhenSet})` : failsWhenSet;
}

/** "3 rows would fail: school-a 2 (ids …), school-b 1 (…)"; undefined when none would. */
async function failures(planner: Planner, table: string, condition: string): Promise<string | undefined> {
  const rows: { slug: string | null; n: number; ids: string[] }[] = await planner.runner.query(
    `SELECT o.slug, count(*)::int AS n, (array_agg(t.id::text ORDER BY t.id))[1:3] AS ids
       FROM ${q(table)} t LEFT JOIN ${q(ORGANIZATION_TABLE)} o ON o.id = t.organization_id
      WHERE ${condition} GROUP BY o.slug ORDER BY n DESC, o.slug LIMIT 5`,
  );
  if (!rows.length) return undefined;
  const total = rows.reduce((n, r) => n + r.n, 0);
  return `${total}${rows.length === 5 ? '+' : ''} row${total === 1 ? '' : 's'} would fail: ${rows.map((r) => `${r.slug ?? '(no organization)'} ${r.n} (ids ${r.ids.join(', ')}${r.n > r.ids.length ? ', …' : ''})`).join('; ')}`;
}

export async function planRetypes(planner: Planner, dataSource: DataSource, registry: Registry): Promise<void> {
  const tables = await planner.tables();
  for (const entity of registry.entities) {
    if (!tables.has(entity.table)) continue;
    const metadata = dataSource.entityMetadatas.find((m) => m.tableName === entity.table);
    if (!metadata) continue;
    const live = await liveColumns(planner, entity.table);
    for (const f of entity.fields) {
      const column = metadata.columns.find((c) => c.databaseName === (f.type === 'password' ? `${f.column}_hash` : f.column));
      const current = live.get(column?.databaseName ?? '');
      if (!column || !current || f.computed || column.generatedType) continue;
      await retype(planner, entity, f, current, declaredType(column), !column.isNullable);
    }
  }
}

async function retype(planner: Planner, entity: ResolvedEntity, f: ResolvedField, current: LiveColumn, to: string, required: boolean): Promise<void> {
  const table = q(entity.table);
  const column = q(current.name);
  const where = { file: entity.file, pointer: `${f.pointer}/convert` };
  const typeChanges = current.type !== to;
  const becomesRequired = required && current.nullable;
  const valueCheck = f.type === 'enum' ? await planner.valueCheck(entity.table, current.name) : undefined;
  const heldValues = valueCheck && f.values ? await failures(planner, entity.table, `t.${column} IS NOT NULL AND t.${column}::text NOT IN (${f.values.map(literal).join(', ')})`) : undefined;
  if (!typeChanges && !becomesRequired && !heldValues) return;
  // An enum's column length follows its longest value: shorter values are its list's business (the CHECK), not a narrowing.
  const enumLength = f.type === 'enum' && !!varcharLength(current.type) && !!varcharLength(to);
  if (typeChanges && !becomesRequired && !heldValues && (widens(current.type, to) || enumLength)) {
    if (!widens(current.type, to)) await planner.guard(guardStatement(`${entity.key}.${f.name}`, entity.table, failing(f, `${column}::text`, to, false)));
    await planner.run(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${to}`, `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${current.type}`);
    return;
  }
  const what = [typeChanges ? `from ${current.type} to ${to}` : '', heldValues ? 'removing values that records hold' : '', becomesRequired ? 'from optional to required' : ''].filter(Boolean).join(', ');
  const expression = converted(f, current.name);
  const fails = failing(f, expression, to, becomesRequired);
  const refused = await failures(planner, entity.table, fails.replaceAll(column, `t.${column}`));
  if (!f.convert || refused) {
    const found = refused ?? heldValues;
    const hint = f.convert ? 'fix those rows (or extend "convert"), then generate again' : 'declare how to convert ("convert": values, trim, case, nullsTo), then generate again';
    planner.problem(where, `changing ${entity.key}.${f.name} ${what} may lose data${found ? ` (in this database ${found})` : ''}: ${hint}`);
    return;
  }
  // Another database may hold rows this one does not: the migration checks them first and stops, naming the count, before changing anything.
  await planner.guard(guardStatement(`${entity.key}.${f.name}`, entity.table, fails));
  if (valueCheck) await planner.run(`ALTER TABLE ${table} DROP CONSTRAINT ${q(valueCheck.name)}`, `ALTER TABLE ${table} ADD CONSTRAINT ${q(valueCheck.name)} ${valueCheck.definition}`);
  await planner.run(
    `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${to} USING (${expression})::${to}`,
    `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${current.type} USING ${column}::${current.type}`,
  );
}

/** A DO block that raises CONVERSION_FAILS with the count when rows would not survive the conversion. */
function guardStatement(field: string, table: string, condition: string): string {
  const message = `CONVERSION_FAILS: % row(s) of ${field} cannot be converted as the manifest declares; fix them or extend "convert"`;
  return `DO $ums$ DECLARE n integer; BEGIN SELECT count(*) INTO n FROM ${q(table)} WHERE ${condition}; IF n > 0 THEN RAISE EXCEPTION ${literal(message)}, n; END IF; END $ums$`;
}

async function liveColumns(planner: Planner, table: string): Promise<Map<string, LiveColumn>> {
  const rows: LiveColumn[] = await planner.runner.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
       FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`,
    [q(table)],
  );
  return new Map(rows.map((r) => [r.name, r]));
}
