/**
 * REST API credentials. An access token is a JWT (HS256, 15 minutes) naming
 * the user and organization; it is checked on every call against the user's
 * current state (core/auth's isActive, the same short cache the admin's
 * sessions use, dropped at once when the user changes), so a deactivated
 * user's token stops working at once. A refresh token is 32 random bytes,
 * stored as its SHA-256 only, valid 7 days and single use: a refresh marks it
 * used in one conditional UPDATE (two racing refreshes cannot both win) and
 * issues the next token of the same family; presenting a used token again
 * means it was copied, so the whole family is revoked. An access token names
 * its family: once the family is revoked (logout, reuse) it stops too.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// jose is imported on the first token signed or checked, not at start (≈0.13 s of CPU before the login page).
const jose = (): Promise<typeof import('jose')> => import('jose');
import { isActive } from '../auth/index.js';
import { UmsError } from '../errors.js';
import { suspensionMessage } from '../auth/sessions.js';
import { API_TOKEN_TABLE, isUuid, ORGANIZATION_TABLE } from '../manifest/index.js';
import { BoundedCache } from '../access/bounded-cache.js';
import type { Runtime } from '../runtime.js';
import { unauthorized } from './problem.js';
import { withinTenant } from '../data/tenant-scope.js';
import { crossTenant } from '../db/cross-tenant.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;
/** How long "this sign-in is not revoked" is believed (another process's logout takes at most this long). */
const FAMILY_TTL_MS = 5_000;
const ISSUER = 'ums';
/**
 * Access tokens whose signature, issuer and audience were checked, by their exact text, until
 * they expire: the same bytes under the same key verify the same way, so a client sending its
 * token on every call pays for jose's decode and HMAC once per token, not once per request
 * (≈ 4 % of a REST list's CPU). Expiry is still checked on every call, and so are the
 * user's status and the sign-in's revocation below. Bounded, so a flood of tokens costs memory once.
 */
const VERIFIED_MAX = 5_000;
const AUDIENCE = 'ums-api';

