/**
 * Start-up and idle memory of the compiled server on one data folder, without the rest of the bench:
 * `npx tsx scripts/bench/startup-memory.ts <dataDir> [runs=3] [--heap=<dir>] [--cpu-prof=<dir>] [--root=<checkout>]`.
 * Each run spawns `node dist/scripts/start.js` (NODE_ENV=production, server + in-process job worker,
 * the embedded PostgreSQL started by it), times spawn → first 200 of GET /admin/login and → the
 * worker's "started" line, then reads VmRSS 5 s later. With --heap a heap snapshot is written into
 * <dir> after the last run's RSS was read (summarise it with heap-summary.ts); with --cpu-prof each
 * run writes a CPU profile of its start into <dir> (summarise with profile-summary.ts).
 * The data folder is created and migrated (and seeded with the demo when SEED_DEMO=true) on a first run that is not timed.
 * Build first: `npx tsc -p tsconfig.build.json`.
 */
import { loadavg } from 'node:os';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { measureStartup, type StartupRun } from './startup.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
/** --root=<dir>: another checkout's build (e.g. the commit before a change, for a before/after in one sitting). */
const ROOT = resolve(flag('root') ?? resolve(import.meta.dirname, '../..'));
const positional = args.filter((a) => !a.startsWith('--'));
const dataDir = resolve(positional[0] ?? '.startup-memory');
const runs = Number(positional[1] ?? 3);
const heapDir = flag('heap');
const cpuDir = flag('cpu-prof');
const bundleDir = resolve(dataDir, 'adminjs');
const env = { NODE_ENV: 'production', ADMIN_JS_TMP_DIR: bundleDir, LOG_LEVEL: 'info' };
const worker = /\[jobs\] worker started/;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  if (!existsSync(resolve(dataDir, 'pg', 'PG_VERSION')) || !existsSync(bundleDir)) {
    console.log(`preparing ${dataDir} (initdb, migrations, the demo if SEED_DEMO=true, AdminJS bundle; not timed)…`);
    await measureStartup(ROOT, ['dist/scripts/start.js'], dataDir, { ...env, SEED_DEMO: process.env.SEED_DEMO ?? 'false' }, 600_000, { waitFor: worker });
  }
  console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const results: StartupRun[] = [];
  for (let i = 0; i < runs; i++) {
    const last = i === runs - 1;
    if (heapDir && last) mkdirSync(heapDir, { recursive: true });
    if (cpuDir) mkdirSync(cpuDir, { recursive: true });
    const nodeArgs = [
      ...(heapDir && last ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${resolve(heapDir)}`] : []),
      ...(cpuDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuDir)}`] : []),
      'dist/scripts/start.js',
    ];
    const run = await measureStartup(ROOT, nodeArgs, dataDir, env, 180_000, { waitFor: worker, settleMs: 5_000, heapSnapshotDir: heapDir && last ? resolve(heapDir) : undefined });
    results.push(run);
    console.log(`run ${i + 1}: login page ${Math.round(run.ms)} ms (its CPU ${Math.round(run.cpuMs ?? NaN)} ms; self-reported ${run.selfReportedMs ?? '–'} ms), worker started ${Math.round(run.waitedMs ?? NaN)} ms, idle RSS ${run.rssMb?.toFixed(0)} MB`);
  }
  const pick = (f: (r: StartupRun) => number | undefined): number => median(results.map(f).filter((x): x is number => x !== undefined));
  console.log(`median of ${runs}: login page ${(pick((r) => r.ms) / 1000).toFixed(2)} s (CPU ${(pick((r) => r.cpuMs) / 1000).toFixed(2)} s), worker started ${(pick((r) => r.waitedMs) / 1000).toFixed(2)} s, idle RSS ${pick((r) => r.rssMb).toFixed(0)} MB`);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
