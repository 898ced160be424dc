/**
 * A small module with jobs on one-second schedules, for the job tests: `tick`
 * writes a record through the job's RecordService, `explode` always fails.
 * Plus the short scheduler settings tests need (a long lock lifetime would
 * keep a timer alive after the worker stops and hold jest open).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobsConfig } from '../../config/index.js';
import { loadRegistry, type Registry } from '../../core/manifest/index.js';
import { definePlugin, type ModulePlugin } from '../../core/plugins/types.js';

export type Json = Record<string, unknown>;

export function tickerManifest(jobs?: Json[]): Json {
  return {
    id: 'ticker',
    version: '1.0.0',
    label: 'Ticker',
    systemTypes: ['gym'],
    entities: [
      {
        name: 'tick',
        titleField: 'note',
        fields: [
          { name: 'note', type: 'string', required: true },
          { name: 'job_actor', type: 'string' },
        ],
      },
    ],
    roles: [{ name: 'clerk' }],
    permissions: { clerk: [{ action: 'read', subject: 'tick' }] },
    jobs: jobs ?? [
      { name: 'tick', label: 'Tick', schedule: { every: '1 second' } },
      { name: 'explode', schedule: { every: '1 second' }, handler: 'always_fails' },
    ],
  };
}

export const tickerPlugin: ModulePlugin = definePlugin({
  module: 'ticker',
  jobs: {
    async tick(ctx) {
      const actor = ctx.records.actor.kind === 'system' ? ctx.records.actor.reason : 'user';
      await ctx.records.create('ticker.tick', { note: `tick for ${ctx.organization.slug}`, job_actor: actor });
      return `ticked ${ctx.organization.slug}`;
    },
    async always_fails(ctx) {
      throw new Error(`boom in ${ctx.organization.slug}`);
    },
  },
});

export function writeManifests(files: Record<string, Json>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-jobs-'));
  for (const [name, json] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(json));
  return dir;
}

export function tickerRegistry(jobs?: Json[]): Registry {
  return loadRegistry({ dir: writeManifests({ 'ticker.json': tickerManifest(jobs) }) });
}

export function testJobsConfig(overrides: Partial<JobsConfig> = {}): JobsConfig {
  return {
    backend: 'postgres',
    workerInProcess: true,
    processEvery: '0.25 seconds',
    lockLifetimeMs: 1000,
    reconcileEvery: '1 second',
    ...overrides,
  };
}

/** Polls `check` until it returns true; fails with `what` after `ms`. */
export async function waitFor(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
}
