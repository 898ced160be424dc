/**
 * The two walls between tenants that the database itself holds (README, Security):
 * same-tenant composite foreign keys (their SQL comes from TypeORM's diff, see
 * data/entity-schemas.ts `sameTenantJoin`; this file adds what TypeORM cannot
 * say) and row-level security on every table with an `organization_id`.
 *
 * The application's role is APP_ROLE: not the owner, no BYPASSRLS. The data
 * layer switches to it inside every transaction it runs and sets TENANT_SETTING
 * (core/data/tenant-scope.ts). The named bypass (core/db/cross-tenant.ts) runs
 * as BYPASS_ROLE: not the owner either, no BYPASSRLS attribute (granting that
 * needs a superuser, which managed PostgreSQL does not hand out), but a second
 * policy on every tenant table lets it see and write every organization's rows;
 * its privileges are the same row privileges as APP_ROLE's, so it can change
 * data but never the schema (no ALTER, DROP, TRUNCATE, CREATE). The login role
 * the pool connects with owns the tables: migrations, start-up and test
 * fixtures use it; no request does.
 */
import type { DataSource, EntityMetadata } from 'typeorm';
import type { ForeignKeyMetadata } from 'typeorm/metadata/ForeignKeyMetadata.js';

export const APP_ROLE = 'ums_app';
export const TENANT_SETTING = 'ums.organization_id';
export const TENANT_POLICY = 'ums_tenant_isolation';
export const BYPASS_ROLE = 'ums_bypass';
export const BYPASS_POLICY = 'ums_bypass_all';

/** NULLIF: after a transaction that set it, the setting reads '' — still no tenant, so no rows (fail closed). */
const TENANT_MATCH = `organization_id = NULLIF(current_setting('${TENANT_SETTING}', true), '')::uuid`;

export function rowSecurityStatements(table: string): string[] {
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY "${TENANT_POLICY}" ON "${table}" USING (${TENANT_MATCH}) WITH CHECK (${TENANT_MATCH})`,
    bypassPolicyStatement(table),
  ];
}

/** Policies are permissive (OR'ed): this one opens every row of `table` to the bypass role only. */
export const bypassPolicyStatement = (table: string): string => `CREATE POLICY "${BYPASS_POLICY}" ON "${table}" TO ${BYPASS_ROLE} USING (true) WITH CHECK (true)`;

/**
 * A role of the wall (APP_ROLE or BYPASS_ROLE): made if missing (roles are per
 * cluster: another database of the cluster may have made it already), granted
 * to the current user (SET ROLE needs membership; a superuser has it anyway, an
 * owner with CREATEROLE grants it to itself), with row privileges on the
 * present and future tables and sequences of this schema. Idempotent.
 */
function rolePrivilegeStatements(role: string): string[] {
  return [
    `DO $$ BEGIN CREATE ROLE ${role} NOLOGIN NOBYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    `DO $$ BEGIN IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN EXECUTE format('GRANT ${role} TO %I', current_user); END IF; END $$`,
    `DO $$ BEGIN
     EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${role}', current_schema());
     EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${role}', current_schema());
     EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ${role}', current_schema());
     EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}', current_schema());
     EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ${role}', current_schema());
   END $$`,
  ];
}

/**
 * The bypass role with its privileges (present and future tables and
 * sequences of this schema: rows only) and its policy on every table with an
 * organization_id. Idempotent; the bypass-role migration runs the same.
 */
export const BYPASS_ROLE_STATEMENTS: readonly string[] = [
  ...rolePrivilegeStatements(BYPASS_ROLE),
  `DO $$ DECLARE t text; BEGIN
     FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
              WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace LOOP
       IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t AND policyname = '${BYPASS_POLICY}') THEN
         EXECUTE format('CREATE POLICY ${BYPASS_POLICY} ON %I TO ${BYPASS_ROLE} USING (true) WITH CHECK (true)', t);
       END IF;
     END LOOP;
   END $$`,
];

/**
 * Idempotent: the application role, its table privileges (present and future
 * tables of this schema) and the tenant policy on every table with an
 * organization_id. The tenant-walls migration runs the same statements; tests
 * whose fixture schema is synchronised instead of migrated run this.
 */
