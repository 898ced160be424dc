/**
 * Opening the database: the embedded cluster or DATABASE_URL, a TypeORM
 * DataSource over the manifest-derived schemas, and pending migrations.
 */
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { UmsConfig } from '../../config/index.js';
import { buildEntityCatalog, type EntityCatalog } from '../data/entity-schemas.js';
import { UmsError } from '../errors.js';
import type { Registry } from '../manifest/index.js';
import { canonicalTime } from '../manifest/validation.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from './embedded.js';
import './pg-warnings.js';

export interface Database {
  dataSource: DataSource;
  catalog: EntityCatalog;
  url: string;
  close(): Promise<void>;
}

// Dates stay 'YYYY-MM-DD' (no time-zone shift), numerics and counts become numbers:
// the same shapes the validator and the CASL subjects use.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// Times come back as written (HH:MM, or HH:MM:SS when the seconds are not zero), as core/manifest/validation.ts canonicalTime writes them.
pg.types.setTypeParser(pg.types.builtins.TIME, (v) => canonicalTime(v) ?? v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function createDataSource(url: string, catalog: EntityCatalog, poolSize = 20): Promise<DataSource> {
  // Imported late so that migrations:generate can repair the index before it is read.
  const { migrations } = await import('../../migrations/index.js');
  return new DataSource({
    type: 'postgres',
    url,
    entities: catalog.schemas,
    migrations,
    migrationsTableName: 'core_migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    // Database errors are mapped and reported by the data layer; UMS_SQL_LOG shows every statement.
    logging: process.env.UMS_SQL_LOG ? ['query', 'error'] : false,
    extra: { max: poolSize, application_name: 'ums' },
  });
}

export interface OpenOptions {
  registry: Registry;
  config: Pick<UmsConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>;
  /** Apply pending migrations after connecting. */
  migrate?: boolean;
  poolSize?: number;
  log?: (line: string) => void;
  /** The server process: owns the embedded cluster (see EmbeddedOptions.owner). */
  owner?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  let embedded: EmbeddedHandle | undefined;
  let url = options.config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: options.config.dataDir, port: options.config.embeddedPgPort, log: options.log, owner: options.owner });
    url = embedded.url;
  }
  const catalog = buildEntityCatalog(options.registry);
  const dataSource = await createDataSource(url, catalog, options.poolSize);
  try {
    await dataSource.initialize();
  } catch (err) {
    await embedded?.stop();
    throw new UmsError('DATABASE_UNAVAILABLE', `Cannot connect to PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  if (options.migrate) {
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) options.log?.(`Applied migration ${m.name}`);
    } catch (err) {
      // Each migration runs in its own transaction: the failed one is rolled back, earlier ones stay.
      await dataSource.destroy();
      await embedded?.stop();
      throw new UmsError('DATABASE_UNAVAILABLE', `A migration failed and was rolled back: ${(err as Error).message}`);
    }
  }
  // TypeORM finds a generated column's expression in typeorm_metadata by database name: a database cloned or
  // restored under another name (the tests' template clones) would otherwise read as if every computed column
  // had to be dropped and added again.
  await dataSource.query(
    `DO $$ BEGIN IF to_regclass('typeorm_metadata') IS NOT NULL THEN UPDATE typeorm_metadata SET database = current_database() WHERE type = 'GENERATED_COLUMN' AND database IS DISTINCT FROM current_database(); END IF; END $$`,
  );
  return {
    dataSource,
    catalog,
    url,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

export const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * The pg pool under TypeORM, for what ops measures of it (size, waits): its
 * `query` is the owner connection too, so it is handed out typed as the caller
 * says it uses it, from here, where the lint allows it.
 */
export const poolOf = <Pool>(dataSource: DataSource): Pool | undefined => (dataSource.driver as unknown as { master?: Pool }).master;
