/**
 * Reads manifests, validates them (JSON Schema first, then the cross-references a
 * schema cannot express) and resolves them into the Registry. Every problem names
 * the file, the JSON pointer and what is wrong; any problem aborts the load
 * before anything touches the database.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { checkFieldValue } from './validation.js';
import { ManifestError, type ManifestProblem } from '../errors.js';
import { parseConditions, parsePlaceholder, type ConditionNode, type ConditionProblem } from './conditions.js';
import { lookupOf, resolvePath, type EntityLookup, type ResolvedPath } from './paths.js';
import { resolveWorkflows } from './workflows.js';
import { resolveRoleRef, roleDisplayLabel, roleKey, type ResolvedRole } from './roles.js';
import {
  DEFAULT_SYSTEM_TYPES_PATH,
  SYSTEM_TYPES_FILE,
  SYSTEM_TYPES_SCHEMA_PATH,
  declarationsOf,
  oneSystemTypeBranch,
  resolveSystemTypes,
  systemTypeNames,
  type Declaration,
  type SystemTypesFile,
} from './system-types.js';
import type { FieldType, ModuleManifest, PermissionRule } from './manifest.types.js';
import {
  CORE_MODULE_ID,
  isUuid,
  SYSTEM_FIELDS,
  snakeToLabel,
  type Registry,
  type ResolvedEntity,
  type ResolvedField,
  type ResolvedModule,
  type ResolvedRule,
  type ResolvedSystemType,
} from './model.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const MANIFEST_SCHEMA_PATH = join(here, 'manifest.schema.json');
export const CORE_MANIFEST_PATH = join(here, 'core-module.json');
export const DEFAULT_MANIFEST_DIR = fileURLToPath(new URL('../../module-manifests/', import.meta.url));

// verbose: errors carry the offending value, so messages can name it.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
ajv.addKeyword('tsType');
addFormats.default(ajv);
const validateSchema = ajv.compile<ModuleManifest>(JSON.parse(readFileSync(MANIFEST_SCHEMA_PATH, 'utf8')));
// After the manifest schema: it refers to the manifest's SystemType definition.
const validateSystemTypes = ajv.compile<SystemTypesFile>(JSON.parse(readFileSync(SYSTEM_TYPES_SCHEMA_PATH, 'utf8')));

interface SourceManifest {
  file: string;
  manifest: ModuleManifest;
}

const CRUD = ['manage', 'create', 'read', 'update', 'delete'];

/**
 * Loads core + every `*.json` in `dir` (or the given files) into a validated registry. The system
 * types come from the `system-types.json` among them, else from the shipped
 * module-manifests/system-types.json.
 */
