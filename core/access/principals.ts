/**
 * Loads what a user may do: the roles assigned to them, the organization's
 * enabled modules and custom roles, compiled into an Access. Compiled results
 * are cached briefly per user and dropped whenever roles, assignments or module
 * settings change in this process.
 */
import { ManifestError, type ManifestProblem } from '../errors.js';
import { CORE_MODULE_ID, isTimeZone, ORGANIZATION_MODULE_TABLE, ORGANIZATION_TABLE, resolveRule, serverTimeZone, type PermissionRule, type Registry, type ResolvedRule } from '../manifest/index.js';
import { Access, type PrincipalInfo } from './ability.js';
import { BoundedCache } from './bounded-cache.js';
import { ownershipGrants, ownershipWalls } from './ownership.js';

interface CacheEntry {
  access: Access;
  expires: number;
  generation: number;
}

const TTL_MS = 5_000;
/**
 * Compiled accesses kept at most (least recently used dropped first). An entry is good for TTL_MS,
 * so this only has to hold the users active within a few seconds; the bound keeps a process that
 * sees users of 10,000 organizations from keeping one compiled ability per user it ever served.
 * A request compiles (or touches) its user's entry first, and AdminJS's synchronous callbacks then
 * peek it: it would take this many other users in between for that peek to miss (which hides, never
 * shows, everything).
 */
export const ACCESS_CACHE_MAX = 2_000;
/** Organizations' time zones kept at most (a few bytes each). */
export const ZONE_CACHE_MAX = 10_000;

/**
 * A statement for one organization, inside the tenant wall (the runtime passes the data layer's
 * tenant-scoped query: core/data is above this layer, so it is handed in, not imported).
 */
export type TenantQuery = <T>(organizationId: string, sql: string, parameters: unknown[]) => Promise<T>;

export interface UserRoleRow {
  name: string;
  builtin: boolean;
  rules: PermissionRule[] | null;
}

export class AccessService {
  private readonly cache = new BoundedCache<string, CacheEntry>(ACCESS_CACHE_MAX);
  private generation = 0;

  constructor(
    private readonly registry: Registry,
    private readonly query: TenantQuery,
  ) {}

  /** How many compiled accesses and time zones this process holds (bounded by ACCESS_CACHE_MAX and ZONE_CACHE_MAX). */
  cacheSizes(): { accesses: number; zones: number } {
    return { accesses: this.cache.size, zones: this.zones.size };
  }

  /** Call after any change to roles, role assignments or enabled modules. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.zones.clear();
  }

  /** A cached Access without touching the database (AdminJS's synchronous callbacks need this). */
  peek(userId: string): Access | undefined {
    const hit = this.cache.peek(userId);
    return hit && hit.generation === this.generation ? hit.access : undefined;
  }

  async forUser(user: { userId: string; organizationId: string; email: string }): Promise<Access> {
    const hit = this.cache.get(user.userId);
    if (hit && hit.expires > Date.now() && hit.generation === this.generation) return hit.access;
    const generation = this.generation;
    const [roles, enabledModules, formats] = await Promise.all([this.userRoles(user.userId, user.organizationId), this.enabledModules(user.organizationId), this.organizationFormats(user.organizationId)]);
    const principal: PrincipalInfo = { ...user, roles: roles.map((r) => r.name), enabledModules, timeZone: formats.zone, currency: formats.currency };
    const access = new Access(principal, this.rulesFor(roles, enabledModules), this.registry);
    this.cache.set(user.userId, { access, expires: Date.now() + TTL_MS, generation });
    return access;
  }

  private readonly zones = new BoundedCache<string, { zone: string; currency?: string; language: string; expires: number; generation: number }>(ZONE_CACHE_MAX);

  /** The organization's time zone (`core_organization.timezone`), the server's when it has none; cached like an Access. */
  /**
   * `within`: the caller's open transaction, for a read on a cache miss. A writer holding a pooled
   * connection must not wait for a second one: twenty such writers on a pool of twenty would each
   * hold one and wait for another, and every request of every tenant would wait with them.
   */
  async timeZone(organizationId: string, within?: TenantQuery): Promise<string> {
    return (await this.organizationFormats(organizationId, within)).zone;
  }

  /** The organization's currency (`core_organization.currency`, ISO 4217), undefined when it has none (then the environment's); read and cached with its time zone. */
  async currency(organizationId: string): Promise<string | undefined> {
    return (await this.organizationFormats(organizationId)).currency;
  }

