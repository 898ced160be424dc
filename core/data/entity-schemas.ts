/**
 * TypeORM EntitySchemas derived from the resolved manifests, plus the few core
 * tables that are not organization-scoped. They serve two purposes: TypeORM's
 * schema builder diffs them against the database to generate migrations, and
 * @adminjs/typeorm's Resource is built on their runtime classes.
 */
import { BaseEntity, EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaRelationOptions } from 'typeorm';
import {
  AUTH_CODE_TABLE,
  API_CLIENT_SECRET_TABLE,
  API_TOKEN_TABLE,
  AUTH_THROTTLE_TABLE,
  columnOf,
  isReadTime,
  DOCUMENT_COUNTER_TABLE,
  DOCUMENT_TABLE,
  REPORT_RUN_TABLE,
  ORGANIZATION_MODULE_TABLE,
  ORGANIZATION_TABLE,
  SESSION_TABLE,
  type Registry,
  type ResolvedEntity,
  type ResolvedField,
} from '../manifest/index.js';
import { RENAMED_NAME_TABLE } from '../db/name-rewrites.js';
import { constraintDdl, generatedColumn, sequenceCounterSchema } from './constraints/constraint-ddl.js';
import { spanIndexName } from './constraints/span-indexes.js';
import { searchIndexName } from './constraints/search-indexes.js';
import { primitiveConstraints } from './ledgers/ddl.js';
import { fileSchema } from './files/file-schema.js';
import { entityLimitSchema } from './entity-limits.js';

/** The runtime class AdminJS and TypeORM know an entity by; its name is the AdminJS resource id. */
export type EntityClass = typeof BaseEntity & { umsEntity?: ResolvedEntity };

export function columnType(f: ResolvedField): EntitySchemaColumnOptions {
  switch (f.type) {
    case 'string':
    case 'email':
    case 'phone':
      return { type: 'varchar', length: f.maxLength ?? 255 };
    case 'url':
      return { type: 'varchar', length: f.maxLength ?? 2048 };
    case 'text':
      return { type: 'text' };
    case 'integer':
      return { type: 'integer' };
    case 'decimal':
      return { type: 'numeric', precision: 18, scale: f.scale };
    case 'money':
      return { type: 'numeric', precision: 14, scale: f.scale };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'date' };
    case 'datetime':
      return { type: 'timestamptz' };
    case 'time':
      return { type: 'time' };
    case 'enum':
      return { type: 'varchar', length: Math.max(20, ...(f.values ?? []).map((v) => v.length)) };
    case 'json':
      return { type: 'jsonb' };
    case 'password':
      return { type: 'varchar', length: 200 };
    case 'reference':
    case 'file':
      return { type: 'uuid' };
    case 'files':
      return { type: 'jsonb' };
  }
}


const sqlLiteral = (v: string): string => `'${v.replace(/'/g, "''")}'`;

function defaultFor(f: ResolvedField): string | number | boolean | undefined {
  if (f.default === undefined || f.type === 'json') return undefined;
  // Numeric defaults are applied by the record layer only: TypeORM's diff never
  // agrees with how PostgreSQL reports them, and would emit a migration forever.
  if (f.type === 'decimal' || f.type === 'money') return undefined;
  return f.default as string | number | boolean; // TypeORM quotes strings itself
}

const shortName = (prefix: string, table: string, cols: string[]): string => {
  const name = `${prefix}_${table}_${cols.join('_')}`;
  return name.length <= 63 ? name : `${name.slice(0, 54)}_${hash(name)}`;
};
function hash(s: string): string {
  let h = 0;
  for (const c of s) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36).padStart(7, '0').slice(0, 8);
}

/**
 * The join of a reference inside one organization: `(organization_id, <column>)` →
 * the target's unique `(organization_id, id)`. The organization column is shared
 * with the row's own organization key, so a reference can only name a row of the
 * same tenant, whatever code wrote it.
 */
export function sameTenantJoin(column: string): { name: string; referencedColumnName: string }[] {
  return [
    { name: 'organization_id', referencedColumnName: 'organization_id' },
    { name: column, referencedColumnName: 'id' },
  ];
}

function runtimeClass(name: string): EntityClass {
  // A real, unique class name: AdminJS uses it as the resource id.
  const holder = { [name]: class extends BaseEntity {} };
  return holder[name] as EntityClass;
}

