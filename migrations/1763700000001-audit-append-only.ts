import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the audit log is append-only in the database itself, so no
 * code path (nor a person with psql and the app's credentials) can rewrite history.
 */
export class AuditAppendOnly1763700000001 implements MigrationInterface {
  name = 'AuditAppendOnly1763700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION core_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'core_audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(`CREATE TRIGGER core_audit_log_append_only BEFORE UPDATE OR DELETE ON core_audit_log FOR EACH ROW EXECUTE FUNCTION core_refuse_audit_change()`);
    await queryRunner.query(`CREATE TRIGGER core_audit_log_no_truncate BEFORE TRUNCATE ON core_audit_log FOR EACH STATEMENT EXECUTE FUNCTION core_refuse_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER core_audit_log_no_truncate ON core_audit_log`);
    await queryRunner.query(`DROP TRIGGER core_audit_log_append_only ON core_audit_log`);
    await queryRunner.query(`DROP FUNCTION core_refuse_audit_change()`);
  }
}
