/**
 * Runtime settings, read once from the environment. Every default is the
 * zero-setup one: embedded PostgreSQL under ./.data, demo data, 127.0.0.1:3000.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface UmsConfig {
  /** External PostgreSQL; when unset, an embedded server runs under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Port for the embedded PostgreSQL; 0 picks a free one. */
  embeddedPgPort: number;
  host: string;
  port: number;
  seedDemo: boolean;
  sessionSecret?: string;
  manifestDir?: string;
  production: boolean;
  /** Outgoing mail server (`smtp://user:pass@host:587`); unset, mail stays in the outbox table only. */
  smtpUrl?: string;
  /** Sender of every mail, e.g. `UMS <no-reply@example.org>`. */
  mailFrom: string;
  /** Base URL of the server as users reach it, for links in mails (invitations). */
  publicUrl: string;
  /**
   * Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-For/-Proto to believe. Unset: nobody's,
   * the client's IP is the socket's. `loopback`, addresses or subnets (comma-separated), a hop count, or `true`.
   */
  trustProxy: boolean | number | string;
  /** Session cookies `Secure`: whenever PUBLIC_URL is https (or SECURE_COOKIES=on). */
  secureCookies: boolean;
  jobs: JobsConfig;
  uploads: UploadLimits;
  /** Rows a report download carries at once (REPORT_DOWNLOAD_MAX_ROWS); a larger report is made in the background (core/admin/reports/runs.ts). */
  reportDownloadMaxRows: number;
}

/**
 * Request bodies of the admin (core/admin/form-bodies.ts, core/admin/upload-spool.ts):
 * every limit is per request, every temporary file lives in `<dataDir>/uploads`.
 */
export interface UploadLimits {
  /** The sign-in form (read before anyone is signed in): a few KB, no files. */
  loginMaxBytes: number;
  /** Any other admin form or API body of a signed-in user, files included. */
  formMaxBytes: number;
  /** A CSV import file. */
  importMaxBytes: number;
  /** An upload that sends no byte for this long is refused (408). */
  idleTimeoutMs: number;
  /** An upload not complete after this long is refused (408). */
  totalTimeoutMs: number;
  /** Imports running or uploading at once, per user and per organization (beyond: 429). */
  importsPerUser: number;
  importsPerOrganization: number;
  /** Import transactions at once in the whole server (the rest wait, holding no connection). */
  importsRunning: number;
}

/** Background jobs (core/jobs): agenda on PostgreSQL by default. */
export interface JobsConfig {
  /** `postgres` (the application database) or `mongodb` (needs mongodbUrl). */
  backend: 'postgres' | 'mongodb';
  mongodbUrl?: string;
  /** Run the worker inside `npm start` (WORKER=off leaves it to `npm run worker`). */
  workerInProcess: boolean;
  /** How often agenda looks for due jobs (LISTEN/NOTIFY also wakes it for new ones). */
  processEvery: string;
  /** A job locked longer than this is assumed dead and may run again elsewhere. */
  lockLifetimeMs: number;
  /** How often job schedules follow organizations' module changes. */
  reconcileEvery: string;
  /** Time zone for cron schedules; unset: the server's. */
  timezone?: string;
}

const int = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isFinite(n) || n <= 0 ? fallback : Math.floor(n);
};

export function readUploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return {
    loginMaxBytes: int(env.LOGIN_FORM_MAX_BYTES, 8 * 1024),
    formMaxBytes: int(env.ADMIN_FORM_MAX_BYTES, 10 * 1024 * 1024),
    importMaxBytes: int(env.IMPORT_MAX_BYTES, 50 * 1024 * 1024),
    idleTimeoutMs: int(env.UPLOAD_IDLE_TIMEOUT_MS, 30_000),
    totalTimeoutMs: int(env.UPLOAD_TIME_LIMIT_MS, 10 * 60_000),
    importsPerUser: int(env.IMPORTS_PER_USER, 2),
    importsPerOrganization: int(env.IMPORTS_PER_ORGANIZATION, 4),
    importsRunning: int(env.IMPORTS_RUNNING, 2),
  };
}

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase());

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Express takes it; a typo stops the start with the value named (Express would throw later, vaguely). */
export function readTrustProxy(value: string | undefined): boolean | number | string {
  const text = (value ?? '').trim();
  if (text === '' || ['0', 'false', 'no', 'off'].includes(text.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(text.toLowerCase())) return true;
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.filter((p) => !PROXY_NAMES.has(p) && !isIP(p.split('/')[0]));
  if (bad.length || parts.some((p) => p === '')) {
    throw new Error(`TRUST_PROXY="${text}" is not understood: use loopback, linklocal, uniquelocal, IP addresses or subnets (comma-separated), a hop count, or true.`);
  }
  return parts.join(',');
}

/**
 * PUBLIC_URL as the operator set it (no trailing slash), or undefined when it is unset: then links
 * made for a request (export file links) take that request's origin, while links without a request
 * (mails) use readConfig's default, http://HOST:PORT.
 */
export function configuredPublicUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = (env.PUBLIC_URL ?? '').trim().replace(/\/+$/, '');
  return value || undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): UmsConfig {
  const publicUrl = (env.PUBLIC_URL || `http://${env.HOST || '127.0.0.1'}:${Number(env.PORT || 3000)}`).replace(/\/+$/, '');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT || 0),
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT || 3000),
    seedDemo: flag(env.SEED_DEMO, true),
    sessionSecret: env.SESSION_SECRET || undefined,
    manifestDir: env.MANIFEST_DIR ? resolve(env.MANIFEST_DIR) : undefined,
    production: env.NODE_ENV === 'production',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'UMS <no-reply@ums.localhost>',
    publicUrl,
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    secureCookies: /^https:/i.test(publicUrl) || flag(env.SECURE_COOKIES, false),
    jobs: {
      // Checked when the scheduler opens, so a typo stops the worker with a message instead of falling back.
      backend: (env.JOBS_BACKEND || 'postgres') as JobsConfig['backend'],
      mongodbUrl: env.MONGODB_URL || undefined,
      workerInProcess: flag(env.WORKER, true),
      processEvery: env.JOBS_PROCESS_EVERY || '5 seconds',
      lockLifetimeMs: Number(env.JOBS_LOCK_LIFETIME_MS || 10 * 60_000),
      reconcileEvery: env.JOBS_RECONCILE_EVERY || '1 minute',
      timezone: env.JOBS_TIMEZONE || undefined,
    },
    uploads: readUploadLimits(env),
    reportDownloadMaxRows: int(env.REPORT_DOWNLOAD_MAX_ROWS, 100_000),
  };
}

export const DEMO_PASSWORD = 'demo1234';
