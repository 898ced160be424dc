import { CORE_MODULE_ID, type Registry, type ResolvedRole } from '../../core/manifest/index.js';
import { modulesForSystemType } from '../../core/tenancy/index.js';
import type { Runtime } from '../../core/runtime.js';

/** What an organization of one system type has enabled: its modules (core included), their entities and roles. */
export interface SystemTypeScope {
  systemType: string;
  modules: Set<string>;
  /** The registry narrowed to those modules: the data generator walks only what it is given. */
  registry: Registry;
  /** Keys of the roles those modules declare (core's admin not included). */
  roleKeys: string[];
}

export function systemTypeScope(runtime: Runtime, systemType: string): SystemTypeScope {
  const { registry } = runtime;
  const modules = new Set([CORE_MODULE_ID, ...modulesForSystemType(runtime, systemType)]);
  const inScope = registry.modules.filter((m) => modules.has(m.id));
  const roles = new Map<string, ResolvedRole>([...registry.roles].filter(([, role]) => modules.has(role.module)));
  return {
    systemType,
    modules,
    registry: { ...registry, modules: inScope, entities: registry.entities.filter((e) => modules.has(e.module)), roles },
    roleKeys: inScope.filter((m) => m.id !== CORE_MODULE_ID).flatMap((m) => m.roles.map((r) => r.key)),
  };
}
