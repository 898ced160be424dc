/**
 * Sign-in for the admin (no public sign-up anywhere): e-mail + password against
 * active users, scrypt hashes, sessions stored in PostgreSQL.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import pg from 'pg';
import { verifyPassword } from '../data/passwords.js';
import { ORGANIZATION_TABLE, SESSION_TABLE } from '../data/entity-schemas.js';
import type { Runtime } from '../data/runtime.js';

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
 */
export function authenticator(runtime: Runtime) {
  return async (email: string, password: string): Promise<SignedInUser | null> => {
    const rows: UserRow[] = await runtime.dataSource.query(
      `SELECT u.id, u.email, u.name, u.password_hash, u.organization_id, o.name AS organization_name
         FROM core_user u JOIN ${ORGANIZATION_TABLE} o ON o.id = u.organization_id
        WHERE lower(u.email) = lower($1) AND u.is_active
        ORDER BY o.slug`,
      [String(email ?? '').trim()],
    );
    for (const row of rows) {
      if (await verifyPassword(String(password ?? ''), row.password_hash)) {
        return { id: row.id, email: row.email, title: row.name, organizationId: row.organization_id, organizationName: row.organization_name };
      }
    }
    return null;
  };
}

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
