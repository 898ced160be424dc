/**
 * What metrics and request logging cost on the AdminJS list (issue 15: less
 * than 5 % throughput): the same app build in two processes taking turns in
 * the same run, one as deployed (METRICS_TOKEN set, so prom-client observes
 * every request, and LOG_LEVEL=info, one pino access line per request to its
 * stdout, which the bench sends to a file), one with both off
 * (LOG_LEVEL=silent, no METRICS_TOKEN). Reported as throughput ratios (over
 * all rounds and per round, neighbours in time) and server CPU per request,
 * the steadier figure on a shared machine. The block is written between its
 * markers in the README's Benchmarks section, also by `--only=list`.
 */
import { availableParallelism } from 'node:os';
import { withMarkedBlock } from './report.js';

export const TELEMETRY_START = '<!-- bench:telemetry -->';
export const TELEMETRY_END = '<!-- /bench:telemetry -->';

export interface TelemetryRun {
  date: string;
  /** The bench command the figures come from. */
  command: string;
  settings: { rounds: number; windowS: number; warmupS: number; concurrency: number };
  on: { rps: number; rounds: number[]; cpuMs: number; p50: number };
  off: { rps: number; rounds: number[]; cpuMs: number; p50: number };
  /** Access lines the logging server wrote during the run, and their bytes. */
  logLines: number;
  logBytes: number;
  /** ums_http_requests_total summed from the logging server's /metrics after the run. */
  metricsRequests: number;
  load: [number, number];
  machine?: { busy: number; others: number };
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** P(X ≤ k) for X ~ Binomial(n, ½). */
const binomialHalfCdf = (n: number, k: number): number => {
  let term = 0.5 ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum;
};

/**
 * A distribution-free confidence interval for the median of `values` (order statistics: the median lies
 * between the k-th smallest and the k-th largest with probability 1 − 2·P(Binomial(n, ½) < k)), at the
 * largest k whose coverage is still ≥ 95 %. With 6 values that is [min, max]; with 24, the 7th and 18th.
 * No assumption about how a shared machine's noise is distributed, only that rounds are independent.
 */
export function medianInterval(values: number[]): { low: number; high: number; coverage: number } {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  let k = 1;
  while (k + 1 <= Math.floor(n / 2) && 1 - 2 * binomialHalfCdf(n, k) >= 0.95) k++;
  return { low: s[k - 1], high: s[n - k], coverage: 1 - 2 * binomialHalfCdf(n, k - 1) };
}

export function telemetryFigures(r: TelemetryRun): { ratio: number; roundRatios: number[]; medianRatio: number; interval: { low: number; high: number; coverage: number }; cpuCost: number } {
  const roundRatios = r.on.rounds.map((x, i) => x / r.off.rounds[i]);
  return { ratio: r.on.rps / r.off.rps, roundRatios, medianRatio: median(roundRatios), interval: medianInterval(roundRatios), cpuCost: r.on.cpuMs / r.off.cpuMs - 1 };
}

/**
 * The verdict on "cost < 5 % of throughput": met when the whole confidence interval of the median on/off
 * ratio lies above 0.95, not met when it lies below, not shown when it straddles 0.95 (the rounds are
 * too noisy to tell). Server CPU per request is reported beside it, not judged: on a machine the load
 * generator, PostgreSQL and the servers share, throughput is what the target names.
 */
export function telemetryVerdict(f: ReturnType<typeof telemetryFigures>): string {
  const { low, high, coverage } = f.interval;
  const range = `${pct(1 - high)} to ${pct(1 - low)}, ${(coverage * 100).toFixed(1)} % confidence`;
  if (low >= 0.95) return `**met** (cost of the median round ${range})`;
  if (high < 0.95) return `**not met** (cost of the median round ${range})`;
  return `**not shown** (cost of the median round ${range}: the rounds are too noisy to tell; run with more \`--rounds\`)`;
}

export function telemetryBlock(r: TelemetryRun): string {
  const f = telemetryFigures(r);
  const cost = 1 - f.medianRatio;
  const verdict = telemetryVerdict(f);
  const machine = r.machine ? `the machine ${(r.machine.busy * 100).toFixed(0)} % busy, ${(r.machine.others * 100).toFixed(0)} % of it by processes outside the bench; ` : '';
  return `${TELEMETRY_START}
**Cost of metrics and request logging** (issue 15; ${r.date}; \`${r.command}\`; ${r.settings.rounds} rounds of ${r.settings.windowS} s, ${r.settings.warmupS} s warm-up, ${r.settings.concurrency} connections; ${machine}1-minute load average ${r.load[0].toFixed(1)} before / ${r.load[1].toFixed(1)} after on ${availableParallelism()} cores). The same app build in two processes taking turns (with the other list variants under \`--only=list\`): *as deployed* (\`METRICS_TOKEN\` set, so prom-client observes every request, and \`LOG_LEVEL=info\`, one pino access line per request written to stdout, which the bench sends to a file: ${r.logLines.toLocaleString('en')} lines, ${(r.logBytes / 2 ** 20).toFixed(1)} MB in this run; its \`/metrics\` counted ${r.metricsRequests.toLocaleString('en')} requests) against *both off* (\`LOG_LEVEL=silent\`, no \`METRICS_TOKEN\`), the librarian's AdminJS list.

| AdminJS list, librarian | req/s | p50 ms | server CPU ms/request |
|---|---:|---:|---:|
| metrics and request logging on (as deployed) | ${r.on.rps.toFixed(0)} | ${r.on.p50.toFixed(1)} | ${r.on.cpuMs.toFixed(2)} |
| both off | ${r.off.rps.toFixed(0)} | ${r.off.p50.toFixed(1)} | ${r.off.cpuMs.toFixed(2)} |

Throughput on/off: ${f.ratio.toFixed(3)} over all rounds; per round ${f.roundRatios.map((x) => x.toFixed(2)).join(' / ')}, median ${f.medianRatio.toFixed(3)} (a cost of ${pct(cost)}); server CPU per request with them on: ${f.cpuCost >= 0 ? '+' : ''}${pct(f.cpuCost)} (${r.on.cpuMs.toFixed(2)} vs ${r.off.cpuMs.toFixed(2)} ms). Target: cost < 5 % throughput: ${verdict}.
${TELEMETRY_END}`;
}

/** The README with the block replaced between its markers, or put at the end of the Benchmarks section. */
export function withTelemetryBlock(readme: string, block: string): string {
  return withMarkedBlock(readme, TELEMETRY_START, TELEMETRY_END, block);
}

/** The block as it stands in the README, or '' when there is none. */
export function currentTelemetryBlock(readme: string): string {
  const start = readme.indexOf(TELEMETRY_START);
  const end = readme.indexOf(TELEMETRY_END);
  return start !== -1 && end > start ? readme.slice(start, end + TELEMETRY_END.length) : '';
}

/**
 * What a written block says: its rounds, its verdict and the command it came from. A full run (6 rounds
 * by default) keeps a block measured over more rounds by `--only=telemetry`, whose verdict is the
 * better-founded one, instead of replacing it with a noisier one.
 */
export function telemetryBlockSummary(block: string): { rounds: number; verdict: string; command: string } | undefined {
  const rounds = /; (\d+) rounds of /.exec(block);
  const verdict = /Target: cost < 5 % throughput: (\*\*[^*]+\*\*(?: \([^\n]*\))?)\.\n/.exec(block);
  const command = /; `(npm run bench[^`]*)`;/.exec(block);
  const date = /\(issue 15; ([^;]+);/.exec(block);
  if (!rounds || !verdict || !command) return undefined;
  return { rounds: Number(rounds[1]), verdict: verdict[1], command: `${command[1]}${date ? `, ${date[1]}` : ''}` };
}