export function loadRegistry(options: { dir?: string; files?: string[] } = {}): Registry {
  const dir = options.dir ?? DEFAULT_MANIFEST_DIR;
  const listed = options.files ?? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
  const files = listed.filter((f) => basename(f) !== SYSTEM_TYPES_FILE);
  const systemTypesPath = listed.find((f) => basename(f) === SYSTEM_TYPES_FILE) ?? DEFAULT_SYSTEM_TYPES_PATH;
  const problems: ManifestProblem[] = [];
  const sources: SourceManifest[] = [];
  for (const path of [CORE_MANIFEST_PATH, ...files]) {
    const source = readManifest(path, problems);
    if (source) sources.push(source);
  }
  const systemTypesFile = displayPath(systemTypesPath);
  const systemTypes = readValidated(systemTypesPath, validateSystemTypes, problems, oneSystemTypeBranch);
  if (problems.length) throw new ManifestError(problems);
  const registry = resolve(sources, systemTypes ? declarationsOf(systemTypes, systemTypesFile) : [], systemTypesFile, problems);
  if (problems.length) throw new ManifestError(problems);
  return registry;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** A JSON file checked against its schema; undefined (and problems) when it cannot be read or is invalid. */
function readValidated<T>(path: string, validate: ValidateFunction<T>, problems: ManifestProblem[], simplify = (e: ErrorObject[], _json: unknown) => e): T | undefined {
  const file = displayPath(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push({ file, pointer: '', message: `cannot read JSON: ${(err as Error).message}` });
    return undefined;
  }
  if (!validate(json)) {
    for (const e of simplify(validate.errors ?? [], json)) problems.push({ file, pointer: e.instancePath, message: describeAjvError(e) });
    return undefined;
  }
  return json;
}

function readManifest(path: string, problems: ManifestProblem[]): SourceManifest | undefined {
  const file = displayPath(path);
  const json = readValidated(path, validateSchema, problems, oneSystemTypeBranch);
  if (!json) return undefined;
  const expected = basename(path, '.json');
  if (path !== CORE_MANIFEST_PATH && json.id !== expected) {
    problems.push({ file, pointer: '/id', message: `module id "${json.id}" must match the file name "${expected}.json"` });
  }
  return { file, manifest: json };
}

function describeAjvError(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `unknown value ${JSON.stringify(e.data)} (allowed: ${(e.params.allowedValues as unknown[]).map(String).join(', ')})`;
  return e.message ?? e.keyword;
}

function resolve(sources: SourceManifest[], declaredSystemTypes: Declaration[], systemTypesFile: string, problems: ManifestProblem[]): Registry {
  const byId = new Map<string, SourceManifest>();
  sources.forEach((s, i) => {
    if (byId.has(s.manifest.id)) problems.push({ file: s.file, pointer: '/id', message: `duplicate module id "${s.manifest.id}" (also in ${byId.get(s.manifest.id)!.file})` });
    else byId.set(s.manifest.id, s);
    if (i > 0 && s.manifest.id === CORE_MODULE_ID) problems.push({ file: s.file, pointer: '/id', message: '"core" is reserved for the runtime' });
  });
  const order = dependencyOrder(byId, problems);
  if (problems.length) return emptyRegistry();

  // Pass 1: entities and fields, so references can be linked across modules.
  const entities = new Map<string, ResolvedEntity>();
  const modules: ResolvedModule[] = order.map((id) => {
    const { file, manifest } = byId.get(id)!;
    return {
      id,
      label: manifest.label,
      icon: manifest.icon,
      version: manifest.version,
      file,
      systemTypes: systemTypeNames(manifest),
      dependsOn: manifest.dependsOn ?? [],
      entities: resolveEntities(file, manifest, entities, problems),
      roles: (manifest.roles ?? []).map((r) => {
        const label = r.label ?? snakeToLabel(r.name);
        return { key: roleKey(id, r.name), name: r.name, module: id, label, displayLabel: roleDisplayLabel(label, id, manifest.label), description: r.description };
      }),
      rules: new Map(),
      dashboard: [],
      workflows: [],
      manifest,
    };
  });
  // Pass 2: everything that points at entities, fields and roles.
  // Roles are per module: `library.member` and `gym.member` are two roles; core's keep their bare names.
  const roles = new Map<string, ResolvedRole>();
  for (const m of modules) {
    m.roles.forEach((r, i) => {
      if (roles.has(r.key)) problems.push({ file: m.file, pointer: `/roles/${i}/name`, message: `duplicate role "${r.name}"` });
      else if (m.id !== CORE_MODULE_ID && roles.get(r.name)?.module === CORE_MODULE_ID) {
        problems.push({ file: m.file, pointer: `/roles/${i}/name`, message: `"${r.name}" is a core role (${roles.get(r.name)!.label}); grant it rules under "permissions" instead of declaring it again` });
      } else roles.set(r.key, r);
    });
  }
  const workflowOf = new Map<string, string>();
  for (const m of modules) {
    const visible = visibleModules(m.id, byId);
    linkReferences(m, entities, visible, problems);
    m.rules = resolvePermissions(m, entities, roles, visible, problems);
    m.dashboard = (m.manifest.dashboard ?? []).map((card, i) => {
      const pointer = `/dashboard/${i}`;
      const entity = lookupEntity(card.entity, m.id, entities, visible);
      if (!entity) {
        problems.push({ file: m.file, pointer: `${pointer}/entity`, message: `unknown entity "${card.entity}"` });
        return { label: card.label, entity: card.entity };
      }
      if (card.conditions) checkConditions(card.conditions, entity, entities, m.file, `${pointer}/conditions`, problems);
      return { label: card.label, entity: entity.key, conditions: card.conditions };
    });
    m.workflows = resolveWorkflows({ module: m, entities, roles, visible, problems, checkConditions }, workflowOf);
  }
  const systemTypes = resolveSystemTypes(declaredSystemTypes, modules, systemTypesFile, problems);
  return makeRegistry(modules, entities, roles, systemTypes);
}

function emptyRegistry(): Registry {
  return makeRegistry([], new Map(), new Map(), new Map());
}

function makeRegistry(
  modules: ResolvedModule[],
  entities: Map<string, ResolvedEntity>,
  roles: Map<string, ResolvedRole>,
  systemTypes: Map<string, ResolvedSystemType>,
): Registry {
  const byId = new Map(modules.map((m) => [m.id, m]));
  const workflows = new Map(modules.flatMap((m) => m.workflows.map((w) => [w.entity, w] as const)));
  return {
    workflow: (entityKey) => workflows.get(entityKey),
    modules,
    module: (id) => byId.get(id),
    entity: (key) => entities.get(key),
    entities: [...entities.values()],
    roles,
    systemTypes,
  };
}

/** Topological order, core first; reports unknown dependencies and cycles. */
function dependencyOrder(byId: Map<string, SourceManifest>, problems: ManifestProblem[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    const s = state.get(id);
    if (s === 'done') return;
    const src = byId.get(id)!;
    if (s === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id].join(' → ');
      problems.push({ file: src.file, pointer: '/dependsOn', message: `dependency cycle: ${cycle}` });
      return;
    }
    state.set(id, 'visiting');
    (src.manifest.dependsOn ?? []).forEach((dep, i) => {
      if (!byId.has(dep)) problems.push({ file: src.file, pointer: `/dependsOn/${i}`, message: `depends on unknown module "${dep}"` });
      else visit(dep, [...trail, id]);
    });
    state.set(id, 'done');
    order.push(id);
  };
  if (byId.has(CORE_MODULE_ID)) visit(CORE_MODULE_ID, []);
  [...byId.keys()].sort().forEach((id) => visit(id, []));
  return order;
}