  /** The organization's default language (`core_organization.language`, 'en' when none); read and cached with its time zone. */
  async language(organizationId: string, within?: TenantQuery): Promise<string> {
    return (await this.organizationFormats(organizationId, within)).language;
  }

  private async organizationFormats(organizationId: string, within: TenantQuery = this.query): Promise<{ zone: string; currency?: string; language: string }> {
    const hit = this.zones.get(organizationId);
    if (hit && hit.expires > Date.now() && hit.generation === this.generation) return hit;
    const generation = this.generation;
    const rows: { timezone: string | null; currency: string | null; language: string | null }[] = await within(organizationId, `SELECT timezone, currency, language FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [organizationId]);
    const stored = rows[0]?.timezone;
    const zone = stored && isTimeZone(stored) ? stored : serverTimeZone();
    const entry = { zone, currency: rows[0]?.currency ?? undefined, language: rows[0]?.language ?? 'en', expires: Date.now() + TTL_MS, generation };
    this.zones.set(organizationId, entry);
    return entry;
  }

  async enabledModules(organizationId: string): Promise<Set<string>> {
    const rows: { module_id: string }[] = await this.query(
      organizationId,
      `SELECT module_id FROM ${ORGANIZATION_MODULE_TABLE} WHERE organization_id = $1 AND enabled`,
      [organizationId],
    );
    return new Set(rows.map((r) => r.module_id).filter((id) => this.registry.module(id)));
  }

  private async userRoles(userId: string, organizationId: string): Promise<UserRoleRow[]> {
    return this.query(
      organizationId,
      `SELECT r.name, coalesce(r.builtin, false) AS builtin, r.rules
         FROM core_role_assignment ra JOIN core_role r ON r.id = ra.role_id AND r.organization_id = ra.organization_id
        WHERE ra.user_id = $1 AND ra.organization_id = $2
        ORDER BY r.name`,
      [userId, organizationId],
    );
  }

  /**
   * Manifest rules of enabled modules (core first, dependency order), then
   * every user's rules on their own records, then custom roles' rules, then the core manifest's protections (its inverted
   * rules: what only the system writes) once more, last, for every user: CASL
   * lets a later rule override an earlier one, so nothing a custom role says
   * can reopen an engine-owned record.
   */
  rulesFor(roles: UserRoleRow[], enabledModules: ReadonlySet<string>): ResolvedRule[] {
    const protections = systemOnlyRules(this.registry);
    const out: ResolvedRule[] = [];
    for (const m of this.registry.modules) {
      if (m.id !== CORE_MODULE_ID && !enabledModules.has(m.id)) continue;
      for (const role of roles) {
        if (role.builtin) out.push(...(m.rules.get(role.name) ?? []).filter((r) => !protections.includes(r)));
      }
    }
    // Records a user owns (a saved filter) are theirs whatever their roles (ownership.ts).
    out.push(...ownershipGrants(this.registry, enabledModules));
    for (const role of roles) {
      if (role.builtin || !role.rules) continue;
      try {
        out.push(...validateCustomRules(this.registry, role.rules, `role ${role.name}`));
      } catch {
        // Fail closed: a custom role that no longer validates (a manifest changed) grants nothing.
      }
    }
    out.push(...protections, ...ownershipWalls(this.registry, enabledModules), ...this.otherModulesRows(enabledModules));
    return out;
  }

  /**
   * Rows that belong to a module the organization has not enabled (an entity's
   * `moduleField`: core.role's module) do not exist for anyone in it: an
   * inverted rule per such entity, last like the protections, so lists,
   * pickers, exports, the API and single-record checks all leave them out.
   */
  private otherModulesRows(enabledModules: ReadonlySet<string>): ResolvedRule[] {
    const disabled = this.registry.modules.map((m) => m.id).filter((id) => id !== CORE_MODULE_ID && !enabledModules.has(id));
    if (!disabled.length) return [];
    return this.registry.entities
      .filter((e) => e.moduleField)
      .map((e) => ({
        action: ['manage'],
        subject: [e.key],
        conditions: { [e.moduleField!]: { $in: disabled } },
        inverted: true,
        reason: 'It belongs to a module this organization has not enabled',
        source: `${e.file}#${e.pointer}/moduleField`,
      }));
  }
}

const protectionsOf = new WeakMap<Registry, ResolvedRule[]>();

