/**
 * One compiler, two uses. A principal's rules (manifest defaults of the roles it
 * holds, plus the organization's custom roles) are interpolated once and give
 * both the CASL ability used for single-record checks and the SQL filter used
 * for lists, counts, search and reference pickers. Both read the same rules in
 * the same order, so a list never shows what a check would deny.
 */
import { createMongoAbility, subject as caslSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import {
  CORE_MODULE_ID,
  flatPath,
  interpolateConditions,
  serverTimeZone,
  parseConditions,
  type ConditionNode,
  type Registry,
  type ResolvedEntity,
  type ResolvedRule,
} from '../manifest/index.js';
import { fieldVisibility, readableFieldsOf, type FieldVisibility } from './fields.js';
import { conditionsMatcherFor } from './match.js';
import { conditionToSql, SqlParams } from './sql.js';

export type UmsAbility = MongoAbility;

export interface PrincipalInfo {
  userId: string;
  organizationId: string;
  email: string;
  roles: string[];
  enabledModules: ReadonlySet<string>;
  /** The organization's IANA time zone (date placeholders, dates against timestamps); the server's when absent. */
  timeZone?: string;
  /** The organization's currency (ISO 4217) for showing money; absent: the environment's. */
  currency?: string;
}

/**
 * What the in-memory check needs beyond a record's own columns: the values of
 * reference paths (`member.user`, `loan.member.user`) and, per `$some` path,
 * the related records with what their own conditions need.
 */
export interface SubjectPlan {
  paths: Set<string>;
  some: Map<string, SubjectPlan>;
}

const emptyPlan = (): SubjectPlan => ({ paths: new Set(), some: new Map() });

/** Adds what `node` reads to `plan` (paths are relative to the entity the plan is for). */
export function addToPlan(node: ConditionNode, plan: SubjectPlan): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((n) => addToPlan(n, plan));
      return;
    case 'not':
      addToPlan(node.item, plan);
      return;
    case 'compare':
      if (node.path.includes('.')) plan.paths.add(node.path);
      return;
    case 'related':
    case 'compareField':
      // Card conditions only (never a rule): nothing to load, and matchCondition refuses them.
      return;
    case 'some': {
      let inner = plan.some.get(node.path);
      if (!inner) plan.some.set(node.path, (inner = emptyPlan()));
      addToPlan(node.item, inner);
    }
  }
}

/** The SQL side of a permission: every row, no row, or rows matching a condition. */
export type RowFilter = { kind: 'all' } | { kind: 'none' } | { kind: 'where'; node: ConditionNode };

export interface AccessExplanation {
  moduleEnabled: boolean;
  roles: string[];
  /** `matches`: for a record, whether the rule's conditions hold for it (undefined: no conditions, or no record). */
  rules: { source: string; inverted: boolean; conditions?: Record<string, unknown>; fields?: string[]; reason?: string; matches?: boolean }[];
  /** The time zone date placeholders were read in (conditions are shown with their values filled in). */
  timeZone: string;
  allowed: boolean;
  /** The rule that decided for the record (none: no rule matched, so denied). */
  decidedBy: string | null;
}

export { flatPath };

function flattenKeys(conditions: unknown): unknown {
  if (Array.isArray(conditions)) return conditions.map(flattenKeys);
  if (conditions && typeof conditions === 'object') {
    return Object.fromEntries(
      Object.entries(conditions).map(([k, v]) => [k.startsWith('$') ? k : flatPath(k), k.startsWith('$') ? flattenKeys(v) : v]),
    );
  }
  return conditions;
}

export class Access {
  readonly ability: UmsAbility;
  /** Reference paths (`member.user`, and `$some` paths) that conditions on each entity follow. */
  readonly relationPaths = new Map<string, Set<string>>();
  /** Per entity, what RecordService.subjectOf loads for the in-memory check. */
  readonly subjectPlans = new Map<string, SubjectPlan>();
  readonly timeZone: string;
  private readonly rules: ResolvedRule[];
  /** CASL keeps the raw rule it was given as `origin`; this finds our (unflattened) rule again. */
  private readonly sourceOf = new Map<unknown, ResolvedRule>();

  constructor(
    readonly principal: PrincipalInfo,
    rules: ResolvedRule[],
    private readonly registry: Registry,
    now = new Date(),
  ) {
    this.timeZone = principal.timeZone ?? serverTimeZone();
    const values = { user: { id: principal.userId, organizationId: principal.organizationId, email: principal.email }, now, timeZone: this.timeZone };
    this.rules = rules.map((r) => (r.conditions ? { ...r, conditions: interpolateConditions(r.conditions, values) } : r));
    const raw: RawRuleOf<UmsAbility>[] = this.rules.map((r) => ({
      action: r.action,
      subject: r.subject,
      conditions: r.conditions ? (flattenKeys(r.conditions) as Record<string, unknown>) : undefined,
      fields: r.fields,
      inverted: r.inverted,
      reason: r.reason,
    }));
    raw.forEach((r, i) => this.sourceOf.set(r, this.rules[i]));
    // Our matcher, not CASL's: it evaluates the condition grammar exactly as the SQL translator does.
    this.ability = createMongoAbility(raw, { conditionsMatcher: conditionsMatcherFor(this.timeZone) });
    for (const r of this.rules) {
      if (!r.conditions) continue;
      // Paths anywhere in the tree (inside $or/$not/$some too), or subjectOf would not load them.
      const node = parseConditions(r.conditions, '', [], { interpolated: true });
      for (const s of r.subject) {
        const plan = this.subjectPlans.get(s) ?? emptyPlan();
        addToPlan(node, plan);
        const followed = [...plan.paths, ...plan.some.keys()];
        if (!followed.length) continue;
        this.subjectPlans.set(s, plan);
        this.relationPaths.set(s, new Set(followed));
      }
    }
  }

