/**
 * Where the per-request cost of metrics and request logging goes, piece by
 * piece, in CPU time (process.cpuUsage: user + system of every thread, so
 * sonic-boom's writes in libuv's pool count too) rather than throughput: the
 * machine is shared and throughput swings with the neighbours, CPU per call
 * much less. Each piece runs the calls the app makes per request, N times,
 * in batches of 8 (the bench's connections) with a turn of the event loop
 * between batches, as lines finishing together would; the empty loop's cost
 * is subtracted. Prints the median of 7 repetitions in µs per call.
 *
 *   npx tsx scripts/bench/telemetry-pieces.ts [--n=20000]
 *
 * "before" reproduces the configuration up to 2026-12-03 (pino with a mixin and
 * `*.key` wildcard redaction, prom-client observed with label objects, the GC
 * observer of collectDefaultMetrics); "now" is what core/log.ts and
 * core/ops/metrics.ts do.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { PerformanceObserver } from 'node:perf_hooks';
import { Counter, Histogram, Registry } from 'prom-client';
import { createLogger, runWithRequestLog, type RequestLogContext } from '../../core/log.js';
import { Metrics } from '../../core/ops/metrics.js';
import type { Runtime } from '../../core/runtime.js';

const n = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 20_000);
const BATCH = 8;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function cpuMicros(calls: (i: number) => void, batch = BATCH): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i += batch) {
    for (let j = 0; j < batch; j++) calls(i + j);
    await turn();
  }
  await turn();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** µs per call above the empty loop, median of 7; `settle` waits for asynchronous work (log writes) to be done. */
async function perCall(calls: (i: number) => void, settle: () => Promise<void> = async () => undefined, batch = BATCH): Promise<number> {
  const empty: number[] = [];
  const full: number[] = [];
  await cpuMicros(calls, batch); // warm-up (JIT)
  await settle();
  for (let r = 0; r < 7; r++) {
    empty.push(await cpuMicros(() => undefined, batch));
    const start = process.cpuUsage();
    await cpuMicros(calls, batch);
    await settle();
    const used = process.cpuUsage(start);
    full.push(used.user + used.system);
  }
  return (median(full) - median(empty)) / n;
}

/** The same for a heavier call, fewer times. */
async function perCallN(call: () => void, times: number): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < 8; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < times; i++) {
      call();
      if (i % BATCH === 0) await turn();
    }
    const used = process.cpuUsage(start);
    if (r > 0) runs.push((used.user + used.system) / times);
  }
  return median(runs);
}

const report = (name: string, us: number): void => {
  console.log(`${us.toFixed(2).padStart(8)} µs  ${name}`);
};

// ---- The access line ----------------------------------------------------------------------------
const context: RequestLogContext = { requestId: '6f1c1f6e-3c2b-4d8e-9a51-0b6f4a2d9c11', organizationId: '0b7d6c1e-8a9f-4d3b-b2c1-5e6f7a8b9c0d', userId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };
const line = { requestId: context.requestId, organizationId: context.organizationId, userId: context.userId, method: 'GET', route: '/admin/api/resources/:resourceId/actions/:action', status: 200, ms: 17 };
const store = new AsyncLocalStorage<RequestLogContext>();
const file = join(tmpdir(), `ums-telemetry-pieces-${process.pid}.log`);

function destination(sync: boolean) {
  return pino.destination({ dest: file, sync, mkdir: true });
}
async function flushed(logger: Logger): Promise<void> {
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
}

const OLD_REDACT = ['password', 'password_hash', 'token', 'secret', 'authorization', 'cookie', 'email'].flatMap((k) => [k, `*.${k}`]);
function oldLogger(options: { redact: boolean; mixin: boolean; sync?: boolean }): Logger {
  return pino(
    {
      level: 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(options.redact ? { redact: { paths: OLD_REDACT, censor: '[redacted]' } } : {}),
      ...(options.mixin
        ? {
            mixin() {
              const r = store.getStore();
              return r ? { requestId: r.requestId, organizationId: r.organizationId, userId: r.userId } : {};
            },
          }
        : {}),
    },
    destination(options.sync ?? false),
  );
}

async function accessLine(name: string, logger: Logger, within: (fn: () => void) => void, batch = BATCH): Promise<void> {
  report(`${name}, ${batch} line(s) per turn`, await perCall(() => within(() => logger.info({ ...line }, 'request')), () => flushed(logger), batch));
}

const inOldStore = (fn: () => void): void => store.run(context, fn);
const inNowStore = (fn: () => void): void => runWithRequestLog(context, fn);

