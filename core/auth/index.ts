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
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import pg from 'pg';
import { verifyPassword } from '../data/passwords.js';
import { normaliseEmail } from './accounts.js';
import { timingDummy } from './codes.js';
import { blockedUntil, clearHits, describeTime, LOGIN_LOCK, recordHit } from './throttle.js';
import type { Runtime } from '../runtime.js';
import { ORGANIZATION_TABLE, SESSION_TABLE } from '../manifest/index.js';

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
}

/**
 * E-mails are unique per organization, so one address may exist in several;
 * the password decides which account signs in (first match by organization slug).
 *
 * Lock-out: LOGIN_LOCK.max failures for an address within its window lock that
 * address (known or not, so the lock says nothing about which addresses exist)
 * until the window has passed since the last failure. While locked, the
 * password is not even checked. The message names the time; AdminJS shows an
 * error thrown here on its login page. A success clears the failures.
 */
export function authenticator(runtime: Runtime) {
  return async (email: string, password: string): Promise<SignedInUser | null> => {
    const address = normaliseEmail(email);
    const manager = runtime.dataSource.manager;
    const locked = await blockedUntil(manager, 'login', address, LOGIN_LOCK);
    if (locked) throw new Error(lockMessage(locked));
    const rows: UserRow[] = await runtime.dataSource.query(
      `SELECT u.id, u.email, u.name, u.password_hash, u.organization_id, o.name AS organization_name
         FROM core_user u JOIN ${ORGANIZATION_TABLE} o ON o.id = u.organization_id
        WHERE lower(u.email) = $1 AND u.is_active
        ORDER BY o.slug`,
      [address],
    );
    for (const row of rows) {
      if (await verifyPassword(String(password ?? ''), row.password_hash)) {
        await clearHits(manager, 'login', address);
        return { id: row.id, email: row.email, title: row.name, organizationId: row.organization_id, organizationName: row.organization_name };
      }
    }
    // An unknown address (or one not yet given a password) costs what a wrong password costs.
    if (!rows.some((r) => r.password_hash)) await verifyPassword(String(password ?? ''), await timingDummy());
    await recordHit(manager, 'login', address);
    const nowLocked = await blockedUntil(manager, 'login', address, LOGIN_LOCK);
    if (nowLocked) throw new Error(lockMessage(nowLocked));
    return null;
  };
}

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
  pool.on('error', (err) => console.warn(`session store: idle database connection lost (${err.message}); it will be reopened`));
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
      cookie: { httpOnly: true, sameSite: 'strict', secure, maxAge: 8 * 3600 * 1000 },
    },
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}

export { authRoutes, type AuthRoutesOptions } from './routes.js';
export { RateLimited } from './accounts.js';
export { inviteUser, hasPassword, acceptInvitation } from './invitations.js';
export { requestPasswordReset, resetPassword } from './password-reset.js';
export { requestAccountDeletion, confirmAccountDeletion } from './account-deletion.js';
export { passwordProblem } from './password-policy.js';
export { expireStaleCredentials } from './expiry.js';
