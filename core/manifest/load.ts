/**
 * Reads manifests, validates them (JSON Schema first, then the cross-references a
 * schema cannot express) and resolves them into the Registry. Every problem names
 * the file, the JSON pointer and what is wrong; any problem aborts the load
 * before anything touches the database. The passes live beside this file:
 * read.ts (JSON + AJV), dependencies.ts (order, visibility), entities.ts,
 * rules.ts, condition-checks.ts, workflows.ts, system-types.ts, roles.ts.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ManifestError, type ManifestProblem } from '../errors.js';
import { checkConditions } from './condition-checks.js';
import { resolveDashboardCards } from './dashboard-cards.js';
import { resolveReports } from './reports.js';
import { resolveConstraints } from './constraints.js';
import { checkErrorTranslations } from './error-texts.js';
import { dependencyOrder, visibleModules } from './dependencies.js';
import { linkReferences, resolveEntities } from './entities.js';
import { CORE_MODULE_ID, snakeToLabel, type Registry, type ResolvedEntity, type ResolvedModule, type ResolvedSystemType } from './model.js';
import { CORE_MANIFEST_PATH, DEFAULT_MANIFEST_DIR, displayPath, readManifest, readValidated, validateSystemTypes, type SourceManifest } from './read.js';
import { roleDisplayLabel, roleDisplayLabels, roleKey, type ResolvedRole } from './roles.js';
import { resolvePrimitives } from './primitives.js';
import { resolvePublicForms } from './public-forms.js';
import { resolveRollups } from './rollups.js';
import { resolvePermissions } from './rules.js';
import {
  DEFAULT_SYSTEM_TYPES_PATH,
  SYSTEM_TYPES_FILE,
  declarationsOf,
  oneSystemTypeBranch,
  resolveSystemTypes,
  systemTypeNames,
  type Declaration,
} from './system-types.js';
import { resolveWorkflows } from './workflows.js';
import { resolveViews } from './views.js';

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
      translations: manifest.translations ?? {},
      icon: manifest.icon,
      version: manifest.version,
      file,
      systemTypes: systemTypeNames(manifest),
      dependsOn: manifest.dependsOn ?? [],
      entities: resolveEntities(file, manifest, entities, problems),
      roles: (manifest.roles ?? []).map((r) => {
        const label = r.label ?? snakeToLabel(r.name);
        const translations = r.translations ?? {};
        return {
          key: roleKey(id, r.name), name: r.name, module: id, label, displayLabel: roleDisplayLabel(label, id, manifest.label),
          displayLabels: roleDisplayLabels(label, translations, id, manifest.label, manifest.translations ?? {}), translations,
          description: r.description, renamedFrom: r.renamedFrom ? roleKey(id, r.renamedFrom) : undefined,
        };
      }),
      rules: new Map(),
      dashboard: [],
      reports: [],
      workflows: [],
      views: [],
      publicForms: [],
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
  const formNames = new Map<string, string>();
  for (const m of modules) {
    const visible = visibleModules(m.id, byId);
    linkReferences(m, entities, visible, problems);
    resolveConstraints(m, entities, problems);
    // A picker's `where` is a condition on the reference's target, checked like a rule's.
    for (const e of m.entities) {
      for (const f of e.fields) {
        if (!f.where) continue;
        const target = f.type === 'reference' && f.target ? entities.get(f.target) : undefined;
        if (target) checkConditions(f.where, target, entities, m.file, `${f.pointer}/where`, problems);
        else if (f.type !== 'reference') problems.push({ file: m.file, pointer: `${f.pointer}/where`, message: 'only a reference field narrows its picker with "where"' });
      }
    }
    m.rules = resolvePermissions(m, entities, roles, visible, problems);
    m.dashboard = resolveDashboardCards({ module: m, entities, roles, visible, problems });
    m.reports = resolveReports({ module: m, entities, roles, visible, problems });
    m.workflows = resolveWorkflows({ module: m, entities, roles, visible, problems }, workflowOf);
    // After the workflows (this module's and its dependencies'): a board's columns may be a workflow's states.
    const workflowField = (key: string): string | undefined => modules.flatMap((x) => x.workflows).find((w) => w.entity === key)?.field;
    m.views = resolveViews({ module: m, entities, visible, workflowField, problems });
    m.publicForms = resolvePublicForms(m, entities, formNames, workflowField, problems);
    resolvePrimitives(m, entities, visible, problems);
    resolveRollups(m, entities, visible, problems);
    checkErrorTranslations(m, problems);
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
