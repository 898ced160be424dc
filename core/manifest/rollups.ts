/**
 * Roll-up sums (`rollup` on a numeric field): the field is the sum of a field
 * of the entity's children that match a condition — a payslip's gross is the
 * sum of its earning lines. Resolved and checked once at load, with
 * file#pointer problems: the child entity exists, its parent field is a
 * reference to this entity, the summed field is numeric, the condition is one
 * a check could hold (the child's own fields). The field becomes read-only
 * with 0 as its value before any child exists. Each child entity gets the
 * list of sums it feeds, so its writes (core/data/ledgers/rollups.ts) find
 * them without scanning the registry.
 */
import type { ManifestProblem } from '../errors.js';
import { parseConstraintCondition } from './constraint-conditions.js';
import type { ConstraintNode } from './constraint-types.js';
import { lookupEntity } from './entities.js';
import type { ResolvedEntity, ResolvedModule } from './model.js';

/** On the child entity: one sum it feeds. */
export interface RollupFeed {
  /** The parent entity key and its roll-up field. */
  entity: string;
  field: string;
  /** The child's reference to the parent, and the summed field. */
  parent: string;
  sum: string;
  where?: ConstraintNode;
}

/** On the parent's field. */
export interface ResolvedRollup {
  entity: string;
  parent: string;
  sum: string;
  where?: ConstraintNode;
}

const NUMERIC = new Set(['integer', 'decimal', 'money']);

export function resolveRollups(m: ResolvedModule, entities: Map<string, ResolvedEntity>, visible: Set<string>, problems: ManifestProblem[]): void {
  const problem = (pointer: string, message: string): void => {
    problems.push({ file: m.file, pointer, message });
  };
  m.entities.forEach((entity, i) => {
    m.manifest.entities[i].fields.forEach((raw, fi) => {
      if (!raw.rollup) return;
      const p = `${entity.pointer}/fields/${fi}/rollup`;
      const f = entity.fields[fi];
      const before = problems.length;
      if (!NUMERIC.has(f.type)) problem(`${entity.pointer}/fields/${fi}/type`, `a roll-up field is integer, decimal or money (got ${f.type})`);
      if (raw.computed !== undefined || raw.sequence !== undefined) problem(p, 'a field is either a roll-up, computed or a sequence');
      if (raw.required || raw.default !== undefined) problem(p, 'a roll-up takes no default and is never required: it is 0 until a child counts');
      const child = lookupEntity(raw.rollup.entity, m.id, entities, visible);
      if (!child) {
        problem(`${p}/entity`, `unknown entity "${raw.rollup.entity}"`);
        return;
      }
      const parent = child.field.get(raw.rollup.parent);
      if (!parent) problem(`${p}/parent`, `unknown field "${raw.rollup.parent}" of ${child.key}`);
      else if (parent.type !== 'reference' || parent.target !== entity.key) problem(`${p}/parent`, `field "${raw.rollup.parent}" of ${child.key} must be a reference to ${entity.key}`);
      const sum = child.field.get(raw.rollup.sum);
      if (!sum) problem(`${p}/sum`, `unknown field "${raw.rollup.sum}" of ${child.key}`);
      else if (!NUMERIC.has(sum.type)) problem(`${p}/sum`, `field "${raw.rollup.sum}" of ${child.key} must be numeric (integer, decimal or money), not ${sum.type}`);
      else if (sum.rollup) problem(`${p}/sum`, `field "${raw.rollup.sum}" of ${child.key} is a roll-up itself; roll-ups do not chain`);
      const where = raw.rollup.where === undefined ? undefined : parseConstraintCondition(raw.rollup.where, child, `${p}/where`, { file: m.file, out: problems });
      if (problems.length > before) return;
      f.rollup = { entity: child.key, parent: raw.rollup.parent, sum: raw.rollup.sum, where };
      f.readOnly = true;
      f.default = 0;
      (child.rollupFeeds ??= []).push({ entity: entity.key, field: f.name, parent: raw.rollup.parent, sum: raw.rollup.sum, where });
    });
  });
}
