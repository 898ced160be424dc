/**
 * Prometheus metrics (prom-client), one registry per app so two apps in one
 * process (tests) do not collide. Label values are bounded by construction:
 * routes are Express route patterns ("/admin/api/resources/:resourceId/…"),
 * never raw URLs; organizations appear only as the top TOP_TENANTS by
 * requests. What other processes do (the job worker, mail delivery) is read
 * from the database at scrape time, so the numbers are the installation's,
 * whichever process runs the jobs.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Runtime } from '../runtime.js';
import { poolOf } from '../db/datasource.js';

export const TOP_TENANTS = 10;
/** Organizations remembered for the top list; past this the smallest counts are dropped. */
const TENANT_MEMORY = 1_000;

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
  connect: (...args: unknown[]) => unknown;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly errors: Counter<'route'>;
  private readonly poolWait: Histogram;
  private readonly perTenant = new Map<string, number>();

  constructor(private readonly runtime: Runtime) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'ums_process_' });
    this.requests = new Counter({ name: 'ums_http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'ums_http_request_duration_seconds',
      help: 'HTTP request latency by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: 'ums_http_errors_total', help: 'Responses with a 5xx status, by route pattern', labelNames: ['route'], registers });
    this.poolWait = new Histogram({ name: 'ums_db_pool_wait_seconds', help: 'Time spent waiting for a database connection from the pool', buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers });
    const pool = this.pool();
    if (pool) this.timePoolWaits(pool);
    new Gauge({
      name: 'ums_db_pool_connections',
      help: 'Connections of the application pool by state (in_use, idle, max)',
      labelNames: ['state'],
      registers,
      collect() {
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        if (pool.options?.max) this.set({ state: 'max' }, pool.options.max);
      },
    });
    new Gauge({
      name: 'ums_db_pool_waiting',
      help: 'Requests waiting for a connection from the application pool now',
      registers,
      collect() {
        this.set(pool?.waitingCount ?? 0);
      },
    });
    const db = runtime.dataSource;
    new Gauge({
      name: 'ums_job_runs',
      help: 'Job runs in the run log (its retention window) by job and outcome (ok, failed, skipped)',
      labelNames: ['job', 'status'],
      registers,
      async collect() {
        this.reset();
        const rows: { job: string; status: string; n: number }[] = await db
          .query(`SELECT job_name AS job, coalesce(meta->>'status', CASE WHEN event = 'fail' THEN 'failed' ELSE 'ok' END) AS status, count(*)::int AS n FROM agenda_logs GROUP BY 1, 2`)
          .catch(() => []); // no worker has created the run log yet
        for (const r of rows) this.set({ job: r.job, status: r.status }, r.n);
      },
    });
    const outbox = outboxReader(db);
    new Gauge({
      name: 'ums_mail_outbox_depth',
      help: 'Mails waiting to be sent (queued or sending)',
      registers,
      async collect() {
        this.set((await outbox()).depth);
      },
    });
    new Gauge({
      name: 'ums_mail_outbox_oldest_age_seconds',
      help: 'Age of the oldest mail waiting to be sent (0 when none waits)',
      registers,
      async collect() {
        this.set((await outbox()).age);
      },
    });
    const tenants = this.perTenant;
    new Gauge({
      name: 'ums_organization_requests',
      help: `Requests since start of the ${TOP_TENANTS} busiest organizations`,
      labelNames: ['organization'],
      registers,
      collect() {
        this.reset();
        for (const [id, n] of [...tenants].sort((a, b) => b[1] - a[1]).slice(0, TOP_TENANTS)) this.set({ organization: id }, n);
      },
    });
  }

  /** One finished request. */
  observe(method: string, route: string, status: number, seconds: number, organizationId?: string): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
    if (status >= 500) this.errors.inc({ route });
    if (organizationId) this.countTenant(organizationId);
  }

  private countTenant(id: string): void {
    this.perTenant.set(id, (this.perTenant.get(id) ?? 0) + 1);
    if (this.perTenant.size <= TENANT_MEMORY) return;
    // Forget the quieter half: the top list only needs the busiest, and memory stays bounded.
    const keep = [...this.perTenant].sort((a, b) => b[1] - a[1]).slice(0, TENANT_MEMORY / 2);
    this.perTenant.clear();
    for (const [k, v] of keep) this.perTenant.set(k, v);
  }

  private pool(): PgPool | undefined {
    return poolOf<PgPool>(this.runtime.dataSource);
  }

  /** TypeORM asks pg's pool with a callback; the wait is the time until the callback gets its client. */
  private timePoolWaits(pool: PgPool): void {
    const original = pool.connect.bind(pool);
    const histogram = this.poolWait;
    pool.connect = (...args: unknown[]) => {
      const end = histogram.startTimer();
      const callback = args[0];
      if (typeof callback === 'function') {
        return original((...result: unknown[]) => {
          end();
          (callback as (...a: unknown[]) => void)(...result);
        });
      }
      return (original() as Promise<unknown>).finally(end);
    };
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The outbox read once per scrape for both gauges. */
function outboxReader(db: Runtime['dataSource']): () => Promise<{ depth: number; age: number }> {
  let pending: { at: number; value: Promise<{ depth: number; age: number }> } | undefined;
  return () => {
    if (pending && Date.now() - pending.at < 1_000) return pending.value;
    const value = db
      .query(`SELECT count(*)::int AS depth, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM core_mail_outbox WHERE status IN ('queued', 'sending')`)
      .then((rows: { depth: number; age: number }[]) => rows[0] ?? { depth: 0, age: 0 });
    pending = { at: Date.now(), value };
    return value;
  };
}
