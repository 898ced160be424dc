import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mail's one-time secret (reset or deletion code, invitation token) is kept
 * apart from its stored copy, in `core_mail_secret` (no manifest entity: no
 * screen, record read, export or audit row shows it), and wiped once the mail
 * is delivered. Mail kept locally before this change showed codes and links to
 * org admins: those copies are masked.
 */
export class MailOutboxSecret1796164649466 implements MigrationInterface {
  name = 'MailOutboxSecret1796164649466';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "core_mail_secret" ("outbox_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "secret" character varying(200) NOT NULL, CONSTRAINT "PK_765263257abf2307788a4f86985" PRIMARY KEY ("outbox_id"))`);
    await queryRunner.query(`ALTER TABLE "core_mail_secret" ADD CONSTRAINT "FK_54c9c7565b7ee4c01e0b70a66a2" FOREIGN KEY ("organization_id") REFERENCES "core_organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "core_mail_secret" ADD CONSTRAINT "FK_765263257abf2307788a4f86985" FOREIGN KEY ("outbox_id") REFERENCES "core_mail_outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    for (const column of ['subject', 'body', 'html']) {
      await queryRunner.query(
        `UPDATE "core_mail_outbox" SET "${column}" = regexp_replace("${column}", '\\m[0-9]{6}\\M', '••••••', 'g')
          WHERE status = 'local' AND template IN ('password_reset', 'account_deletion') AND "${column}" IS NOT NULL`,
      );
      await queryRunner.query(
        `UPDATE "core_mail_outbox" SET "${column}" = regexp_replace("${column}", '([?&]token=)[A-Za-z0-9_-]+', '\\1••••••', 'g')
          WHERE status = 'local' AND template = 'invitation' AND "${column}" IS NOT NULL`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "core_mail_secret"`);
  }
}
