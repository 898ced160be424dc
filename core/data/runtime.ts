/**
 * Everything a request, job or command needs, built once at start: the
 * resolved manifests, the database, the access compiler and the plugins.
 */
import type { DataSource } from 'typeorm';
import type { UmsConfig } from '../../config/index.js';
import { AccessService } from '../access/principals.js';
import { openDatabase, type Database } from '../db/datasource.js';
import { loadRegistry, type Registry } from '../manifest/index.js';
import { corePlugin } from '../plugins/core-hooks.js';
import { PluginRegistry } from '../plugins/registry.js';
import type { ModulePlugin } from '../plugins/types.js';
import { installWorkflowHooks } from '../workflow/index.js';

export interface Runtime {
  registry: Registry;
  dataSource: DataSource;
  access: AccessService;
  plugins: PluginRegistry;
  database: Database;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Pick<UmsConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'manifestDir'>;
  registry?: Registry;
  plugins?: ModulePlugin[];
  migrate?: boolean;
  poolSize?: number;
  log?: (line: string) => void;
  /** The server process (owns the embedded cluster); commands leave it unset. */
  owner?: boolean;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  // Manifests and plugins are checked before anything touches the database.
  const registry = options.registry ?? loadRegistry({ dir: options.config.manifestDir });
  const pluginList = options.plugins ?? (await import('../../modules/index.js')).plugins;
  // The core plugin is always on: it guards the core entities every organization has.
  const plugins = new PluginRegistry(registry, [corePlugin, ...pluginList]);
  installWorkflowHooks(registry, plugins);
  const database = await openDatabase({ registry, config: options.config, migrate: options.migrate, poolSize: options.poolSize, log: options.log, owner: options.owner });
  return {
    registry,
    dataSource: database.dataSource,
    access: new AccessService(registry, database.dataSource),
    plugins,
    database,
    close: () => database.close(),
  };
}
