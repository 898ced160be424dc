/**
 * config:check: the effective configuration with secrets masked, and the
 * contradictions it refuses, each naming the variable to change; the command
 * exits 1 on a problem and never prints a secret.
 */
import { describe, expect, it } from '@jest/globals';
import { checkConfig } from '../config/check.js';
import { runCliWithEnvironment } from './support/cli.js';

const SECRET = 'db-password-that-must-not-show';

describe('config:check', () => {
  it('masks secrets and says where each setting came from', () => {
    const report = checkConfig({ DATABASE_URL: `postgres://ums:${SECRET}@db.internal:5432/ums`, SESSION_SECRET: 'x'.repeat(40), METRICS_TOKEN: 'm'.repeat(32), SMTP_URL: `smtp://mailer:${SECRET}@smtp.example:587` });
    expect(report.problems).toEqual([]);
    const text = JSON.stringify(report);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('x'.repeat(40));
    expect(text).not.toContain('m'.repeat(32));
    expect(report.settings.find((s) => s.name === 'DATABASE_URL')).toEqual({ name: 'DATABASE_URL', value: 'postgres://ums:*****@db.internal:5432/ums', source: 'env' });
    expect(report.settings.find((s) => s.name === 'PORT')).toEqual({ name: 'PORT', value: '3000', source: 'default' });
  });

  it('refuses contradictory settings, naming what to change', () => {
    const problems = (env: NodeJS.ProcessEnv) => checkConfig(env).problems;
    expect(problems({ PUBLIC_URL: 'https://ums.example.org', SECURE_COOKIES: 'off' })).toEqual([expect.stringMatching(/^PUBLIC_URL is https but SECURE_COOKIES is off/)]);
    expect(problems({ PUBLIC_URL: 'http://ums.example.org', SECURE_COOKIES: 'on' })).toEqual([expect.stringMatching(/SECURE_COOKIES is on but PUBLIC_URL .* is http/)]);
    expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/SEED_DEMO=false/)]);
    expect(problems({ NODE_ENV: 'production', SEED_DEMO: 'false' })).toEqual([]);
    expect(problems({ JOBS_BACKEND: 'mongodb' })).toEqual(['JOBS_BACKEND is mongodb but MONGODB_URL is unset.']);
    expect(problems({ MONGODB_URL: 'mongodb://m/ums' })).toEqual([expect.stringMatching(/^MONGODB_URL is set but JOBS_BACKEND is not mongodb/)]);
    expect(problems({ METRICS_TOKEN: 'short' })).toEqual([expect.stringMatching(/^METRICS_TOKEN is shorter than 16/)]);
    expect(problems({ LOG_LEVEL: 'loud' })).toEqual([expect.stringMatching(/^LOG_LEVEL must be one of/)]);
    expect(problems({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT must be a number/)]);
    expect(problems({ TRUST_PROXY: 'sometimes' })).toEqual([expect.stringMatching(/^TRUST_PROXY="sometimes" is not understood/)]);
  });

  it('shows WEBHOOKS_KEY masked and WEBHOOKS_ALLOW_PRIVATE, and refuses a short key or private webhooks in production', () => {
    const key = 'k'.repeat(40);
    const report = checkConfig({ WEBHOOKS_KEY: key, DATA_DIR: '/srv/ums' });
    expect(JSON.stringify(report)).not.toContain(key);
    expect(report.settings.find((s) => s.name === 'WEBHOOKS_KEY')).toEqual({ name: 'WEBHOOKS_KEY', value: '***** (set, 40 characters)', source: 'env' });
    expect(report.settings.find((s) => s.name === 'WEBHOOKS_ALLOW_PRIVATE')).toEqual({ name: 'WEBHOOKS_ALLOW_PRIVATE', value: 'off', source: 'default' });
    expect(checkConfig({ DATA_DIR: '/srv/ums' }).settings.find((s) => s.name === 'WEBHOOKS_KEY')?.value).toBe('(unset: generated once into /srv/ums/webhook-key)');
    expect(checkConfig({ WEBHOOKS_ALLOW_PRIVATE: '1' }).settings.find((s) => s.name === 'WEBHOOKS_ALLOW_PRIVATE')?.value).toMatch(/^on/);
    expect(checkConfig({ WEBHOOKS_KEY: 'short' }).problems).toEqual([expect.stringMatching(/^WEBHOOKS_KEY is shorter than 32/)]);
    expect(checkConfig({ NODE_ENV: 'production', SEED_DEMO: 'false', WEBHOOKS_ALLOW_PRIVATE: '1' }).problems).toEqual([expect.stringMatching(/^WEBHOOKS_ALLOW_PRIVATE is on in production/)]);
  });

  it('the command prints the table and exits 1 with the problems, without the secret', async () => {
    const r = await runCliWithEnvironment(['config:check'], { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `postgres://ums:${SECRET}@db/ums`, PUBLIC_URL: 'https://ums.example.org', SECURE_COOKIES: 'off' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DATABASE_URL\s+postgres:\/\/ums:\*\*\*\*\*@db\/ums\s+env$/m);
    expect(r.stderr).toContain('PUBLIC_URL is https but SECURE_COOKIES is off');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  }, 60_000);
});
