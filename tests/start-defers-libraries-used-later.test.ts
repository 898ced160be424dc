/**
 * The server's start does not load libraries whose first use comes later (issue 17, start-up CPU):
 * agenda (the in-process worker opens its scheduler after the HTTP server listens), file-type (the
 * first upload), jose (the first API token), nodemailer (the first SMTP delivery) and prom-client
 * (only with METRICS_TOKEN). Together ≈0.6 s of CPU measured importing them alone. AdminJS's components
 * bundler (Rollup, Babel, esbuild) loads only when a bundle is built: patches/adminjs+7.8.17.patch makes
 * its static import lazy (≈0.25 s of CPU and ≈30 MB of RSS at every start that finds the bundle fresh), and
 * AdminJS's server no longer loads its own front end (React and the whole design system, for one constant and
 * one style function): importing the server's modules 2.4 → 1.0 s of CPU, RSS 186 → 120 MB. A fresh Node
 * process with a resolve hook records what the imports of scripts/start-server.ts reach; the second
 * step imports the libraries and proves the hook sees them.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHECKOUT = resolve(import.meta.dirname, '..');

describe('start-up defers libraries used later', () => {
  it('the start-up imports reach none of them nor AdminJS\'s front end; first use loads each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ums-deferred-'));
    const log = join(dir, 'resolved.log');
    writeFileSync(log, '');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/deferred-imports-child.ts'], {
        cwd: CHECKOUT,
        env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production', RESOLVED_LOG: log },
        encoding: 'utf8',
        timeout: 280_000,
      });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      if (r.status !== 0 || !line) throw new Error(`the child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      const result = JSON.parse(line) as { startImports: number; atStart: string[]; frontEndAtStart: string[]; afterFirstUse: string[] };
      expect(result.startImports).toBe(10);
      expect(result.atStart).toEqual([]);
      expect(result.frontEndAtStart).toEqual([]);
      expect(result.afterFirstUse).toEqual(['@babel/preset-env', 'agenda', 'file-type', 'jose', 'nodemailer', 'prom-client', 'rollup']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