console.log(`${n} calls per repetition; CPU µs per call above the empty loop (median of 7):\n`);
for (const batch of [1, BATCH]) {
  await accessLine('access line, before: mixin + wildcard redact, async stdout', oldLogger({ redact: true, mixin: true }), inOldStore, batch);
  await accessLine('access line, before but without redact', oldLogger({ redact: false, mixin: true }), inOldStore, batch);
  await accessLine('access line, before but without the mixin', oldLogger({ redact: true, mixin: false }), inOldStore, batch);
  await accessLine('access line, before but a synchronous write', oldLogger({ redact: true, mixin: true, sync: true }), inOldStore, batch);
  await accessLine('access line, plain pino, async', oldLogger({ redact: false, mixin: false }), inOldStore, batch);
  await accessLine('access line, plain pino, sync', oldLogger({ redact: false, mixin: false, sync: true }), inOldStore, batch);
  await accessLine('access line, now (core/log.ts: one formatter pass, sync stdout)', createLogger({ level: 'info', destination: destination(true) }), inNowStore, batch);
}
const nowLogger = createLogger({ level: 'info', destination: destination(true) });
report('a line from deeper code in a request, now (context added from AsyncLocalStorage)', await perCall(() => inNowStore(() => nowLogger.info({ resource: 'LibraryBook' }, 'something')), () => flushed(nowLogger)));
const oldDeep = oldLogger({ redact: true, mixin: true });
report('a line from deeper code in a request, before', await perCall(() => inOldStore(() => oldDeep.info({ resource: 'LibraryBook' }, 'something')), () => flushed(oldDeep)));
rmSync(file, { force: true });

// ---- Metrics --------------------------------------------------------------------------------------
const route = line.route;
{
  const registry = new Registry();
  const counter = new Counter({ name: 'c', help: 'c', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const histogram = new Histogram({ name: 'h', help: 'h', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  report('prom-client counter.inc({ method, route, status })', await perCall((i) => counter.inc({ method: 'GET', route, status: String(200 + (i & 1)) })));
  report('prom-client histogram.observe({ method, route }, s)', await perCall((i) => histogram.observe({ method: 'GET', route }, (i % 100) / 1000)));
  const child = histogram.labels('GET', route);
  report('prom-client histogram child (labels() cached) .observe(s)', await perCall((i) => child.observe((i % 100) / 1000)));
  const pool = new Histogram({ name: 'p', help: 'p', buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] });
  report('prom-client pool wait startTimer()+end() (per connection taken)', await perCall(() => pool.startTimer()()));
}

// ---- collectDefaultMetrics' GC observer (its event-loop monitor is a timer, not per request), then Metrics.observe ---------------------------

{
  // Garbage like a list request's (objects and strings): about 1 MB of short-lived allocations per call.
  let sink: unknown;
  const request = (): void => {
    const rows: Record<string, string>[] = [];
    for (let i = 0; i < 2_000; i++) rows.push({ id: `id-${i}`, title: `title of book ${i}`, author: `author ${i % 97}` });
    sink = JSON.stringify(rows);
  };
  const gcN = 400;
  // prom-client's GC observer (lib/metrics/gc.js) does exactly this per collection; ours can be disconnected, so
  // with and without alternate (4 times each) instead of following each other once.
  const registry = new Registry();
  const gcHistogram = new Histogram({ name: 'gc', help: 'gc', labelNames: ['kind'], buckets: [0.001, 0.01, 0.1, 1, 2, 5], registers: [registry] });
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    const entry = list.getEntries()[0];
    collections++;
    gcHistogram.observe(Object.assign({ kind: String((entry as unknown as { detail?: { kind?: number } }).detail?.kind) }, {}), entry.duration / 1000);
  });
  const without: number[] = [];
  const withObserver: number[] = [];
  let calls = 0;
  for (let r = 0; r < 4; r++) {
    without.push(await perCallN(request, gcN));
    observer.observe({ entryTypes: ['gc'] });
    withObserver.push(await perCallN(request, gcN));
    calls += 7 * gcN;
    observer.disconnect();
  }
  void sink;
  report(`GC observer: added per ~1 MB-of-garbage call (${(collections / calls).toFixed(2)} collections per call; call itself ${median(without).toFixed(0)} µs)`, median(withObserver) - median(without));
}
{
  // Metrics needs only the pool of a data source; none here, so no pool series.
  const metrics = new Metrics({ dataSource: { driver: {} } } as unknown as Runtime);
  report('Metrics.observe as the access line calls it (count, latency, tenant)', await perCall((i) => metrics.observe('GET', route, 200 + (i & 1), (i % 100) / 1000, context.organizationId)));
}
