/**
 * `config:check`: the configuration the server would run with, read from the
 * same environment by readConfig, each setting with where it came from and
 * secrets masked; plus the settings that contradict each other or cannot
 * work, each with the variable to change. Nothing here opens the database.
 */
import { readConfig, type UmsConfig } from './index.js';
import { allowPrivateFromEnv } from '../core/webhooks/outgoing.js';

export interface ConfigReport {
  settings: { name: string; value: string; source: 'env' | 'default' }[];
  problems: string[];
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MASK = '*****';

/** A URL with its password (and a token-like user) masked; an unreadable one says so without echoing it. */
export function maskUrl(url: string | undefined): string {
  if (!url) return '(unset)';
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    return u.toString();
  } catch {
    return '(set, not a URL)';
  }
}

const secret = (value: string | undefined): string => (value ? `${MASK} (set, ${value.length} characters)` : '(unset)');

export function checkConfig(env: NodeJS.ProcessEnv = process.env): ConfigReport {
  const problems: string[] = [];
  let config: UmsConfig;
  try {
    config = readConfig(env);
  } catch (err) {
    return { settings: [], problems: [err instanceof Error ? err.message : String(err)] };
  }
  const from = (name: string): 'env' | 'default' => (env[name] !== undefined && env[name] !== '' ? 'env' : 'default');
  const settings: ConfigReport['settings'] = [
    { name: 'DATABASE_URL', value: config.databaseUrl ? maskUrl(config.databaseUrl) : `(unset: embedded PostgreSQL under ${config.dataDir})`, source: from('DATABASE_URL') },
    { name: 'DATA_DIR', value: config.dataDir, source: from('DATA_DIR') },
    { name: 'HOST', value: config.host, source: from('HOST') },
    { name: 'PORT', value: String(config.port), source: from('PORT') },
    { name: 'PUBLIC_URL', value: config.publicUrl, source: from('PUBLIC_URL') },
    { name: 'NODE_ENV', value: config.production ? 'production' : env.NODE_ENV || '(unset: development)', source: from('NODE_ENV') },
    { name: 'SECURE_COOKIES', value: config.secureCookies ? 'on' : 'off', source: from('SECURE_COOKIES') },
    { name: 'TRUST_PROXY', value: String(config.trustProxy), source: from('TRUST_PROXY') },
    { name: 'SESSION_SECRET', value: config.sessionSecret ? secret(config.sessionSecret) : `(unset: generated once into ${config.dataDir}/session-secret)`, source: from('SESSION_SECRET') },
    { name: 'SEED_DEMO', value: config.seedDemo ? 'on' : 'off', source: from('SEED_DEMO') },
    { name: 'SMTP_URL', value: config.smtpUrl ? maskUrl(config.smtpUrl) : '(unset: mail stays in the outbox and the server log)', source: from('SMTP_URL') },
    { name: 'MAIL_FROM', value: config.mailFrom, source: from('MAIL_FROM') },
    { name: 'WORKER', value: config.jobs.workerInProcess ? 'on (in the server process)' : 'off (npm run worker)', source: from('WORKER') },
    { name: 'JOBS_BACKEND', value: config.jobs.backend, source: from('JOBS_BACKEND') },
    { name: 'MONGODB_URL', value: maskUrl(config.jobs.mongodbUrl), source: from('MONGODB_URL') },
    { name: 'WEBHOOKS_KEY', value: env.WEBHOOKS_KEY ? secret(env.WEBHOOKS_KEY) : `(unset: generated once into ${config.dataDir}/webhook-key)`, source: from('WEBHOOKS_KEY') },
    { name: 'WEBHOOKS_ALLOW_PRIVATE', value: allowPrivateFromEnv(env) ? 'on (webhooks may reach private and loopback addresses)' : 'off', source: from('WEBHOOKS_ALLOW_PRIVATE') },
    { name: 'METRICS_TOKEN', value: env.METRICS_TOKEN ? secret(env.METRICS_TOKEN) : '(unset: no /metrics endpoint)', source: from('METRICS_TOKEN') },
    { name: 'LOG_LEVEL', value: env.LOG_LEVEL || 'info', source: from('LOG_LEVEL') },
  ];

  // Contradictions and settings that cannot work.
  const https = /^https:/i.test(config.publicUrl);
  if (https && env.SECURE_COOKIES !== undefined && ['0', 'false', 'no', 'off'].includes(env.SECURE_COOKIES.toLowerCase())) {
    problems.push('PUBLIC_URL is https but SECURE_COOKIES is off: session cookies would be sent without Secure. Remove SECURE_COOKIES (https turns it on).');
  }
  if (!https && config.secureCookies) problems.push(`SECURE_COOKIES is on but PUBLIC_URL (${config.publicUrl}) is http: browsers would never send the session cookie back, so nobody could stay signed in. Set PUBLIC_URL to the https address users reach.`);
  // Unset, PUBLIC_URL is made from HOST and PORT, whose problems are their own.
  if (env.PUBLIC_URL) {
    try {
      const u = new URL(config.publicUrl);
      if (!/^https?:$/.test(u.protocol)) problems.push(`PUBLIC_URL must be an http(s) address, not ${u.protocol}.`);
    } catch {
      problems.push(`PUBLIC_URL "${config.publicUrl}" is not a URL.`);
    }
  }
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) problems.push(`PORT must be a number from 1 to 65535, not "${env.PORT}".`);
  if (config.production && config.seedDemo) problems.push(`NODE_ENV is production but SEED_DEMO is on: an empty database would get demo accounts with the published password. Set SEED_DEMO=false.`);
  if (config.jobs.backend !== 'postgres' && config.jobs.backend !== 'mongodb') problems.push(`JOBS_BACKEND must be postgres or mongodb, not "${config.jobs.backend}".`);
  if (config.jobs.backend === 'mongodb' && !config.jobs.mongodbUrl) problems.push('JOBS_BACKEND is mongodb but MONGODB_URL is unset.');
  if (config.jobs.backend !== 'mongodb' && config.jobs.mongodbUrl) problems.push('MONGODB_URL is set but JOBS_BACKEND is not mongodb: it would be ignored. Set JOBS_BACKEND=mongodb or remove MONGODB_URL.');
  if (config.databaseUrl && !/^postgres(ql)?:\/\//i.test(config.databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://.');
  if (config.smtpUrl && !/^smtps?:\/\//i.test(config.smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://.');
  if (env.METRICS_TOKEN && env.METRICS_TOKEN.length < 16) problems.push('METRICS_TOKEN is shorter than 16 characters: anyone could guess it. Use a long random value (openssl rand -hex 24).');
  if (env.WEBHOOKS_KEY && env.WEBHOOKS_KEY.length < 32) problems.push('WEBHOOKS_KEY is shorter than 32 characters: webhook secrets are encrypted with it. Use a long random value (openssl rand -hex 32).');
  if (allowPrivateFromEnv(env) && config.production) problems.push('WEBHOOKS_ALLOW_PRIVATE is on in production: webhooks can reach the server\'s own network (databases, cloud metadata). Remove it unless a receiver really lives there.');
  if (config.sessionSecret && config.sessionSecret.length < 32) problems.push('SESSION_SECRET is shorter than 32 characters: sessions could be forged by guessing it. Use a long random value (openssl rand -hex 32).');
  if (env.LOG_LEVEL && !LOG_LEVELS.includes(env.LOG_LEVEL.toLowerCase())) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}".`);
  return { settings, problems };
}