  moduleEnabled(entity: ResolvedEntity): boolean {
    return entity.module === CORE_MODULE_ID || this.principal.enabledModules.has(entity.module);
  }

  /** "May this principal do `action` on some record of this entity?" — for navigation and buttons. */
  canOnType(action: string, entity: ResolvedEntity, field?: string): boolean {
    return this.moduleEnabled(entity) && this.ability.can(action, entity.key, field);
  }

  /** The in-memory check of one record (as built by RecordService.subjectOf). */
  canOnRecord(action: string, entity: ResolvedEntity, record: Record<string, unknown>, field?: string): boolean {
    return this.moduleEnabled(entity) && this.ability.can(action, caslSubject(entity.key, { ...record }), field);
  }

  private readonly rowFilters = new Map<string, RowFilter>();

  /**
   * CASL's rule precedence, read as a query: the same walk as rulesToQuery
   * (computed once per action, entity and field). With `field`: the rows on
   * which that field is allowed (the rules CASL consults for that field).
   */
  rowFilter(action: string, entity: ResolvedEntity, field?: string): RowFilter {
    const key = `${action} ${entity.key} ${field ?? ''}`;
    let filter = this.rowFilters.get(key);
    if (!filter) {
      filter = this.computeRowFilter(action, entity, field);
      this.rowFilters.set(key, filter);
    }
    return filter;
  }

  private computeRowFilter(action: string, entity: ResolvedEntity, field?: string): RowFilter {
    if (!this.moduleEnabled(entity)) return { kind: 'none' };
    const ors: ConditionNode[] = [];
    const ands: ConditionNode[] = [];
    for (const rule of this.ability.rulesFor(action, entity.key, field)) {
      const conditions = rule.conditions ? this.sourceOf.get(rule.origin)?.conditions : undefined;
      // Fail closed: a conditional rule we cannot translate must never read as "all rows".
      if (rule.conditions && !conditions) return { kind: 'none' };
      if (!conditions) {
        if (rule.inverted) break;
        return ands.length ? { kind: 'where', node: { kind: 'and', items: ands } } : { kind: 'all' };
      }
      const node = parseConditions(conditions, '', [], { interpolated: true });
      if (rule.inverted) ands.push({ kind: 'not', item: node });
      else ors.push(node);
    }
    if (!ors.length) return { kind: 'none' };
    return { kind: 'where', node: { kind: 'and', items: [{ kind: 'or', items: ors }, ...ands] } };
  }

  /** A WHERE fragment for `rowFilter`, or undefined for "all rows". */
  rowFilterSql(action: string, entity: ResolvedEntity, alias: string, params: SqlParams, field?: string): string | undefined {
    const filter = this.rowFilter(action, entity, field);
    if (filter.kind === 'all') return undefined;
    if (filter.kind === 'none') return 'FALSE';
    return conditionToSql(filter.node, entity, alias, params, { registry: this.registry, organizationId: this.principal.organizationId, timeZone: this.timeZone });
  }

  /**
   * "Why can(not) this user…": the rules that apply, in CASL's precedence
   * order with where each was declared, and for a record the rule that decided.
   */
  explain(action: string, entity: ResolvedEntity, record?: Record<string, unknown>): AccessExplanation {
    const rules = this.ability.rulesFor(action, entity.key).map((rule) => {
      const source = this.sourceOf.get(rule.origin);
      const matches = record && rule.conditions ? rule.matchesConditions(caslSubject(entity.key, { ...record })) : undefined;
      return { source: source?.source ?? 'unknown', inverted: rule.inverted, conditions: source?.conditions, fields: rule.fields, reason: rule.reason, matches };
    });
    const allowed = record ? this.canOnRecord(action, entity, record) : this.canOnType(action, entity);
    const decisive = record ? this.ability.relevantRuleFor(action, caslSubject(entity.key, { ...record })) : null;
    return { moduleEnabled: this.moduleEnabled(entity), roles: this.principal.roles, rules, allowed, timeZone: this.timeZone, decidedBy: decisive ? (this.sourceOf.get(decisive.origin)?.source ?? null) : null };
  }

  /** The raw (unflattened, interpolated) conditions of one of the ability's rules. */
  conditionsOf(rule: { origin: unknown }): Record<string, unknown> | undefined {
    return this.sourceOf.get(rule.origin)?.conditions;
  }

  private readonly visibility = new Map<string, FieldVisibility>();

  /** Which fields some record, every record, or only some records of `entity` show to this principal (core/access/fields.ts). */
  fieldsOf(entity: ResolvedEntity): FieldVisibility {
    let v = this.visibility.get(entity.key);
    if (!v) {
      v = fieldVisibility(this, entity);
      this.visibility.set(entity.key, v);
    }
    return v;
  }

  /** The fields this principal may read on this record (`subject` as built by RecordService.subjectOf, from the full row). */
  readableFieldsOf(entity: ResolvedEntity, subject: Record<string, unknown>): string[] {
    return readableFieldsOf(this, entity, subject);
  }
}