/** A module sees its own entities, those of its (transitive) dependencies, and core's. */
function visibleModules(id: string, byId: Map<string, SourceManifest>): Set<string> {
  const out = new Set<string>([id, CORE_MODULE_ID]);
  const walk = (m: string): void => {
    for (const dep of byId.get(m)?.manifest.dependsOn ?? []) {
      if (!out.has(dep)) {
        out.add(dep);
        walk(dep);
      }
    }
  };
  walk(id);
  return out;
}

function lookupEntity(ref: string, moduleId: string, entities: Map<string, ResolvedEntity>, visible: Set<string>): ResolvedEntity | undefined {
  const key = ref.includes('.') ? ref : `${moduleId}.${ref}`;
  const entity = entities.get(key);
  return entity && visible.has(entity.module) ? entity : undefined;
}

function resolveEntities(file: string, manifest: ModuleManifest, all: Map<string, ResolvedEntity>, problems: ManifestProblem[]): ResolvedEntity[] {
  const seen = new Set<string>();
  return manifest.entities.map((e, ei) => {
    const pointer = `/entities/${ei}`;
    if (seen.has(e.name)) problems.push({ file, pointer: `${pointer}/name`, message: `duplicate entity name "${e.name}"` });
    seen.add(e.name);
    const fieldNames = new Set<string>();
    const fields: ResolvedField[] = e.fields.map((f, fi) => {
      const fp = `${pointer}/fields/${fi}`;
      if (fieldNames.has(f.name)) problems.push({ file, pointer: `${fp}/name`, message: `duplicate field name "${f.name}" in entity "${e.name}"` });
      fieldNames.add(f.name);
      if ((SYSTEM_FIELDS as readonly string[]).includes(f.name)) problems.push({ file, pointer: `${fp}/name`, message: `"${f.name}" is a system column and cannot be declared` });
      if (f.type === 'enum' && !f.values) problems.push({ file, pointer: fp, message: 'an enum field needs "values"' });
      if (f.type !== 'enum' && f.values) problems.push({ file, pointer: `${fp}/values`, message: `"values" only applies to enum fields, not ${f.type}` });
      if (f.type === 'reference' && !f.target) problems.push({ file, pointer: fp, message: 'a reference field needs "target"' });
      if (f.type !== 'reference' && f.inverse) problems.push({ file, pointer: `${fp}/inverse`, message: `"inverse" only applies to reference fields, not ${f.type}` });
      if (f.type !== 'reference' && f.target) problems.push({ file, pointer: `${fp}/target`, message: `"target" only applies to reference fields, not ${f.type}` });
      if (f.pattern !== undefined) {
        try {
          new RegExp(f.pattern, 'u');
        } catch (err) {
          problems.push({ file, pointer: `${fp}/pattern`, message: `invalid regular expression: ${(err as Error).message}` });
        }
      }
      if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.push({ file, pointer: `${fp}/min`, message: 'min is greater than max' });
      const column = f.type === 'reference' ? `${f.name}_id` : f.name;
      return {
        name: f.name,
        column,
        type: f.type,
        label: f.label ?? snakeToLabel(f.name),
        help: f.help,
        required: f.required ?? false,
        unique: f.unique ?? false,
        readOnly: f.readOnly ?? false,
        default: f.default,
        min: f.min,
        max: f.max,
        minLength: f.minLength,
        maxLength: f.maxLength,
        pattern: f.pattern,
        values: f.values,
        scale: f.scale ?? (f.type === 'money' ? 2 : 4),
        target: f.target,
        inverse: f.inverse,
        onDelete: f.onDelete ?? (f.required ? 'restrict' : 'set null'),
        pointer: fp,
      };
    });
    const field = new Map(fields.map((f) => [f.name, f]));
    const known = (name: string): boolean => field.has(name) || (SYSTEM_FIELDS as readonly string[]).includes(name);
    const titleField = e.titleField ?? fields.find((f) => f.type === 'string' || f.type === 'email')?.name ?? 'id';
    if (e.titleField && !field.has(e.titleField)) problems.push({ file, pointer: `${pointer}/titleField`, message: `unknown field "${e.titleField}"` });
    (e.indexes ?? []).forEach((ix, ii) =>
      ix.fields.forEach((name, k) => {
        if (!known(name)) problems.push({ file, pointer: `${pointer}/indexes/${ii}/fields/${k}`, message: `unknown field "${name}"` });
      }),
    );
    (e.list?.columns ?? []).forEach((name, k) => {
      if (!known(name)) problems.push({ file, pointer: `${pointer}/list/columns/${k}`, message: `unknown field "${name}"` });
    });
    const sortField = e.list?.sort?.field ?? titleField;
    if (e.list?.sort && !known(sortField)) problems.push({ file, pointer: `${pointer}/list/sort/field`, message: `unknown field "${sortField}"` });
    const entity: ResolvedEntity = {
      key: `${manifest.id}.${e.name}`,
      module: manifest.id,
      name: e.name,
      table: `${manifest.id}_${e.name}`,
      label: e.label ?? snakeToLabel(e.name),
      pluralLabel: e.pluralLabel ?? `${e.label ?? snakeToLabel(e.name)}s`,
      titleField,
      fields,
      field,
      indexes: (e.indexes ?? []).map((ix) => ({ fields: ix.fields, unique: ix.unique ?? false })),
      listColumns: e.list?.columns ?? fields.filter((f) => f.type !== 'password' && f.type !== 'json' && f.type !== 'text').slice(0, 6).map((f) => f.name),
      sort: { field: sortField, direction: e.list?.sort?.direction ?? 'asc' },
      file,
      pointer,
    };
    if (entity.table.length > 63) problems.push({ file, pointer: `${pointer}/name`, message: `table name "${entity.table}" is longer than PostgreSQL's 63 characters` });
    all.set(entity.key, entity);
    return entity;
  });
}

