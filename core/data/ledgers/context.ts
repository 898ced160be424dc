/**
 * What the bookkeeping primitives need from the record service that calls
 * them: its transaction, organization and acting user. A small interface, so
 * these files do not import records.ts (which calls them).
 */
import type { EntityManager } from 'typeorm';
import { columnOf, type Registry, type ResolvedEntity } from '../../manifest/index.js';

export interface PrimitiveContext {
  manager: EntityManager;
  registry: Registry;
  organizationId: string;
  /** The acting user, null for a system actor. */
  userId: string | null;
}

export const q = (name: string): string => `"${name}"`;
export const colOf = (entity: ResolvedEntity, field: string): string => columnOf(entity.field.get(field)!);

/** Rows of a query whatever TypeORM wraps them in (UPDATE … RETURNING answers `[rows, count]`). */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? r[0] : r) as T[];
}

/** A record's title as people know it (its title field; a reference's own title is not followed). */
export async function titleOf(ctx: PrimitiveContext, entity: ResolvedEntity, id: unknown): Promise<string> {
  if (id === null || id === undefined) return '—';
  const f = entity.field.get(entity.titleField);
  const column = f && f.type !== 'password' ? columnOf(f) : 'id';
  const rows = rowsOf<{ title: unknown }>(await ctx.manager.query(`SELECT ${q(column)}::text AS title FROM ${q(entity.table)} WHERE organization_id = $1 AND id = $2`, [ctx.organizationId, id]));
  return rows[0]?.title === null || rows[0]?.title === undefined ? String(id) : String(rows[0].title);
}

/** How a key value reads in a message: a reference by its record's title, anything else as is. */
export async function valueTitle(ctx: PrimitiveContext, entity: ResolvedEntity, field: string, value: unknown): Promise<string> {
  const f = entity.field.get(field)!;
  if (f.type === 'reference' && f.target) return titleOf(ctx, ctx.registry.entity(f.target)!, value);
  return String(value);
}
