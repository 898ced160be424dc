/**
 * `module:new <id>`: a starting point for a domain module — a valid manifest
 * with one entity, one role and its permission, an empty plugin in
 * modules/<id>/index.ts (found there by convention: nothing else to edit), and
 * a test that loads the registry and the plugin.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UmsError } from '../errors.js';
import { CORE_MODULE_ID, snakeToLabel } from '../manifest/model.js';
import { stringOption, UsageError } from './args.js';
import { defineCommand, type Command } from './command.js';
import { invocation } from './output.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const MODULE_ID = /^[a-z][a-z0-9_]*$/;
const MAX_ID_LENGTH = 40; // the manifest schema's Identifier

export interface ScaffoldResult {
  files: string[];
}

export function scaffoldModule(id: string, root: string = REPO_ROOT): ScaffoldResult {
  if (!MODULE_ID.test(id)) throw new UsageError(`invalid module id "${id}": use lowercase letters, digits and underscores, starting with a letter (e.g. "fleet" or "lab_tests")`, 'module:new');
  if (id.length > MAX_ID_LENGTH) throw new UsageError(`invalid module id "${id}": at most ${MAX_ID_LENGTH} characters`, 'module:new');
  if (id === CORE_MODULE_ID) throw new UmsError('CONFLICT', '"core" is reserved for the runtime; choose another module id.');

  const paths = {
    manifest: join(root, 'module-manifests', `${id}.json`),
    plugin: join(root, 'modules', id, 'index.ts'),
    test: join(root, 'tests', `${id}.test.ts`),
  };
  const taken = [paths.manifest, join(root, 'modules', id), paths.test].filter((p) => existsSync(p));
  if (taken.length) throw new UmsError('CONFLICT', `Module "${id}" already exists: ${taken.map((p) => show(p, root)).join(', ')}. Choose another id, or remove those first.`);
  if (!existsSync(join(root, 'module-manifests'))) throw new UmsError('NOT_FOUND', `${join(root, 'module-manifests')} not found: --dir must be a UMS checkout.`);

  const label = snakeToLabel(id);
  writeFile(paths.manifest, `${formatJson(manifestFor(id, label))}\n`);
  writeFile(paths.plugin, pluginSource(id, label));
  writeFile(paths.test, testSource(id));
  return { files: [paths.manifest, paths.plugin, paths.test] };
}

const show = (path: string, root: string): string => relative(root, path) || path;

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { flag: 'wx' });
}

/** Role names are per module (its key is `<id>.manager`), so the scaffold's one role needs no prefix. */
const roleName = (_id: string): string => 'manager';

export function manifestFor(id: string, label: string): Record<string, unknown> {
  const role = roleName(id);
  return {
    $schema: '../core/manifest/manifest.schema.json',
    id,
    version: '0.1.0',
    label,
    description: `${label}: describe what this module manages.`,
    systemTypes: [],
    entities: [
      {
        name: 'item',
        label: 'Item',
        pluralLabel: 'Items',
        titleField: 'name',
        fields: [
          { name: 'name', type: 'string', required: true, maxLength: 200 },
          { name: 'notes', type: 'text' },
        ],
        list: { columns: ['name'], sort: { field: 'name', direction: 'asc' } },
      },
    ],
    roles: [{ name: role, label: `${label} manager`, description: `Manages the ${label.toLowerCase()} records` }],
    permissions: { [role]: [{ action: 'manage', subject: 'item' }] },
  };
}

/** JSON in the style of module-manifests/library.json: a value that fits on a line stays on one line. */
export function formatJson(value: unknown, indent = ''): string {
  const inline = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
    }
    return JSON.stringify(v);
  };
  const flat = inline(value);
  if (!value || typeof value !== 'object' || indent.length + flat.length <= 100) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  return `{\n${Object.entries(value)
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`)
    .join(',\n')}\n${indent}}`;
}

function pluginSource(id: string, label: string): string {
  return `/**
 * ${label} behaviour a manifest cannot express: hooks around the record
 * pipeline (keyed by entity name), custom record actions, job handlers and
 * demo seeding. Everything comes from core/sdk.ts (the only import module code
 * may use); see the README's plugin API, and modules/library/index.ts for an example.
 */
import { definePlugin } from '../../core/sdk.js';

export default definePlugin({
  module: '${id}',
  hooks: {},
});
`;
}

function testSource(id: string): string {
  return `import { describe, expect, it } from '@jest/globals';
import { loadRegistry } from '../core/manifest/index.js';
import { discoverPlugins } from '../core/plugins/discover.js';

describe('${id} module', () => {
  it('loads its manifest with the item entity', () => {
    const registry = loadRegistry();
    const item = registry.entity('${id}.item');
    expect(item?.table).toBe('${id}_item');
    expect(item?.field.get('name')?.required).toBe(true);
    expect(registry.module('${id}')?.roles.map((r) => r.key)).toContain('${id}.${roleName(id)}');
  });

  it('has its plugin found in modules/${id}/', async () => {
    const plugins = await discoverPlugins(loadRegistry());
    expect(plugins.map((p) => p.module)).toContain('${id}');
  });
});
`;
}

const moduleNew = defineCommand({
  name: 'module:new',
  summary: 'Scaffold a module: manifest, plugin and a test',
  positionals: { names: ['id'] },
  options: { dir: { type: 'string', value: '<root>', description: 'Checkout to write into (default: this repository)' } },
  details:
    'Writes module-manifests/<id>.json (one entity, one role, one permission), modules/<id>/index.ts and tests/<id>.test.ts;\n' +
    'the plugin is found by its folder, nothing else needs editing. The id is lowercase letters, digits and underscores; an existing module is never overwritten.',
  examples: ['module:new fleet'],
  async run({ io, values, positionals }) {
    const [id] = positionals;
    const root = resolve(stringOption(values, 'dir') ?? REPO_ROOT);
    const result = scaffoldModule(id, root);
    io.out(`Created module "${id}" in ${root}:`);
    for (const f of result.files) io.out(`  ${show(f, root)}`);
    io.out('\nNext steps:');
    io.out(`  1. Describe the entities in module-manifests/${id}.json, then check it: ${invocation(`manifest:validate module-manifests/${id}.json`)}`);
    io.out(`  2. Create its tables: ${invocation(`migrations:generate --name ${id}`)} && ${invocation('migrate')}`);
    io.out(`  3. Turn it on for an organization: ${invocation(`module:enable <org-slug> ${id}`)} (or list a system type in "systemTypes")`);
    io.out(`  4. Run its test: npm test -- tests/${id}.test.ts`);
  },
});

export const scaffoldCommands: Command[] = [moduleNew];
