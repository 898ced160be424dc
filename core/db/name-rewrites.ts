/**
 * What a declared rename (manifest `renamedFrom`, `valuesRenamedFrom`) changes
 * in the data that names things: custom roles' rules and conditions, workflow
 * requests and events in flight, notifications, approver overrides and API
 * clients. A generated migration carries the renames as data and calls
 * `rewriteRenamedNames` once, after its RENAME statements; its `down` calls it
 * with `invertNames`. The rewrite walks condition paths through the reference
 * graph the migration carries, so `member.user` under `library.loan` is
 * rewritten when `library.member.user` was renamed. Renamed jobs move their
 * rows in the PostgreSQL job store. Every rename is also recorded in
 * core_renamed_name (kind, old, new, when), which the audit log's display
 * reads (core/data/audit-names.ts): audit rows are never rewritten.
 */
import type { QueryRunner } from 'typeorm';

export interface NameRewrites {
  /** Entity keys: `library.patron` → `library.member`. */
  entities: { from: string; to: string }[];
  /** Fields, on the entity's new key. */
  fields: { entity: string; from: string; to: string }[];
  /** Enum values and workflow states, on the entity's new key and the field's new name. */
  values: { entity: string; field: string; from: string; to: string }[];
  /** Workflow states, for requests and events in flight (workflow key). */
  states: { workflow: string; from: string; to: string }[];
  /** Role keys. */
  roles: { from: string; to: string }[];
  /** Module jobs (`<module>.<name>`); absent in migrations generated before jobs could be renamed. */
  jobs?: { from: string; to: string }[];
  /** Set by invertNames: the rewrite undoes a migration, and removes the renames it recorded. */
  inverted?: boolean;
  /** Reference fields (new names) → target entity, and inverses → source entity, per entity: the paths conditions follow. */
  links: Record<string, Record<string, string>>;
}

export const noNameRewrites = (): NameRewrites => ({ entities: [], fields: [], values: [], states: [], roles: [], jobs: [], links: {} });

export const hasNameRewrites = (n: NameRewrites): boolean =>
  n.entities.length + n.fields.length + n.values.length + n.states.length + n.roles.length + (n.jobs?.length ?? 0) > 0;

/** Every applied rename, in order: what the audit log's display maps old names with, and how a job rename knows it is applied. */
export const RENAMED_NAME_TABLE = 'core_renamed_name';

export type RenamedKind = 'entity' | 'field' | 'value' | 'state' | 'role' | 'job';

/** The rewrites that undo `n` (a migration's down). Links keep the new names: the inverted walk renames old-named paths back segment by segment. */
export function invertNames(n: NameRewrites): NameRewrites {
  const flip = <T extends { from: string; to: string }>(xs: T[]): T[] => xs.map((x) => ({ ...x, from: x.to, to: x.from }));
  return { entities: flip(n.entities), fields: flip(n.fields), values: flip(n.values), states: flip(n.states), roles: flip(n.roles), jobs: flip(n.jobs ?? []), links: n.links, inverted: !n.inverted };
}

type Json = unknown;
type Conditions = Record<string, Json>;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A name renamed by a list, or the name itself. */
const renamed = (list: { from: string; to: string }[], name: string): string => list.find((x) => x.from === name)?.to ?? name;

export class NameRewriter {
  /** Entity keys after the rewrite, for the link walk (links are keyed by new names; an inverted walk maps back). */
  private readonly linkKey: (entity: string) => string;

  constructor(private readonly names: NameRewrites) {
    const toNew = new Map(names.entities.map((e) => [e.from, e.to]));
    const toOld = new Map(names.entities.map((e) => [e.to, e.from]));
    // Links use the manifests' (new) names: in an up rewrite the rewritten key is new already; in a down one it is old again.
    this.linkKey = (entity) => (names.links[entity] ? entity : (toNew.get(entity) ?? toOld.get(entity) ?? entity));
  }

  entity(key: string): string {
    return renamed(this.names.entities, key);
  }

  field(entity: string, name: string): string {
    return this.names.fields.find((f) => f.entity === entity && f.from === name)?.to ?? name;
  }

  value(entity: string, field: string, v: Json): Json {
    if (typeof v !== 'string') return v;
    return this.names.values.find((x) => x.entity === entity && x.field === field && x.from === v)?.to ?? v;
  }

  role(key: string): string {
    return renamed(this.names.roles, key);
  }

  /** The field names of `entity` on a link walk: the rewritten entity's field names are looked up as they are now (up) or were (down). */
  private fieldsEntity(entity: string): string {
    return this.names.fields.some((f) => f.entity === entity) ? entity : this.linkKey(entity);
  }

  private next(entity: string, segment: string): string | undefined {
    const links = this.names.links[this.linkKey(entity)];
    const direct = links?.[segment];
    if (direct) return direct;
    // In a down rewrite the segment is old again; the links know it by its new name.
    const asNew = this.names.fields.find((f) => f.to === segment && this.linkKey(f.entity) === this.linkKey(entity))?.from;
    return asNew ? links?.[asNew] : undefined;
  }

