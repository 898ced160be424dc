/**
 * What the bookkeeping primitives add to the generated schema. Constraints
 * (a balance's unique key and its CHECK, a run's partial unique period) go
 * into the entity's TypeORM schema, so `migrations:generate` diffs them like
 * any other; the append-only triggers of a ledger are beyond TypeORM's
 * schema builder, so `ledgerTriggerStatements` diffs them against pg_trigger
 * and migrations:generate (and the tests' synchronised databases) add them.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { columnOf, type Registry, type ResolvedEntity } from '../../manifest/index.js';

/** PostgreSQL identifiers are at most 63 bytes: long names keep a readable head and a hash. */
function constraintName(prefix: string, table: string, what: string): string {
  const name = `${prefix}_${table}_${what}`;
  if (name.length <= 63) return name;
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return `${name.slice(0, 54)}_${(h >>> 0).toString(36).padStart(7, '0').slice(0, 8)}`;
}

export const balanceUniqueName = (entity: ResolvedEntity): string => constraintName('UQ', entity.table, 'balance');
export const balanceCheckName = (entity: ResolvedEntity): string => constraintName('CHK', entity.table, 'nonnegative');
export const runPeriodIndexName = (entity: ResolvedEntity): string => constraintName('UQ', entity.table, 'run_period');

const col = (entity: ResolvedEntity, name: string): string => columnOf(entity.field.get(name)!);
const sqlLiteral = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export interface PrimitiveConstraints {
  uniques: { name: string; columns: string[] }[];
  checks: { name: string; expression: string }[];
  indices: { name: string; columns: string[]; unique?: boolean; where?: string }[];
}

export function primitiveConstraints(entity: ResolvedEntity): PrimitiveConstraints {
  const out: PrimitiveConstraints = { uniques: [], checks: [], indices: [] };
  if (entity.balance) {
    // The key the ledger's upsert targets (ON CONFLICT) and the database's own refusal of a negative balance.
    out.uniques.push({ name: balanceUniqueName(entity), columns: ['organization_id', ...entity.balance.keys.map((k) => col(entity, k))] });
    // A balance some key record may let go negative (negativeAllowedBy) has no CHECK: the conditional update holds the rule.
    if (entity.balance.nonNegative && !entity.balance.negativeAllowedBy) out.checks.push({ name: balanceCheckName(entity), expression: `"${col(entity, entity.balance.quantity)}" >= 0` });
  }
  if (entity.run) {
    // One run per period, cancelled runs aside. (A general `uniqueWhen` primitive is being added elsewhere; this index is the run's own.)
    const status = col(entity, entity.run.status);
    out.indices.push({
      name: runPeriodIndexName(entity),
      columns: ['organization_id', ...entity.run.period.map((p) => col(entity, p))],
      unique: true,
      where: `"${status}" <> ${sqlLiteral(entity.run.states.cancelled)}`,
    });
  }
  return out;
}

export const LEDGER_TRIGGER_FUNCTION = 'ums_refuse_ledger_change';
const triggerName = (table: string, what: 'append_only' | 'no_truncate'): string => constraintName('ums', table, what);

/** The function every ledger trigger calls (errcode 42501, like the audit log's). */
const functionSql = `CREATE OR REPLACE FUNCTION ${LEDGER_TRIGGER_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is a ledger (append-only): % refused; post a reversing entry instead', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`;

/**
 * The statements that make every ledger table append-only in the database,
 * for the triggers that are not there yet (`up`), and their inverse (`down`).
 */
export async function ledgerTriggerStatements(db: DataSource | EntityManager, registry: Registry): Promise<{ up: string[]; down: string[] }> {
  const ledgers = registry.entities.filter((e) => e.ledger);
  const existing = new Set(
    ((await db.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'ums\\_%'`)) as { tgname: string }[]).map((r) => r.tgname),
  );
  const [fn] = (await db.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = $1`, [LEDGER_TRIGGER_FUNCTION])) as { n: number }[];
  const up: string[] = [];
  const down: string[] = [];
  for (const e of ledgers) {
    const rows = triggerName(e.table, 'append_only');
    const truncate = triggerName(e.table, 'no_truncate');
    if (!existing.has(rows)) {
      up.push(`CREATE TRIGGER "${rows}" BEFORE UPDATE OR DELETE ON "${e.table}" FOR EACH ROW EXECUTE FUNCTION ${LEDGER_TRIGGER_FUNCTION}()`);
      down.push(`DROP TRIGGER "${rows}" ON "${e.table}"`);
    }
    if (!existing.has(truncate)) {
      up.push(`CREATE TRIGGER "${truncate}" BEFORE TRUNCATE ON "${e.table}" FOR EACH STATEMENT EXECUTE FUNCTION ${LEDGER_TRIGGER_FUNCTION}()`);
      down.push(`DROP TRIGGER "${truncate}" ON "${e.table}"`);
    }
  }
  if (up.length && !fn?.n) up.unshift(functionSql);
  return { up, down };
}

/** Applies the missing ledger triggers at once (databases synchronised from a registry: tests, fixtures). */
export async function applyLedgerTriggers(db: DataSource, registry: Registry): Promise<void> {
  for (const statement of (await ledgerTriggerStatements(db, registry)).up) await db.query(statement);
}
