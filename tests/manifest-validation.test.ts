/**
 * Every class of manifest mistake is reported with the file, the JSON pointer
 * and a message that says what is wrong, before anything touches a database.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { DEFAULT_MANIFEST_DIR, loadRegistry } from '../core/manifest/index.js';
import { renderManifestTypes, renderManifestValidators } from '../scripts/gen-types.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Json = Record<string, unknown>;

/** A small valid module; tests change one thing in it. */
function shop(overrides: Json = {}): Json {
  return {
    id: 'shop',
    version: '1.0.0',
    label: 'Shop',
    entities: [
      {
        name: 'item',
        fields: [
          { name: 'title', type: 'string', required: true },
          { name: 'owner', type: 'reference', target: 'core.user' },
          { name: 'status', type: 'enum', values: ['draft', 'live'] },
        ],
      },
    ],
    roles: [{ name: 'clerk' }],
    permissions: { clerk: [{ action: 'read', subject: 'item' }] },
    ...overrides,
  };
}

/** Writes the manifests (objects are serialised, strings written as they are) into a fresh folder. */
function writeManifests(files: Record<string, Json | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-manifests-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

/** The problems loading these manifests reports (fails the test when the load succeeds). */
function problemsOf(files: Record<string, Json | string>): { dir: string; problems: ManifestProblem[] } {
  const dir = writeManifests(files);
  try {
    loadRegistry({ dir });
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return { dir, problems: (err as ManifestError).problems };
  }
  throw new Error('the manifests loaded without problems');
}

function withRule(rule: Json): Json {
  return shop({ permissions: { clerk: [rule] } });
}

function withItemFields(fields: Json[]): Json {
  return shop({ entities: [{ name: 'item', fields }] });
}

describe('manifest validation', () => {
  it('the fixture module itself is valid', () => {
    const registry = loadRegistry({ dir: writeManifests({ 'shop.json': shop() }) });
    expect(registry.entity('shop.item')?.field.get('owner')?.target).toBe('core.user');
  });

  it('reports an unknown field type, naming the value and the allowed types', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withItemFields([{ name: 'title', type: 'strng' }]) });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/entities/0/fields/0/type', message: expect.stringMatching(/"strng".*string, text, integer/) },
    ]);
  });

  it('reports a reference to an unknown entity', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withItemFields([{ name: 'shelf', type: 'reference', target: 'shelf' }]) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/entities/0/fields/0/target', message: 'reference to unknown entity "shelf"' }]);
  });

  it('reports a reference to an entity of a module that is not in dependsOn', () => {
    const stock = { id: 'stock', version: '1.0.0', label: 'Stock', entities: [{ name: 'bin', fields: [{ name: 'code', type: 'string' }] }] };
    const { dir, problems } = problemsOf({
      'stock.json': stock,
      'shop.json': withItemFields([{ name: 'bin', type: 'reference', target: 'stock.bin' }]),
    });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/entities/0/fields/0/target', message: 'reference to unknown entity "stock.bin" (module "stock" is not in dependsOn)' },
    ]);
    // The same reference is fine once the dependency is declared.
    const ok = loadRegistry({ dir: writeManifests({ 'stock.json': stock, 'shop.json': { ...withItemFields([{ name: 'bin', type: 'reference', target: 'stock.bin' }]), dependsOn: ['stock'] } }) });
    expect(ok.entity('shop.item')?.field.get('bin')?.target).toBe('stock.bin');
  });

  it('reports a duplicate entity name', () => {
    const entity = { name: 'item', fields: [{ name: 'title', type: 'string' }] };
    const { dir, problems } = problemsOf({ 'shop.json': shop({ entities: [entity, entity] }) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/entities/1/name', message: 'duplicate entity name "item"' }]);
  });

  it('reports a duplicate field name', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withItemFields([{ name: 'title', type: 'string' }, { name: 'title', type: 'text' }]) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/entities/0/fields/1/name', message: 'duplicate field name "title" in entity "item"' }]);
  });

  it('reports a system column declared as a field', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withItemFields([{ name: 'title', type: 'string' }, { name: 'created_at', type: 'datetime' }]) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/entities/0/fields/1/name', message: '"created_at" is a system column and cannot be declared' }]);
  });

  it('reports a rule on an unknown subject', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withRule({ action: 'read', subject: 'basket' }) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/permissions/clerk/0/subject', message: 'rule on unknown subject "basket"' }]);
  });

  it('reports a rule whose `fields` names an unknown field', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withRule({ action: 'read', subject: 'item', fields: ['title', 'price'] }) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/permissions/clerk/0/fields/1', message: 'unknown field "price" on shop.item' }]);
  });

  it('reports a condition on an unknown field, and on an unknown field behind a reference', () => {
    const { dir, problems } = problemsOf({
      'shop.json': withRule({ action: 'read', subject: 'item', conditions: { price: 3, 'owner.nickname': 'x' } }),
    });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/permissions/clerk/0/conditions/price', message: 'unknown field "price" on shop.item' },
      { file: join(dir, 'shop.json'), pointer: '/permissions/clerk/0/conditions/owner.nickname', message: 'unknown field "nickname" on core.user (in "owner.nickname")' },
    ]);
  });

  it('reports an unknown operator in a condition', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withRule({ action: 'read', subject: 'item', conditions: { title: { $regex: '^A' } } }) });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/permissions/clerk/0/conditions/title/$regex', message: expect.stringMatching(/^unknown operator "\$regex" \(allowed: \$eq, \$ne/) },
    ]);
  });

  it('reports condition values the column cannot hold: a word for an enum, a name for a reference, ${now} for a user', () => {
    const { dir, problems } = problemsOf({
      'shop.json': withRule({ action: 'read', subject: 'item', conditions: { status: { $in: ['live', 'gone'] }, owner: 'alice', $or: [{ owner: '${now}' }, { version: 'two' }] } }),
    });
    const file = join(dir, 'shop.json');
    expect(problems).toEqual([
      { file, pointer: '/permissions/clerk/0/conditions/status', message: '"gone" cannot be compared with "status": expected one of draft, live' },
      { file, pointer: '/permissions/clerk/0/conditions/owner', message: '"alice" cannot be compared with "owner": expected a record id' },
      { file, pointer: '/permissions/clerk/0/conditions/$or/0/owner', message: '${now} cannot be compared with "owner" (reference)' },
      { file, pointer: '/permissions/clerk/0/conditions/$or/1/version', message: '"two" cannot be compared with "version": expected a whole number' },
    ]);
  });

  it('reports an unknown placeholder', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withRule({ action: 'read', subject: 'item', conditions: { owner: '${user.nope}' } }) });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/permissions/clerk/0/conditions/owner', message: expect.stringMatching(/^unknown placeholder "\$\{user\.nope\}" \(known: \$\{user\.id\}/) },
    ]);
  });

  it('reports a dependency cycle between two modules', () => {
    const mod = (id: string, dep: string): Json => ({ id, version: '1.0.0', label: id, dependsOn: [dep], entities: [] });
    const { dir, problems } = problemsOf({ 'alpha.json': mod('alpha', 'beta'), 'beta.json': mod('beta', 'alpha') });
    expect(problems).toEqual([{ file: join(dir, 'alpha.json'), pointer: '/dependsOn', message: 'dependency cycle: alpha → beta → alpha' }]);
  });

  it('reports a dependency on an unknown module', () => {
    const { dir, problems } = problemsOf({ 'shop.json': shop({ dependsOn: ['billing'] }) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/dependsOn/0', message: 'depends on unknown module "billing"' }]);
  });

  it('reports invalid JSON with the parser message', () => {
    const { dir, problems } = problemsOf({ 'shop.json': '{ "id": "shop", "version": "1.0.0",, }' });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '', message: expect.stringMatching(/^cannot read JSON: .+/) }]);
  });

  it('reports a module id that does not match the file name', () => {
    const { dir, problems } = problemsOf({ 'store.json': shop() });
    expect(problems).toEqual([{ file: join(dir, 'store.json'), pointer: '/id', message: 'module id "shop" must match the file name "store.json"' }]);
  });

  it('reports an enum without values', () => {
    const { dir, problems } = problemsOf({ 'shop.json': withItemFields([{ name: 'title', type: 'string' }, { name: 'size', type: 'enum' }]) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/entities/0/fields/1', message: 'an enum field needs "values"' }]);
  });

  it('reports defaults that are invalid for their field: wrong type, not an allowed value, outside the field limits', () => {
    const { dir, problems } = problemsOf({
      'shop.json': withItemFields([
        { name: 'stock', type: 'integer', default: 'many' },
        { name: 'size', type: 'enum', values: ['s', 'm'], default: 'xl' },
        { name: 'shelf_count', type: 'integer', min: 1, max: 10, default: 0 },
        { name: 'code', type: 'string', pattern: '^[A-Z]+$', default: 'abc' },
        { name: 'opened_on', type: 'date', default: 'yesterday' },
      ]),
    });
    const file = join(dir, 'shop.json');
    expect(problems).toEqual([
      { file, pointer: '/entities/0/fields/0/default', message: 'default must be an integer' },
      { file, pointer: '/entities/0/fields/1/default', message: 'default must be one of s, m' },
      { file, pointer: '/entities/0/fields/2/default', message: 'default must be at least 1' },
      { file, pointer: '/entities/0/fields/3/default', message: expect.stringMatching(/^default does not have the expected format/) },
      { file, pointer: '/entities/0/fields/4/default', message: 'default must be a date (YYYY-MM-DD)' },
    ]);
  });

  it('reports every problem of a file at once, each at its own place', () => {
    const { problems } = problemsOf({
      'shop.json': shop({
        entities: [{ name: 'item', fields: [{ name: 'id', type: 'string' }, { name: 'kind', type: 'enum' }] }],
        permissions: { clerk: [{ action: 'read', subject: 'basket' }] },
      }),
    });
    expect(problems.map((p) => p.pointer)).toEqual(['/entities/0/fields/0/name', '/entities/0/fields/1', '/permissions/clerk/0/subject']);
  });
});

