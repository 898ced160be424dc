/**
 * Per-entity plan limits (`org:limits <slug> --max-records-of library.book=50`):
 * one row of core_entity_limit per organization and limited entity, holding
 * the limit and a counter of that entity's records. Held like the total
 * limit (tenant-status.ts): a create takes a place with one conditional
 * UPDATE (`record_count < max_records`) in its own transaction, so concurrent
 * creates queue on the row and exactly the free places win; a CHECK holds the
 * same bound; a delete gives its place back.
 *
 * The claim runs after the record's INSERT: org:limits counts an entity's
 * records under `LOCK TABLE … IN SHARE MODE`, which waits for inserts in
 * flight and holds new ones until its row is committed, so every create is
 * either counted by it or sees its row. Entities without a limit cost one
 * statement that matches no row.
 */
import { EntitySchema, type EntityManager, type EntitySchemaRelationOptions } from 'typeorm';
import type { ResolvedEntity } from '../manifest/index.js';
import { UmsError } from '../errors.js';
import { countsAsRecord } from './tenant-status.js';

export const ENTITY_LIMIT_TABLE = 'core_entity_limit';

export function entityLimitSchema(target: abstract new () => unknown): EntitySchema {
  return new EntitySchema({
    name: 'CoreEntityLimit',
    target,
    tableName: ENTITY_LIMIT_TABLE,
    columns: {
      organization_id: { type: 'uuid', primary: true },
      /** The entity key (`library.book`). */
      entity: { type: 'varchar', length: 100, primary: true },
      max_records: { type: 'integer' },
      /** The entity's records of the organization, counted by org:limits when it set the limit and kept by every create and delete since. */
      record_count: { type: 'integer', default: 0 },
    },
    relations: {
      organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
    } as Record<string, EntitySchemaRelationOptions>,
    checks: [{ name: 'CHK_core_entity_limit_count', expression: '"record_count" >= 0 AND "record_count" <= "max_records"' }],
  });
}

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

/** The refusal a person sees, in the admin as a notice and in the API as a 409 problem. */
export const entityLimitMessage = (entity: ResolvedEntity, max: number): string =>
  `Plan limit: at most ${max} ${max === 1 ? entity.label : entity.pluralLabel}. All of them are used: delete ${entity.pluralLabel.toLowerCase()} you no longer need or ask your provider to raise the limit.`;

/** After a create's INSERT (createMany's rows: `count`), in its transaction: takes that many places of the entity's limit, or refuses (and the transaction rolls back). */
export async function claimEntityRecord(manager: EntityManager, organizationId: string, entity: ResolvedEntity, count = 1): Promise<void> {
  if (!countsAsRecord(entity)) return;
  // One statement: the UPDATE is the atomic claim (re-checked on the newest row version when it waited for another create); `l` only tells "no limit" from "full".
  const [row] = rowsOf<{ max_records: number | null; taken: boolean }>(
    await manager.query(
      `WITH l AS (SELECT max_records FROM "${ENTITY_LIMIT_TABLE}" WHERE organization_id = $1 AND entity = $2),
            u AS (UPDATE "${ENTITY_LIMIT_TABLE}" SET record_count = record_count + $3 WHERE organization_id = $1 AND entity = $2 AND record_count + $3 <= max_records RETURNING 1)
       SELECT (SELECT max_records FROM l) AS max_records, EXISTS (SELECT 1 FROM u) AS taken`,
      [organizationId, entity.key, count],
    ),
  );
  if (!row || row.taken || row.max_records === null) return;
  throw new UmsError('PLAN_LIMIT_REACHED', entityLimitMessage(entity, row.max_records), { entity: entity.key });
}

/** A deleted record's place back. */
export async function releaseEntityRecord(manager: EntityManager, organizationId: string, entity: ResolvedEntity): Promise<void> {
  if (!countsAsRecord(entity)) return;
  await manager.query(`UPDATE "${ENTITY_LIMIT_TABLE}" SET record_count = greatest(record_count - 1, 0) WHERE organization_id = $1 AND entity = $2`, [organizationId, entity.key]);
}
