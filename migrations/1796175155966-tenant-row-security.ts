import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security on every table with an organization_id (core/db/tenant-walls.ts
 * holds the same statements for schemas made without migrations): the application
 * role ums_app (no login, no BYPASSRLS, not the owner) with its privileges, and the
 * policy organization_id = current_setting('ums.organization_id'). The data layer
 * switches to ums_app and sets the organization in each of its transactions; the
 * owner (this migration's role) stays the named bypass for operators. Written by
 * hand: TypeORM's diff does not know policies. Tables created later by
 * migrations:generate get their policy in the generated migration.
 */
export class TenantRowSecurity1796175155966 implements MigrationInterface {
  name = 'TenantRowSecurity1796175155966';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ BEGIN CREATE ROLE ums_app NOLOGIN NOBYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await queryRunner.query(`DO $$ BEGIN IF NOT pg_has_role(current_user, 'ums_app', 'MEMBER') THEN EXECUTE format('GRANT ums_app TO %I', current_user); END IF; END $$`);
    await queryRunner.query(`DO $$ BEGIN
     EXECUTE format('GRANT USAGE ON SCHEMA %I TO ums_app', current_schema());
     EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ums_app', current_schema());
     EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ums_app', current_schema());
     EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ums_app', current_schema());
     EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ums_app', current_schema());
   END $$`);
    await queryRunner.query(`DO $$ DECLARE t text; BEGIN
     FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
              WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace LOOP
       EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
       IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t AND policyname = 'ums_tenant_isolation') THEN
         EXECUTE format('CREATE POLICY ums_tenant_isolation ON %I USING (organization_id = NULLIF(current_setting(''ums.organization_id'', true), '''')::uuid) WITH CHECK (organization_id = NULLIF(current_setting(''ums.organization_id'', true), '''')::uuid)', t);
       END IF;
     END LOOP;
   END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ DECLARE t text; BEGIN
      FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'ums_tenant_isolation' LOOP
        EXECUTE format('DROP POLICY ums_tenant_isolation ON %I', t);
        EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
      END LOOP;
    END $$`);
  }
}
