/**
 * The targets table a full `npm run bench` writes (issues 9, 13, 15, 17): a list target is met only
 * when it holds on both data layouts, each row says by how much, and the metrics-and-logging row takes
 * the verdict of the block it names — a long `--only=telemetry` run's block is kept by a short full run.
 */
import { describe, expect, test } from '@jest/globals';
import { startupTargetRows, targetsTable, telemetryTargetRow, withStartupTargetRows, withTelemetryTargetRow, type LayoutFigures, type ListFigures, type TargetInputs } from '../scripts/bench/targets.js';
import { telemetryBlock, telemetryBlockSummary, currentTelemetryBlock, type TelemetryRun } from '../scripts/bench/telemetry.js';

const at = (rps: number, p50 = 10): ListFigures => ({ rps, p50, rounds: [rps, rps, rps] });
const layout = (name: LayoutFigures['layout'], admin: number, api: number): LayoutFigures => ({
  layout: name,
  rawLibrarian: at(1000),
  rawMember: at(1000),
  rawPageLibrarian: at(1000),
  rawPageMember: at(1000),
  adminLibrarian: at(admin),
  adminMember: at(admin),
  apiLibrarian: at(api),
  apiMember: at(api),
});
const inputs = (overrides: Partial<TargetInputs> = {}): TargetInputs => ({
  layouts: [layout('clustered', 550, 750), layout('interleaved', 520, 720)],
  sizes: { librarian: { app: 15_000, raw: 10_000 }, member: { app: 12_000, raw: 10_000 } },
  startup: { medianMs: 1800, runs: 3, cpuMs: 1500, rssMb: 180 },
  manifest: { coldMs: 150, importMs: 100, firstLoadMs: 50, warmMedianMs: 2 },
  ...overrides,
});
const row = (table: string, start: string): string => {
  const line = table.split('\n').find((l) => l.startsWith(`| ${start}`));
  if (!line) throw new Error(`no row "${start}" in\n${table}`);
  return line;
};

describe('the targets table', () => {
  test('every target met on both layouts is met, with both layouts named', () => {
    const table = targetsTable(inputs());
    for (const l of table.split('\n').slice(2)) expect(l).toMatch(/\| \*\*met\*\* \|$/);
    expect(row(table, 'AdminJS list, librarian')).toContain('clustered 55 %');
    expect(row(table, 'AdminJS list, librarian')).toContain('interleaved 52 %');
    expect(row(table, 'REST API list, member')).toContain('interleaved 72 %');
  });

  test('a share met on one layout only is not met', () => {
    const table = targetsTable(inputs({ layouts: [layout('clustered', 550, 750), layout('interleaved', 480, 650)] }));
    expect(row(table, 'AdminJS list, librarian')).toMatch(/interleaved 48 %.*\*\*not met\*\*/);
    expect(row(table, 'REST API list, librarian')).toMatch(/interleaved 65 %.*\*\*not met\*\*/);
  });

  test('start-up, memory, manifest load and answer size say by how much they miss', () => {
    const table = targetsTable(inputs({ startup: { medianMs: 3400, runs: 3, cpuMs: 6000, rssMb: 214 }, manifest: { coldMs: 480, importMs: 300, firstLoadMs: 180, warmMedianMs: 3 }, sizes: { librarian: { app: 44_000, raw: 10_000 }, member: { app: 12_000, raw: 10_000 } } }));
    expect(row(table, 'start-up')).toMatch(/3\.40 s \(6\.00 s of CPU by then\) \| \*\*not met\*\*/);
    expect(row(table, 'idle RSS')).toMatch(/214 MB.*\*\*not met\*\*/);
    expect(row(table, 'manifest loading')).toMatch(/480 ms.*\*\*not met\*\*/);
    expect(row(table, 'AdminJS answer')).toMatch(/4\.40×.*\*\*not met\*\*/);
  });

  test('the member far from the librarian is not met', () => {
    const slowMember = layout('clustered', 550, 750);
    slowMember.adminMember = at(450, 13);
    expect(row(targetsTable(inputs({ layouts: [slowMember] })), 'AdminJS list, member within')).toContain('**not met**');
  });

  test('the walls row appears with a baseline and judges the larger loss', () => {
    const walls = { baseline: '6f86caf', librarian: { loss: 0.04, text: '4 %' }, member: { loss: 0.12, text: '12 %' } };
    expect(row(targetsTable(inputs({ walls })), 'tenant walls')).toMatch(/6f86caf.*\*\*not met\*\*/);
    expect(targetsTable(inputs())).not.toContain('tenant walls');
  });
});

