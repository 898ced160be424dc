/**
 * The plugins of all loaded modules, checked when registered: a plugin for an
 * unknown module, a hook on an unknown entity or a duplicate action fails the
 * start with a message naming it.
 */
import { ManifestError, type ManifestProblem } from '../errors.js';
import { RESERVED_ACTION_NAMES, type Registry, type ResolvedEntity } from '../manifest/index.js';
import type { PluginLookup } from '../data/context.js';
import type { RecordService } from '../data/records.js';
import type { EntityHooks, ModulePlugin, RecordActionDefinition, WorkflowHook } from './types.js';

type Hooks = EntityHooks<RecordService>;
type Action = RecordActionDefinition<RecordService>;
type Plugin = ModulePlugin<RecordService>;

/** Semantic versions (major.minor.patch, as manifests and upgrade steps spell them) in order. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * A module's hooks on another module's entity skip organizations that do not
 * have the hooking module enabled (the parents module's guardian alerts on the
 * institute's invoices do nothing where parents is off).
 */
function whereEnabled(moduleId: string, hooks: Hooks): Hooks {
  const wrapped: Hooks = {};
  for (const name of Object.keys(hooks) as (keyof Hooks)[]) {
    const fn = hooks[name] as ((ctx: Parameters<NonNullable<Hooks['afterCreate']>>[0], arg: never) => void | Promise<void>) | undefined;
    if (!fn) continue;
    (wrapped as Record<string, unknown>)[name] = async (ctx: Parameters<NonNullable<Hooks['afterCreate']>>[0], arg: never) => {
      if (!(await ctx.records.runtime.access.enabledModules(ctx.records.organizationId)).has(moduleId)) return;
      await fn.call(hooks, ctx, arg);
    };
  }
  return wrapped;
}

export class PluginRegistry implements PluginLookup {
  private readonly hooks = new Map<string, Hooks[]>();
  private readonly actions = new Map<string, Action[]>();
  readonly byModule = new Map<string, Plugin>();

  constructor(
    private readonly registry: Registry,
    plugins: Plugin[],
  ) {
    const problems: ManifestProblem[] = [];
    for (const plugin of plugins) {
      const module = registry.module(plugin.module);
      const file = `modules/${plugin.module}/index.ts`;
      if (!module) {
        // A plugin whose manifest is not loaded (e.g. a test with a manifest subset) stays inactive.
        continue;
      }
      if (this.byModule.has(plugin.module)) {
        problems.push({ file, pointer: '/module', message: `a second plugin for module "${plugin.module}": a module has one plugin, modules/${plugin.module}/index.ts` });
        continue;
      }
      this.byModule.set(plugin.module, plugin);
      for (const version of Object.keys(plugin.upgrade ?? {})) {
        const pointer = `/upgrade/${version}`;
        if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push({ file, pointer, message: `upgrade step "${version}" is not a version (major.minor.patch)` });
        else if (compareVersions(version, module.version) > 0) problems.push({ file, pointer, message: `upgrade step ${version} is newer than the manifest's version ${module.version}` });
      }
      for (const [entityName, hooks] of Object.entries(plugin.hooks ?? {})) {
        // `<module>.<entity>`: a hook on an entity of a module in dependsOn, run only where this module is enabled.
        const foreign = entityName.includes('.');
        if (foreign && !module.dependsOn.includes(entityName.split('.')[0])) {
          problems.push({ file, pointer: `/hooks/${entityName}`, message: `hooks on "${entityName}" need module "${entityName.split('.')[0]}" in dependsOn` });
          continue;
        }
        const entity = registry.entity(foreign ? entityName : `${plugin.module}.${entityName}`);
        if (!entity) {
          problems.push({ file, pointer: `/hooks/${entityName}`, message: `hooks for unknown entity "${entityName}"` });
          continue;
        }
        this.hooks.set(entity.key, [...(this.hooks.get(entity.key) ?? []), foreign ? whereEnabled(plugin.module, hooks) : hooks]);
      }
      for (const [i, action] of (plugin.actions ?? []).entries()) {
        const entity = registry.entity(`${plugin.module}.${action.entity}`);
        if (!entity) {
          problems.push({ file, pointer: `/actions/${i}/entity`, message: `action "${action.name}" on unknown entity "${action.entity}"` });
          continue;
        }
        if (RESERVED_ACTION_NAMES.has(action.name)) {
          problems.push({ file, pointer: `/actions/${i}/name`, message: `"${action.name}" is a built-in action name` });
          continue;
        }
        const list = this.actions.get(entity.key) ?? [];
        if (list.some((a) => a.name === action.name)) problems.push({ file, pointer: `/actions/${i}/name`, message: `duplicate action "${action.name}" on ${entity.key}` });
        this.actions.set(entity.key, [...list, action]);
      }
    }
    if (problems.length) throw new ManifestError(problems);
  }

  /**
   * What the manifests ask of the plugins: a workflow effect naming a hook no
   * plugin provides would fail mid-transition, so it is refused at start.
   * `checkPluginOf`: the modules whose plugin is known, present or absent (all
   * at start; manifest:validate: those whose plugin folder is there).
   */
  referenceProblems(checkPluginOf: (moduleId: string) => boolean = () => true): ManifestProblem[] {
    const problems: ManifestProblem[] = [];
    for (const module of this.registry.modules) {
      if (!checkPluginOf(module.id)) continue;
      for (const wf of module.workflows) {
        for (const t of wf.transitions) {
          if (t.effects.hook && !this.byModule.get(module.id)?.workflowHooks?.[t.effects.hook]) {
            problems.push({ file: wf.file, pointer: `${t.pointer}/effects/hook`, message: `no workflow hook "${t.effects.hook}" in the plugin of module "${module.id}" (modules/${module.id}/index.ts, workflowHooks)` });
          }
        }
      }
    }
    return problems;
  }

  workflowHook(module: string, name: string): WorkflowHook<RecordService> | undefined {
    return this.byModule.get(module)?.workflowHooks?.[name];
  }

  /** Core behaviour on a module's entity (the workflow engine): runs before the module's own hooks. */
  addCoreHooks(entityKey: string, hooks: Hooks): void {
    this.hooks.set(entityKey, [hooks, ...(this.hooks.get(entityKey) ?? [])]);
  }

  /** A record action the core derives from the manifest (a run): refused like a plugin's when its name is taken. */
  addCoreAction(entity: ResolvedEntity, action: Action): void {
    const list = this.actions.get(entity.key) ?? [];
    if (RESERVED_ACTION_NAMES.has(action.name) || list.some((a) => a.name === action.name)) {
      throw new ManifestError([{ file: entity.file, pointer: `${entity.pointer}/run`, message: `the action name "${action.name}" is ${RESERVED_ACTION_NAMES.has(action.name) ? 'a built-in action' : `already an action of ${entity.key}`}` }]);
    }
    this.actions.set(entity.key, [...list, action]);
  }

  hooksFor(entity: ResolvedEntity): Hooks[] {
    return this.hooks.get(entity.key) ?? [];
  }

  actionsFor(entity: ResolvedEntity): Action[] {
    return this.actions.get(entity.key) ?? [];
  }

  action(entity: ResolvedEntity, name: string): Action | undefined {
    return this.actionsFor(entity).find((a) => a.name === name);
  }
}
