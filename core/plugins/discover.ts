/**
 * Plugins are found by convention: the plugin of manifest `<id>` is the
 * default export of `modules/<id>/index.ts` (index.js once compiled). A module
 * without that file has no plugin; a plugin folder whose manifest is missing,
 * or whose plugin names another module, stops the start naming both.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestError, type ManifestProblem } from '../errors.js';
import { CORE_MODULE_ID, type Registry } from '../manifest/index.js';
import type { ModulePlugin } from './types.js';

export const DEFAULT_MODULES_DIR = fileURLToPath(new URL('../../modules/', import.meta.url));

export interface DiscoverOptions {
  /** Where the plugin folders are (default: `modules/` of this checkout). */
  dir?: string;
  /**
   * The registry holds every manifest of the manifest folder, so a plugin
   * folder without a manifest is a mistake. Off for registries made of a
   * subset of the manifests (tests).
   */
  complete?: boolean;
}

/** The plugin file of a folder, if there is one (source under tsx/jest, compiled under dist/). */
function pluginFile(dir: string, id: string): string | undefined {
  return ['index.ts', 'index.js'].map((name) => join(dir, id, name)).find((file) => existsSync(file));
}

const displayPath = (id: string): string => `modules/${id}/index.ts`;

export async function discoverPlugins(registry: Registry, options: DiscoverOptions = {}): Promise<ModulePlugin[]> {
  const dir = options.dir ?? DEFAULT_MODULES_DIR;
  const problems: ManifestProblem[] = [];
  const plugins: ModulePlugin[] = [];
  for (const module of registry.modules) {
    if (module.id === CORE_MODULE_ID) continue;
    const file = pluginFile(dir, module.id);
    if (!file) continue;
    const loaded = (await import(file)) as { default?: unknown };
    const plugin = loaded.default as ModulePlugin | undefined;
    if (!plugin || typeof plugin !== 'object' || typeof plugin.module !== 'string') {
      problems.push({ file: displayPath(module.id), pointer: '', message: `the default export must be the module's plugin: export default definePlugin({ module: '${module.id}', … })` });
      continue;
    }
    if (plugin.module !== module.id) {
      problems.push({ file: displayPath(module.id), pointer: '/module', message: `the plugin says module "${plugin.module}" but lives in the folder of module "${module.id}" (${module.file}); they must be the same` });
      continue;
    }
    plugins.push(plugin);
  }
  if (options.complete && existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (!statSync(join(dir, name)).isDirectory() || !pluginFile(dir, name) || registry.module(name)) continue;
      problems.push({ file: displayPath(name), pointer: '', message: `a plugin for module "${name}", but no manifest declares that module (expected module-manifests/${name}.json)` });
    }
  }
  if (problems.length) throw new ManifestError(problems);
  return plugins;
}