describe('the metrics-and-logging verdict comes from the block it names', () => {
  const run = (ratios: number[], rounds = ratios.length): TelemetryRun => ({
    date: '2026-12-04 01:21 UTC',
    command: 'npm run bench -- --only=telemetry',
    settings: { rounds, windowS: 2, warmupS: 15, concurrency: 8 },
    on: { rps: 100, rounds: ratios.map((r) => 100 * r), cpuMs: 2.1, p50: 10 },
    off: { rps: 100, rounds: ratios.map(() => 100), cpuMs: 2, p50: 10 },
    logLines: 1,
    logBytes: 1,
    metricsRequests: 1,
    load: [0, 0],
  });

  test('a written block is read back: its rounds, verdict and command', () => {
    const block = telemetryBlock(run([0.99, 0.98, 1.0, 0.99, 0.97, 1.01, 0.99, 0.98]));
    const summary = telemetryBlockSummary(currentTelemetryBlock(`# x\n\n## Benchmarks\n\n${block}\n\n## Next\n`));
    expect(summary).toEqual({ rounds: 8, verdict: expect.stringMatching(/^\*\*met\*\* \(cost of the median round/), command: 'npm run bench -- --only=telemetry, 2026-12-04 01:21 UTC' });
  });

  test('a noisy block reads back as not shown and the table row says so', () => {
    const summary = telemetryBlockSummary(telemetryBlock(run([0.89, 1.31, 1.24, 0.96, 0.87, 1.05])));
    expect(summary?.verdict).toMatch(/^\*\*not shown\*\*/);
    const table = targetsTable(inputs({ telemetry: { verdict: summary!.verdict, source: '6 paired rounds' } }));
    expect(row(table, 'metrics and request logging')).toMatch(/cost of the median round .*6 paired rounds \| \*\*not shown\*\* \|$/);
  });

  test('a telemetry-only run rewrites the table row to its own verdict, and nothing else', () => {
    const noisy = telemetryTargetRow({ verdict: telemetryBlockSummary(telemetryBlock(run([0.89, 1.31, 1.24, 0.96, 0.87, 1.05])))!.verdict, source: '6 paired rounds' });
    const readme = `${targetsTable(inputs({ telemetry: { verdict: '**not shown** (noise)', source: '6 paired rounds' } }))}\n\nprose | metrics and request logging cost < 5 % throughput (issue 15) |`;
    const steady = telemetryBlockSummary(telemetryBlock(run([0.99, 0.98, 1.0, 0.99, 0.97, 1.01, 0.99, 0.98])))!;
    const after = withTelemetryTargetRow(readme, telemetryTargetRow({ verdict: steady.verdict, source: '8 paired rounds' }));
    expect(row(after, 'metrics and request logging')).toMatch(/8 paired rounds \| \*\*met\*\* \|$/);
    expect(after.split('\n').filter((l) => !l.includes('metrics and request logging'))).toEqual(readme.split('\n').filter((l) => !l.includes('metrics and request logging')));
    expect(after).toContain('prose | metrics and request logging cost < 5 % throughput (issue 15) |');
    expect(noisy).toMatch(/\| \*\*not shown\*\* \|$/);
  });

  test('an --only=startup run rewrites the start-up, memory and manifest rows, whichever verdict they had, and nothing else', () => {
    const readme = `${targetsTable(inputs({ startup: { medianMs: 2730, runs: 3, cpuMs: 3270, rssMb: 216 }, manifest: { coldMs: 252, importMs: 70, firstLoadMs: 182, warmMedianMs: 38.9 } }))}\n\nprose about the idle RSS < 200 MB target`;
    const rows = startupTargetRows({ medianMs: 1450, runs: 3, cpuMs: 1700, rssMb: 152 }, { coldMs: 170, importMs: 75, firstLoadMs: 95, warmMedianMs: 30 });
    const after = withStartupTargetRows(readme, rows);
    expect(row(after, 'start-up, compiled')).toMatch(/median of 3: 1\.45 s \(1\.70 s of CPU by then\) \| \*\*met\*\* \|$/);
    expect(row(after, 'idle RSS')).toMatch(/152 MB \(median of 3\) \| \*\*met\*\* \|$/);
    expect(row(after, 'manifest loading')).toMatch(/^\| manifest loading \+ validation < 200 ms cold \(issue 17\) \| 170 ms .* \| \*\*met\*\* \|$/);
    const others = (text: string): string[] => text.split('\n').filter((l) => !/^\| (start-up|idle RSS|manifest loading)/.test(l));
    expect(others(after)).toEqual(others(readme));
    expect(after.split('\n')).toHaveLength(readme.split('\n').length);
    // A start that failed is a miss, not a stale verdict kept.
    expect(withStartupTargetRows(after, startupTargetRows({ medianMs: NaN, runs: 0, error: 'port in use' }, { coldMs: 170, importMs: 75, firstLoadMs: 95, warmMedianMs: 30 }))).toMatch(/did not start: port in use \| \*\*not met\*\* \|/);
  });

  test('no block, no summary', () => {
    expect(telemetryBlockSummary(currentTelemetryBlock('# README without a block'))).toBeUndefined();
  });
});
