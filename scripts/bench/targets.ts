/**
 * The targets table of a full `npm run bench`: every speed target of the issues (17: the lists at half
 * of raw on both data layouts, the member near the librarian, lean answers, start-up, memory, manifest
 * load; 13: the REST API list at 70 % of raw; 15: metrics and logging under 5 %; 9: the tenant walls'
 * cost) judged from one run's figures, each with by how much it is met or missed. Pure: the run
 * measures, this only judges and formats, so the verdicts are tested on made-up figures.
 */
import type { Layout } from './fixture.js';

export interface ListFigures {
  rps: number;
  p50: number;
  /** req/s of each round, in the order the variants took turns. */
  rounds: number[];
}

/** The list variants measured on one physical layout of the books. */
export interface LayoutFigures {
  layout: Layout;
  rawLibrarian: ListFigures;
  rawMember: ListFigures;
  /** The raw server's page without its count: what the REST API list is compared with (it sends no total). */
  rawPageLibrarian: ListFigures;
  rawPageMember: ListFigures;
  adminLibrarian: ListFigures;
  adminMember: ListFigures;
  apiLibrarian: ListFigures;
  apiMember: ListFigures;
}

export interface TargetInputs {
  /** The run's own layout first, then the other one. */
  layouts: LayoutFigures[];
  /** Bytes of one answer, the app's and the raw server's, per user (AdminJS list). */
  sizes: { librarian: { app: number; raw: number }; member: { app: number; raw: number } };
  startup: { medianMs: number; runs: number; cpuMs?: number; rssMb?: number; error?: string };
  manifest: { coldMs: number; importMs: number; firstLoadMs: number; warmMedianMs: number };
  /** The metrics-and-logging verdict ("**met** (…)") and where it was measured. */
  telemetry?: { verdict: string; source: string };
  /** Throughput lost against `--baseline` (the commit before the tenant walls), per user. */
  walls?: { baseline: string; librarian: { loss: number; text: string }; member: { loss: number; text: string } };
}

const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;
const times = (x: number): string => `${x.toFixed(2)}×`;
const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const verdict = (ok: boolean): string => (ok ? '**met**' : '**not met**');

/** a/b throughput round by round (neighbours in time), as "median, min–max". */
function perRound(a: ListFigures, b: ListFigures, format: (x: number) => string): string {
  const ratios = a.rounds.map((r, i) => r / b.rounds[i]);
  return `per round median ${format(median(ratios))}, ${format(Math.min(...ratios))}–${format(Math.max(...ratios))}`;
}

/** A share-of-raw target judged on every layout: met only when it holds on all of them. */
function shareRow(label: string, inputs: TargetInputs, pick: (l: LayoutFigures) => [ListFigures, ListFigures], target: number): string {
  const parts = inputs.layouts.map((l) => {
    const [app, raw] = pick(l);
    const share = app.rps / raw.rps;
    return { ok: share >= target, text: `${l.layout} ${pct(share)} (${perRound(app, raw, pct)})` };
  });
  const missed = parts.filter((p) => !p.ok).length;
  return `| ${label} | ${parts.map((p) => p.text).join('; ')} | ${verdict(missed === 0)} |`;
}

