/**
 * What a load balancer and Prometheus ask, before any session or body parser:
 *  - GET /healthz: the process answers (no database round trip);
 *  - GET /readyz: the database answers, every migration this code knows is
 *    applied, and how recently the job worker ran something (reported, not
 *    required: the admin serves without a worker, and a worker that stopped
 *    shows in jobs:list and the metrics); 503 with the reason otherwise;
 *  - GET /metrics: Prometheus text, only with `Authorization: Bearer
 *    $METRICS_TOKEN`; without METRICS_TOKEN the endpoint does not exist (404).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { Runtime } from '../runtime.js';
import { errorField, log } from '../log.js';
import type { Metrics } from './metrics.js';
import { crossTenant } from '../db/cross-tenant.js';

/** The worker counts as running when a job ran within this long (core.mail_delivery runs every 10 s). */
export const WORKER_STALE_MS = 2 * 60_000;

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'applied' | { pending: string[] } | 'unknown';
  worker: { status: 'running' | 'stale' | 'none'; lastRunAt?: string };
}

export function healthRouter(runtime: Runtime, options: { metrics?: Metrics; metricsToken?: string }): express.Router {
  const router = express.Router();
  let migrationsApplied = false; // once applied, they stay applied while this process runs
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const result: Readiness = { ready: false, database: 'unreachable', migrations: 'unknown', worker: { status: 'none' } };
    try {
      const known = runtime.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
      const [applied, worker] = await Promise.all([
        migrationsApplied ? Promise.resolve(null) : crossTenant(runtime.dataSource, 'ops-health', (owner) => owner.query('SELECT name FROM core_migrations') as Promise<{ name: string }[]>),
        crossTenant(runtime.dataSource, 'ops-health', (owner) => owner.query(`SELECT max(last_run_at) AS at FROM agenda_jobs`) as Promise<{ at: Date | null }[]>).catch(() => [{ at: null }]),
      ]);
      result.database = 'ok';
      if (applied) {
        const done = new Set(applied.map((r) => r.name));
        const pending = known.filter((n) => !done.has(n));
        migrationsApplied = pending.length === 0;
        result.migrations = pending.length ? { pending } : 'applied';
      } else result.migrations = 'applied';
      const at = worker[0]?.at ? new Date(worker[0].at) : undefined;
      result.worker = at ? { status: Date.now() - at.getTime() < WORKER_STALE_MS ? 'running' : 'stale', lastRunAt: at.toISOString() } : { status: 'none' };
      result.ready = result.migrations === 'applied';
    } catch (err) {
      log().warn({ err: errorField(err) }, 'readiness check: the database did not answer');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(result.ready ? 200 : 503).json(result);
  });
  router.get('/metrics', async (req: Request, res: Response) => {
    if (!options.metricsToken || !options.metrics) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    if (!tokenMatches(req.get('authorization'), options.metricsToken)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.type('text/plain').send('The metrics need `Authorization: Bearer <METRICS_TOKEN>`.');
      return;
    }
    try {
      const text = await options.metrics.text();
      res.setHeader('Cache-Control', 'no-store');
      res.type(options.metrics.registry.contentType).send(text);
    } catch (err) {
      log().error({ err: errorField(err) }, 'metrics could not be collected');
      res.status(503).type('text/plain').send('The metrics could not be collected; see the server log.');
    }
  });
  return router;
}

/** Constant time, whatever the length of what was sent. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(token));
}
