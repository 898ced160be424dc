/**
 * The module dependency graph: topological order (core first), unknown
 * dependencies and cycles reported, and which modules each module may see.
 */
import type { ManifestProblem } from '../errors.js';
import { CORE_MODULE_ID } from './model.js';
import type { SourceManifest } from './read.js';

/** Topological order, core first; reports unknown dependencies and cycles. */
export function dependencyOrder(byId: Map<string, SourceManifest>, problems: ManifestProblem[]): string[] {
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
export function visibleModules(id: string, byId: Map<string, SourceManifest>): Set<string> {
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
