/**
 * Organizations and what is enabled for them: creating one (with its admin),
 * enabling and disabling modules (data is never dropped), the built-in roles
 * each organization gets from its modules, and users.
 */
import { LANGUAGES } from '../manifest/languages.js';
import type { EntityManager } from 'typeorm';
import { systemActor } from '../data/actor.js';
import { RecordService, type RecordData } from '../data/records.js';
import { runUpgrades, startAtCurrentVersions } from '../plugins/upgrades.js';
import type { Runtime } from '../runtime.js';
import { RecordValidationError, UmsError } from '../errors.js';
import { CORE_MODULE_ID, isTimeZone, ORGANIZATION_MODULE_TABLE, ORGANIZATION_TABLE, roleFromInput, serverTimeZone } from '../manifest/index.js';
import { crossTenant } from '../db/cross-tenant.js';

export interface Organization {
  id: string;
  name: string;
  slug: string;
  system_type: string;
}

export interface OrganizationSummary extends Organization {
  modules: string[];
  /** The manifest version each enabled module's data was last brought up to (null: before versions were recorded). */
  module_versions: Record<string, string | null>;
  users: number;
}

export async function findOrganization(runtime: Runtime, slug: string): Promise<Organization> {
  const rows: Organization[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`SELECT id, name, slug, system_type FROM ${ORGANIZATION_TABLE} WHERE slug = $1`, [slug]));
  if (!rows[0]) throw new UmsError('NOT_FOUND', `No organization with slug "${slug}".`);
  return rows[0];
}

export async function listOrganizations(runtime: Runtime): Promise<OrganizationSummary[]> {
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(
    `SELECT o.id, o.name, o.slug, o.system_type,
            coalesce(array_agg(m.module_id ORDER BY m.module_id) FILTER (WHERE m.enabled), '{}') AS modules,
            coalesce(jsonb_object_agg(m.module_id, m.version) FILTER (WHERE m.enabled), '{}') AS module_versions,
            (SELECT count(*)::int FROM core_user u WHERE u.organization_id = o.id) AS users
       FROM ${ORGANIZATION_TABLE} o LEFT JOIN ${ORGANIZATION_MODULE_TABLE} m ON m.organization_id = o.id
      GROUP BY o.id ORDER BY o.slug`,
  ));
}

/** Modules a new organization of this system type gets, with their dependencies. */
export function modulesForSystemType(runtime: Runtime, systemType: string): string[] {
  const out = new Set<string>();
  // Dependencies first (manifests refuse cycles), so a module's seed finds the records of those it builds on.
  const add = (id: string): void => {
    if (out.has(id) || id === CORE_MODULE_ID) return;
    runtime.registry.module(id)?.dependsOn.forEach(add);
    out.add(id);
  };
  runtime.registry.modules.filter((m) => m.systemTypes.includes(systemType)).forEach((m) => add(m.id));
  return [...out];
}

export interface CreateOrganizationInput {
  name: string;
  slug: string;
  systemType: string;
  /** IANA time zone (`Europe/Paris`) for date placeholders in conditions; default: the server's. */
  timeZone?: string;
  /** The language of its users who chose none (en, bn); default English. */
  language?: string;
  admin: { email: string; password: string; name?: string };
}

export async function createOrganization(runtime: Runtime, input: CreateOrganizationInput): Promise<{ organization: Organization; admin: RecordData }> {
  const errors: Record<string, { message: string }> = {};
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) errors.slug = { message: 'must be 2–63 lowercase letters, digits or dashes' };
  if (!runtime.registry.systemTypes.has(input.systemType)) errors.systemType = { message: `unknown system type "${input.systemType}" (declared: ${[...runtime.registry.systemTypes.keys()].join(', ') || 'none'})` };
  if (!input.name.trim()) errors.name = { message: 'is required' };
  const timeZone = input.timeZone ?? serverTimeZone();
  if (!isTimeZone(timeZone)) errors.timezone = { message: `"${timeZone}" is not an IANA time zone (such as Europe/Paris or UTC)` };
  const language = input.language ?? 'en';
  if (!(LANGUAGES as readonly string[]).includes(language)) errors.language = { message: `"${language}" is not a language here (${LANGUAGES.join(', ')})` };
  if (Object.keys(errors).length) throw new RecordValidationError('core.organization', errors);
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    const existing: unknown[] = await manager.query(`SELECT 1 FROM ${ORGANIZATION_TABLE} WHERE slug = $1`, [input.slug]);
    if (existing.length) throw new RecordValidationError('core.organization', { slug: { message: `"${input.slug}" is already taken` } });
    const [organization]: Organization[] = await manager.query(
      `INSERT INTO ${ORGANIZATION_TABLE} (name, slug, system_type, timezone, language) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, slug, system_type`,
      [input.name.trim(), input.slug, input.systemType, timeZone, language],
    );
    const modules = modulesForSystemType(runtime, input.systemType);
    for (const moduleId of modules) await writeModuleSetting(manager, organization.id, moduleId, true);
    await startAtCurrentVersions(runtime, manager, organization.id, modules);
    await syncBuiltinRoles(runtime, manager, organization.id);
    const admin = await createUserIn(runtime, organization.id, { ...input.admin, name: input.admin.name ?? 'Organization admin', roles: ['admin'] }, manager);
    return { organization, admin };
  }));
}

async function writeModuleSetting(manager: EntityManager, organizationId: string, moduleId: string, enabled: boolean): Promise<void> {
  await manager.query(
    `INSERT INTO ${ORGANIZATION_MODULE_TABLE} (organization_id, module_id, enabled) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, module_id) DO UPDATE SET enabled = EXCLUDED.enabled, changed_at = now()`,
    [organizationId, moduleId, enabled],
  );
}

