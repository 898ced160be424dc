import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The named bypass as its own role (core/db/tenant-walls.ts BYPASS_ROLE_STATEMENTS
 * holds the same statements for schemas made without migrations): ums_bypass, no
 * login, no BYPASSRLS attribute (that needs a superuser to grant), granted to the
 * login role so that crossTenant can SET LOCAL ROLE to it. It gets row privileges
 * only (SELECT, INSERT, UPDATE, DELETE; sequences), so it cannot ALTER, DROP,
 * TRUNCATE or CREATE, and the permissive policy ums_bypass_all on every table with
 * an organization_id, which opens every organization's rows to it and to no other
 * role. Written by hand: TypeORM's diff does not know roles or policies. Tables
 * created later by migrations:generate get the policy in the generated migration.
 */
export class BypassRole1796312000000 implements MigrationInterface {
  name = 'BypassRole1796312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ BEGIN CREATE ROLE ums_bypass NOLOGIN NOBYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await queryRunner.query(`DO $$ BEGIN IF NOT pg_has_role(current_user, 'ums_bypass', 'MEMBER') THEN EXECUTE format('GRANT ums_bypass TO %I', current_user); END IF; END $$`);
    await queryRunner.query(`DO $$ BEGIN
     EXECUTE format('GRANT USAGE ON SCHEMA %I TO ums_bypass', current_schema());
     EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ums_bypass', current_schema());
     EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ums_bypass', current_schema());
     EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ums_bypass', current_schema());
     EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ums_bypass', current_schema());
   END $$`);
    await queryRunner.query(`DO $$ DECLARE t text; BEGIN
     FOR t IN SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
              WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace LOOP
       IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t AND policyname = 'ums_bypass_all') THEN
         EXECUTE format('CREATE POLICY ums_bypass_all ON %I TO ums_bypass USING (true) WITH CHECK (true)', t);
       END IF;
     END LOOP;
   END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ DECLARE t text; BEGIN
      FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'ums_bypass_all' LOOP
        EXECUTE format('DROP POLICY ums_bypass_all ON %I', t);
      END LOOP;
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM ums_bypass', current_schema());
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM ums_bypass', current_schema());
      EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM ums_bypass', current_schema());
      EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM ums_bypass', current_schema());
      EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM ums_bypass', current_schema());
    END $$`);
  }
}
