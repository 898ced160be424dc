/**
 * The object the in-memory permission check reads (RecordService.subjectOf):
 * a record's own values plus what its actor's conditions follow, loaded with
 * organization-scoped queries in the caller's transaction —
 * - a reference path (`loan.member.user`) as `loan__member__user`: the value at
 *   the end of the path, or MISSING when some reference on the way is empty
 *   (the SQL `ref_id IN (SELECT …)` is then not true either);
 * - a `$some` path (`warehouse.assignments`) as `warehouse__assignments`: the
 *   related records, each loaded the same way for the conditions inside.
 */
import type { EntityManager } from 'typeorm';
import { MISSING } from '../access/match.js';
import type { SubjectPlan } from '../access/ability.js';
import { columnOf, flatPath, isUuid, resolvePath, type PathStep, type Registry, type ResolvedEntity } from '../manifest/index.js';
import { normaliseRow, normaliseValue, selectList } from './query.js';

const q = (name: string): string => `"${name}"`;

export interface SubjectScope {
  manager: EntityManager;
  registry: Registry;
  organizationId: string;
}

/**
 * The row at the end of forward `steps` from `startId` (joined, organization
 * by organization), selecting `column` of it; undefined when a hop is empty.
 */
async function followForward(scope: SubjectScope, steps: PathStep[], startId: unknown, column: string): Promise<{ v: unknown } | undefined> {
  if (typeof startId !== 'string' || !isUuid(startId)) return undefined;
  const joins = steps.slice(1).map((s, i) => `JOIN ${q(s.to.table)} h${i + 2} ON h${i + 2}.organization_id = $1 AND h${i + 2}.id = h${i + 1}.${q(s.field.column)}`);
  const rows: { v: unknown }[] = await scope.manager.query(
    `SELECT h${steps.length}.${q(column)} AS v FROM ${q(steps[0].to.table)} h1 ${joins.join(' ')} WHERE h1.organization_id = $1 AND h1.id = $2`,
    [scope.organizationId, startId],
  );
  return rows[0];
}

export async function loadSubject(scope: SubjectScope, entity: ResolvedEntity, record: Record<string, unknown>, plan: SubjectPlan | undefined): Promise<Record<string, unknown>> {
  const subject: Record<string, unknown> = { ...record };
  if (!plan) return subject;
  for (const path of plan.paths) {
    const resolved = resolvePath(scope.registry, entity, path, 'compare');
    if (typeof resolved === 'string') throw new Error(resolved);
    const column = resolved.field ? columnOf(resolved.field) : resolved.leaf;
    const row = await followForward(scope, resolved.steps, record[resolved.steps[0].field.name], column);
    subject[flatPath(path)] = row ? normaliseValue(resolved.field, row.v) : MISSING;
  }
  for (const [path, inner] of plan.some) {
    const resolved = resolvePath(scope.registry, entity, path, 'some');
    if (typeof resolved === 'string') throw new Error(resolved);
    const forward = resolved.steps.slice(0, -1);
    const reverse = resolved.steps[resolved.steps.length - 1];
    const parentId = forward.length ? (await followForward(scope, forward, record[forward[0].field.name], 'id'))?.v : record.id;
    if (typeof parentId !== 'string' || !isUuid(parentId)) {
      // A record not yet written has no related records; an empty reference on the way, none either.
      subject[flatPath(path)] = forward.length ? MISSING : [];
      continue;
    }
    const child = reverse.to;
    const rows: Record<string, unknown>[] = await scope.manager.query(
      `SELECT ${selectList(child, child.fields.map((f) => f.name), 'c')} FROM ${q(child.table)} c WHERE c.organization_id = $1 AND c.${q(reverse.field.column)} = $2 ORDER BY c.id`,
      [scope.organizationId, parentId],
    );
    const related: Record<string, unknown>[] = [];
    for (const row of rows) related.push(await loadSubject(scope, child, normaliseRow(child, row), inner));
    subject[flatPath(path)] = related;
  }
  return subject;
}
