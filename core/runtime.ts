/**
 * Everything a request, job or command needs, built once at start: the
 * resolved manifests, the database, the access compiler and the plugins. This
 * is where the layers are wired together: the manifests and plugins from
 * core/modules.ts (the core's own plugin, the module plugins found by
 * convention in modules/<id>/index.ts, the workflow engine's hooks) and the
 * database, handed to the data layer through its small DataContext.
 */
import type { DataSource } from 'typeorm';
import type { UmsConfig } from '../config/index.js';
import { AccessService } from './access/principals.js';
import type { DataContext } from './data/context.js';
import { openDatabase, type Database } from './db/datasource.js';
import type { Registry } from './manifest/index.js';
import { loadModules } from './modules.js';
import { fileStoreFromEnv, type FileStore } from './data/files/store.js';
import type { PluginRegistry } from './plugins/registry.js';
import type { ModulePlugin } from './plugins/types.js';
import { withinTenant } from './data/tenant-scope.js';

export interface Runtime extends DataContext {
  registry: Registry;
  dataSource: DataSource;
  access: AccessService;
  plugins: PluginRegistry;
  database: Database;
  files: FileStore;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Pick<UmsConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'manifestDir'>;
  registry?: Registry;
  /** Instead of the plugins found in modules/ (tests with fixture modules). */
  plugins?: ModulePlugin[];
  migrate?: boolean;
  poolSize?: number;
  log?: (line: string) => void;
  /** The server process (owns the embedded cluster); commands leave it unset. */
  owner?: boolean;
  /** Where file fields' bytes go; default S3_URL's bucket, else DATA_DIR/files. */
  files?: FileStore;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  // Manifests and plugins are checked before anything touches the database.
  const { registry, plugins } = await loadModules({ manifestDir: options.config.manifestDir, registry: options.registry, plugins: options.plugins });
  const database = await openDatabase({ registry, config: options.config, migrate: options.migrate, poolSize: options.poolSize, log: options.log, owner: options.owner });
  return {
    registry,
    dataSource: database.dataSource,
    access: new AccessService(registry, (organizationId, sql, parameters) => withinTenant(database.dataSource, organizationId).query(sql, parameters)),
    plugins,
    files: options.files ?? fileStoreFromEnv(options.config.dataDir),
    database,
    close: () => database.close(),
  };
}
