/**
 * How much the fuzz suite tries: FUZZ_RUNS (requests per property, scaled by each
 * property's weight) and FUZZ_SEED (fast-check's seed; fixed by default so CI
 * repeats the same requests, and any failure names the seed that finds it again).
 * For a developer's run: FUZZ_SURVEY=1 collects every finding (one per kind) and
 * the spread of answers into the OS temp folder (fuzz-survey-<file>.txt) instead
 * of stopping at the first, FUZZ_SURVEY_WHY=1 adds the notices to that spread,
 * FUZZ_SHRINK=off reports the first failing request without shrinking it, and
 * FUZZ_PATH (printed with a failure) replays just the shrunk request.
 */
const DEFAULT_SEED = 20261202;
/** Requests per property at weight 1. The six fuzz files weigh 5+5+5+4+2+3 = 24 (sign-ins cost three password hashes each, so auth weighs least; fuzz-api 3): 24 × 480 = 11,520 requests in CI, each file within about three minutes on a loaded 2-core machine. */
const DEFAULT_RUNS = 480;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return n;
}

export const FUZZ_SEED = intFromEnv('FUZZ_SEED', DEFAULT_SEED);
export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', DEFAULT_RUNS);

/** Runs of a property that weighs `weight` (a write with a table check costs more than a list). */
export const runsFor = (weight: number): number => Math.max(1, Math.round(FUZZ_RUNS * weight));
