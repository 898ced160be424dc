/**
 * Sign-in for the admin (no public sign-up anywhere): e-mail + password against
 * active users, scrypt hashes, lock-out after repeated failures, sessions
 * stored in PostgreSQL. Accounts get their password from an invitation link;
 * forgotten passwords and deleting one's own account use e-mailed codes
 * (routes.ts: pages linked from the login page, and JSON endpoints).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Request } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import pg from 'pg';
import { verifyPassword } from '../data/passwords.js';
import { normaliseEmail, RateLimited } from './accounts.js';
import { timingDummy } from './codes.js';
import { blockedUntil, clearHits, describeTime, LOGIN_LOCK, LOGIN_PER_IP, recordHit } from './throttle.js';
import { renewSessionId } from './sessions.js';
import type { Runtime } from '../runtime.js';
import { ORGANIZATION_TABLE, SESSION_TABLE } from '../manifest/index.js';
import { inactiveMessage, SIGNED_OUT_STATUSES, type OrganizationStatus } from '../data/tenant-status.js';
import { UmsError } from '../errors.js';
import { errorField, log } from '../log.js';
import { crossTenant } from '../db/cross-tenant.js';

export interface SignedInUser {
  id: string;
  email: string;
  title: string;
  organizationId: string;
  organizationName: string;
  [key: string]: unknown;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  organization_id: string;
  organization_name: string;
  organization_status: OrganizationStatus;
  status_reason: string | null;
}

/** Hash verifications every sign-in attempt costs, whatever the address: see authenticator. */
export const SIGN_IN_VERIFICATIONS = 3;

export interface AuthenticatorOptions {
  /** The password check (tests count its calls). */
  verify?: (password: string, hash: string | null | undefined) => Promise<boolean>;
}

/** What @adminjs/express passes as the third argument of `authenticate`. */
interface LoginContext {
  req?: Request;
  /** Only this organization's account (the REST API's login names it when the address exists in several). */
  organization?: string;
}

/**
 * E-mails are unique per organization, so one address may exist in several;
 * the password decides which account signs in (first match by organization slug).
 *
 * Lock-out: LOGIN_LOCK.max failures for an address within its window lock that
 * address (known or not, so the lock says nothing about which addresses exist)
 * until the window has passed since the last failure; LOGIN_PER_IP.max failures
 * from one IP (req.ip: the socket's address unless TRUST_PROXY trusts a proxy)
 * stop that IP's sign-ins. While locked, the password is not even checked. The
 * message names the time; AdminJS shows an error thrown here on its login page.
 * A success clears the address's failures.
 *
 * Timing: every attempt verifies the password against every candidate account
 * (no early exit) and pads with dummy hashes up to SIGN_IN_VERIFICATIONS, so an
 * unknown address, an address without a password and one in up to that many
 * organizations cost the same.
 *
 * Session fixation: on success the session id is regenerated before AdminJS
 * stores the user on the session, so an id set before sign-in is worthless.
 */
export function authenticator(runtime: Runtime, options: AuthenticatorOptions = {}) {
  const verify = options.verify ?? verifyPassword;
  return async (email: string, password: string, context?: LoginContext): Promise<SignedInUser | null> => crossTenant(runtime.dataSource, 'sign-in', async (manager) => {
    const address = normaliseEmail(email);
    const ip = context?.req?.ip;
    const ipLocked = ip ? await blockedUntil(manager, 'login_ip', ip, LOGIN_PER_IP) : null;
    if (ipLocked) throw new RateLimited(ipLockMessage(ipLocked), ipLocked);
    const locked = await blockedUntil(manager, 'login', address, LOGIN_LOCK);
    if (locked) throw new RateLimited(lockMessage(locked), locked);
    // An address with a NUL byte is nobody's (PostgreSQL refuses it in a query, and its error text reached the login page);
    // it is treated as an unknown address, with the same hash checks and counted failure.
    const rows: UserRow[] = address.includes('\u0000') ? [] : await manager.query(
      `SELECT u.id, u.email, u.name, u.password_hash, u.organization_id, o.name AS organization_name, o.status AS organization_status, o.status_reason
         FROM core_user u JOIN ${ORGANIZATION_TABLE} o ON o.id = u.organization_id
        WHERE lower(u.email) = $1 AND u.is_active AND ($2::text IS NULL OR o.slug = $2)
        ORDER BY o.slug`,
      [address, context?.organization ?? null],
    );
    const typed = String(password ?? '');
    let match: UserRow | undefined;
    for (const row of rows) {
      // An account without a password yet costs what one with a wrong password costs.
      const ok = await verify(typed, row.password_hash ?? (await timingDummy()));
      if (ok && row.password_hash && !match) match = row;
    }
    for (let i = rows.length; i < SIGN_IN_VERIFICATIONS; i++) await verify(typed, await timingDummy());
    if (match) {
      await clearHits(manager, 'login', address);
      // Told only once the password is right, so the suspension says nothing to someone guessing.
      if (SIGNED_OUT_STATUSES.includes(match.organization_status)) throw new UmsError('ORGANIZATION_SUSPENDED', inactiveMessage(match.organization_status, match.status_reason));
      if (context?.req) await renewSessionId(context.req, false);
      return { id: match.id, email: match.email, title: match.name, organizationId: match.organization_id, organizationName: match.organization_name };
    }
    await recordHit(manager, 'login', address);
    if (ip) await recordHit(manager, 'login_ip', ip);
    const nowLocked = await blockedUntil(manager, 'login', address, LOGIN_LOCK);
    if (nowLocked) throw new RateLimited(lockMessage(nowLocked), nowLocked);
    return null;
  });
}

