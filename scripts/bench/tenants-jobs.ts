/**
 * Jobs at 10,000 organizations (issue 17): how many agenda rows the scheduler keeps (one per
 * declared job since the redesign, whatever the number of organizations), and what keeping them in
 * step costs — `reconcile()` runs when a worker starts and then every JOBS_RECONCILE_EVERY
 * (1 minute by default) as `core.schedule_sync`.
 * Measured in this process against the bench cluster, on the real JobScheduler (role `command`:
 * it processes nothing, so nothing else runs meanwhile).
 */
import { readConfig } from '../../config/index.js';
import { JobScheduler } from '../../core/jobs/scheduler.js';
import { installationJobs } from '../../core/ops/installation-jobs.js';
import type { Runtime } from '../../core/runtime.js';
import { benchQuery } from './tenants-fixture.js';

export interface JobFigures {
  organizations: number;
  /** Agenda rows by job name after the schedules were synchronised. */
  rows: Record<string, number>;
  totalRows: number;
  /** The first reconcile after the rows were dropped (creates one row per declared job): wall ms and this process's CPU ms. */
  create?: { ms: number; cpuMs: number; created: number };
  /** A reconcile with nothing to change (what the worker does every minute), median of 3. */
  steady: { ms: number; cpuMs: number };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function measureJobs(runtime: Runtime, options: { recreate: boolean }): Promise<JobFigures> {
  const scheduler = await JobScheduler.open(runtime, { config: readConfig().jobs, role: 'command', coreJobs: installationJobs(), log: () => undefined });
  try {
    let create: JobFigures['create'];
    if (options.recreate) {
      // From scratch, as on the first start of a worker.
      await benchQuery(runtime, `DELETE FROM agenda_jobs WHERE name <> 'core.schedule_sync'`).catch(() => undefined);
      const t0 = performance.now();
      const c0 = cpuMs();
      const summary = await scheduler.reconcile();
      create = { ms: performance.now() - t0, cpuMs: cpuMs() - c0, created: summary.created };
    } else {
      await scheduler.reconcile();
    }
    const steady: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const c0 = cpuMs();
      await scheduler.reconcile();
      steady.push({ ms: performance.now() - t0, cpuMs: cpuMs() - c0 });
    }
    steady.sort((a, b) => a.ms - b.ms);
    const byName: { name: string; n: number }[] = await benchQuery(runtime, `SELECT name, count(*)::int AS n FROM agenda_jobs GROUP BY name ORDER BY name`);
    const [{ orgs }]: { orgs: number }[] = await benchQuery(runtime, `SELECT count(*)::int AS orgs FROM core_organization`);
    return { organizations: orgs, rows: Object.fromEntries(byName.map((r) => [r.name, r.n])), totalRows: byName.reduce((n, r) => n + r.n, 0), create, steady: steady[1] };
  } finally {
    await scheduler.close(0);
  }
}