export function classNameOf(entity: ResolvedEntity): string {
  return entity.key.split(/[._]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function manifestEntitySchema(entity: ResolvedEntity, registry: Registry): { schema: EntitySchema; target: EntityClass } {
  const target = runtimeClass(classNameOf(entity));
  target.umsEntity = entity;
  const columns: Record<string, EntitySchemaColumnOptions> = {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    organization_id: { type: 'uuid', nullable: false },
  };
  const relations: Record<string, EntitySchemaRelationOptions> = {
    organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'RESTRICT', createForeignKeyConstraints: true },
  };
  const indices: { name: string; columns: string[]; unique?: boolean }[] = [
    { name: shortName('IDX', entity.table, ['organization_id']), columns: ['organization_id'] },
  ];
  // What every same-tenant reference to this table points at (see sameTenantJoin).
  const uniques: { name: string; columns: string[] }[] = [{ name: shortName('UQ', entity.table, ['organization_id', 'id']), columns: ['organization_id', 'id'] }];
  const checks: { name: string; expression: string }[] = [];
  for (const f of entity.fields) {
    if (isReadTime(f)) continue; // computed by every read (core/data/query.ts fieldSql), no column
    const column = columnOf(f);
    columns[column] = { ...columnType(f), nullable: !f.required || f.type === 'password', default: defaultFor(f) };
    if (f.computed) columns[column] = generatedColumn(entity, f, columns[column]);
    if (f.type === 'reference' && f.target) {
      const targetEntity = registry.entity(f.target);
      if (targetEntity) {
        relations[`${f.name}_ref`] = {
          type: 'many-to-one',
          target: classNameOf(targetEntity),
          // Same-tenant reference: the database itself refuses a row of another organization.
          joinColumn: sameTenantJoin(column),
          // A composite SET NULL nulls the reference column only (core/db/migrations.ts adds the column list).
          onDelete: f.onDelete === 'set null' ? 'SET NULL' : f.onDelete === 'cascade' ? 'CASCADE' : 'RESTRICT',
        };
      }
      indices.push({ name: shortName('IDX', entity.table, ['organization_id', column]), columns: ['organization_id', column] });
    }
    if (f.unique) uniques.push({ name: shortName('UQ', entity.table, ['organization_id', column]), columns: ['organization_id', column] });
    if (f.type === 'enum' && f.values) {
      checks.push({ name: shortName('CHK', entity.table, [column]), expression: `"${column}" IN (${f.values.map(sqlLiteral).join(', ')})` });
    }
  }
  for (const ix of entity.indexes) {
    const cols = ['organization_id', ...ix.fields.map((n) => (entity.field.get(n) ? columnOf(entity.field.get(n)!) : n))];
    if (ix.unique) uniques.push({ name: shortName('UQ', entity.table, cols), columns: cols });
    // A declared index on a reference repeats the one every reference gets: keep one.
    else if (!indices.some((i) => i.name === shortName('IDX', entity.table, cols))) indices.push({ name: shortName('IDX', entity.table, cols), columns: cols });
  }
  // Ledgers, balances and runs (core/data/ledgers/ddl.ts).
  const primitive = primitiveConstraints(entity);
  uniques.push(...primitive.uniques);
  checks.push(...primitive.checks);
  const indexList: { name: string; columns: string[]; unique?: boolean; where?: string; synchronize?: boolean }[] = [...indices, ...primitive.indices];
  // Calendar spans' range indexes are expressions TypeORM cannot build: listed so its builder leaves them alone (constraints/span-indexes.ts).
  for (const span of entity.spans ?? []) indexList.push({ name: spanIndexName(entity, span), columns: ['organization_id'], synchronize: false });
  // The search box's trigram indexes need an operator class (gin_trgm_ops), likewise (constraints/search-indexes.ts).
  for (const name of entity.searchFields) indexList.push({ name: searchIndexName(entity, name), columns: [columnOf(entity.field.get(name)!)], synchronize: false });
  Object.assign(columns, {
    created_at: { type: 'timestamptz', createDate: true },
    updated_at: { type: 'timestamptz', updateDate: true },
    created_by: { type: 'uuid', nullable: true },
    updated_by: { type: 'uuid', nullable: true },
    version: { type: 'integer', default: 1 },
  } satisfies Record<string, EntitySchemaColumnOptions>);
  // checks, noOverlap, uniqueWhen and sequences (core/data/constraints/).
  const extra = constraintDdl(entity);
  const schema = new EntitySchema({
    name: target.name, target, tableName: entity.table, columns, relations,
    indices: [...indexList, ...extra.indices], uniques: [...uniques, ...extra.uniques], checks: [...checks, ...extra.checks], exclusions: extra.exclusions,
  });
  return { schema, target };
}

function systemSchemas(): EntitySchema[] {
  const organization = runtimeClass('CoreOrganization');
  const organizationModule = runtimeClass('CoreOrganizationModule');
  const session = runtimeClass('CoreSession');
  return [
    new EntitySchema({
      name: 'CoreOrganization',
      target: organization,
      tableName: ORGANIZATION_TABLE,
      columns: {
        id: { type: 'uuid', primary: true, generated: 'uuid' },
        name: { type: 'varchar', length: 200 },
        slug: { type: 'varchar', length: 63, unique: true },
        system_type: { type: 'varchar', length: 40 },
        /** IANA zone for date placeholders in conditions; NULL: the server's. */
        timezone: { type: 'varchar', length: 64, nullable: true },
        /** Whether ledger postings (core/data/ledgers) may be dated before today in the organization's zone. */
        allow_backdated_postings: { type: 'boolean', default: true },
        /** The language of users who chose none (admin, mails, PDFs; core/admin/language.ts). */
        language: { type: 'varchar', length: 8, default: 'en' },
        /** ISO 4217 code money is shown in (admin lists, record pages, dashboards, reports); NULL: CURRENCY from the environment. */
        currency: { type: 'varchar', length: 3, nullable: true },
        /** Module settings that workflow conditions read as `$org.settings.<name>` (on/off; core/manifest/org-settings.ts), set by `org:settings --set`. */
        settings: { type: 'jsonb', default: () => "'{}'" },
        /** Lifecycle (core/tenancy/lifecycle.ts): suspended signs nobody in and runs no job; archived is read-only. */
        status: { type: 'varchar', length: 20, default: 'active' },
        status_reason: { type: 'varchar', length: 500, nullable: true },
        status_changed_at: { type: 'timestamptz', nullable: true },
        /** org:delete (core/tenancy/org-delete.ts): when the purge job removes a `deleting` organization's rows; who asked, and the status to go back to on org:restore. */
        purge_after: { type: 'timestamptz', nullable: true },
        deletion: { type: 'jsonb', nullable: true },
        /** Plan limits; NULL: none. record_count counts manifest records only while max_records is set. */
        max_users: { type: 'integer', nullable: true },
        max_records: { type: 'integer', nullable: true },
        record_count: { type: 'integer', default: 0 },
        /** Bytes of the organization's stored files (core/data/files/quota.ts) and its limit; NULL: none. */
        storage_used: { type: 'bigint', default: 0 },
        max_storage_bytes: { type: 'bigint', nullable: true },
        created_at: { type: 'timestamptz', createDate: true },
        updated_at: { type: 'timestamptz', updateDate: true },
      },
      checks: [
        { name: 'CHK_core_organization_language', expression: `"language" IN ('en', 'bn')` },
        { name: 'CHK_core_organization_currency', expression: `"currency" IS NULL OR "currency" ~ '^[A-Z]{3}$'` },
        { name: 'CHK_core_organization_status', expression: `"status" IN ('active', 'suspended', 'archived', 'deleting', 'deleted')` },
        { name: 'CHK_core_organization_purge_date', expression: `("status" = 'deleting') = ("purge_after" IS NOT NULL)` },
        // The limit the data layer's conditional increment keeps is also the database's.
        { name: 'CHK_core_organization_record_limit', expression: `"max_records" IS NULL OR "record_count" <= "max_records"` },
        { name: 'CHK_core_organization_storage_limit', expression: `"storage_used" >= 0 AND ("max_storage_bytes" IS NULL OR "storage_used" <= "max_storage_bytes")` },
      ],
    }),
    new EntitySchema({
      name: 'CoreOrganizationModule',
      target: organizationModule,
      tableName: ORGANIZATION_MODULE_TABLE,
      columns: {
        organization_id: { type: 'uuid', primary: true },
        module_id: { type: 'varchar', length: 40, primary: true },
        enabled: { type: 'boolean', default: true },
        changed_at: { type: 'timestamptz', updateDate: true },
        // The manifest version the organization's data was last brought up to (upgrade steps run; core/plugins/upgrades.ts).
        version: { type: 'varchar', length: 20, nullable: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
    }),
    new EntitySchema({
      // One row per upgrade step run in an organization, written in the step's own transaction: a step runs once.
      name: 'CoreModuleUpgrade',
      target: runtimeClass('CoreModuleUpgrade'),
      tableName: MODULE_UPGRADE_TABLE,
      columns: {
        id: { type: 'uuid', primary: true, generated: 'uuid' },
        organization_id: { type: 'uuid' },
        module_id: { type: 'varchar', length: 40 },
        version: { type: 'varchar', length: 20 },
        /** `ran`, or `skipped` for an organization created at or after this version (its data was born in the new shape). */
        outcome: { type: 'varchar', length: 10 },
        applied_at: { type: 'timestamptz', createDate: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
      indices: [{ name: 'UQ_core_module_upgrade_step', columns: ['organization_id', 'module_id', 'version'], unique: true }],
    }),
    new EntitySchema({
      // Every declared rename a migration applied, for the whole installation (core/db/name-rewrites.ts): the audit log's display maps old names with it.
      name: 'CoreRenamedName',
      target: runtimeClass('CoreRenamedName'),
      tableName: RENAMED_NAME_TABLE,
      columns: {
        id: { type: 'integer', primary: true, generated: 'increment' },
        kind: { type: 'varchar', length: 10 },
        /** The entity key (fields, values; its name after the same migration's entity rename) or the workflow key (states). */
        scope: { type: 'varchar', length: 200, nullable: true },
        /** The field whose value was renamed (values). */
        field: { type: 'varchar', length: 100, nullable: true },
        old_name: { type: 'varchar', length: 200 },
        new_name: { type: 'varchar', length: 200 },
        renamed_at: { type: 'timestamptz', createDate: true },
      },
      checks: [{ name: 'CHK_core_renamed_name_kind', expression: `"kind" IN ('entity', 'field', 'value', 'state', 'role', 'job')` }],
    }),
    new EntitySchema({
      name: 'CoreSession',
      target: session,
      tableName: SESSION_TABLE,
      columns: {
        sid: { type: 'varchar', primary: true },
        sess: { type: 'json' },
        expire: { type: 'timestamp', precision: 6 },
      },
      indices: [{ name: 'IDX_core_session_expire', columns: ['expire'] }],
    }),
  ];
}

export interface EntityCatalog {
  schemas: EntitySchema[];
  classes: Map<string, EntityClass>;
}

export function buildEntityCatalog(registry: Registry): EntityCatalog {
  const classes = new Map<string, EntityClass>();
  const schemas = [...systemSchemas(), ...credentialSchemas(), ...documentSchemas(), reportRunSchema(), sequenceCounterSchema(runtimeClass('CoreSequenceCounter')), fileSchema(runtimeClass('CoreFile')), entityLimitSchema(runtimeClass('CoreEntityLimit'))];
  for (const entity of registry.entities) {
    const { schema, target } = manifestEntitySchema(entity, registry);
    schemas.push(schema);
    classes.set(entity.key, target);
  }
  return { schemas, classes };
}

/** Upgrade steps run per organization (core/plugins/upgrades.ts). */
export const MODULE_UPGRADE_TABLE = 'core_module_upgrade';

/** Where a queued mail's secret waits for delivery (see credentialSchemas). */
export const MAIL_SECRET_TABLE = 'core_mail_secret';

/** A webhook's signing secret, encrypted (see credentialSchemas). */
export const WEBHOOK_SECRET_TABLE = 'core_webhook_secret';

/**
 * The tables of core/auth and core/mail that hold secrets or traces of who tried what: plain
 * TypeORM schemas, deliberately not manifest entities, so no admin screen,
 * record API or audit row ever shows them.
 */
function credentialSchemas(): EntitySchema[] {
  return [
    new EntitySchema({
      name: 'CoreAuthCode',
      target: runtimeClass('CoreAuthCode'),
      tableName: AUTH_CODE_TABLE,
      columns: {
        id: { type: 'uuid', primary: true, generated: 'uuid' },
        organization_id: { type: 'uuid' },
        user_id: { type: 'uuid' },
        purpose: { type: 'varchar', length: 20 },
        secret_hash: { type: 'varchar', length: 200 },
        attempts: { type: 'integer', default: 0 },
        expires_at: { type: 'timestamptz' },
        used_at: { type: 'timestamptz', nullable: true },
        created_at: { type: 'timestamptz', createDate: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
        user: { type: 'many-to-one', target: 'CoreUser', joinColumn: sameTenantJoin('user_id'), onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
      indices: [
        { name: 'IDX_core_auth_code_user_purpose', columns: ['user_id', 'purpose'] },
        { name: 'UQ_core_auth_code_secret_hash', columns: ['secret_hash'], unique: true },
      ],
      checks: [{ name: 'CHK_core_auth_code_purpose', expression: `"purpose" IN ('invitation', 'password_reset', 'account_deletion')` }],
    }),
    new EntitySchema({
      // A queued mail's one-time code or link token (core/mail/outbox.ts): its outbox row shows it masked; wiped once delivered.
      name: 'CoreMailSecret',
      target: runtimeClass('CoreMailSecret'),
      tableName: MAIL_SECRET_TABLE,
      columns: {
        outbox_id: { type: 'uuid', primary: true },
        organization_id: { type: 'uuid' },
        secret: { type: 'varchar', length: 200 },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
        outbox: { type: 'many-to-one', target: 'CoreMailOutbox', joinColumn: sameTenantJoin('outbox_id'), onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
    }),
    new EntitySchema({
      // A REST API refresh token (core/api/tokens.ts): single use; a sign-in's tokens share a family, revoked together.
      name: 'CoreApiToken',
      target: runtimeClass('CoreApiToken'),
      tableName: API_TOKEN_TABLE,
      columns: {
        id: { type: 'uuid', primary: true, generated: 'uuid' },
        organization_id: { type: 'uuid' },
        user_id: { type: 'uuid' },
        family_id: { type: 'uuid' },
        token_hash: { type: 'varchar', length: 64 },
        expires_at: { type: 'timestamptz' },
        used_at: { type: 'timestamptz', nullable: true },
        revoked_at: { type: 'timestamptz', nullable: true },
        created_at: { type: 'timestamptz', createDate: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
        user: { type: 'many-to-one', target: 'CoreUser', joinColumn: { name: 'user_id' }, onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
      indices: [
        { name: 'UQ_core_api_token_hash', columns: ['token_hash'], unique: true },
        { name: 'IDX_core_api_token_family', columns: ['family_id'] },
        { name: 'IDX_core_api_token_user', columns: ['user_id'] },
      ],
    }),
    new EntitySchema({
      // An API client's secret (core/auth/api-clients.ts), as SHA-256: the secret is 32 random bytes, shown once.
      name: 'CoreApiClientSecret',
      target: runtimeClass('CoreApiClientSecret'),
      tableName: API_CLIENT_SECRET_TABLE,
      columns: {
        client_id: { type: 'uuid', primary: true },
        organization_id: { type: 'uuid' },
        secret_hash: { type: 'varchar', length: 64 },
        created_at: { type: 'timestamptz', createDate: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
        client: { type: 'many-to-one', target: 'CoreApiClient', joinColumn: { name: 'client_id' }, onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
    }),
    new EntitySchema({
      // A webhook's signing secret (core/webhooks/secret.ts), AES-256-GCM encrypted under WEBHOOKS_KEY: shown once, never stored in the clear.
      name: 'CoreWebhookSecret',
      target: runtimeClass('CoreWebhookSecret'),
      tableName: WEBHOOK_SECRET_TABLE,
      columns: {
        webhook_id: { type: 'uuid', primary: true },
        organization_id: { type: 'uuid' },
        secret_encrypted: { type: 'text' },
        created_at: { type: 'timestamptz', createDate: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
        webhook: { type: 'many-to-one', target: 'CoreWebhook', joinColumn: sameTenantJoin('webhook_id'), onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
    }),
    new EntitySchema({
      name: 'CoreAuthThrottle',
      target: runtimeClass('CoreAuthThrottle'),
      tableName: AUTH_THROTTLE_TABLE,
      columns: {
        id: { type: 'uuid', primary: true, generated: 'uuid' },
        bucket: { type: 'varchar', length: 40 },
        key_hash: { type: 'varchar', length: 64 },
        created_at: { type: 'timestamptz', createDate: true },
      },
      indices: [{ name: 'IDX_core_auth_throttle_key', columns: ['bucket', 'key_hash', 'created_at'] }],
    }),
  ];
}


/**
 * core/documents: the number issued to each (kind, record) and, when it was
 * generated for later download (a job), the PDF itself; and the per
 * organization, kind and year counters the numbers come from. Plain schemas:
 * they are reached through the document service, never as admin resources.
 */
function documentSchemas(): EntitySchema[] {
  return [
    new EntitySchema({
      name: 'CoreDocument',
      target: runtimeClass('CoreDocument'),
      tableName: DOCUMENT_TABLE,
      columns: {
        id: { type: 'uuid', primary: true, generated: 'uuid' },
        organization_id: { type: 'uuid' },
        kind: { type: 'varchar', length: 40 },
        number: { type: 'varchar', length: 40 },
        entity: { type: 'varchar', length: 100 },
        record_id: { type: 'uuid' },
        action: { type: 'varchar', length: 100 },
        status: { type: 'varchar', length: 20, default: 'issued' },
        content: { type: 'bytea', nullable: true },
        byte_size: { type: 'integer', nullable: true },
        error: { type: 'text', nullable: true },
        requested_by: { type: 'uuid', nullable: true },
        generated_at: { type: 'timestamptz', nullable: true },
        created_at: { type: 'timestamptz', createDate: true },
        updated_at: { type: 'timestamptz', updateDate: true },
        created_by: { type: 'uuid', nullable: true },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'RESTRICT' },
      } as Record<string, EntitySchemaRelationOptions>,
      uniques: [
        { name: 'UQ_core_document_organization_id_kind_entity_record_id', columns: ['organization_id', 'kind', 'entity', 'record_id'] },
        { name: 'UQ_core_document_organization_id_number', columns: ['organization_id', 'number'] },
      ],
      indices: [{ name: 'IDX_core_document_status', columns: ['status', 'updated_at'] }],
      checks: [{ name: 'CHK_core_document_status', expression: `"status" IN ('issued', 'pending', 'ready', 'failed')` }],
    }),
    new EntitySchema({
      name: 'CoreDocumentCounter',
      target: runtimeClass('CoreDocumentCounter'),
      tableName: DOCUMENT_COUNTER_TABLE,
      columns: {
        organization_id: { type: 'uuid', primary: true },
        kind: { type: 'varchar', length: 40, primary: true },
        year: { type: 'integer', primary: true },
        last_value: { type: 'integer' },
      },
      relations: {
        organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'CASCADE' },
      } as Record<string, EntitySchemaRelationOptions>,
    }),
  ];
}

/**
 * core/admin/reports/runs.ts: a report file a user asked for in the background, its status and, once
 * made, the file itself. A plain schema: reached through the report routes (the requester's own
 * runs only), never as an admin resource.
 */
function reportRunSchema(): EntitySchema {
  return new EntitySchema({
    name: 'CoreReportRun',
    target: runtimeClass('CoreReportRun'),
    tableName: REPORT_RUN_TABLE,
    columns: {
      id: { type: 'uuid', primary: true, generated: 'uuid' },
      organization_id: { type: 'uuid' },
      report: { type: 'varchar', length: 200 },
      format: { type: 'varchar', length: 10 },
      filters: { type: 'jsonb', default: () => "'{}'" },
      status: { type: 'varchar', length: 20, default: 'queued' },
      content: { type: 'bytea', nullable: true },
      byte_size: { type: 'integer', nullable: true },
      row_count: { type: 'integer', nullable: true },
      filename: { type: 'varchar', length: 200, nullable: true },
      error: { type: 'text', nullable: true },
      requested_by: { type: 'uuid' },
      started_at: { type: 'timestamptz', nullable: true },
      finished_at: { type: 'timestamptz', nullable: true },
      created_at: { type: 'timestamptz', createDate: true },
      updated_at: { type: 'timestamptz', updateDate: true },
    },
    relations: {
      organization: { type: 'many-to-one', target: 'CoreOrganization', joinColumn: { name: 'organization_id' }, onDelete: 'RESTRICT' },
      requester: { type: 'many-to-one', target: 'CoreUser', joinColumn: sameTenantJoin('requested_by'), onDelete: 'CASCADE' },
    } as Record<string, EntitySchemaRelationOptions>,
    // Beside the key, as on other tenant tables: what a rekey to (organization_id, id) turns into the key.
    uniques: [{ name: 'UQ_core_report_run_organization_id_id', columns: ['organization_id', 'id'] }],
    indices: [
      { name: 'IDX_core_report_run_status', columns: ['status', 'created_at'] },
      { name: 'IDX_core_report_run_requested_by', columns: ['organization_id', 'requested_by'] },
    ],
    checks: [
      { name: 'CHK_core_report_run_status', expression: `"status" IN ('queued', 'running', 'done', 'failed')` },
      { name: 'CHK_core_report_run_format', expression: `"format" IN ('csv', 'xlsx', 'pdf')` },
    ],
  });
}
