/**
 * start.ts defers AdminJS's components bundler (core/admin/lazy-bundler): Rollup and Babel load
 * only when the components bundle is missing or older than a component's source, and the bundle
 * is still made then; under NODE_ENV=production react-dom's development build is not read at all,
 * and AdminJS's login page (server-side React, with Bengali text) still renders. Each step is a
 * fresh Node process (tests/support/admin-bundler-child.ts), as a start is.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHECKOUT = resolve(import.meta.dirname, '..');

interface ChildReport {
  deferred: boolean;
  before: { babel: boolean; reactDomDevelopment: boolean };
  after: { babel: boolean; reactDomDevelopment: boolean };
  bundleMtimeMs: number;
  bundleBytes: number;
  loginRenders: boolean;
}

function start(tmp: string, env: Record<string, string> = {}): ChildReport {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/admin-bundler-child.ts'], {
    cwd: CHECKOUT,
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', ADMIN_JS_TMP_DIR: tmp, ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`the child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as ChildReport;
}

describe('the AdminJS bundler is loaded only when the components bundle is stale', () => {
  it('builds a missing bundle, leaves a fresh one without loading Rollup or Babel, and rebuilds one older than the components', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ums-bundler-'));
    try {
      const first = start(tmp);
      expect(first.deferred).toBe(true);
      expect(first.before.babel).toBe(false); // AdminJS imported, nothing bundled yet
      expect(first.after.babel).toBe(true); // no bundle: made
      expect(first.bundleBytes).toBeGreaterThan(1_000);
      expect(first.before.reactDomDevelopment).toBe(false);
      expect(first.loginRenders).toBe(true);

      const fresh = start(tmp);
      expect(fresh.after.babel).toBe(false);
      expect(fresh.bundleMtimeMs).toBe(first.bundleMtimeMs);
      expect(fresh.loginRenders).toBe(true);

      // A bundle older than the component sources (as after editing one) is made again.
      utimesSync(join(tmp, 'bundle.js'), new Date('2000-01-01'), new Date('2000-01-01'));
      const stale = start(tmp);
      expect(stale.after.babel).toBe(true);
      expect(stale.bundleMtimeMs).toBeGreaterThan(first.bundleMtimeMs);
      expect(stale.bundleBytes).toBe(first.bundleBytes);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 600_000);

  it('without the deferral (tests, the CLI) the bundler loads with AdminJS, as before', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ums-bundler-'));
    try {
      const report = start(tmp, { DEFER: 'off' });
      expect(report.deferred).toBe(false);
      expect(report.before.babel).toBe(true);
      expect(report.loginRenders).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 300_000);
});