function linkReferences(m: ResolvedModule, entities: Map<string, ResolvedEntity>, visible: Set<string>, problems: ManifestProblem[]): void {
  for (const entity of m.entities) {
    for (const f of entity.fields) {
      if (f.type !== 'reference' || !f.target) continue;
      const target = lookupEntity(f.target, m.id, entities, visible);
      if (!target) {
        const hint = f.target.includes('.') && !visible.has(f.target.split('.')[0]) ? ` (module "${f.target.split('.')[0]}" is not in dependsOn)` : '';
        problems.push({ file: m.file, pointer: `${f.pointer}/target`, message: `reference to unknown entity "${f.target}"${hint}` });
      } else {
        f.target = target.key;
      }
      if (f.inverse && target) checkInverse(m, f, target, entities, problems);
      if (f.onDelete === 'set null' && f.required) problems.push({ file: m.file, pointer: `${f.pointer}/onDelete`, message: 'a required reference cannot use onDelete "set null"' });
    }
    for (const f of entity.fields) {
      if (f.default === undefined) continue;
      const message = checkDefault(f);
      if (message) problems.push({ file: m.file, pointer: `${f.pointer}/default`, message });
    }
  }
}

/** An inverse is a name on the target: it must not shadow a field there nor repeat another reference's inverse. */
function checkInverse(m: ResolvedModule, f: ResolvedField, target: ResolvedEntity, entities: Map<string, ResolvedEntity>, problems: ManifestProblem[]): void {
  const name = f.inverse!;
  const pointer = `${f.pointer}/inverse`;
  if (target.field.has(name) || (SYSTEM_FIELDS as readonly string[]).includes(name)) {
    problems.push({ file: m.file, pointer, message: `inverse "${name}" is already a field of ${target.key}` });
    return;
  }
  // References are linked in dependency order: an already linked one with the same inverse came first.
  for (const other of entities.values()) {
    const clash = other.fields.find((g) => g !== f && g.type === 'reference' && g.target === target.key && g.inverse === name);
    if (clash) {
      problems.push({ file: m.file, pointer, message: `inverse "${name}" on ${target.key} is also declared by ${other.key}.${clash.name}` });
      return;
    }
  }
}

