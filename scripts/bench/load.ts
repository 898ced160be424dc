/**
 * A bounded closed-loop load generator: `concurrency` workers on keep-alive
 * loopback connections, each sending its next request when the previous
 * answer has been read. Warm-up first (not recorded), then a fixed window;
 * every loop stops by itself when the window closes.
 */
import http from 'node:http';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  /** Requests answered with 200 inside the measured window. */
  requests: number;
  /** Every request that completed, warm-up and stragglers included (for per-request server counters). */
  completed: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  /** Every recorded latency (ms), ascending. */
  latencies: number[];
}

export interface Answer {
  status: number;
  body: Buffer;
}

export function request(agent: http.Agent, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
  });
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const endAt = measureFrom + options.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let completed = 0;
  let lastError = '';
  const worker = async (): Promise<void> => {
    while (performance.now() < endAt) {
      const t0 = performance.now();
      let ok = false;
      try {
        const answer = await request(agent, options.url, options.headers);
        ok = answer.status === 200;
        if (!ok) lastError = `HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`;
      } catch (err) {
        lastError = (err as Error).message;
      }
      const t1 = performance.now();
      completed++;
      if (t0 < measureFrom || t1 > endAt) continue; // warm-up, or finished after the window closed
      if (ok) latencies.push(t1 - t0);
      else errors++;
      if (errors > 20) throw new Error(`too many failed requests, last: ${lastError}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return summarise(latencies, errors, options.durationMs / 1000, completed);
}

/** Pools several runs (rounds) of the same variant into one result. */
export function combine(results: LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number): number => results.reduce((n, r) => n + pick(r), 0);
  return summarise(results.flatMap((r) => r.latencies), sum((r) => r.errors), sum((r) => r.seconds), sum((r) => r.completed));
}

function summarise(latencies: number[], errors: number, seconds: number, completed: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    completed,
    errors,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(sorted.length, 1),
    latencies: sorted,
  };
}