  /** A rule as stored on a custom role: subject, fields and conditions rewritten. */
  rule(rule: Json): Json {
    if (!isObject(rule)) return rule;
    const subjects = (Array.isArray(rule.subject) ? rule.subject : [rule.subject]).map((s) => (typeof s === 'string' ? this.entity(s) : s));
    const out: Record<string, Json> = { ...rule, subject: Array.isArray(rule.subject) ? subjects : subjects[0] };
    const single = subjects.length === 1 && typeof subjects[0] === 'string' ? subjects[0] : undefined;
    if (single && Array.isArray(rule.fields)) out.fields = rule.fields.map((f) => (typeof f === 'string' ? this.field(this.fieldsEntity(single), f) : f));
    if (single && isObject(rule.conditions)) out.conditions = this.conditions(rule.conditions, single);
    return out;
  }

  conditions(conditions: Conditions, entity: string): Conditions {
    const out: Conditions = {};
    for (const [key, value] of Object.entries(conditions)) {
      if ((key === '$or' || key === '$and') && Array.isArray(value)) out[key] = value.map((c) => (isObject(c) ? this.conditions(c, entity) : c));
      else if (key === '$not' && isObject(value)) out[key] = this.conditions(value, entity);
      else {
        const walked = this.path(key, entity);
        out[walked.path] = this.operand(value, walked.entity, walked.field, walked.target);
      }
    }
    return out;
  }

  /** A dotted path, each segment renamed on the entity it belongs to; where it ends (entity, field) and what the last segment links to. */
  private path(key: string, start: string): { path: string; entity: string; field: string; target?: string } {
    const segments = key.split('.');
    let entity: string | undefined = start;
    const out: string[] = [];
    let last = { entity: start, field: key };
    for (const segment of segments) {
      if (!entity) {
        out.push(segment);
        continue;
      }
      const name = this.field(this.fieldsEntity(entity), segment);
      out.push(name);
      last = { entity: this.fieldsEntity(entity), field: name };
      entity = this.next(entity, segment) ?? this.next(entity, name);
    }
    return { path: out.join('.'), ...last, target: entity };
  }

  private operand(value: Json, entity: string, field: string, target: string | undefined): Json {
    if (Array.isArray(value)) return value.map((v) => this.scalar(v, entity, field));
    if (!isObject(value)) return this.scalar(value, entity, field);
    const out: Record<string, Json> = {};
    for (const [op, v] of Object.entries(value)) {
      if ((op === '$some' || op === '$every' || op === '$none') && isObject(v) && target) out[op] = this.conditions(v, target);
      else if (Array.isArray(v)) out[op] = v.map((x) => this.scalar(x, entity, field));
      else out[op] = this.scalar(v, entity, field);
    }
    return out;
  }

  private scalar(v: Json, entity: string, field: string): Json {
    // Conditions on a role's name (`role.name`, `assignments.$some.role.name`) test role keys.
    if (this.linkKey(entity) === 'core.role' && field === 'name' && typeof v === 'string') return this.role(v);
    return this.value(entity, field, v);
  }
}

/** A JSON column as node-postgres returns it (json or jsonb: parsed; text: a string). */
const parsed = (v: Json): Json => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Runs in a generated migration, as the database owner (row security does not
 * apply): every organization's rows are rewritten. Core tables only; a module's
 * own rows were moved by the migration's UPDATE statements.
 */