export function targetsTable(inputs: TargetInputs): string {
  const rows = [
    '| target | measured | |',
    '|---|---|---|',
    shareRow('AdminJS list, librarian ≥ 50 % of raw throughput (issue 17)', inputs, (l) => [l.adminLibrarian, l.rawLibrarian], 0.5),
    shareRow('AdminJS list, member with a row condition ≥ 50 % of raw (issue 17)', inputs, (l) => [l.adminMember, l.rawMember], 0.5),
  ];
  const near = inputs.layouts.map((l) => {
    const latency = l.adminMember.p50 / l.adminLibrarian.p50;
    const throughput = l.adminMember.rps / l.adminLibrarian.rps;
    return { ok: latency <= 1.1 && throughput >= 1 / 1.1, text: `${l.layout}: p50 ${times(latency)} the librarian's, throughput ${times(throughput)} (${perRound(l.adminMember, l.adminLibrarian, times)})` };
  });
  rows.push(`| AdminJS list, member within 1.1× of the librarian (issue 17) | ${near.map((n) => n.text).join('; ')} | ${verdict(near.every((n) => n.ok))} |`);
  const size = (s: { app: number; raw: number }): number => s.app / s.raw;
  const { librarian, member } = inputs.sizes;
  rows.push(
    `| AdminJS answer within 2× the raw answer's size (issue 17) | librarian ${(librarian.app / 1024).toFixed(1)} vs ${(librarian.raw / 1024).toFixed(1)} KB = ${times(size(librarian))}; member ${(member.app / 1024).toFixed(1)} vs ${(member.raw / 1024).toFixed(1)} KB = ${times(size(member))} | ${verdict(size(librarian) <= 2 && size(member) <= 2)} |`,
    shareRow('REST API list, librarian ≥ 70 % of raw (the raw page without a count; issue 13)', inputs, (l) => [l.apiLibrarian, l.rawPageLibrarian], 0.7),
    shareRow('REST API list, member with a row condition ≥ 70 % of raw (issue 13)', inputs, (l) => [l.apiMember, l.rawPageMember], 0.7),
  );
  rows.push(...startupTargetRows(inputs.startup, inputs.manifest));
  if (inputs.telemetry) rows.push(telemetryTargetRow(inputs.telemetry));
  if (inputs.walls) {
    const w = inputs.walls;
    rows.push(`| tenant walls (same-tenant keys + row-level security) cost ≤ 10 % throughput against \`--baseline=${w.baseline}\` (issue 9) | librarian ${w.librarian.text}; member ${w.member.text} | ${verdict(w.librarian.loss <= 0.1 && w.member.loss <= 0.1)} |`);
  }
  return rows.join('\n');
}

const STARTUP_ROW_STARTS = ['| start-up, compiled, spawn → login page served < 2 s (issue 17) |', '| idle RSS < 200 MB', '| manifest loading + validation < 200 ms cold (issue 17) |'];

/** The targets table's start-up, idle-memory and manifest-load rows, in that order. */
export function startupTargetRows(startup: TargetInputs['startup'], manifest: TargetInputs['manifest']): string[] {
  return [
    startup.error
      ? `| start-up, compiled, spawn → login page served < 2 s (issue 17) | did not start: ${startup.error} | **not met** |`
      : `| start-up, compiled, spawn → login page served < 2 s (issue 17) | median of ${startup.runs}: ${(startup.medianMs / 1000).toFixed(2)} s${startup.cpuMs === undefined ? '' : ` (${(startup.cpuMs / 1000).toFixed(2)} s of CPU by then)`} | ${verdict(startup.medianMs < 2000)} |`,
    startup.rssMb === undefined
      ? '| idle RSS < 200 MB (issue 17) | not read (no /proc) | **not shown** |'
      : `| idle RSS < 200 MB, 5 s after the login page (issue 17) | ${startup.rssMb.toFixed(0)} MB (median of ${startup.runs}) | ${verdict(startup.rssMb < 200)} |`,
    `| manifest loading + validation < 200 ms cold (issue 17) | ${manifest.coldMs.toFixed(0)} ms in a fresh process (the median of 3; import incl. the generated validators ${manifest.importMs.toFixed(0)} ms + first load ${manifest.firstLoadMs.toFixed(0)} ms); ${manifest.warmMedianMs.toFixed(1)} ms warm | ${verdict(manifest.coldMs < 200)} |`,
  ];
}

/** The README with its targets table's start-up, memory and manifest rows replaced (what `--only=startup` measures). */
export function withStartupTargetRows(readme: string, rows: string[]): string {
  return readme
    .split('\n')
    .map((line) => {
      const i = STARTUP_ROW_STARTS.findIndex((start) => line.startsWith(start));
      return i < 0 ? line : rows[i];
    })
    .join('\n');
}

const TELEMETRY_ROW_START = '| metrics and request logging cost < 5 % throughput (issue 15) |';

/** The targets table's metrics-and-logging row: the verdict ("**met**") in the last column, its interval and source before it. */
export function telemetryTargetRow(telemetry: NonNullable<TargetInputs['telemetry']>): string {
  const [head, ...rest] = telemetry.verdict.split(' (');
  return `${TELEMETRY_ROW_START} ${rest.length ? `${rest.join(' (').replace(/\)$/, '')}; ` : ''}${telemetry.source} | ${head} |`;
}

/** The README with its targets table's metrics-and-logging row replaced (an `--only=telemetry` run must not leave the table saying otherwise). */
export function withTelemetryTargetRow(readme: string, row: string): string {
  return readme.split('\n').map((line) => (line.startsWith(TELEMETRY_ROW_START) ? row : line)).join('\n');
}
