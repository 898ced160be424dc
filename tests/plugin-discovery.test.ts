/**
 * Plugins are found by convention: the plugin of manifest `<id>` is the
 * default export of `modules/<id>/index.ts`. A folder whose module has no
 * manifest, or whose plugin names another module, stops the start naming both.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { DEFAULT_MODULES_DIR, discoverPlugins } from '../core/plugins/discover.js';
import { PluginRegistry } from '../core/plugins/registry.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function modulesDir(plugins: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-plugins-'));
  dirs.push(dir);
  for (const [folder, source] of Object.entries(plugins)) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'index.ts'), source);
  }
  return dir;
}

async function problemsOf(dir: string, complete: boolean): Promise<string[]> {
  try {
    await discoverPlugins(loadRegistry(), { dir, complete });
    return [];
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems.map((p) => `${p.file}#${p.pointer}: ${p.message}`);
  }
}

describe('plugin discovery', () => {
  it('finds the shipped plugins in modules/ by their folders', async () => {
    const plugins = await discoverPlugins(loadRegistry(), { dir: DEFAULT_MODULES_DIR, complete: true });
    expect(plugins.map((p) => p.module).sort()).toEqual(['admissions', 'coursework', 'gym', 'hospital', 'hostel', 'hotel', 'hr', 'institute', 'inventory', 'library', 'parents', 'student_leave', 'task', 'timetable']);
  });

  it('a plugin folder without a manifest stops the start, naming the folder and the missing manifest', async () => {
    const dir = modulesDir({ library: "export default { module: 'library' };\n", spa: "export default { module: 'spa' };\n" });
    expect(await problemsOf(dir, true)).toEqual(['modules/spa/index.ts#: a plugin for module "spa", but no manifest declares that module (expected module-manifests/spa.json)']);
    // With a registry made of some manifests only (tests), an extra folder is not a mistake.
    expect(await problemsOf(dir, false)).toEqual([]);
  });

  it('a plugin naming another module than its folder stops the start, naming both', async () => {
    const dir = modulesDir({ library: "export default { module: 'books' };\n" });
    expect(await problemsOf(dir, false)).toEqual([expect.stringMatching(/^modules\/library\/index\.ts#\/module: the plugin says module "books" but lives in the folder of module "library"/)]);
  });

  it('a folder whose index has no plugin as default export is refused', async () => {
    const dir = modulesDir({ library: 'export const plugin = 1;\n' });
    expect(await problemsOf(dir, false)).toEqual([expect.stringMatching(/^modules\/library\/index\.ts#: the default export must be the module's plugin/)]);
  });

  it('a module without a plugin folder simply has no plugin', async () => {
    expect(await discoverPlugins(loadRegistry(), { dir: modulesDir({}), complete: true })).toEqual([]);
  });

  it('hooks on another module’s entity (`<module>.<entity>`) need that module in dependsOn', () => {
    const registry = loadRegistry();
    const problemsOfHooks = (module: string, hooks: Record<string, object>): string[] => {
      try {
        new PluginRegistry(registry, [{ module, hooks }]);
        return [];
      } catch (err) {
        if (!(err instanceof ManifestError)) throw err;
        return err.problems.map((p) => `${p.file}#${p.pointer}: ${p.message}`);
      }
    };
    // parents depends on the institute: allowed. The library does not: refused, naming the dependency.
    expect(problemsOfHooks('parents', { 'institute.fee_invoice': { afterUpdate: () => undefined } })).toEqual([]);
    expect(problemsOfHooks('library', { 'institute.fee_invoice': { afterUpdate: () => undefined } })).toEqual(['modules/library/index.ts#/hooks/institute.fee_invoice: hooks on "institute.fee_invoice" need module "institute" in dependsOn']);
    expect(problemsOfHooks('parents', { 'institute.nothing': {} })).toEqual(['modules/parents/index.ts#/hooks/institute.nothing: hooks for unknown entity "institute.nothing"']);
  });
});