export async function rewriteRenamedNames(queryRunner: QueryRunner, names: NameRewrites): Promise<void> {
  await recordRenames(queryRunner, names);
  await renameJobs(queryRunner, names.jobs ?? []);
  const rewriter = new NameRewriter(names);
  const roles: { id: string; rules: Json }[] = await queryRunner.query(`SELECT id, rules FROM core_role WHERE rules IS NOT NULL`);
  for (const role of roles) {
    const rules = parsed(role.rules);
    if (!Array.isArray(rules)) continue;
    const next = rules.map((r) => rewriter.rule(r));
    if (JSON.stringify(next) !== JSON.stringify(rules)) await queryRunner.query(`UPDATE core_role SET rules = $1 WHERE id = $2`, [JSON.stringify(next), role.id]);
  }
  for (const { from, to } of names.entities) {
    for (const table of ['core_workflow_request', 'core_workflow_event', 'core_notification']) {
      await queryRunner.query(`UPDATE ${table} SET entity = $1 WHERE entity = $2`, [to, from]);
    }
  }
  for (const { workflow, from, to } of names.states) {
    for (const column of ['from_state', 'to_state']) {
      await queryRunner.query(`UPDATE core_workflow_request SET ${column} = $1 WHERE workflow = $2 AND ${column} = $3`, [to, workflow, from]);
      await queryRunner.query(
        `UPDATE core_workflow_event e SET ${column} = $1 FROM core_workflow_request r WHERE e.request_id = r.id AND r.workflow = $2 AND e.${column} = $3`,
        [to, workflow, from],
      );
    }
  }
  if (!names.roles.length) return;
  for (const { from, to } of names.roles) {
    await queryRunner.query(`UPDATE core_role SET name = $1 WHERE name = $2 AND builtin`, [to, from]);
    await queryRunner.query(`UPDATE core_workflow_event SET as_role = $1 WHERE as_role = $2`, [to, from]);
  }
  const renameRoles = (v: Json): Json => (Array.isArray(v) ? v.map((r) => (typeof r === 'string' ? rewriter.role(r) : r)) : v);
  for (const table of ['core_approval_override', 'core_api_client']) {
    const rows: { id: string; roles: Json }[] = await queryRunner.query(`SELECT id, roles FROM ${table} WHERE roles IS NOT NULL`);
    for (const row of rows) {
      const before = parsed(row.roles);
      const after = renameRoles(before);
      if (JSON.stringify(after) !== JSON.stringify(before)) await queryRunner.query(`UPDATE ${table} SET roles = $1 WHERE id = $2`, [JSON.stringify(after), row.id]);
    }
  }
  // Requests in flight froze their approval steps, with the roles that may approve.
  const requests: { id: string; steps: Json }[] = await queryRunner.query(`SELECT id, steps FROM core_workflow_request WHERE status = 'open'`);
  for (const request of requests) {
    const before = parsed(request.steps);
    if (!isObject(before) || !Array.isArray(before.steps)) continue;
    const after = { ...before, steps: before.steps.map((s) => (isObject(s) ? { ...s, roles: renameRoles(s.roles) } : s)) };
    if (JSON.stringify(after) !== JSON.stringify(before)) await queryRunner.query(`UPDATE core_workflow_request SET steps = $1 WHERE id = $2`, [JSON.stringify(after), request.id]);
  }
}

/** One row per rename, in the order the audit display applies them (entity, then fields on its new key, then values); a down removes them. */
async function recordRenames(queryRunner: QueryRunner, names: NameRewrites): Promise<void> {
  const [exists]: { present: boolean }[] = await queryRunner.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [RENAMED_NAME_TABLE]);
  if (!exists?.present) return;
  const rows: { kind: RenamedKind; scope: string | null; field: string | null; old: string; new: string }[] = [
    ...names.entities.map((e) => ({ kind: 'entity' as const, scope: null, field: null, old: e.from, new: e.to })),
    ...names.fields.map((f) => ({ kind: 'field' as const, scope: f.entity, field: null, old: f.from, new: f.to })),
    ...names.values.map((v) => ({ kind: 'value' as const, scope: v.entity, field: v.field, old: v.from, new: v.to })),
    ...names.states.map((st) => ({ kind: 'state' as const, scope: st.workflow, field: null, old: st.from, new: st.to })),
    ...names.roles.map((r) => ({ kind: 'role' as const, scope: null, field: null, old: r.from, new: r.to })),
    ...(names.jobs ?? []).map((j) => ({ kind: 'job' as const, scope: null, field: null, old: j.from, new: j.to })),
  ];
  for (const r of rows) {
    if (names.inverted) {
      // Undoing: invertNames flips only from/to (entities and fields of values keep their new names), so the recorded row is this one flipped.
      await queryRunner.query(
        `DELETE FROM ${RENAMED_NAME_TABLE} WHERE kind = $1 AND scope IS NOT DISTINCT FROM $2 AND field IS NOT DISTINCT FROM $3 AND old_name = $4 AND new_name = $5`,
        [r.kind, r.scope, r.field, r.new, r.old],
      );
    } else {
      await queryRunner.query(`INSERT INTO ${RENAMED_NAME_TABLE} (kind, scope, field, old_name, new_name) VALUES ($1, $2, $3, $4, $5)`, [r.kind, r.scope, r.field, r.old, r.new]);
    }
  }
}

/**
 * A renamed job keeps its schedule and history: its agenda rows (one per
 * organization, with next and last run) and its run log move to the new name.
 * The PostgreSQL store is created by the scheduler on first use, so it may be
 * absent. A MongoDB store (JOBS_BACKEND=mongodb) is not reached from a
 * migration: the schedule sync recreates its rows under the new name and the
 * old rows' history stays under the old name (README, Evolving a manifest).
 */
async function renameJobs(queryRunner: QueryRunner, jobs: { from: string; to: string }[]): Promise<void> {
  if (!jobs.length) return;
  const [store]: { jobs: boolean; logs: boolean }[] = await queryRunner.query(`SELECT to_regclass('agenda_jobs') IS NOT NULL AS jobs, to_regclass('agenda_logs') IS NOT NULL AS logs`);
  for (const { from, to } of jobs) {
    if (store?.jobs) await queryRunner.query(`UPDATE agenda_jobs SET name = $1 WHERE name = $2`, [to, from]);
    if (store?.logs) await queryRunner.query(`UPDATE agenda_logs SET job_name = $1 WHERE job_name = $2`, [to, from]);
  }
}