/** The type of the default first, then the field's own rules (min, max, pattern, format) as for any record. */
function checkDefault(f: ResolvedField): string | undefined {
  const typeProblem = checkDefaultType(f);
  if (typeProblem || f.type === 'json') return typeProblem;
  const problem = checkFieldValue(f, f.default);
  return problem ? `default ${problem}` : undefined;
}

function checkDefaultType(f: ResolvedField): string | undefined {
  const v = f.default;
  switch (f.type) {
    case 'integer':
      return Number.isInteger(v) ? undefined : 'default must be an integer';
    case 'decimal':
    case 'money':
      return typeof v === 'number' ? undefined : 'default must be a number';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'default must be true or false';
    case 'enum':
      return f.values?.includes(String(v)) && typeof v === 'string' ? undefined : `default must be one of ${f.values?.join(', ')}`;
    case 'json':
      return undefined;
    case 'reference':
    case 'password':
      return `a ${f.type} field cannot have a default`;
    default:
      return typeof v === 'string' ? undefined : 'default must be a string';
  }
}

function resolvePermissions(
  m: ResolvedModule,
  entities: Map<string, ResolvedEntity>,
  roles: ReadonlyMap<string, ResolvedRole>,
  visible: Set<string>,
  problems: ManifestProblem[],
): Map<string, ResolvedRule[]> {
  const out = new Map<string, ResolvedRule[]>();
  for (const [role, rules] of Object.entries(m.manifest.permissions ?? {})) {
    const base = `/permissions/${role.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const ref = resolveRoleRef(role, m.id, roles, visible);
    if ('message' in ref) {
      problems.push({ file: m.file, pointer: base, message: `rules for ${ref.message}` });
      continue;
    }
    if (out.has(ref.key)) {
      problems.push({ file: m.file, pointer: base, message: `rules for "${ref.key}" are given twice (as "${role}" and under another name)` });
      continue;
    }
    out.set(
      ref.key,
      rules.map((rule, i) =>
        resolveRule(rule, {
          moduleId: m.id,
          file: m.file,
          pointer: `${base}/${i}`,
          entities,
          visible,
          customActions: undefined,
          problems,
        }),
      ),
    );
  }
  return out;
}

export interface RuleContext {
  moduleId: string;
  file: string;
  pointer: string;
  entities: Map<string, ResolvedEntity> | ReadonlyMap<string, ResolvedEntity>;
  visible: Set<string>;
  /** Non-CRUD action names allowed; undefined accepts any well-formed name (manifests declare them with plugins). */
  customActions: Set<string> | undefined;
  problems: ManifestProblem[];
}

/** Validates one rule (subjects, fields, conditions) and resolves subjects to entity keys. */
export function resolveRule(rule: PermissionRule, ctx: RuleContext): ResolvedRule {
  const { file, pointer, problems } = ctx;
  const actions = Array.isArray(rule.action) ? rule.action : [rule.action];
  actions.forEach((a, i) => {
    if (!CRUD.includes(a) && ctx.customActions && !ctx.customActions.has(a)) {
      problems.push({ file, pointer: Array.isArray(rule.action) ? `${pointer}/action/${i}` : `${pointer}/action`, message: `unknown action "${a}"` });
    }
  });
  const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
  const resolved: string[] = [];
  const targets: ResolvedEntity[] = [];
  subjects.forEach((s, i) => {
    const sp = Array.isArray(rule.subject) ? `${pointer}/subject/${i}` : `${pointer}/subject`;
    if (s === 'all') {
      resolved.push('all');
      return;
    }
    const entity = lookupEntity(s, ctx.moduleId, new Map(ctx.entities), ctx.visible);
    if (!entity) problems.push({ file, pointer: sp, message: `rule on unknown subject "${s}"` });
    else {
      resolved.push(entity.key);
      targets.push(entity);
    }
  });
  if (rule.fields) {
    if (resolved.includes('all')) problems.push({ file, pointer: `${pointer}/fields`, message: 'field restrictions need a concrete subject, not "all"' });
    rule.fields.forEach((name, i) => {
      for (const t of targets) {
        if (!t.field.has(name) && !(SYSTEM_FIELDS as readonly string[]).includes(name)) {
          problems.push({ file, pointer: `${pointer}/fields/${i}`, message: `unknown field "${name}" on ${t.key}` });
        }
      }
    });
  }
  if (rule.conditions) {
    if (resolved.includes('all')) problems.push({ file, pointer: `${pointer}/conditions`, message: 'conditions need a concrete subject, not "all"' });
    for (const t of targets) checkConditions(rule.conditions, t, ctx.entities, file, `${pointer}/conditions`, problems);
  }
  return { ...rule, action: actions, subject: resolved, source: `${file}#${pointer}` };
}

/**
 * Checks a condition's grammar and that every path names a field: forward
 * hops through references, `$some` on reverse references, three hops at most.
 */
export function checkConditions(
  conditions: Record<string, unknown>,
  entity: ResolvedEntity,
  entities: ReadonlyMap<string, ResolvedEntity>,
  file: string,
  pointer: string,
  problems: ManifestProblem[],
): void {
  const local: ConditionProblem[] = [];
  const tree = parseConditions(conditions, pointer, local);
  checkNode(tree, entity, lookupOf(entities), 0, local);
  for (const l of local) problems.push({ file, ...l });
}

function checkNode(node: ConditionNode, entity: ResolvedEntity, lookup: EntityLookup, hopsBefore: number, out: ConditionProblem[]): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((n) => checkNode(n, entity, lookup, hopsBefore, out));
      return;
    case 'not':
      checkNode(node.item, entity, lookup, hopsBefore, out);
      return;
    case 'compare': {
      const resolved = resolvePath(lookup, entity, node.path, 'compare', hopsBefore);
      const message = typeof resolved === 'string' ? resolved : checkLiterals(node.path, node.value, resolved);
      if (message) out.push({ pointer: node.pointer, message });
      return;
    }
    case 'some': {
      const resolved = resolvePath(lookup, entity, node.path, 'some', hopsBefore);
      if (typeof resolved === 'string') out.push({ pointer: node.pointer, message: resolved });
      else checkNode(node.item, resolved.owner, lookup, hopsBefore + resolved.steps.length, out);
    }
  }
}