/**
 * Enabling brings a module (and what it depends on) back with all its data;
 * disabling only hides and denies it: nothing is dropped.
 */
export async function setModuleEnabled(runtime: Runtime, slug: string, moduleId: string, enabled: boolean): Promise<string[]> {
  const module = runtime.registry.module(moduleId);
  if (!module || moduleId === CORE_MODULE_ID) throw new UmsError('NOT_FOUND', `No module "${moduleId}" (known: ${runtime.registry.modules.filter((m) => m.id !== CORE_MODULE_ID).map((m) => m.id).join(', ')}).`);
  const organization = await findOrganization(runtime, slug);
  const changed = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    const current = await runtime.access.enabledModules(organization.id);
    if (!enabled) {
      const dependents = runtime.registry.modules.filter((m) => current.has(m.id) && m.dependsOn.includes(moduleId)).map((m) => m.id);
      if (dependents.length) throw new UmsError('CONFLICT', `Cannot disable "${moduleId}": ${dependents.join(', ')} depend${dependents.length === 1 ? 's' : ''} on it. Disable ${dependents.length === 1 ? 'it' : 'them'} first.`);
      await writeModuleSetting(manager, organization.id, moduleId, false);
      return [moduleId];
    }
    const toEnable: string[] = [];
    const add = (id: string): void => {
      if (toEnable.includes(id)) return;
      runtime.registry.module(id)!.dependsOn.forEach(add);
      toEnable.push(id);
    };
    add(moduleId);
    for (const id of toEnable) await writeModuleSetting(manager, organization.id, id, true);
    await syncBuiltinRoles(runtime, manager, organization.id);
    return toEnable;
  }));
  runtime.access.invalidate();
  // Data kept from an earlier enablement is brought up to the current version (the steps it missed while disabled).
  if (enabled) await runUpgrades(runtime, { organizationId: organization.id });
  return changed;
}

/**
 * Every role the manifests declare exists as a built-in row in each organization, so it can be assigned.
 * Its name is the role's key (`library.member`; core's `admin` bare), its label names the module
 * ("Library member (Library)"), so roles of two modules with the same name are told apart in pickers.
 * A direct upsert, not a RecordService write: these rows mirror the manifests (no user input, nothing to
 * audit) and must never overwrite a custom role that happens to share the name.
 */
export async function syncBuiltinRoles(runtime: Runtime, manager: EntityManager, organizationId: string): Promise<void> {
  for (const role of runtime.registry.roles.values()) {
    await manager.query(
      `INSERT INTO core_role (organization_id, name, label, module, builtin) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (organization_id, name) DO UPDATE SET label = EXCLUDED.label, module = EXCLUDED.module, builtin = true
       WHERE core_role.builtin`,
      [organizationId, role.key, role.displayLabel, role.module],
    );
  }
}

/**
 * Role names as an operator types them (`user:create --role`, `org:create`): a role's key as it is
 * (`library.member`, `admin`, a custom role's name), or for convenience a bare name that exactly one
 * module declares (`librarian`), or that one of the organization's enabled modules declares (`manager`
 * in a hotel is the hotel's). A bare name two enabled modules declare is refused with both keys.
 */
export function resolveRoleInputs(
  runtime: Runtime,
  existing: readonly string[],
  inputs: readonly string[],
  enabledModules?: ReadonlySet<string>,
): { keys: string[]; problems: string[] } {
  const keys: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const ref = roleFromInput(input, runtime.registry.roles, (name) => existing.includes(name), enabledModules && ((role) => enabledModules.has(role.module)));
    if ('key' in ref && existing.includes(ref.key)) keys.push(ref.key);
    else problems.push('message' in ref ? ref.message : `unknown role "${ref.key}" (its module is not enabled here)`);
  }
  return { keys: [...new Set(keys)], problems };
}

export interface CreateUserInput {
  email: string;
  password: string;
  name: string;
  roles: string[];
}

export async function createUser(runtime: Runtime, slug: string, input: CreateUserInput): Promise<RecordData> {
  const organization = await findOrganization(runtime, slug);
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction((manager) => createUserIn(runtime, organization.id, input, manager)));
}

async function createUserIn(runtime: Runtime, organizationId: string, input: CreateUserInput, manager: EntityManager): Promise<RecordData> {
  const records = await RecordService.for(runtime, systemActor(organizationId, 'user:create'), manager);
  return records.transaction(async (tx) => {
    const user = await tx.create('core.user', { email: input.email.toLowerCase(), name: input.name, password: input.password, is_active: true });
    // The rows the names could mean: the names themselves and the keys of module roles of that bare name.
    const candidates = [...input.roles, ...[...runtime.registry.roles.values()].filter((r) => input.roles.includes(r.name)).map((r) => r.key)];
    const existing = input.roles.length ? (await tx.find('core.role', { filters: [{ field: 'name', op: 'in', value: candidates }], limit: 1000 })).map((r) => String(r.name)) : [];
    const { keys, problems } = resolveRoleInputs(runtime, existing, input.roles, await runtime.access.enabledModules(organizationId));
    if (problems.length) throw new RecordValidationError('core.user', { roles: { message: problems.join('; ') } });
    for (const key of keys) {
      const [role] = await tx.find('core.role', { filters: [{ field: 'name', op: 'eq', value: key }], limit: 1 });
      await tx.create('core.role_assignment', { user: user.id, role: role.id });
    }
    return user;
  });
}
