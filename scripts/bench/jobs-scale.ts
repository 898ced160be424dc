/**
 * Issue 17, measured without the 10,000-organization bench cluster (whose seed
 * copies every tenant table): the scheduler's own cost at 200 and at 10,000
 * organizations, on a fixture made set-wise — one library organization made by
 * the real code, then copies of its core_organization and
 * core_organization_module rows only (all the scheduler reads). Figures: the
 * schedule sync's reconcile with nothing to change (what the worker does every
 * minute), the first reconcile after the upgrade (removing one legacy agenda row
 * per organization × module job), and the paging of one firing (the pages'
 * queries, without running the handlers). Run: `npx tsx scripts/bench/jobs-scale.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../config/index.js';
import { createRuntime, type Runtime } from '../../core/runtime.js';
import { JobScheduler } from '../../core/jobs/scheduler.js';
import { organizationPages } from '../../core/jobs/organization-pages.js';
import { installationJobs } from '../../core/ops/installation-jobs.js';
import { createOrganization } from '../../core/tenancy/index.js';
import { benchQuery } from './tenants-fixture.js';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = await fn();
  return { ms: performance.now() - t0, cpuMs: cpuMs() - c0, value };
}

const median = <T extends { ms: number }>(xs: T[]): T => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)];

async function grow(runtime: Runtime, templateId: string, to: number): Promise<void> {
  await benchQuery(runtime,
    `INSERT INTO core_organization (id, name, slug, system_type, timezone, language)
     SELECT md5('jobs-scale-' || n)::uuid, 'Copy ' || n, 'copy-' || lpad(n::text, 5, '0'), t.system_type, t.timezone, t.language
       FROM core_organization t CROSS JOIN generate_series(2, $2) n
      WHERE t.id = $1 ON CONFLICT DO NOTHING`, [templateId, to]);
  await benchQuery(runtime,
    `INSERT INTO core_organization_module (organization_id, module_id, enabled, version)
     SELECT md5('jobs-scale-' || n)::uuid, m.module_id, m.enabled, m.version
       FROM core_organization_module m CROSS JOIN generate_series(2, $2) n
      WHERE m.organization_id = $1 ON CONFLICT DO NOTHING`, [templateId, to]);
  await benchQuery(runtime, 'ANALYZE');
}

async function measure(runtime: Runtime, organizations: number, log: (line: string) => void): Promise<void> {
  const scheduler = await JobScheduler.open(runtime, { config: readConfig().jobs, role: 'command', coreJobs: installationJobs(), log: () => undefined });
  try {
    const moduleJobs = scheduler.jobs.filter((j) => j.scope === 'organization');
    await scheduler.reconcile();
    // The upgrade: one legacy row per organization × module job, as the design before issue 17 left them.
    const [{ legacy }]: { legacy: number }[] = await benchQuery(runtime,
      `WITH ins AS (INSERT INTO agenda_jobs (name, type, repeat_interval, data, next_run_at)
        SELECT j.key, 'normal', '1 day', jsonb_build_object('organizationId', m.organization_id), now() + interval '1 day'
          FROM core_organization_module m JOIN unnest($1::text[], $2::text[]) AS j(key, module) ON j.module = m.module_id
         WHERE m.enabled RETURNING 1) SELECT count(*)::int AS legacy FROM ins`,
      [moduleJobs.map((j) => j.key), moduleJobs.map((j) => j.module)]);
    const upgrade = await timed(() => scheduler.reconcile());
    const steady = [];
    for (let i = 0; i < 5; i++) steady.push(await timed(() => scheduler.reconcile()));
    const s = median(steady);
    const paging = [];
    for (let i = 0; i < 3; i++) {
      paging.push(await timed(async () => {
        let n = 0;
        let pages = 0;
        for await (const page of organizationPages(runtime, 'library')) {
          n += page.length;
          pages++;
        }
        return { n, pages };
      }));
    }
    const p = median(paging);
    const [{ rows }]: { rows: number }[] = await benchQuery(runtime, `SELECT count(*)::int AS rows FROM agenda_jobs`);
    log(`${organizations} organizations: ${rows} agenda rows (${moduleJobs.length} module jobs); upgrade reconcile removing ${legacy} per-organization rows ${upgrade.ms.toFixed(0)} ms (${upgrade.cpuMs.toFixed(0)} ms CPU, removed ${upgrade.value.removed}); steady reconcile median of 5 ${s.ms.toFixed(1)} ms (${s.cpuMs.toFixed(1)} ms CPU; all: ${steady.map((x) => x.ms.toFixed(1)).join(' / ')}); paging one library firing: ${p.value.n} organizations in ${p.value.pages} pages, ${p.ms.toFixed(1)} ms (${p.cpuMs.toFixed(1)} ms CPU)`);
  } finally {
    await scheduler.close(0);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ums-jobs-scale-'));
const log = (line: string): void => console.log(line);
const runtime = await createRuntime({ config: { dataDir: dir, embeddedPgPort: 0 }, migrate: true, log: () => undefined });
try {
  const { organization } = await createOrganization(runtime, { name: 'Scale template', slug: 'scale-template', systemType: 'library', admin: { email: 'admin@scale.test', password: 'secret-123' } });
  for (const n of [200, 10_000]) {
    await grow(runtime, organization.id, n);
    await measure(runtime, n, log);
  }
} finally {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
}