type ValueKind = 'uuid' | 'number' | 'integer' | 'boolean' | 'text' | 'date' | 'datetime';

const SYSTEM_KINDS: Record<string, ValueKind> = {
  id: 'uuid', organization_id: 'uuid', created_by: 'uuid', updated_by: 'uuid', created_at: 'datetime', updated_at: 'datetime', version: 'integer',
};

/** What a condition may compare each field type with. */
const VALUE_KINDS: Record<FieldType, ValueKind> = {
  reference: 'uuid', integer: 'integer', decimal: 'number', money: 'number', boolean: 'boolean', date: 'date', datetime: 'datetime',
  string: 'text', text: 'text', enum: 'text', email: 'text', phone: 'text', url: 'text', json: 'text', password: 'text',
};

const kindOf = (f: ResolvedField): ValueKind => VALUE_KINDS[f.type];

/** The kinds of column a value that is exactly one placeholder may be compared with. */
function placeholderKinds(value: string): ValueKind[] | undefined {
  const m = /^\$\{([^}]*)\}$/.exec(value);
  const p = m ? parsePlaceholder(m[1]) : undefined;
  if (!p || typeof p === 'string') return undefined;
  if (p.kind === 'user') return p.name === 'user.email' ? ['text'] : ['uuid', 'text'];
  return ['datetime', 'date', 'text'];
}

