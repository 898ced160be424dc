/**
 * core_file: one row per stored file (core/data/files). A plain table, not a
 * manifest entity: a file is reached through the record and field that hold
 * it, never as an admin resource of its own.
 *
 * Life of a row: uploaded (record_id NULL, counted in the organization's
 * storage_used) → attached by the record write that names it (an atomic
 * conditional update) → deleted_at set when its record is deleted or the file
 * replaced (in that write's transaction; storage_used is given back there) →
 * row and stored object removed after the transaction commits, or by the
 * `core.file_sweep` job when that did not happen.
 */
import { EntitySchema, type BaseEntity, type EntitySchemaRelationOptions } from 'typeorm';

export const FILE_TABLE = 'core_file';

export function fileSchema(target: typeof BaseEntity): EntitySchema {
  return new EntitySchema({
    name: 'CoreFile',
    target,
    tableName: FILE_TABLE,
    columns: {
      id: { type: 'uuid', primary: true },
      organization_id: { type: 'uuid' },
      /** The entity key (`hospital.lab_test`) and field the file was uploaded for. */
      entity: { type: 'varchar', length: 100 },
      field: { type: 'varchar', length: 63 },
      /** NULL until a record write attaches the file. */
      record_id: { type: 'uuid', nullable: true },
      /** The name as uploaded (any script), shown and sent back as the download's file name. */
      name: { type: 'varchar', length: 255 },
      /** Detected from the content, never from the name or the declared type. */
      mime: { type: 'varchar', length: 255 },
      size: { type: 'bigint' },
      sha256: { type: 'varchar', length: 64 },
      /** Where the bytes are in the store (local disk or S3). */
      storage_key: { type: 'varchar', length: 300 },
      created_by: { type: 'uuid', nullable: true },
      created_at: { type: 'timestamptz', createDate: true },
      deleted_at: { type: 'timestamptz', nullable: true },
    },
    relations: {
      organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
    } as Record<string, EntitySchemaRelationOptions>,
    indices: [
      { name: 'IDX_core_file_record', columns: ['organization_id', 'entity', 'record_id'] },
      { name: 'IDX_core_file_sweep', columns: ['created_at'], where: '"record_id" IS NULL OR "deleted_at" IS NOT NULL' },
    ],
    // What every tenant table has beside its key (the target of composite same-tenant references; PRIMARY KEY once rekeyed for sharding).
    uniques: [{ name: 'UQ_core_file_organization_id', columns: ['organization_id', 'id'] }],
    checks: [{ name: 'CHK_core_file_size', expression: '"size" >= 0' }],
  });
}