/**
 * The organization-wide protections: the inverted rules of the core manifest
 * (`core/manifest/core-module.json`, declared under its admin role). Engine-owned
 * records (audit log, workflow requests and history, notifications, the mail
 * outbox, built-in roles) are written by the system only, so these rules hold
 * for every user whatever roles they hold, after every other rule.
 */
export function systemOnlyRules(registry: Registry): ResolvedRule[] {
  let rules = protectionsOf.get(registry);
  if (!rules) {
    const core = registry.module(CORE_MODULE_ID);
    rules = core ? [...core.rules.values()].flat().filter((r) => r.inverted) : [];
    protectionsOf.set(registry, rules);
  }
  return rules;
}

const WRITES = ['create', 'update', 'delete'];

/**
 * What a custom role may not grant: a write on a subject a protection closes
 * unconditionally (a subject named by its key; `all` is accepted, the
 * protections still hold over it). Reported at the rule's subject, naming it.
 */
export function systemOnlyProblems(registry: Registry, rules: unknown, label = 'rules'): ManifestProblem[] {
  if (!Array.isArray(rules)) return [];
  const closed = systemOnlyRules(registry).filter((p) => !p.conditions);
  const problems: ManifestProblem[] = [];
  rules.forEach((rule, i) => {
    if (!rule || typeof rule !== 'object' || (rule as PermissionRule).inverted) return;
    const r = rule as PermissionRule;
    const actions = (Array.isArray(r.action) ? r.action : [r.action]).flatMap((a) => (a === 'manage' ? WRITES : [a]));
    const subjects = Array.isArray(r.subject) ? r.subject : [r.subject];
    subjects.forEach((s, k) => {
      const hit = closed.find((p) => p.subject.includes(s) && actions.some((a) => p.action.includes(a)));
      if (!hit) return;
      const granted = actions.filter((a) => hit.action.includes(a));
      problems.push({
        file: label,
        pointer: Array.isArray(r.subject) ? `/${i}/subject/${k}` : `/${i}/subject`,
        message: `${s} is written by the system only (${hit.reason ?? 'engine-owned records'}): a custom role may not grant ${granted.join(', ')} on it`,
      });
    });
  });
  return problems;
}

/**
 * Custom roles use the manifest rule format with full subjects (`library.book`).
 * The same resolver as manifests checks subjects, fields, operators and placeholders.
 */
export function validateCustomRules(registry: Registry, rules: unknown, label = 'rules'): ResolvedRule[] {
  const problems: ManifestProblem[] = [];
  if (!Array.isArray(rules)) throw new ManifestError([{ file: label, pointer: '', message: 'rules must be a list of rules' }]);
  const visible = new Set(registry.modules.map((m) => m.id));
  const entities = new Map(registry.entities.map((e) => [e.key, e]));
  const resolved = rules.map((rule, i) => {
    const pointer = `/${i}`;
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
      problems.push({ file: label, pointer, message: 'a rule must be an object with action and subject' });
      return undefined;
    }
    const r = rule as Record<string, unknown>;
    const before = problems.length;
    const unknownKeys = Object.keys(r).filter((k) => !['action', 'subject', 'conditions', 'fields', 'inverted', 'reason'].includes(k));
    if (unknownKeys.length) problems.push({ file: label, pointer, message: `unknown property "${unknownKeys[0]}"` });
    if (typeof r.action !== 'string' && !Array.isArray(r.action)) problems.push({ file: label, pointer: `${pointer}/action`, message: 'action is required' });
    if (typeof r.subject !== 'string' && !Array.isArray(r.subject)) problems.push({ file: label, pointer: `${pointer}/subject`, message: 'subject is required' });
    if (problems.length > before) return undefined;
    const subjects = (Array.isArray(r.subject) ? r.subject : [r.subject]) as string[];
    subjects.forEach((s, k) => {
      if (s !== 'all' && !s.includes('.')) problems.push({ file: label, pointer: Array.isArray(r.subject) ? `${pointer}/subject/${k}` : `${pointer}/subject`, message: `subject "${s}" needs its module: "<module>.${s}"` });
    });
    return resolveRule(rule as PermissionRule, { moduleId: CORE_MODULE_ID, file: label, pointer, entities, visible, customActions: undefined, problems });
  });
  if (problems.length) throw new ManifestError(problems);
  return resolved.filter((r): r is ResolvedRule => r !== undefined);
}