const ipLockMessage = (until: Date): string =>
  `Too many failed sign-ins from your network (${LOGIN_PER_IP.max} within ${LOGIN_PER_IP.windowMinutes} minutes). Sign-in from here is paused until ${describeTime(until)}.`;

const lockMessage = (until: Date): string =>
  `Too many failed sign-ins for this address (${LOGIN_LOCK.max} within ${LOGIN_LOCK.windowMinutes} minutes). Sign-in is locked until ${describeTime(until)}. Forgot your password? Reset it with the link below.`;

/** SESSION_SECRET, or one generated once and kept beside the embedded database. */
export function sessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'session-secret');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  } catch {
    return randomBytes(32).toString('hex');
  }
}

export interface SessionSetup {
  options: session.SessionOptions;
  close(): Promise<void>;
}

export function sessionSetup(runtime: Runtime, secret: string, secure: boolean): SessionSetup {
  const PgStore = connectPgSimple(session);
  const pool = new pg.Pool({ connectionString: runtime.database.url, max: 4 });
  // An idle client dropped by the server (restart, admin command) is replaced by the pool on next use;
  // without a listener, pg emits it as an unhandled 'error' and the whole process exits.
  pool.on('error', (err) => log().warn({ err: errorField(err) }, 'session store: idle database connection lost; it will be reopened'));
  // disableTouch: the cookie is not rolling (it is only re-sent when the session is saved), so a
  // browser drops it maxAge after the last save; the store's expiry is set to the same moment on
  // every save. Touching the row on each request only pushed a server-side expiry no browser could
  // reach, at the cost of one UPDATE (and a WAL flush) per request — about a fifth of list throughput.
  const store = new PgStore({ pool, tableName: SESSION_TABLE, createTableIfMissing: false, pruneSessionInterval: 600, disableTouch: true });
  return {
    options: {
      store,
      secret,
      name: 'ums.sid',
      resave: false,
      saveUninitialized: false,
      // SameSite=Strict: AdminJS calls record actions with GET, so no cross-site request may carry the session.
      // Secure (PUBLIC_URL on https): Node speaks plain HTTP behind a TLS proxy, so whether the browser's
      // side is HTTPS is read from the proxy's X-Forwarded-Proto (only for this; client IPs need TRUST_PROXY).
      cookie: { httpOnly: true, sameSite: 'strict', secure, maxAge: 8 * 3600 * 1000 },
      proxy: secure ? true : undefined,
    },
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}

export { authRoutes, type AuthRoutesOptions } from './routes.js';
export { checkSession, isActive, USER_STATUS_TTL_MS } from './sessions.js';
export { RateLimited } from './accounts.js';
export { inviteUser, hasPassword, acceptInvitation } from './invitations.js';
export { requestPasswordReset, resetPassword } from './password-reset.js';
export { requestAccountDeletion, confirmAccountDeletion } from './account-deletion.js';
export { passwordProblem } from './password-policy.js';
export { expireStaleCredentials } from './expiry.js';