export const TENANT_WALL_STATEMENTS: readonly string[] = [
  ...rolePrivilegeStatements(APP_ROLE),
  `DO $$ DECLARE t text; BEGIN
     FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
              WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace LOOP
       EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
       IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t AND policyname = '${TENANT_POLICY}') THEN
         EXECUTE format('CREATE POLICY ${TENANT_POLICY} ON %I USING (${TENANT_MATCH.replace(/'/g, "''")}) WITH CHECK (${TENANT_MATCH.replace(/'/g, "''")})', t);
       END IF;
     END LOOP;
   END $$`,
  ...BYPASS_ROLE_STATEMENTS,
];

/**
 * For a schema made by TypeORM's synchronize (test fixtures of custom manifests):
 * its composite SET NULL keys get their column list, then the role, privileges
 * and policies.
 */
export async function applyTenantWalls(dataSource: DataSource): Promise<void> {
  for (const m of dataSource.entityMetadatas) {
    for (const fk of m.foreignKeys) {
      if (!fk.name || !isSameTenant(fk) || fk.onDelete !== 'SET NULL') continue;
      const [column, target] = [fk.columnNames[1], fk.referencedEntityMetadata.tableName];
      await dataSource.query(`ALTER TABLE "${m.tableName}" DROP CONSTRAINT "${fk.name}"`);
      await dataSource.query(
        `ALTER TABLE "${m.tableName}" ADD CONSTRAINT "${fk.name}" FOREIGN KEY ("organization_id", "${column}") REFERENCES "${target}"("organization_id", "id") ON DELETE SET NULL ("${column}")`,
      );
    }
  }
  for (const sql of TENANT_WALL_STATEMENTS) await dataSource.query(sql);
}

const isSameTenant = (fk: ForeignKeyMetadata): boolean => fk.columnNames.length === 2 && fk.columnNames[0] === 'organization_id';

/**
 * A statement that stops the migration, before a same-tenant key is added, when
 * stored rows already refer to another organization's row: they are counted and
 * named with the query that lists them, never dropped or changed silently.
 */
export function crossTenantCheck(table: string, column: string, target: string): string {
  const list = `SELECT c.id, c.organization_id, c.${column} FROM ${table} c JOIN ${target} p ON p.id = c.${column} WHERE p.organization_id <> c.organization_id`;
  return `DO $$ DECLARE n bigint; BEGIN
  SELECT count(*) INTO n FROM "${table}" c WHERE c."${column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${target}" p WHERE p.organization_id = c.organization_id AND p.id = c."${column}");
  IF n > 0 THEN RAISE EXCEPTION 'CROSS_TENANT_REFERENCE: % row(s) of ${table} refer through ${column} to a ${target} row of another organization; nothing was changed. List them with: ${list}', n; END IF;
END $$`;
}

/**
 * What the diff of the manifests needs beyond TypeORM's statements: a data check
 * before each new same-tenant key, `SET NULL (<column>)` so that a composite key
 * never nulls the row's own organization_id, and the tenant policy on every new
 * table with an organization_id.
 */
export function withTenantWalls(metadatas: EntityMetadata[], up: string[]): string[] {
  const keys = new Map<string, { table: string; fk: ForeignKeyMetadata }>();
  for (const m of metadatas) for (const fk of m.foreignKeys) if (fk.name && isSameTenant(fk)) keys.set(fk.name, { table: m.tableName, fk });
  const tenantTables = new Set(metadatas.filter((m) => m.columns.some((c) => c.databaseName === 'organization_id')).map((m) => m.tableName));
  const out: string[] = [];
  for (const statement of up) {
    const added = /^ALTER TABLE "([^"]+)" ADD CONSTRAINT "([^"]+)" FOREIGN KEY/.exec(statement);
    const key = added && keys.get(added[2]);
    if (key) {
      const column = key.fk.columnNames[1];
      out.push(crossTenantCheck(key.table, column, key.fk.referencedEntityMetadata.tableName));
      out.push(key.fk.onDelete === 'SET NULL' ? statement.replace(/ON DELETE SET NULL/, `ON DELETE SET NULL ("${column}")`) : statement);
      continue;
    }
    out.push(statement);
    const created = /^CREATE TABLE "([^"]+)"/.exec(statement);
    if (created && tenantTables.has(created[1])) out.push(...rowSecurityStatements(created[1]));
  }
  return out;
}
