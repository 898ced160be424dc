/**
 * API clients for machine-to-machine use (`core.api_client`, made by org
 * admins in the admin). A client acts as its own account: a core.user made
 * with the client ("API client: <name>", a random password nobody knows, so
 * it cannot sign in anywhere) holding the client's roles as ordinary role
 * assignments. So the access compiler, row and field rules, and the audit log
 * need nothing new: every call is recorded with that account as the actor.
 * The client's secret is 32 random bytes, shown once by the "New secret"
 * action and stored as its SHA-256 in a table no screen shows.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RecordValidationError } from '../errors.js';
import type { RecordService } from '../data/records.js';
import { API_CLIENT_SECRET_TABLE, isUuid } from '../manifest/index.js';
import type { EntityHooks, FixtureRecord, RecordActionDefinition } from '../plugins/types.js';
import type { Runtime } from '../runtime.js';
import { crossTenant } from '../db/cross-tenant.js';

const CLIENT = 'core.api_client';
const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function checkRoles(values: Record<string, unknown>): string[] {
  const roles = values.roles;
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || !r) || roles.length > 50) {
    throw new RecordValidationError(CLIENT, { roles: { message: 'must be a list of role names, e.g. ["library.librarian"]', type: 'roles' } });
  }
  return [...new Set(roles as string[])];
}

/** The client's account holds exactly the client's roles (refused if one does not exist in the organization). */
async function syncRoles(records: RecordService, userId: string, roles: string[]): Promise<void> {
  const system = records.asSystem('api_client');
  const found = roles.length ? await system.find('core.role', { filters: [{ field: 'name', op: 'in', value: roles }], limit: 1000 }) : [];
  const missing = roles.filter((r) => !found.some((f) => f.name === r));
  if (missing.length) throw new RecordValidationError(CLIENT, { roles: { message: `no such role: ${missing.join(', ')}`, type: 'roles' } });
  const held = await system.find('core.role_assignment', { filters: [{ field: 'user', op: 'eq', value: userId }], limit: 1000 });
  for (const a of held) if (!found.some((f) => f.id === a.role)) await system.delete('core.role_assignment', a.id);
  for (const role of found) if (!held.some((a) => a.role === role.id)) await system.create('core.role_assignment', { user: userId, role: role.id });
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/;

function checkOrigins(values: Record<string, unknown>): void {
  const origins = values.allowed_origins;
  if (origins === null || origins === undefined) return;
  if (!Array.isArray(origins) || origins.length > 50 || origins.some((o) => typeof o !== 'string' || !ORIGIN.test(o))) {
    throw new RecordValidationError(CLIENT, { allowed_origins: { message: 'must be a list of origins such as "https://app.example.org" (scheme, host and port; no path)', type: 'origins' } });
  }
}

export const apiClientHooks: EntityHooks<RecordService> = {
  beforeCreate: (_ctx, values) => {
    checkRoles(values);
    checkOrigins(values);
    // The account is made by afterCreate, never chosen: a client cannot borrow a person's account.
    values.user = null;
    values.secret_created_at = null;
  },
  beforeUpdate: (_ctx, change) => {
    if (change.changed.includes('roles')) checkRoles(change.values);
    if (change.changed.includes('allowed_origins')) checkOrigins(change.values);
    if (change.before.user) change.values.user = change.before.user;
  },
  afterCreate: async (ctx, record) => {
    const system = ctx.records.asSystem('api_client');
    const user = await system.create('core.user', {
      email: `api-client-${record.id}@clients.invalid`,
      name: `API client: ${String(record.name)}`,
      password: randomBytes(32).toString('base64url'),
      is_active: record.is_active === true,
    });
    await system.update(CLIENT, record.id, { user: user.id });
    await syncRoles(ctx.records, user.id, checkRoles(record));
  },
  afterUpdate: async (ctx, { before, after }) => {
    const userId = typeof after.user === 'string' ? after.user : null;
    if (!userId) return;
    const system = ctx.records.asSystem('api_client');
    if (JSON.stringify(before.roles) !== JSON.stringify(after.roles)) await syncRoles(ctx.records, userId, checkRoles(after));
    // Deactivating the client deactivates its account: its tokens stop at once (core/auth sessions).
    if (before.is_active !== after.is_active || before.name !== after.name) {
      await system.update('core.user', userId, { is_active: after.is_active === true, name: `API client: ${String(after.name)}` });
    }
  },
};

export const apiClientActions: RecordActionDefinition<RecordService>[] = [
  {
    name: 'new_secret',
    entity: 'api_client',
    label: 'New secret',
    translations: { bn: { label: 'নতুন গোপন চাবি' } },
    icon: 'Key',
    confirm: 'Make a new secret for this client? The old one stops working at once. The new one is shown only once: copy it from the message.',
    handler: async (ctx, record) => {
      const secret = `ums_${randomBytes(32).toString('base64url')}`;
      await ctx.records.entityManager.query(
        `INSERT INTO ${API_CLIENT_SECRET_TABLE} (client_id, organization_id, secret_hash) VALUES ($1, $2, $3)
         ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = now()`,
        [record.id, ctx.records.organizationId, hashOf(secret)],
      );
      const updated = await ctx.records.asSystem('api_client').update(CLIENT, record.id, { secret_created_at: new Date().toISOString() });
      return { message: `Client id ${record.id}, secret ${secret} (shown only now: copy it; it is stored hashed).`, record: updated };
    },
  },
];

/** Generated test data: a client with no roles (role names are checked against the organization's). */
export const apiClientFixture: FixtureRecord = (draft) => ({ ...draft, roles: [] });

export interface ClientPrincipal {
  clientId: string;
  userId: string;
  organizationId: string;
  email: string;
  expiresAt: Date | null;
}

/**
 * The client these credentials name, if the secret matches, the client is
 * active and not expired, and its account is active; undefined otherwise (one
 * answer for every reason). Looked up across organizations: the client id is
 * the organization's key.
 */
export async function verifyClientCredentials(runtime: Runtime, clientId: string, secret: string): Promise<ClientPrincipal | undefined> {
  if (!isUuid(clientId)) return undefined;
  const table = runtime.registry.entity(CLIENT)!.table;
  const rows: { secret_hash: string; user_id: string | null; organization_id: string; email: string | null; expires_at: Date | null; ok: boolean }[] = await crossTenant(runtime.dataSource, 'api-token', (owner) => owner.query(
    `SELECT s.secret_hash, c.user_id, c.organization_id, u.email, c.expires_at,
            (c.is_active AND (c.expires_at IS NULL OR c.expires_at > now()) AND u.is_active AND u.deleted_at IS NULL) AS ok
       FROM "${table}" c JOIN ${API_CLIENT_SECRET_TABLE} s ON s.client_id = c.id JOIN core_user u ON u.id = c.user_id
      WHERE c.id = $1`,
    [clientId],
  ));
  const row = rows[0];
  const given = Buffer.from(hashOf(secret), 'hex');
  const stored = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  const match = timingSafeEqual(given, stored);
  if (!row || !match || !row.ok || !row.user_id || !row.email) return undefined;
  return { clientId, userId: row.user_id, organizationId: row.organization_id, email: row.email, expiresAt: row.expires_at };
}