describe('system types', () => {
  const shipped = 'module-manifests/system-types.json';

  it('reports a system type no one declares, naming where to declare it', () => {
    const { dir, problems } = problemsOf({ 'shop.json': shop({ systemTypes: ['library', 'spaceship'] }) });
    expect(problems).toEqual([
      {
        file: join(dir, 'shop.json'),
        pointer: '/systemTypes/1',
        message: `unknown system type "spaceship" (declare it in ${shipped}, or here with a label: { "name": "spaceship", "label": "…" })`,
      },
    ]);
  });

  it('reports a system type declared without a label, in a manifest and in system-types.json', () => {
    const { dir, problems } = problemsOf({
      'shop.json': shop({ systemTypes: [{ name: 'market' }] }),
      'system-types.json': { systemTypes: [{ name: 'bazaar' }, { name: 'souk', label: '' }] },
    });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/systemTypes/0', message: 'system type "market" has no label (add "label": "…")' },
      { file: join(dir, 'system-types.json'), pointer: '/systemTypes/0', message: 'system type "bazaar" has no label (add "label": "…")' },
      { file: join(dir, 'system-types.json'), pointer: '/systemTypes/1/label', message: 'must NOT have fewer than 1 characters' },
    ]);
  });

  it('reports an entry that is neither a name nor a declaration, and a bad name, once each', () => {
    const { dir, problems } = problemsOf({ 'shop.json': shop({ systemTypes: [7, 'Market'] }) });
    expect(problems).toEqual([
      { file: join(dir, 'shop.json'), pointer: '/systemTypes/0', message: 'must be a system type name or { "name": …, "label": … }' },
      { file: join(dir, 'shop.json'), pointer: '/systemTypes/1', message: 'must match pattern "^[a-z][a-z0-9_]*$"' },
    ]);
  });

  it('reports a duplicate in system-types.json, a type listed twice and a label that contradicts another declaration', () => {
    const { dir, problems } = problemsOf({
      'system-types.json': { systemTypes: [{ name: 'market', label: 'Market' }, { name: 'market', label: 'Market' }] },
      'shop.json': shop({ systemTypes: ['market', { name: 'market', label: 'Bazaar' }] }),
    });
    expect(problems).toEqual([
      { file: join(dir, 'system-types.json'), pointer: '/systemTypes/1/name', message: 'duplicate system type "market" (also at /systemTypes/0)' },
      { file: join(dir, 'shop.json'), pointer: '/systemTypes/1/label', message: `system type "market" is labelled "Bazaar" here but "Market" in ${join(dir, 'system-types.json')}#/systemTypes/0` },
      { file: join(dir, 'shop.json'), pointer: '/systemTypes/1', message: 'system type "market" is listed twice' },
    ]);
  });

  it('a manifest may declare a new type with its label; another may list it by name', () => {
    const registry = loadRegistry({
      dir: writeManifests({
        'shop.json': shop({ systemTypes: [{ name: 'market', label: 'Market hall' }, 'library'] }),
        'stall.json': { id: 'stall', version: '1.0.0', label: 'Stall', systemTypes: ['market'], entities: [] },
      }),
    });
    expect(registry.systemTypes.get('market')).toMatchObject({ label: 'Market hall', modules: ['shop', 'stall'], source: expect.stringMatching(/shop\.json#\/systemTypes\/0$/) });
    expect(registry.systemTypes.get('library')).toMatchObject({ label: 'Library', modules: ['shop'] });
    expect(registry.module('shop')?.systemTypes).toEqual(['market', 'library']);
    // The shipped types stay declared (and creatable) although no module here lists them.
    expect([...registry.systemTypes.keys()]).toEqual(['institute', 'hospital', 'hotel', 'library', 'inventory', 'hr', 'task', 'gym', 'market']);
  });

  it("a manifest folder's own system-types.json replaces the shipped list and is not read as a module", () => {
    const own = { systemTypes: [{ name: 'market', label: 'Market' }] };
    const registry = loadRegistry({ dir: writeManifests({ 'system-types.json': own, 'shop.json': shop({ systemTypes: ['market'] }) }) });
    expect([...registry.systemTypes.keys()]).toEqual(['market']);
    expect(registry.modules.map((m) => m.id)).toEqual(['core', 'shop']);
    const { dir, problems } = problemsOf({ 'system-types.json': own, 'shop.json': shop({ systemTypes: ['library'] }) });
    expect(problems).toEqual([{ file: join(dir, 'shop.json'), pointer: '/systemTypes/0', message: expect.stringContaining(`unknown system type "library" (declare it in ${join(dir, 'system-types.json')}`) }]);
  });
});

describe('the shipped manifests', () => {
  it('load without problems, one module per file, core first', () => {
    const registry = loadRegistry();
    const files = readdirSync(DEFAULT_MANIFEST_DIR).filter((f) => f.endsWith('.json') && f !== 'system-types.json').map((f) => f.replace(/\.json$/, ''));
    expect(files.length).toBeGreaterThan(0);
    expect(registry.modules[0].id).toBe('core');
    expect(registry.modules.slice(1).map((m) => m.id).sort()).toEqual(files.sort());
    expect(registry.module('library')?.entities.map((e) => e.name)).toEqual(['book', 'member', 'loan', 'fine_setting', 'membership_request']);
  });

  it('declare the eight system types with their labels; each module lists declared ones', () => {
    const registry = loadRegistry();
    expect([...registry.systemTypes.values()].map((t) => [t.name, t.label])).toEqual([
      ['institute', 'Institute'],
      ['hospital', 'Hospital'],
      ['hotel', 'Hotel'],
      ['library', 'Library'],
      ['inventory', 'Inventory'],
      ['hr', 'HR & Payroll'],
      ['task', 'Project Office'],
      ['gym', 'Gym'],
    ]);
    expect(registry.systemTypes.get('library')?.modules).toEqual(['library']);
    expect(registry.systemTypes.get('institute')?.modules).toEqual(['institute', 'admissions', 'coursework', 'hostel', 'parents', 'student_leave', 'timetable']);
  });

  it('core/manifest/manifest.types.ts is generated from the current schema', async () => {
    const onDisk = readFileSync(fileURLToPath(new URL('../core/manifest/manifest.types.ts', import.meta.url)), 'utf8');
    expect(onDisk).toBe(await renderManifestTypes());
  });

  it('core/manifest/manifest.validators.ts (the validation code loaded at start) is generated from the current schemas', async () => {
    const onDisk = readFileSync(fileURLToPath(new URL('../core/manifest/manifest.validators.ts', import.meta.url)), 'utf8');
    expect(onDisk).toBe(await renderManifestValidators());
  });
});