/** API_JWT_KEY (at least 32 characters), or 32 random bytes generated once into DATA_DIR. */
export function apiSigningKey(configured: string | undefined, dataDir: string): Uint8Array {
  if (configured) {
    if (configured.length < 32) throw new Error('API_JWT_KEY must be at least 32 characters long.');
    return new TextEncoder().encode(configured);
  }
  const file = join(dataDir, 'api-jwt-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

/** Who an access token speaks for. */
export interface ApiPrincipal {
  userId: string;
  organizationId: string;
  email: string;
}

/** What a verified access token says (checked shapes). */
interface Claims {
  sub: string;
  org: string;
  email: string;
  fam?: string;
}

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export class TokenService {
  constructor(
    private readonly runtime: Runtime,
    private readonly key: Uint8Array,
  ) {}

  /** `until`: an earlier end than 15 minutes (an API client that expires sooner). */
  async accessToken(p: ApiPrincipal, until?: Date | null, family?: string): Promise<string> {
    const exp = Math.floor(Date.now() / 1000) + ACCESS_TOKEN_SECONDS;
    const { SignJWT } = await jose();
    return new SignJWT({ org: p.organizationId, email: p.email, ...(family ? { fam: family } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(p.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(until ? Math.min(exp, Math.floor(until.getTime() / 1000)) : exp)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** The principal of a valid token whose user may still act; 401 (one answer for every reason) otherwise. */
  async verify(token: string): Promise<ApiPrincipal> {
    const refused = (): Error => unauthorized('The access token is invalid or has expired: sign in again or refresh it.');
    const { sub, org, email, fam } = await this.verifiedClaims(token, refused);
    if (!(await isActive(this.runtime, { id: sub, organizationId: org }))) {
      const suspended = await suspensionMessage(this.runtime, org);
      throw suspended ? new UmsError('ORGANIZATION_SUSPENDED', suspended) : refused();
    }
    // A sign-in ended (logout, a reused refresh token): its access tokens end with it.
    if (typeof fam === 'string' && (await this.familyRevoked(fam))) throw refused();
    return { userId: sub, organizationId: org, email };
  }

  private readonly verified = new BoundedCache<string, { claims: Claims; expiresMs: number }>(VERIFIED_MAX);

  /** The token's claims once its signature, issuer, audience and expiry hold (jose), remembered until it expires. */
  private async verifiedClaims(token: string, refused: () => Error): Promise<Claims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresMs > Date.now()) return hit.claims;
      this.verified.delete(token);
      throw refused();
    }
    let payload;
    const { errors: joseErrors, jwtVerify } = await jose();
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError || err instanceof TypeError) throw refused();
      throw err;
    }
    const { sub, org, email, fam, exp } = payload as { sub?: unknown; org?: unknown; email?: unknown; fam?: unknown; exp?: unknown };
    if (!isUuid(sub) || !isUuid(org) || typeof email !== 'string' || (fam !== undefined && !isUuid(fam))) throw refused();
    const claims: Claims = { sub, org, email, fam: typeof fam === 'string' ? fam : undefined };
    // Our tokens always carry exp; one without it is checked again on every call rather than believed for ever.
    if (typeof exp === 'number') this.verified.set(token, { claims, expiresMs: exp * 1000 });
    return claims;
  }

  /** Believed FAMILY_TTL_MS, like a user's status; this process forgets it at once when it revokes the family. */
  private families = new Map<string, { revoked: boolean; expires: number }>();

  private async familyRevoked(family: string): Promise<boolean> {
    const hit = this.families.get(family);
    if (hit && hit.expires > Date.now()) return hit.revoked;
    const rows: { revoked: boolean }[] = await crossTenant(this.runtime.dataSource, 'api-token', (owner) => owner.query(`SELECT bool_or(revoked_at IS NOT NULL) AS revoked FROM ${API_TOKEN_TABLE} WHERE family_id = $1`, [family]));
    const revoked = rows[0]?.revoked !== false;
    if (this.families.size > 50_000) this.families.clear();
    this.families.set(family, { revoked, expires: Date.now() + FAMILY_TTL_MS });
    return revoked;
  }

  /** A new sign-in: a new family. */
  async issue(p: ApiPrincipal): Promise<TokenPair> {
    return this.pair(p, randomUUID());
  }

  private async pair(p: ApiPrincipal, family: string): Promise<TokenPair> {
    const refresh = randomBytes(32).toString('base64url');
    await withinTenant(this.runtime.dataSource, p.organizationId).query(
      `INSERT INTO ${API_TOKEN_TABLE} (organization_id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [p.organizationId, p.userId, family, hashOf(refresh), REFRESH_TOKEN_SECONDS],
    );
    return { access_token: await this.accessToken(p, null, family), token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, refresh_token: refresh, refresh_expires_in: REFRESH_TOKEN_SECONDS };
  }

  /** Rotates a refresh token; a token used before revokes its family. */
  async refresh(token: unknown): Promise<TokenPair> {
    const refused = unauthorized('The refresh token is invalid, expired or already used: sign in again.');
    if (typeof token !== 'string' || !token || token.length > 200) throw refused;
    const hash = hashOf(token);
    // The claim: only one caller turns an unused, live token into a used one.
    type Claimed = { user_id: string; organization_id: string; family_id: string; email: string | null; active: boolean };
    // TypeORM answers an UPDATE … RETURNING as [rows, affected count].
    const [claimed]: [Claimed[], number] = await crossTenant(this.runtime.dataSource, 'api-token', (owner) => owner.query(
      `UPDATE ${API_TOKEN_TABLE} t SET used_at = now()
         FROM core_user u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now() AND u.id = t.user_id
        RETURNING t.user_id, t.organization_id, t.family_id, u.email, (u.is_active AND u.deleted_at IS NULL) AS active`,
      [hash],
    ));
    const row = claimed[0];
    if (!row) {
      // Used already (by someone holding a copy, or by us after a lost answer): end the whole sign-in.
      const [revoked]: [{ family_id: string }[], number] = await crossTenant(this.runtime.dataSource, 'api-token', (owner) => owner.query(
        `UPDATE ${API_TOKEN_TABLE} SET revoked_at = now() WHERE revoked_at IS NULL AND family_id IN (SELECT family_id FROM ${API_TOKEN_TABLE} WHERE token_hash = $1 AND used_at IS NOT NULL) RETURNING family_id`,
        [hash],
      ));
      for (const r of revoked) this.families.delete(r.family_id);
      throw refused;
    }
    if (!row.active || !row.email) throw refused;
    return this.pair({ userId: row.user_id, organizationId: row.organization_id, email: row.email }, row.family_id);
  }

  /** Signs a sign-in out: every refresh token of the token's family. Unknown tokens are no error (idempotent). */
  async logout(token: unknown): Promise<void> {
    if (typeof token !== 'string' || !token || token.length > 200) return;
    const [revoked]: [{ family_id: string }[], number] = await crossTenant(this.runtime.dataSource, 'api-token', (owner) => owner.query(
      `UPDATE ${API_TOKEN_TABLE} SET revoked_at = now() WHERE revoked_at IS NULL AND family_id IN (SELECT family_id FROM ${API_TOKEN_TABLE} WHERE token_hash = $1) RETURNING family_id`,
      [hashOf(token)],
    ));
    for (const r of revoked) this.families.delete(r.family_id);
  }

  async organizationOf(id: string): Promise<{ id: string; slug: string; name: string } | undefined> {
    const rows: { id: string; slug: string; name: string }[] = await crossTenant(this.runtime.dataSource, 'organization-registry', (owner) => owner.query(`SELECT id, slug, name FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [id]));
    return rows[0];
  }
}