/** A literal the column cannot hold would make the list query fail at run time: refuse it at load. */
function checkLiterals(path: string, value: unknown, resolved: ResolvedPath): string | undefined {
  const field = resolved.field;
  const kind = field ? kindOf(field) : SYSTEM_KINDS[resolved.leaf];
  if (!kind) return undefined;
  for (const v of Array.isArray(value) ? value : [value]) {
    if (v === null) continue;
    if (typeof v === 'string' && v.includes('${')) {
      // Unknown placeholders are reported by the grammar check; a known one must fit the column.
      const kinds = placeholderKinds(v);
      if (kinds && !kinds.includes(kind)) return `${v} cannot be compared with "${path}" (${field?.type ?? kind})`;
      continue;
    }
    const ok = {
      uuid: isUuid(v),
      integer: Number.isInteger(v),
      number: typeof v === 'number',
      boolean: typeof v === 'boolean',
      text: typeof v === 'string' && (!field?.values || field.values.includes(v)),
      date: typeof v === 'string' && !Number.isNaN(Date.parse(v)),
      datetime: typeof v === 'string' && !Number.isNaN(Date.parse(v)),
    }[kind];
    if (!ok) {
      const expected = field?.values ? `one of ${field.values.join(', ')}` : { uuid: 'a record id', integer: 'a whole number', number: 'a number', boolean: 'true or false', text: 'a string', date: 'a date', datetime: 'a date and time' }[kind];
      return `${JSON.stringify(v)} cannot be compared with "${path}": expected ${expected}`;
    }
  }
  return undefined;
}
