/**
 * The manifests and the plugins, loaded and checked together, without a
 * database: what start-up refuses (a plugin hook on an unknown entity, a
 * workflow effect naming a hook no plugin has, a job without a handler, an
 * unreadable schedule) and what `manifest:validate` reports. The runtime
 * (core/runtime.ts) opens the database only after this passed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { declareJobs } from './jobs/declarations.js';
import { ManifestError } from './errors.js';
import { loadRegistry, type Registry } from './manifest/index.js';
import { corePlugin } from './plugins/core-hooks.js';
import { DEFAULT_MODULES_DIR, discoverPlugins } from './plugins/discover.js';
import { PluginRegistry } from './plugins/registry.js';
import { installRunActions } from './plugins/runs.js';
import type { ModulePlugin } from './plugins/types.js';
import { installWorkflowHooks } from './workflow/index.js';

export interface LoadedModules {
  registry: Registry;
  plugins: PluginRegistry;
}

export async function loadModules(options: { manifestDir?: string; registry?: Registry; plugins?: ModulePlugin[] }): Promise<LoadedModules> {
  const registry = options.registry ?? loadRegistry({ dir: options.manifestDir });
  const pluginList = options.plugins ?? (await discoverPlugins(registry, { complete: !options.registry }));
  // The core plugin is always on: it guards the core entities every organization has.
  const plugins = new PluginRegistry(registry, [corePlugin, ...pluginList]);
  installWorkflowHooks(registry, plugins);
  installRunActions(registry, plugins);
  throwIfAny([...plugins.referenceProblems(), ...declareJobs(registry, plugins).problems]);
  return { registry, plugins };
}

/**
 * manifest:validate: the given manifest files, and the plugin of each module
 * whose folder (`modules/<id>/`) is there, checked as start-up checks them.
 * A module without a plugin folder gets the manifest checks only (a module
 * being written may not have its plugin yet).
 */
export async function validateModules(files: string[], modulesDir = DEFAULT_MODULES_DIR): Promise<LoadedModules> {
  const registry = loadRegistry({ files });
  const hasPlugin = (id: string): boolean => existsSync(join(modulesDir, id, 'index.ts')) || existsSync(join(modulesDir, id, 'index.js'));
  const pluginList = await discoverPlugins(registry, { dir: modulesDir });
  const plugins = new PluginRegistry(registry, [corePlugin, ...pluginList]);
  installRunActions(registry, plugins);
  throwIfAny([...plugins.referenceProblems(hasPlugin), ...declareJobs(registry, plugins, hasPlugin).problems]);
  return { registry, plugins };
}

function throwIfAny(problems: ManifestError['problems']): void {
  if (problems.length) throw new ManifestError(problems);
}
