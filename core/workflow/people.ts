/**
 * Who is who in a workflow: which roles nobody in the organization holds,
 * whether the acting user is one of an actor list (by role, or by a
 * record-relative path decided by the same SQL translator as row filters) or
 * the acting system is allowed by it (`system: true`), and which users an
 * actor list names (for notifications).
 */
import { randomUUID } from 'node:crypto';
import { conditionToSql, SqlParams } from '../access/sql.js';
import { conditionUserOf } from '../data/actor.js';
import type { RecordData, RecordService } from '../data/records.js';
import { applyOrgSettings, interpolateConditions, mentionsOrgSettings, parseConditions, relationCondition, type ResolvedActors, type ResolvedEntity, type ResolvedTransitionActors } from '../manifest/index.js';


export class Participants {
  constructor(
    /** The acting user's data layer. */
    private readonly records: RecordService,
    /** Tenant-bound system reads (user names, referenced records), same transaction. */
    private readonly system: RecordService,
  ) {}

  /** Roles (among `roles`) that no active user of the organization holds: an org admin may act for them. */
  async rolesWithoutHolders(roles: string[]): Promise<Set<string>> {
    if (!roles.length) return new Set();
    const rows: { name: string }[] = await this.records.entityManager.query(
      `SELECT DISTINCT r.name FROM core_role r
         JOIN core_role_assignment ra ON ra.role_id = r.id AND ra.organization_id = r.organization_id
         JOIN core_user u ON u.id = ra.user_id AND u.organization_id = r.organization_id AND u.is_active
        WHERE r.organization_id = $1 AND r.name = ANY($2)`,
      [this.records.organizationId, roles],
    );
    const held = new Set(rows.map((r) => r.name));
    return new Set(roles.filter((r) => !held.has(r)));
  }

  /** Whether this actor is one of a transition's starters: a person by role or relation, the system only by `system: true`. */
  async isActor(actors: ResolvedTransitionActors | undefined, entity: ResolvedEntity, recordId: string): Promise<boolean> {
    if (!actors) return false;
    if (this.records.actor.kind === 'system') return actors.system;
    const roles = this.records.access?.principal.roles ?? [];
    if (actors.roles.some((r) => roles.includes(r))) return true;
    return this.isRelated(actors.relations, entity, recordId);
  }

  async isRelated(relations: string[], entity: ResolvedEntity, recordId: string, where?: Record<string, unknown>): Promise<boolean> {
    const userId = this.records.actor.kind === 'user' ? this.records.actor.userId : null;
    if ((!relations.length && !where) || !userId) return false;
    // `where` names ${user.id}: recordMatches interpolates the acting user into it.
    return this.recordMatches(entity, recordId, { $or: [...relations.map((p) => relationCondition(p, userId)), ...(where ? [where] : [])] });
  }

  async whenHolds(entity: ResolvedEntity, recordId: string, when: Record<string, unknown> | undefined): Promise<boolean> {
    if (!when) return true;
    if (mentionsOrgSettings(when)) {
      const [row]: { settings: Record<string, boolean | number> | null }[] = await this.records.entityManager.query(`SELECT settings FROM core_organization WHERE id = $1`, [this.records.organizationId]);
      when = applyOrgSettings(when, row?.settings ?? {});
    }
    return this.recordMatches(entity, recordId, when);
  }

  /** The permission condition language, decided by the same SQL translator as row filters (one reference hop included). */
  async recordMatches(entity: ResolvedEntity, recordId: string, conditions: Record<string, unknown>): Promise<boolean> {
    const user = conditionUserOf(this.records.actor);
    const timeZone = await this.records.timeZone();
    const node = parseConditions(interpolateConditions(conditions, { user, now: new Date(), timeZone }), '', [], { interpolated: true });
    const params = new SqlParams();
    const sql = `SELECT 1 FROM "${entity.table}" r WHERE r.organization_id = ${params.add(this.records.organizationId)} AND r.id = ${params.add(recordId)} AND ${conditionToSql(node, entity, 'r', params, { registry: this.records.runtime.registry, organizationId: this.records.organizationId, timeZone })}`;
    const rows: unknown[] = await this.records.entityManager.query(sql, params.values);
    return rows.length > 0;
  }

  /** The users an actor list names for a record: active holders of the roles, and the users its relations point at. */
  async actorsUserIds(actors: ResolvedActors, entity: ResolvedEntity, record: RecordData): Promise<string[]> {
    const ids = new Set<string>();
    if (actors.roles.length) {
      const rows: { id: string }[] = await this.records.entityManager.query(
        `SELECT DISTINCT u.id FROM core_user u
           JOIN core_role_assignment ra ON ra.user_id = u.id AND ra.organization_id = u.organization_id
           JOIN core_role r ON r.id = ra.role_id AND r.organization_id = u.organization_id
          WHERE u.organization_id = $1 AND u.is_active AND r.name = ANY($2)`,
        [this.records.organizationId, actors.roles],
      );
      rows.forEach((r) => ids.add(r.id));
    }
    for (const path of actors.relations) {
      const [head, leaf] = path.split('.');
      const value = record[head];
      if (typeof value !== 'string') continue;
      if (leaf === undefined) ids.add(value);
      else {
        const target = this.records.runtime.registry.entity(entity.field.get(head)!.target!)!;
        const [row] = await this.system.getMany(target.key, [value]);
        if (row && typeof row[leaf] === 'string') ids.add(row[leaf] as string);
      }
    }
    if (actors.where) for (const id of await this.usersWhere(entity, String(record.id), actors.where)) ids.add(id);
    return [...ids];
  }

  /**
   * The active users for whom the record meets `where`, in one query: the condition is translated
   * with a stand-in user id, whose parameter then becomes the candidate user's column, so the
   * same translator decides who is named here and who may approve (isRelated).
   */
  private async usersWhere(entity: ResolvedEntity, recordId: string, where: Record<string, unknown>): Promise<string[]> {
    const standIn = randomUUID();
    const timeZone = await this.records.timeZone();
    const user = { id: standIn, organizationId: this.records.organizationId, email: '' };
    const node = parseConditions(interpolateConditions(where, { user, now: new Date(), timeZone }), '', [], { interpolated: true });
    const params = new SqlParams();
    const org = params.add(this.records.organizationId);
    const id = params.add(recordId);
    const condition = conditionToSql(node, entity, 'r', params, { registry: this.records.runtime.registry, organizationId: this.records.organizationId, timeZone });
    const sql = `SELECT u.id FROM core_user u WHERE u.organization_id = ${org} AND u.is_active
          AND EXISTS (SELECT 1 FROM "${entity.table}" r WHERE r.organization_id = ${org} AND r.id = ${id} AND ${condition})`;
    // The stand-in's parameters become u.id and leave the list (PostgreSQL refuses a parameter no statement uses); the others are renumbered.
    const values: unknown[] = [];
    const renumbered = new Map<number, string>();
    params.values.forEach((value, i) => {
      if (value === standIn) renumbered.set(i + 1, 'u.id');
      else renumbered.set(i + 1, `$${values.push(value)}`);
    });
    const rows: { id: string }[] = await this.records.entityManager.query(sql.replace(/\$(\d+)/g, (_, n: string) => renumbered.get(Number(n)) ?? `$${n}`), values);
    return rows.map((r) => r.id);
  }


  async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => Boolean(i)))];
    const rows = unique.length ? await this.system.getMany('core.user', unique) : [];
    return new Map(rows.map((u) => [String(u.id), `${String(u.name)} <${String(u.email)}>`]));
  }
}
