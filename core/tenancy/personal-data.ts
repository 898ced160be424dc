/**
 * Data-protection requests of one person (a user of one organization):
 *  - user:export: their user row's personal fields, their roles, every
 *    record that references them (their approvals, their audit entries,
 *    the employees they approve leave for) and every record they created,
 *    by entity and id; the personal fields only of the records that are
 *    theirs — those whose reference to core.user is marked personal (the
 *    library member or patient record of their login): an approver's
 *    employees' names are about the employees. Which fields are personal is
 *    the manifests' word (`"personal": true`), nothing else.
 *  - user:erase: in one transaction, the user row's personal fields are
 *    pseudonymised (the e-mail becomes `erased-<id>@erased.invalid`, free
 *    for nobody and unique), the password is removed, the account
 *    deactivated, its sessions and API tokens ended; in every record that is
 *    theirs (as above), personal fields are blanked (or, where required,
 *    pseudonymised). Records, their authorship and the audit log stay, for
 *    the integrity of the organization's books; an audit entry names the
 *    operator and which fields were erased, never their values.
 */
import type { EntityManager } from 'typeorm';
import { endSessions } from '../auth/sessions.js';
import { UmsError } from '../errors.js';
import { columnOf, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { findOrganization } from './index.js';
import { operatorName } from './lifecycle.js';
import { crossTenant } from '../db/cross-tenant.js';

const USER = 'core.user';

export interface PersonalRecord {
  entity: string;
  id: string;
  created_at: string;
  /** Why it is theirs: `created`, or `field:<name>` for each reference to them. */
  relation: string[];
  /** Its personal fields (records that reference them only). */
  personal?: Record<string, unknown>;
}

export interface PersonalExport {
  format: 'ums-personal-data';
  exportedAt: string;
  organization: { slug: string; name: string };
  user: Record<string, unknown>;
  roles: string[];
  records: PersonalRecord[];
}

const personalFields = (entity: ResolvedEntity): ResolvedField[] => entity.fields.filter((f) => f.personal && !f.computed && f.type !== 'reference');
const userReferences = (entity: ResolvedEntity): ResolvedField[] => entity.fields.filter((f) => f.type === 'reference' && f.target === USER);
/** The references that say whose record it is (`"personal": true` on a reference to core.user): the record's personal fields are that user's. */
const ownerReferences = (entity: ResolvedEntity): ResolvedField[] => userReferences(entity).filter((f) => f.personal);

async function findUser(runtime: Runtime, db: Pick<EntityManager, 'query'>, organizationId: string, email: string, lock = false): Promise<Record<string, unknown>> {
  const [user]: Record<string, unknown>[] = await db.query(`SELECT * FROM core_user WHERE organization_id = $1 AND lower(email) = lower($2)${lock ? ' FOR UPDATE' : ''}`, [organizationId, email.trim()]);
  if (!user) throw new UmsError('NOT_FOUND', `No user with e-mail ${email} in this organization.`, { entity: USER, field: 'email' });
  return user;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** Everything UMS holds about the user `email` of organization `slug`, as the manifests mark it personal. */
export async function exportPersonalData(runtime: Runtime, slug: string, email: string): Promise<PersonalExport> {
  const organization = await findOrganization(runtime, slug);
  const db = runtime.dataSource;
  const row = await findUser(runtime, db, organization.id, email);
  const userId = String(row.id);
  const userEntity = runtime.registry.entity(USER)!;
  const user: Record<string, unknown> = { id: userId, created_at: iso(row.created_at), is_active: row.is_active, deleted_at: row.deleted_at ? iso(row.deleted_at) : null };
  for (const f of personalFields(userEntity)) user[f.name] = row[columnOf(f)] ?? null;
  const roles: { name: string }[] = await db.query(
    `SELECT r.name FROM core_role_assignment a JOIN core_role r ON r.id = a.role_id AND r.organization_id = a.organization_id WHERE a.organization_id = $1 AND a.user_id = $2 ORDER BY r.name`,
    [organization.id, userId],
  );
  const records: PersonalRecord[] = [];
  for (const entity of runtime.registry.entities) {
    if (entity.key === USER) continue;
    const refs = userReferences(entity);
    const personal = personalFields(entity);
    const conditions = ['created_by = $2', ...refs.map((f) => `"${f.column}" = $2`)];
    const cols = ['id', 'created_at', 'created_by', ...refs.map((f) => f.column), ...personal.map(columnOf)];
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${[...new Set(cols)].map((c) => `"${c}"`).join(', ')} FROM "${entity.table}" WHERE organization_id = $1 AND (${conditions.join(' OR ')}) ORDER BY created_at, id`,
      [organization.id, userId],
    );
    for (const r of rows) {
      const relation = [...(r.created_by === userId ? ['created'] : []), ...refs.filter((f) => r[f.column] === userId).map((f) => `field:${f.name}`)];
      const aboutThem = ownerReferences(entity).some((f) => r[f.column] === userId);
      records.push({
        entity: entity.key,
        id: String(r.id),
        created_at: iso(r.created_at),
        relation,
        ...(aboutThem && personal.length ? { personal: Object.fromEntries(personal.map((f) => [f.name, r[columnOf(f)] ?? null])) } : {}),
      });
    }
  }
  return { format: 'ums-personal-data', exportedAt: new Date().toISOString(), organization: { slug: organization.slug, name: organization.name }, user, roles: roles.map((r) => r.name), records };
}

/** What an erased personal field becomes: NULL when it may be empty, else a pseudonym of the record. */
function erasedValue(field: ResolvedField, recordId: string): string | null {
  if (!field.required) return null;
  const tag = recordId.replace(/-/g, '').slice(0, 12);
  switch (field.type) {
    case 'email':
      return `erased-${tag}@erased.invalid`;
    case 'date':
      return '1900-01-01';
    case 'string':
    case 'text':
    case 'phone':
      return field.unique ? `erased-${tag}` : 'erased';
    default:
      return null;
  }
}

export interface ErasureSummary {
  userId: string;
  /** Entity key → erased field names and how many records. */
  erased: Record<string, { fields: string[]; records: number }>;
}

/** Erases the personal data of user `email` in organization `slug` (records kept). */
export async function erasePersonalData(runtime: Runtime, slug: string, email: string, input: { operator?: string } = {}): Promise<ErasureSummary> {
  const organization = await findOrganization(runtime, slug);
  const operator = `operator:${input.operator ?? operatorName()}`;
  return crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
    const row = await findUser(runtime, manager, organization.id, email, true);
    const userId = String(row.id);
    const userEntity = runtime.registry.entity(USER)!;
    const erased: ErasureSummary['erased'] = {};
    // The user row: pseudonymised personal fields, no password, deactivated.
    const userFields = personalFields(userEntity);
    const sets = userFields.map((f, i) => `"${columnOf(f)}" = $${i + 3}`);
    const values = userFields.map((f) => (f.type === 'email' ? `erased-${userId}@erased.invalid` : f.name === 'name' ? 'Erased user' : erasedValue(f, userId)));
    const password = userEntity.fields.find((f) => f.type === 'password');
    await manager.query(
      `UPDATE core_user SET ${[...sets, ...(password ? [`"${columnOf(password)}" = NULL`] : []), 'is_active = false', 'deleted_at = coalesce(deleted_at, now())', 'updated_at = now()', 'version = version + 1'].join(', ')}
        WHERE id = $1 AND organization_id = $2`,
      [userId, organization.id, ...values],
    );
    erased[USER] = { fields: userFields.map((f) => f.name), records: 1 };
    await endSessions(manager, userId);
    // Records about them: the ones that reference them.
    for (const entity of runtime.registry.entities) {
      if (entity.key === USER || entity.ledger) continue;
      const refs = ownerReferences(entity);
      const personal = personalFields(entity);
      if (!refs.length || !personal.length) continue;
      const ids: { id: string }[] = await manager.query(`SELECT id FROM "${entity.table}" WHERE organization_id = $1 AND (${refs.map((f) => `"${f.column}" = $2`).join(' OR ')}) FOR UPDATE`, [organization.id, userId]);
      for (const { id } of ids) {
        await manager.query(
          `UPDATE "${entity.table}" SET ${personal.map((f, i) => `"${columnOf(f)}" = $${i + 3}`).join(', ')}, updated_at = now(), version = version + 1 WHERE id = $1 AND organization_id = $2`,
          [id, organization.id, ...personal.map((f) => erasedValue(f, id))],
        );
      }
      if (ids.length) erased[entity.key] = { fields: personal.map((f) => f.name), records: ids.length };
    }
    await manager.query(
      `INSERT INTO core_audit_log (organization_id, actor_id, system_actor, module, entity, record_id, action, action_name, changes, ip, created_by, updated_by)
       VALUES ($1, NULL, $2, 'core', 'core.user', $3, 'action', 'user:erase', $4, NULL, NULL, NULL)`,
      [organization.id, operator, userId, JSON.stringify({ erased })],
    );
    return { userId, erased };
  }));
}
