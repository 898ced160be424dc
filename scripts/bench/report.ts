/** The results table, on the console and in README.md's "## Benchmarks" section (nothing else in the README is touched). */
import { readFileSync, writeFileSync } from 'node:fs';

export interface VariantRow {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  statementsPerRequest: number;
  /** CPU time of the server process per request under load (ms). */
  serverCpuMs: number;
  /** Size of one answer (bytes). */
  responseBytes: number;
  /** Throughput as a share of the raw server answering the same statements; undefined for the raw rows. */
  ofRaw?: number;
}

const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function table(rows: VariantRow[]): string {
  const lines = [
    '| variant | req/s | p50 ms | p99 ms | SQL statements/request | % of raw | server CPU ms/request | answer KB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ofRaw = r.ofRaw === undefined ? '100 %' : `${fixed(r.ofRaw * 100, 0)} %`;
    lines.push(`| ${r.name} | ${fixed(r.rps, 0)} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.statementsPerRequest, 2)} | ${ofRaw} | ${fixed(r.serverCpuMs, 2)} | ${fixed(r.responseBytes / 1024)} |`);
  }
  return lines.join('\n');
}

/** Replaces the "## Benchmarks" section (up to the next "## " heading) or appends it at the end. */
export function writeReadmeSection(path: string, section: string): void {
  const readme = readFileSync(path, 'utf8');
  const body = section.trimEnd() + '\n';
  const start = readme.search(/^## Benchmarks[ \t]*$/m);
  let next: string;
  if (start === -1) {
    next = `${readme.trimEnd()}\n\n${body}`;
  } else {
    const rest = readme.slice(start + 1);
    const end = rest.search(/^## /m);
    next = end === -1 ? `${readme.slice(0, start)}${body}` : `${readme.slice(0, start)}${body}\n${rest.slice(end)}`;
  }
  writeFileSync(path, next);
}

/**
 * The README with `block` (which starts with `startMarker` and ends with `endMarker`) in place of the
 * previous one between those markers, or added at the end of the "## Benchmarks" section: each
 * `--only=` bench rewrites its own block and nothing else.
 */
export function withMarkedBlock(readme: string, startMarker: string, endMarker: string, block: string): string {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start !== -1 && end > start) return `${readme.slice(0, start)}${block}${readme.slice(end + endMarker.length)}`;
  const section = readme.search(/^## Benchmarks[ \t]*$/m);
  if (section === -1) return `${readme.trimEnd()}\n\n## Benchmarks\n\n${block}\n`;
  const rest = readme.slice(section + 1);
  const next = rest.search(/^## /m);
  const at = next === -1 ? readme.length : section + 1 + next;
  return `${readme.slice(0, at).trimEnd()}\n\n${block}\n${next === -1 ? '' : `\n${readme.slice(at)}`}`;
}
