/**
 * The metrics-and-logging verdict of `npm run bench` (issue 15's "cost < 5 %"): decided from a
 * distribution-free confidence interval of the median on/off round ratio, so a noisy run says
 * "not shown" instead of a verdict either way, and a clean one can pass or fail.
 */
import { describe, expect, test } from '@jest/globals';
import { medianInterval, telemetryFigures, telemetryVerdict, type TelemetryRun } from '../scripts/bench/telemetry.js';

const run = (ratios: number[]): TelemetryRun => ({
  date: '2026-12-03 00:00 UTC',
  command: 'npm run bench -- --only=telemetry',
  settings: { rounds: ratios.length, windowS: 2, warmupS: 15, concurrency: 8 },
  on: { rps: 100, rounds: ratios.map((r) => 100 * r), cpuMs: 2.1, p50: 10 },
  off: { rps: 100, rounds: ratios.map(() => 100), cpuMs: 2, p50: 10 },
  logLines: 1,
  logBytes: 1,
  metricsRequests: 1,
  load: [0, 0],
});

describe('the confidence interval of the median round', () => {
  test('with 6 rounds it is the smallest and the largest (96.9 %)', () => {
    const interval = medianInterval([1.02, 0.97, 0.99, 1.05, 0.96, 1.01]);
    expect(interval).toEqual({ low: 0.96, high: 1.05, coverage: 1 - 2 / 64 });
  });

  test('with 24 rounds it is the 7th smallest and the 7th largest (97.7 %)', () => {
    const values = Array.from({ length: 24 }, (_, i) => 0.9 + i / 100);
    const interval = medianInterval([...values].reverse());
    expect(interval.low).toBeCloseTo(0.96, 10);
    expect(interval.high).toBeCloseTo(1.07, 10);
    expect(interval.coverage).toBeCloseTo(0.977, 3);
  });
});

describe('the verdict', () => {
  test('met when every plausible median costs less than 5 %', () => {
    expect(telemetryVerdict(telemetryFigures(run([0.99, 0.97, 1.01, 0.98, 1.0, 0.96])))).toMatch(/^\*\*met\*\*/);
  });

  test('not met when every plausible median costs 5 % or more', () => {
    expect(telemetryVerdict(telemetryFigures(run([0.9, 0.92, 0.88, 0.91, 0.94, 0.89])))).toMatch(/^\*\*not met\*\*/);
  });

  test('not shown when the rounds swing across the line', () => {
    expect(telemetryVerdict(telemetryFigures(run([0.89, 1.31, 1.24, 0.96, 0.87, 1.05])))).toMatch(/^\*\*not shown\*\*/);
  });
});
