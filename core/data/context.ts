/**
 * What the data layer needs from the runtime that wires it (core/runtime.ts):
 * the resolved manifests, the database, the access compiler and a lookup of
 * the plugins' hooks and actions. The data layer depends on this small
 * interface, not on the plugin registry or the runtime.
 */
import type { DataSource } from 'typeorm';
import type { AccessService } from '../access/principals.js';
import type { Registry, ResolvedEntity } from '../manifest/index.js';
import type { EntityHooks, RecordActionDefinition, WorkflowHook } from '../plugins/types.js';
import type { RecordService } from './records.js';
import type { FileStore } from './files/store.js';

export interface PluginLookup {
  /** Hooks of an entity, core behaviour first, then the module's plugin. */
  hooksFor(entity: ResolvedEntity): EntityHooks<RecordService>[];
  actionsFor(entity: ResolvedEntity): RecordActionDefinition<RecordService>[];
  action(entity: ResolvedEntity, name: string): RecordActionDefinition<RecordService> | undefined;
  workflowHook(module: string, name: string): WorkflowHook<RecordService> | undefined;
}

export interface DataContext {
  registry: Registry;
  dataSource: DataSource;
  access: AccessService;
  plugins: PluginLookup;
  /** Where file fields' bytes live (core/data/files); unset: files are refused. */
  files?: FileStore;
}
