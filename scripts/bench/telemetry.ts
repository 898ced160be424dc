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

export const TELEMETRY_START = '<!-- bench:telemetry -->';
export const TELEMETRY_END = '<!-- /bench:telemetry -->';

export interface TelemetryRun {
  date: string;
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

export function telemetryFigures(r: TelemetryRun): { ratio: number; roundRatios: number[]; medianRatio: number; cpuCost: number } {
  const roundRatios = r.on.rounds.map((x, i) => x / r.off.rounds[i]);
  return { ratio: r.on.rps / r.off.rps, roundRatios, medianRatio: median(roundRatios), cpuCost: r.on.cpuMs / r.off.cpuMs - 1 };
}

export function telemetryBlock(r: TelemetryRun): string {
  const f = telemetryFigures(r);
  const cost = 1 - f.medianRatio;
  const spread = Math.max(...f.roundRatios) - Math.min(...f.roundRatios);
  // A verdict only when the rounds agree closely enough to see 5 %: on a loaded machine they swing far more.
  const verdict = spread > 0.1
    ? `**not shown** (the rounds swing ${(spread * 100).toFixed(0)} points, more than the effect; the cost is within that noise)`
    : cost < 0.05 && f.cpuCost < 0.05 ? '**met**' : cost >= 0.05 && f.cpuCost >= 0.05 ? '**not met**' : '**not shown** (the two measures disagree)';
  const machine = r.machine ? `the machine ${(r.machine.busy * 100).toFixed(0)} % busy, ${(r.machine.others * 100).toFixed(0)} % of it by processes outside the bench; ` : '';
  return `${TELEMETRY_START}
**Cost of metrics and request logging** (issue 15; ${r.date}; part of \`npm run bench -- --only=list\`; ${r.settings.rounds} rounds of ${r.settings.windowS} s, ${r.settings.warmupS} s warm-up, ${r.settings.concurrency} connections; ${machine}1-minute load average ${r.load[0].toFixed(1)} before / ${r.load[1].toFixed(1)} after on ${availableParallelism()} cores). The same app build in two processes taking turns with the other variants: *as deployed* (\`METRICS_TOKEN\` set, so prom-client observes every request, and \`LOG_LEVEL=info\`, one pino access line per request written to stdout, which the bench sends to a file: ${r.logLines.toLocaleString('en')} lines, ${(r.logBytes / 2 ** 20).toFixed(1)} MB in this run; its \`/metrics\` counted ${r.metricsRequests.toLocaleString('en')} requests) against *both off* (\`LOG_LEVEL=silent\`, no \`METRICS_TOKEN\`), the librarian's AdminJS list.

| AdminJS list, librarian | req/s | p50 ms | server CPU ms/request |
|---|---:|---:|---:|
| metrics and request logging on (as deployed) | ${r.on.rps.toFixed(0)} | ${r.on.p50.toFixed(1)} | ${r.on.cpuMs.toFixed(2)} |
| both off | ${r.off.rps.toFixed(0)} | ${r.off.p50.toFixed(1)} | ${r.off.cpuMs.toFixed(2)} |

Throughput on/off: ${f.ratio.toFixed(3)} over all rounds; per round ${f.roundRatios.map((x) => x.toFixed(2)).join(' / ')}, median ${f.medianRatio.toFixed(3)} (a cost of ${pct(cost)}); server CPU per request with them on: ${f.cpuCost >= 0 ? '+' : ''}${pct(f.cpuCost)} (${r.on.cpuMs.toFixed(2)} vs ${r.off.cpuMs.toFixed(2)} ms). Target: cost < 5 % throughput: ${verdict}.
${TELEMETRY_END}`;
}

/** The README with the block replaced between its markers, or put at the end of the Benchmarks section. */
export function withTelemetryBlock(readme: string, block: string): string {
  const start = readme.indexOf(TELEMETRY_START);
  const end = readme.indexOf(TELEMETRY_END);
  if (start !== -1 && end > start) return `${readme.slice(0, start)}${block}${readme.slice(end + TELEMETRY_END.length)}`;
  const section = readme.search(/^## Benchmarks[ \t]*$/m);
  if (section === -1) return `${readme.trimEnd()}\n\n## Benchmarks\n\n${block}\n`;
  const rest = readme.slice(section + 1);
  const next = rest.search(/^## /m);
  const at = next === -1 ? readme.length : section + 1 + next;
  return `${readme.slice(0, at).trimEnd()}\n\n${block}\n${next === -1 ? '' : `\n${readme.slice(at)}`}`;
}
