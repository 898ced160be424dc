/**
 * `npm run bench`: the AdminJS list action of UMS against raw SQL, on 200,000
 * books over 200 organizations, plus start-up and manifest-loading times.
 *
 *   --reseed            rebuild the bench database (.bench/) from scratch
 *   --duration=<s>      measured time per variant, over all rounds (default 12)
 *   --rounds=<n>        the variants take turns this many times (default 6)
 *   --warmup=<s>        unrecorded warm-up before a variant's first round (default 15; the app's JIT needs about that)
 *   --concurrency=<n>   closed-loop workers (default 8)
 *   --startup-runs=<n>  start-up measurements per mode (default 3)
 *   --no-readme         print the results only
 *   --only=contention   run only "book the last place" and stock posting (scripts/bench/contention.ts)
 *                       and write only their block of the README's Benchmarks section
 *   --only=list         run only the list variants (raw SQL, UMS AdminJS and REST API librarian/member, the AdminJS
 *                       librarian with metrics and logging off, --baseline's if given): no views, start-up or
 *                       manifest timing; of the README only the metrics-and-logging block is rewritten
 *   --only=telemetry    only the two AdminJS librarian apps, metrics and logging on and off, taking turns (use many
 *                       --rounds: the verdict is a confidence interval of the median round's ratio); rewrites only
 *                       the metrics-and-logging block of the README
 *   --only=startup      only the compiled start-up (each mode --startup-runs times), idle RSS and the manifests' cold
 *                       load, on the bench's data (seeded on first use); rewrites their three rows of the README's
 *                       targets table and the start-up list under it
 *   --only=kanban       run only the kanban load: the task board's data request for a 300-item project
 *                       (scripts/bench/kanban.ts; its organization in the bench cluster, seeded on first use)
 *                       against a raw SQL server, and write only its block of the README's Benchmarks section
 *   --only=tenants      the same lists at 10,000 organizations (their own cluster under .bench/tenants/, seeded on
 *                       first use) against the 200-organization set, both running at once and taking turns;
 *                       sign-in, the apps' RSS, compiled start-up and idle RSS on each; prints its README block
 *   --contention-rounds=<n>  rounds of 20 requests for the last place (default 20)
 *   --posting-seconds=<s>    each stock-posting variant's duration (default 10)
 *   --layout=<l>        clustered (default: each organization's books together on disk) or interleaved
 *                       (book n belongs to organization n mod 200); the books are rewritten in place when
 *                       the database holds the other layout (seconds), and the run names its layout
 *   --cpu-prof          write a V8 CPU profile of the app server (.bench/profiles/*.cpuprofile, and --baseline's
 *                       in .bench/profiles/baseline/; summarise it
 *                       with `npx tsx scripts/bench/profile-summary.ts <file>`); with --only=contention, of this
 *                       process during the stock-posting and ledger-movement loops (contention-*.cpuprofile)
 *   --baseline=<ref>    also time the app of an earlier commit (git archive into .bench/baseline/) on the
 *                       same database, taking turns with the others: what a change costs, within one run
 *                       (the README's tenant-walls figure is --baseline=<the commit before them>)
 *
 * Every server runs on 127.0.0.1 in its own child process, the load generator
 * in this one; only loopback traffic. The build (`tsc -p tsconfig.build.json`)
 * runs first: start-up and manifest loading are timed on the compiled code.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, type Runtime } from '../core/runtime.js';
import {
  applyLayout,
  BENCH_PASSWORD,
  BOOKS_PER_ORGANIZATION,
  LAYOUTS,
  type Layout,
  describeFixture,
  isSeeded,
  LIBRARIAN_EMAIL,
  MEMBER_CATEGORIES,
  MEMBER_EMAIL,
  MEMBER_RULES,
  ORGANIZATIONS,
  seed,
  type Fixture,
} from './bench/fixture.js';
import { cpuAccountingAvailable, cpuShare, sampleCpu, type CpuShare } from './bench/cpu.js';
import { combine, request, runLoad, type LoadResult } from './bench/load.js';
import { table, writeReadmeSection, type VariantRow } from './bench/report.js';
import { measureStartup, type StartupRun } from './bench/startup.js';
import { contentionBlock, runContention, withContentionBlock } from './bench/contention.js';
import { benchViews } from './bench/views.js';
import { benchKanban, withKanbanBlock } from './bench/kanban.js';
import { currentTelemetryBlock, telemetryBlock, telemetryBlockSummary, telemetryFigures, withTelemetryBlock, type TelemetryRun } from './bench/telemetry.js';
import { startupTargetRows, targetsTable, telemetryTargetRow, withStartupTargetRows, withTelemetryTargetRow, type LayoutFigures, type ListFigures, type TargetInputs } from './bench/targets.js';
import type { StatementStats } from './bench/statements.js';
import { countSequentialStatements } from './bench/sequential-statements.js';
import { crossTenant } from '../core/db/cross-tenant.js';
import { describeTenants, seedTenants, tenantsSeeded } from './bench/tenants-fixture.js';
import { currentTenantsBlock, runTenants, withTenantsBlock } from './bench/tenants.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA_DIR = join(ROOT, '.bench');
/** The 10,000-organization data set (--only=tenants): its own cluster, so the 200-organization one stays as it is. */
const TENANTS_DIR = join(DATA_DIR, 'tenants');
/** AdminJS's component bundle for the bench's servers (ADMIN_JS_TMP_DIR): beside, not in, the one `npm start` uses; git- and lint-ignored. */
const BUNDLE_DIR = join(ROOT, '.adminjs', 'bench');
const LIST_PATH = '/admin/api/resources/LibraryBook/actions/list?page=1&perPage=25&sortBy=title&direction=asc';
/** The REST API's list of the same books (bearer token from POST /api/v1/auth/login); keyset pages, no total count. */
const API_LIST_PATH = '/api/v1/library/book?limit=25&sort=title';
const STATEMENT_SAMPLE = 200;
/** METRICS_TOKEN of the app as deployed (metrics on); the quiet app has none. */
const BENCH_METRICS_TOKEN = 'bench-only-metrics-token-0123456789';
/** Where the app as deployed writes its log (its stdout): a file, as a deployment's log collector would take it. */
const APP_LOG = join(DATA_DIR, 'app-server.log');
const BASELINE_LOG = join(DATA_DIR, 'baseline-server.log');

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  const value = hit ? Number(hit.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const settings = {
  reseed: args.includes('--reseed'),
  baseline: args.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length),
  readme: !args.includes('--no-readme'),
  durationMs: option('duration', 12) * 1000,
  rounds: Math.round(option('rounds', 6)),
  warmupMs: option('warmup', 15) * 1000,
  concurrency: option('concurrency', 8),
  startupRuns: option('startup-runs', 3),
  only: args.find((a) => a.startsWith('--only='))?.slice('--only='.length),
  contentionRounds: Math.round(option('contention-rounds', 20)),
  postingSeconds: option('posting-seconds', 10),
  cpuProf: args.includes('--cpu-prof'),
  layout: (args.find((a) => a.startsWith('--layout='))?.slice('--layout='.length) ?? 'clustered') as Layout,
};
const log = (line: string): void => console.log(line);
/** The error a child printed (its "XxxError: message" or "UMS cannot start" line), for the README. */
const firstErrorLine = (message: string): string => {
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const at = lines.findIndex((l) => /^(\w*Error:|UMS cannot start)/.test(l));
  if (at === -1) return (lines.at(-1) ?? message).slice(0, 300);
  const line = /:\s*$/.test(lines[at]) && lines[at + 1] ? `${lines[at]} ${lines[at + 1]}` : lines[at];
  return line.slice(0, 300);
};
const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ── Processes ───────────────────────────────────────────────────────────────

interface ServerChild {
  child: ChildProcess;
  port: number;
  ask<T>(type: 'stats' | 'reset'): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Servers run from source through tsx's loader (transpiled once at load; the
 * steady state runs the same JavaScript as the compiled build) with
 * NODE_ENV=production. AdminJS's own start-up bundling is skipped; createApp
 * still makes the UMS component bundle (into BUNDLE_DIR) when it is stale.
 */
async function startServer(script: string, env: Record<string, string>, root = ROOT, stdout: number | 'inherit' = 'inherit', nodeArgs: string[] = []): Promise<ServerChild> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(root, 'scripts/bench', script)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ADMIN_JS_SKIP_BUNDLE: 'true', ...env },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const [ready] = (await Promise.race([once(child, 'message'), exited.then(() => Promise.reject(new Error(`${script} exited before it was ready`)))])) as [{ type: string; port: number }];
  const ask = <T>(type: 'stats' | 'reset'): Promise<T> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send({ type });
    });
  return {
    child,
    port: ready.port,
    ask,
    async stop() {
      if (child.exitCode === null) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ── Measuring ───────────────────────────────────────────────────────────────

interface Variant {
  key: 'rawLibrarian' | 'rawMember' | 'appLibrarian' | 'appLibrarianQuiet' | 'appMember' | 'baseLibrarian' | 'baseMember' | 'baseApiLibrarian' | 'baseApiMember' | 'rawApiLibrarian' | 'rawApiMember' | 'apiLibrarian' | 'apiMember';
  name: string;
  server: ServerChild;
  url: string;
  headers: Record<string, string>;
}

interface Measured {
  load: LoadResult;
  rounds: LoadResult[];
  /** CPU time of the server process per request under load (ms), from its own process.cpuUsage(). */
  serverCpuMs: number;
  /** SQL statements per request under load (access-cache refreshes and concurrent misses included). */
  statementsUnderLoad: number;
  statementsPerRequest: number;
  statements: Record<string, number>;
}

/**
 * The variants take turns: `rounds` windows each, in the same order every round,
 * so that whatever else runs on the machine meanwhile hits all of them alike.
 * The first window of a variant follows the full warm-up, later ones a short one.
 */
async function measureAll(variants: Variant[]): Promise<Partial<Record<Variant['key'], Measured>>> {
  const windows = new Map<Variant['key'], LoadResult[]>(variants.map((v) => [v.key, []]));
  const counters = new Map<Variant['key'], { cpuMs: number; statements: number }>(variants.map((v) => [v.key, { cpuMs: 0, statements: 0 }]));
  const windowMs = settings.durationMs / settings.rounds;
  for (let round = 0; round < settings.rounds; round++) {
    for (const v of variants) {
      const before = await v.server.ask<StatementStats>('stats');
      const result = await runLoad({ url: v.url, headers: v.headers, concurrency: settings.concurrency, warmupMs: round === 0 ? settings.warmupMs : 500, durationMs: windowMs });
      const after = await v.server.ask<StatementStats>('stats');
      const c = counters.get(v.key)!;
      c.cpuMs += after.cpuMs - before.cpuMs;
      c.statements += after.statements - before.statements;
      windows.get(v.key)!.push(result);
      log(`  round ${round + 1}/${settings.rounds}  ${v.name.padEnd(48)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms`);
    }
  }
  const out: Partial<Record<Variant['key'], Measured>> = {};
  for (const v of variants) {
    const stats = await countSequentialStatements(v, STATEMENT_SAMPLE);
    const rounds = windows.get(v.key)!;
    const load = combine(rounds);
    const c = counters.get(v.key)!;
    out[v.key] = { load, rounds, serverCpuMs: c.cpuMs / load.completed, statementsUnderLoad: c.statements / load.completed, statementsPerRequest: stats.statements / STATEMENT_SAMPLE, statements: stats.byText };
  }
  return out;
}

function printMeasured(name: string, m: Measured): void {
  log(`  ${name}: ${m.load.rps.toFixed(1)} req/s (rounds ${m.rounds.map((r) => r.rps.toFixed(0)).join(' / ')}), p50 ${m.load.p50.toFixed(1)} ms, p99 ${m.load.p99.toFixed(1)} ms, ${m.load.requests} requests, ${m.load.errors} errors; server CPU ${m.serverCpuMs.toFixed(2)} ms/request; ${m.statementsUnderLoad.toFixed(2)} statements/request under load; sequentially:`);
  for (const [text, n] of Object.entries(m.statements).sort((a, b) => b[1] - a[1])) log(`      ${(n / STATEMENT_SAMPLE).toFixed(2)} × ${text}`);
}

/**
 * Signs in as a browser does: the sign-in page first, for its pre-session cookie and CSRF token (core/auth/csrf.ts),
 * then the form with both. A baseline app from before the token hands out neither and ignores the extra field.
 */
async function login(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/admin/login`, { headers: { accept: 'text/html' } });
  const csrf = /<meta name="ums-csrf" content="([^"]+)"/.exec(await page.text())?.[1];
  const preSession = page.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /^(__Host-)?ums\.presession=/.test(c));
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(preSession ? { cookie: preSession } : {}) },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, ...(csrf ? { csrf } : {}) }).toString(),
    redirect: 'manual',
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 302 || !cookie || (res.headers.get('location') ?? '').includes('login')) throw new Error(`login failed for ${email}: HTTP ${res.status}`);
  return cookie;
}

/** A REST API access token for the user (POST /api/v1/auth/login, JSON), as the Authorization header. */
async function apiLogin(base: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: BENCH_PASSWORD }) });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`API login failed for ${email}: HTTP ${res.status}`);
  return { authorization: `Bearer ${body.access_token}`, accept: 'application/json' };
}

/**
 * One real answer per variant is checked before it is timed: 25 rows, the
 * expected total, the row condition applied; returns the row ids in order so
 * the app's answer can be compared with the raw server's (same rows, same order).
 */
async function checkList(url: string, headers: Record<string, string>, expectedTotal: number | undefined, categories?: string[]): Promise<{ ids: string[]; bytes: number }> {
  const agent = new http.Agent({ keepAlive: false });
  const answer = await request(agent, url, headers);
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status} from ${url}: ${answer.body.toString('utf8').slice(0, 300)}`);
  type Row = { params?: Record<string, unknown>; id?: string; category?: string };
  const json = JSON.parse(answer.body.toString('utf8')) as { meta?: { total: number }; total?: number; records?: Row[]; data?: Row[] };
  const total = json.meta?.total ?? json.total;
  // AdminJS and the raw server's count variant: `records` (+ total); the REST API and its raw counterpart: `data`, no total.
  const rows = (json.records ?? json.data ?? []).map((r) => r.params ?? r);
  const problems: string[] = [];
  if (expectedTotal !== undefined && total !== expectedTotal) problems.push(`total ${total}, expected ${expectedTotal}`);
  if (rows.length !== 25) problems.push(`${rows.length} rows, expected 25`);
  if (categories && rows.some((r) => !categories.includes(String(r.category)))) problems.push('a row outside the row condition');
  if (problems.length) throw new Error(`unexpected answer from ${url}: ${problems.join('; ')}`);
  return { ids: rows.map((r) => String(r.id)), bytes: answer.body.length };
}

/** The app's and the raw server's answers hold the same rows in the same order; returns their sizes. */
const sameRows = (app: { ids: string[]; bytes: number }, raw: { ids: string[]; bytes: number }, what: string): { app: number; raw: number } => {
  if (app.ids.join() !== raw.ids.join()) throw new Error(`${what}: the app and the raw server return different rows or order`);
  return { app: app.bytes, raw: raw.bytes };
};

// ── Main ────────────────────────────────────────────────────────────────────

/** The embedded cluster's postmaster (line 1 of postmaster.pid), for CPU accounting. */
function postmasterPid(): number | undefined {
  const file = join(DATA_DIR, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || undefined : undefined;
}

async function openBenchRuntime(poolSize?: number): Promise<Runtime> {
  return createRuntime({ config: { dataDir: DATA_DIR, embeddedPgPort: 0 }, migrate: true, poolSize, log: (line) => log(`  ${line}`) });
}

/** "Book the last place" and stock posting, in their own runtime (20 requests at once need more connections than the default pool). */
async function contention(): Promise<string> {
  const runtime = await openBenchRuntime(30);
  try {
    const profileDir = settings.cpuProf ? join(DATA_DIR, 'profiles') : undefined;
    return contentionBlock(await runContention(runtime, { rounds: settings.contentionRounds, postingSeconds: settings.postingSeconds, profileDir }, log), new Date().toISOString().slice(0, 10));
  } finally {
    await runtime.close();
  }
}

/** The kanban load (scripts/bench/kanban.ts) on the bench cluster, with the app as deployed (metrics on, its access log in a file). */
async function kanban(): Promise<string> {
  const runtime = await openBenchRuntime();
  const appLog = openSync(join(DATA_DIR, 'kanban-app-server.log'), 'w');
  try {
    return await benchKanban({
      runtime,
      databaseUrl: runtime.database.url,
      password: BENCH_PASSWORD,
      startServer: (script, env) => startServer(script, env, ROOT, script === 'app-server.ts' ? appLog : 'inherit'),
      login,
      appEnv: { BENCH_DATABASE_URL: runtime.database.url, BENCH_DATA_DIR: DATA_DIR, ADMIN_JS_TMP_DIR: BUNDLE_DIR, METRICS_TOKEN: BENCH_METRICS_TOKEN, LOG_LEVEL: 'info' },
      settings,
      log,
    });
  } finally {
    closeSync(appLog);
    await runtime.close();
  }
}

function assertClusterStopped(): void {
  const pid = join(DATA_DIR, 'pg', 'postmaster.pid');
  if (existsSync(pid)) {
    const owner = Number(readFileSync(pid, 'utf8').split('\n')[0]);
    try {
      process.kill(owner, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPERM') return; // gone: a stale pid file
    }
    throw new Error(`A PostgreSQL (pid ${owner}) still runs on ${join(DATA_DIR, 'pg')}; stop it before --reseed.`);
  }
}

async function prepareData(): Promise<{ runtime: Runtime; fixture: Fixture }> {
  let runtime = await openBenchRuntime();
  if (settings.reseed || !(await isSeeded(runtime))) {
    log(settings.reseed ? 'Reseeding (--reseed): a fresh cluster under .bench/' : 'No complete bench data yet: seeding a fresh cluster under .bench/');
    await runtime.close();
    assertClusterStopped();
    rmSync(join(DATA_DIR, 'pg'), { recursive: true, force: true });
    runtime = await openBenchRuntime();
    await seed(runtime, log);
  } else {
    log('Bench data present (use --reseed to rebuild it).');
  }
  if (!LAYOUTS.includes(settings.layout)) throw new Error(`--layout=${settings.layout}: clustered or interleaved`);
  await applyLayout(runtime, settings.layout, log);
  return { runtime, fixture: await describeFixture(runtime) };
}

/** The tree of an earlier commit (--baseline), beside the bench data, sharing this checkout's node_modules. */
function baselineTree(ref: string): string {
  const dir = join(DATA_DIR, 'baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('sh', ['-c', `git archive "$0" | tar -x -C "$1"`, ref, dir], { cwd: ROOT, stdio: 'inherit' });
  if (archive.status !== 0) throw new Error(`--baseline=${ref}: git archive failed`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** The 10,000-organization run (scripts/bench/tenants.ts) beside the 200-organization data. */
async function tenants(runtime200: Runtime, fixture200: Fixture): Promise<string> {
  const runtime10k = await createRuntime({ config: { dataDir: TENANTS_DIR, embeddedPgPort: 0 }, migrate: true, log: (line) => log(`  ${line}`) });
  if (settings.reseed || !(await tenantsSeeded(runtime10k))) {
    log('No complete 10,000-organization data yet: seeding a fresh cluster under .bench/tenants/');
    await runtime10k.close();
    rmSync(join(TENANTS_DIR, 'pg'), { recursive: true, force: true });
    const fresh = await createRuntime({ config: { dataDir: TENANTS_DIR, embeddedPgPort: 0 }, migrate: true, log: (line) => log(`  ${line}`) });
    await seedTenants(fresh, log);
    await fresh.close();
    return tenants(runtime200, fixture200);
  }
  const fixture10k = await describeTenants(runtime10k, MEMBER_CATEGORIES);
  log(`10,000-organization data: ${fixture10k.organizations} organizations, ${fixture10k.books} books; small ${fixture10k.small.books}, large ${fixture10k.large.books} books.`);
  const pidOf = (dir: string): number | undefined => {
    const file = join(dir, 'pg', 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || undefined : undefined;
  };
  return runTenants({
    root: ROOT,
    dataDir200: DATA_DIR,
    dataDir10k: TENANTS_DIR,
    bundleDir: BUNDLE_DIR,
    runtime200,
    runtime10k,
    fixture200,
    fixture10k,
    startServer: (script, env) => startServer(script, env),
    login,
    apiLogin,
    postmasterPids: () => [pidOf(DATA_DIR), pidOf(TENANTS_DIR)],
    settings,
    log,
  });
}

interface StartupFigures { name: string; runs: number[]; median: number; cpuMs?: number; rssMb?: number; error?: string }
interface ManifestTiming { importMs: number; firstLoadMs: number; coldMs: number; warmMedianMs: number; modules: number; entities: number }

/** Start-up (each mode `settings.startupRuns` times) and the manifests' cold load, with the bench cluster stopped. */
async function startupAndManifest(): Promise<{ startup: StartupFigures[]; manifest: ManifestTiming }> {
  // Start-up, with the bench cluster stopped: start.js starts it, as `npm start` does. The AdminJS component bundle
  // made by the app process of the list runs (in .adminjs/bench) is fresh and reused; alone (--only=startup) a first,
  // untimed start makes it when it is missing, so no timed start bundles.
  if (!existsSync(join(BUNDLE_DIR, 'bundle.js'))) await measureStartup(ROOT, ['dist/scripts/start.js'], DATA_DIR, { NODE_ENV: 'production', ADMIN_JS_TMP_DIR: BUNDLE_DIR }, 600_000);
  log('\nStart-up (spawn → first 200 of GET /admin/login; migrated database, SEED_DEMO=false):');
  const compiled = ['dist/scripts/start.js'];
  const modes: { name: string; args: string[]; env: Record<string, string> }[] = [
    { name: 'compiled (node dist/scripts/start.js), NODE_ENV=production', args: compiled, env: { NODE_ENV: 'production', ADMIN_JS_TMP_DIR: BUNDLE_DIR } },
    { name: 'compiled (node dist/scripts/start.js), NODE_ENV unset', args: compiled, env: { NODE_ENV: '', ADMIN_JS_TMP_DIR: BUNDLE_DIR } },
    { name: 'for comparison: start.ts through tsx (as npm start), NODE_ENV=production', args: ['--import', 'tsx', 'scripts/start.ts'], env: { NODE_ENV: 'production', ADMIN_JS_TMP_DIR: BUNDLE_DIR } },
  ];
  const startup: StartupFigures[] = [];
  for (const mode of modes) {
    const runs: number[] = [];
    try {
      // The first mode (compiled, production) is the one the targets name: its CPU at the login page and its RSS 5 s later are read too.
      const extras = mode === modes[0] ? { settleMs: 5000 } : {};
      const measured: StartupRun[] = [];
      for (let i = 0; i < settings.startupRuns; i++) measured.push(await measureStartup(ROOT, mode.args, DATA_DIR, mode.env, 90_000, extras));
      runs.push(...measured.map((m) => m.ms));
      const read = (pick: (m: StartupRun) => number | undefined): number | undefined => {
        const values = measured.map(pick).filter((x): x is number => x !== undefined);
        return values.length ? median(values) : undefined;
      };
      startup.push({ name: mode.name, runs, median: median(runs), cpuMs: read((m) => m.cpuMs), rssMb: read((m) => m.rssMb) });
      log(`  ${mode.name}: ${runs.map((r) => `${Math.round(r)} ms`).join(', ')} → median ${Math.round(median(runs))} ms`);
    } catch (err) {
      // Reported, not fatal: the throughput figures above stand on their own.
      const error = firstErrorLine((err as Error).message).split(ROOT).join('');
      startup.push({ name: mode.name, runs, median: NaN, error });
      log(`  ${mode.name}: did not start: ${error}`);
    }
  }

  // Three fresh processes, the one with the median cold time reported: one cold start is one sample of a noisy machine.
  log('\nManifest loading + validation (fresh process, compiled; the median of 3 by cold time):');
  const timings = [0, 1, 2].map(() => {
    const timing = spawnSync(process.execPath, [join(ROOT, 'dist/scripts/bench/manifest-timing.js')], { cwd: ROOT, encoding: 'utf8' });
    if (timing.status !== 0) throw new Error(`manifest timing failed: ${timing.stderr}`);
    return JSON.parse(timing.stdout.trim().split('\n').pop()!) as ManifestTiming;
  });
  const manifest = [...timings].sort((a, b) => a.coldMs - b.coldMs)[1];
  log(`  cold (import + first loadRegistry): ${timings.map((t) => `${t.coldMs.toFixed(1)} ms`).join(', ')} → ${manifest.coldMs.toFixed(1)} ms; warm loadRegistry() median of 20: ${manifest.warmMedianMs.toFixed(1)} ms (${manifest.modules} modules, ${manifest.entities} entities)`);
  return { startup, manifest };
}

const STARTUP_BLOCK_START = 'Start-up with `DATA_DIR=.bench SEED_DEMO=false`';

/** The README's list of start-up modes under the targets table. */
const startupBlock = (startup: StartupFigures[]): string => `Start-up with \`DATA_DIR=.bench SEED_DEMO=false\` on the migrated database, the embedded PostgreSQL started by the server itself as with \`npm start\`, AdminJS's component bundle already made (\`ADMIN_JS_TMP_DIR=.adminjs/bench\`; median of ${settings.startupRuns}):
${startup.map((s) => (s.error ? `- ${s.name}: **did not start**: \`${s.error.replace(/`/g, "'")}\`` : `- ${s.name}: ${(s.median / 1000).toFixed(2)} s (${s.runs.map((r) => (r / 1000).toFixed(2)).join(', ')})`)).join('\n')}`;

/** The README with its start-up list replaced (its first line to the blank line after it). */
function withStartupBlock(readme: string, block: string): string {
  const start = readme.indexOf(STARTUP_BLOCK_START);
  if (start === -1) return readme;
  const end = readme.indexOf('\n\n', start);
  return `${readme.slice(0, start)}${block}${end === -1 ? '' : readme.slice(end)}`;
}

/** What the targets judge of the start-up: its first mode (compiled, NODE_ENV=production). */
const startupTarget = ([first]: StartupFigures[]): TargetInputs['startup'] => ({ medianMs: first.median, runs: first.runs.length, cpuMs: first.cpuMs, rssMb: first.rssMb, error: first.error });

async function main(): Promise<void> {
  const benchStarted = performance.now();
  if (settings.only === 'contention') {
    const block = await contention();
    log(`\n${block}`);
    if (settings.readme) {
      const path = join(ROOT, 'README.md');
      writeFileSync(path, withContentionBlock(readFileSync(path, 'utf8'), block));
      log('\nREADME.md: the contention block of "## Benchmarks" updated.');
    }
    return;
  }
  if (settings.only === 'kanban') {
    const block = await kanban();
    if (settings.readme) {
      const path = join(ROOT, 'README.md');
      writeFileSync(path, withKanbanBlock(readFileSync(path, 'utf8'), block));
      log('README.md: the kanban block of "## Benchmarks" updated.');
    }
    return;
  }
  if (settings.only && !['list', 'startup', 'telemetry', 'tenants'].includes(settings.only)) throw new Error(`--only=${settings.only}: only "contention", "kanban", "list", "startup", "telemetry" or "tenants" can run alone`);
  log('Building (tsc -p tsconfig.build.json) …');
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const buildOk = build.status === 0;
  if (!buildOk) log('  The build reported errors (tsc still emits); the start-up figures below use what it emitted.');

  const { runtime, fixture } = await prepareData();
  if (settings.only === 'startup') {
    await runtime.close();
    const { startup, manifest } = await startupAndManifest();
    const rows = startupTargetRows(startupTarget(startup), manifest);
    log(`\n${rows.join('\n')}`);
    if (settings.readme) {
      const path = join(ROOT, 'README.md');
      writeFileSync(path, withStartupBlock(withStartupTargetRows(readFileSync(path, 'utf8'), rows), startupBlock(startup)));
      log('README.md: the start-up, memory and manifest rows of the targets table and the start-up list under it updated.');
    }
    return;
  }
  if (settings.only === 'tenants') {
    const block = await tenants(runtime, fixture);
    if (settings.readme) {
      const path = join(ROOT, 'README.md');
      writeFileSync(path, withTenantsBlock(readFileSync(path, 'utf8'), block));
      log('README.md: the 10,000-organization block of "## Benchmarks" updated.');
    }
    return;
  }
  // Declared views (calendar range query, kanban load): their own organizations in the same cluster.
  const viewsBlock = settings.only === 'list' || settings.only === 'telemetry' ? '' : await benchViews(runtime, log);
  const [{ version: pgVersion }]: { version: string }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(`SELECT current_setting('server_version') AS version`));
  log(`Data: ${fixture.booksTotal} books, ${settings.layout} on disk; measured organization: ${fixture.librarianVisible} books, ${fixture.memberVisible} match the member's row condition.`);
  const databaseUrl = runtime.database.url;
  // Nothing left for a checkpoint to write while the variants are timed (seeding dirties a lot).
  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query('CHECKPOINT')).catch(() => undefined);
  const loadBefore = loadavg()[0];
  log(`1-minute load average before the timed part: ${loadBefore.toFixed(2)}.`);
  let rows: Record<'rawLibrarian' | 'rawMember' | 'appLibrarian' | 'appLibrarianQuiet' | 'appMember' | 'rawApiLibrarian' | 'rawApiMember' | 'apiLibrarian' | 'apiMember', Measured> & Partial<Record<'baseLibrarian' | 'baseMember' | 'baseApiLibrarian' | 'baseApiMember', Measured>>;
  let telemetry: TelemetryRun | undefined;
  let machineCpu: CpuShare | undefined;
  let otherLayout: { layout: Layout; rows: typeof rows } | undefined;
  const sizes: Record<'librarian' | 'member' | 'apiLibrarian' | 'apiMember', { app: number; raw: number }> = { librarian: { app: NaN, raw: NaN }, member: { app: NaN, raw: NaN }, apiLibrarian: { app: NaN, raw: NaN }, apiMember: { app: NaN, raw: NaN } };
  const servers: ServerChild[] = [];
  try {
    const raw = await startServer('raw-server.ts', { BENCH_DATABASE_URL: databaseUrl, BENCH_ORG_ID: fixture.organizationId, BENCH_MEMBER_CATEGORIES: JSON.stringify(MEMBER_CATEGORIES) });
    servers.push(raw);
    // The REST API's per-IP and per-token rate limits (600 and 300 a minute) would turn the load into 429s: lifted for the bench.
    const unlimited = { API_RATE_PER_IP: '1000000000', API_RATE_PER_TOKEN: '1000000000' };
    const profile = settings.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA_DIR, 'profiles')}`] : [];
    // The app as deployed: metrics on (METRICS_TOKEN) and one access line per request (LOG_LEVEL=info) into a file.
    const appLog = openSync(APP_LOG, 'w');
    const app = await startServer('app-server.ts', { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: DATA_DIR, ADMIN_JS_TMP_DIR: BUNDLE_DIR, METRICS_TOKEN: BENCH_METRICS_TOKEN, LOG_LEVEL: 'info', ...unlimited }, ROOT, appLog, profile).finally(() => closeSync(appLog));
    servers.push(app);
    // The same build with both off, for the cost of metrics and logging (its stdout stays the bench's: silent writes nothing).
    const quiet = await startServer('app-server.ts', { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: DATA_DIR, ADMIN_JS_TMP_DIR: BUNDLE_DIR, METRICS_TOKEN: '', LOG_LEVEL: 'silent', ...unlimited });
    servers.push(quiet);
    // The baseline as deployed too (metrics on, one access line per request into its own file, no rate limits), so app and baseline differ by their code only.
    const baseLog = settings.baseline ? openSync(BASELINE_LOG, 'w') : undefined;
    // Its profile beside the app's, from the same run: a regression is located by comparing the two under the same load.
    const baselineProfile = settings.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA_DIR, 'profiles', 'baseline')}`] : [];
    const baseline = settings.baseline
      ? await startServer('app-server.ts', { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: DATA_DIR, ADMIN_JS_TMP_DIR: `${BUNDLE_DIR}-baseline`, METRICS_TOKEN: BENCH_METRICS_TOKEN, LOG_LEVEL: 'info', ...unlimited }, baselineTree(settings.baseline), baseLog, baselineProfile).finally(() => closeSync(baseLog!))
      : undefined;
    if (baseline) servers.push(baseline);
    const rawBase = `http://127.0.0.1:${raw.port}`;
    const appBase = `http://127.0.0.1:${app.port}`;
    const appUrl = `${appBase}${LIST_PATH}`;
    const librarian = { cookie: await login(appBase, LIBRARIAN_EMAIL), accept: 'application/json' };
    const member = { cookie: await login(appBase, MEMBER_EMAIL), accept: 'application/json' };
    sizes.librarian = sameRows(await checkList(appUrl, librarian, fixture.librarianVisible), await checkList(`${rawBase}/books`, {}, fixture.librarianVisible), 'librarian');
    sizes.member = sameRows(await checkList(appUrl, member, fixture.memberVisible, MEMBER_CATEGORIES), await checkList(`${rawBase}/books?as=member`, {}, fixture.memberVisible, MEMBER_CATEGORIES), 'member');
    const quietBase = `http://127.0.0.1:${quiet.port}`;
    const quietUrl = `${quietBase}${LIST_PATH}`;
    const quietLibrarian = { cookie: await login(quietBase, LIBRARIAN_EMAIL), accept: 'application/json' };
    sameRows(await checkList(quietUrl, quietLibrarian, fixture.librarianVisible), await checkList(appUrl, librarian, fixture.librarianVisible), 'quiet librarian');
    if ((await fetch(`${quietBase}/metrics`)).status !== 404) throw new Error('the quiet app serves /metrics: metrics are not off');
    const apiUrl = `${appBase}${API_LIST_PATH}`;
    const apiLibrarian = await apiLogin(appBase, LIBRARIAN_EMAIL);
    const apiMember = await apiLogin(appBase, MEMBER_EMAIL);
    sizes.apiLibrarian = sameRows(await checkList(apiUrl, apiLibrarian, undefined), await checkList(`${rawBase}/books?rows=only`, {}, undefined), 'API librarian');
    sizes.apiMember = sameRows(await checkList(apiUrl, apiMember, undefined, MEMBER_CATEGORIES), await checkList(`${rawBase}/books?as=member&rows=only`, {}, undefined, MEMBER_CATEGORIES), 'API member');
    const baseVariants: Variant[] = [];
    if (baseline) {
      const baseUrl = `http://127.0.0.1:${baseline.port}${LIST_PATH}`;
      const headersOf = async (email: string) => ({ cookie: await login(`http://127.0.0.1:${baseline.port}`, email), accept: 'application/json' });
      const [bl, bm] = [await headersOf(LIBRARIAN_EMAIL), await headersOf(MEMBER_EMAIL)];
      sameRows(await checkList(baseUrl, bl, fixture.librarianVisible), await checkList(appUrl, librarian, fixture.librarianVisible), 'baseline librarian');
      sameRows(await checkList(baseUrl, bm, fixture.memberVisible, MEMBER_CATEGORIES), await checkList(appUrl, member, fixture.memberVisible, MEMBER_CATEGORIES), 'baseline member');
      baseVariants.push(
        { key: 'baseLibrarian', name: `baseline ${settings.baseline}, librarian`, server: baseline, url: baseUrl, headers: bl },
        { key: 'baseMember', name: `baseline ${settings.baseline}, member`, server: baseline, url: baseUrl, headers: bm },
      );
      // And its REST API list, the same rows as this app's, when the baseline has one (the commit before the tenant walls, 6f86caf, has none).
      const baseApiUrl = `http://127.0.0.1:${baseline.port}${API_LIST_PATH}`;
      const baseApi = await Promise.all([apiLogin(`http://127.0.0.1:${baseline.port}`, LIBRARIAN_EMAIL), apiLogin(`http://127.0.0.1:${baseline.port}`, MEMBER_EMAIL)]).catch((err: Error) => {
        log(`  baseline ${settings.baseline}: no REST API list to compare (${firstErrorLine(err.message)})`);
        return undefined;
      });
      if (baseApi) {
        const [bal, bam] = baseApi;
        sameRows(await checkList(baseApiUrl, bal, undefined), await checkList(apiUrl, apiLibrarian, undefined), 'baseline API librarian');
        sameRows(await checkList(baseApiUrl, bam, undefined, MEMBER_CATEGORIES), await checkList(apiUrl, apiMember, undefined, MEMBER_CATEGORIES), 'baseline API member');
        baseVariants.push(
          { key: 'baseApiLibrarian', name: `baseline ${settings.baseline}, REST API librarian`, server: baseline, url: baseApiUrl, headers: bal },
          { key: 'baseApiMember', name: `baseline ${settings.baseline}, REST API member`, server: baseline, url: baseApiUrl, headers: bam },
        );
      }
    }
    const pids = [process.pid, raw.child.pid ?? 0, app.child.pid ?? 0, quiet.child.pid ?? 0, baseline?.child.pid ?? 0].filter(Boolean);
    const before = cpuAccountingAvailable() ? sampleCpu(pids, postmasterPid()) : undefined;
    log(`\nLoad: closed loop, ${settings.concurrency} connections, ${settings.rounds} rounds × ${settings.durationMs / settings.rounds / 1000} s per variant (${settings.warmupMs / 1000} s warm-up before the first):`);
    const telemetryOnly = settings.only === 'telemetry';
    const listVariants: Variant[] = [
      { key: 'rawLibrarian', name: 'raw SQL, librarian statements', server: raw, url: `${rawBase}/books`, headers: {} },
      { key: 'appLibrarian', name: 'UMS AdminJS list, librarian', server: app, url: appUrl, headers: librarian },
      { key: 'appLibrarianQuiet', name: 'UMS AdminJS list, librarian, metrics+logs off', server: quiet, url: quietUrl, headers: quietLibrarian },
      { key: 'rawMember', name: 'raw SQL, member statements', server: raw, url: `${rawBase}/books?as=member`, headers: {} },
      { key: 'appMember', name: 'UMS AdminJS list, member (row condition)', server: app, url: appUrl, headers: member },
      { key: 'rawApiLibrarian', name: 'raw SQL, librarian page only (no count)', server: raw, url: `${rawBase}/books?rows=only`, headers: {} },
      { key: 'apiLibrarian', name: 'UMS REST API list, librarian', server: app, url: apiUrl, headers: apiLibrarian },
      { key: 'rawApiMember', name: 'raw SQL, member page only (no count)', server: raw, url: `${rawBase}/books?as=member&rows=only`, headers: {} },
      { key: 'apiMember', name: 'UMS REST API list, member (row condition)', server: app, url: apiUrl, headers: apiMember },
      ...baseVariants,
    ];
    rows = (await measureAll(listVariants.filter((v) => !telemetryOnly || v.key === 'appLibrarian' || v.key === 'appLibrarianQuiet'))) as typeof rows;
    if (before) machineCpu = cpuShare(before, sampleCpu(pids, postmasterPid()));
    if (!settings.only) {
      // The list targets must hold on both physical layouts (issue 17): the same servers, the books rewritten in the other order.
      const other: Layout = settings.layout === 'clustered' ? 'interleaved' : 'clustered';
      log(`\nThe list variants again, the books ${other} on disk:`);
      await applyLayout(runtime, other, log);
      const otherKeys: Variant['key'][] = ['rawLibrarian', 'appLibrarian', 'rawMember', 'appMember', 'rawApiLibrarian', 'apiLibrarian', 'rawApiMember', 'apiMember'];
      otherLayout = { layout: other, rows: (await measureAll(listVariants.filter((v) => otherKeys.includes(v.key)))) as typeof rows };
      await applyLayout(runtime, settings.layout, log);
    }
    // The logging app really logged and counted: its access lines in the file, its requests in /metrics.
    const metricsText = await (await fetch(`${appBase}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
    const metricsRequests = [...metricsText.matchAll(/^ums_http_requests_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const logText = readFileSync(APP_LOG, 'utf8');
    const logLines = logText.split('\n').filter((l) => l.includes('"msg":"request"')).length;
    if (!metricsRequests || !logLines) throw new Error(`the app as deployed did not ${metricsRequests ? 'log its requests' : 'count requests in /metrics'}`);
    const side = (m: Measured) => ({ rps: m.load.rps, rounds: m.rounds.map((r) => r.rps), cpuMs: m.serverCpuMs, p50: m.load.p50 });
    telemetry = {
      date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      command: `npm run bench -- --only=${telemetryOnly ? 'telemetry' : 'list'}`,
      settings: { rounds: settings.rounds, windowS: settings.durationMs / settings.rounds / 1000, warmupS: settings.warmupMs / 1000, concurrency: settings.concurrency },
      on: side(rows.appLibrarian),
      off: side(rows.appLibrarianQuiet),
      logLines,
      logBytes: statSync(APP_LOG).size,
      metricsRequests,
      load: [loadBefore, loadavg()[0]],
      machine: machineCpu && { busy: machineCpu.busy, others: machineCpu.others },
    };
    log('');
    if (!telemetryOnly) {
      printMeasured('raw SQL, librarian statements', rows.rawLibrarian);
      printMeasured('raw SQL, member statements', rows.rawMember);
      printMeasured('UMS, librarian', rows.appLibrarian);
      printMeasured('UMS, librarian, metrics and logging off', rows.appLibrarianQuiet);
      printMeasured('UMS, member (row condition)', rows.appMember);
      printMeasured('raw SQL, librarian page only (no count)', rows.rawApiLibrarian);
      printMeasured('raw SQL, member page only (no count)', rows.rawApiMember);
      printMeasured('UMS REST API, librarian', rows.apiLibrarian);
      printMeasured('UMS REST API, member (row condition)', rows.apiMember);
      const pct = (a: Measured, b: Measured): string => `${((a.load.rps / b.load.rps) * 100).toFixed(0)} %`;
      log(`  REST API % of raw (page only): librarian ${pct(rows.apiLibrarian, rows.rawApiLibrarian)}, member ${pct(rows.apiMember, rows.rawApiMember)}; % of raw with count: librarian ${pct(rows.apiLibrarian, rows.rawLibrarian)}, member ${pct(rows.apiMember, rows.rawMember)}; AdminJS: librarian ${pct(rows.appLibrarian, rows.rawLibrarian)}, member ${pct(rows.appMember, rows.rawMember)}`);
      if (rows.baseLibrarian) printMeasured(`baseline ${settings.baseline}, librarian`, rows.baseLibrarian);
      if (rows.baseMember) printMeasured(`baseline ${settings.baseline}, member`, rows.baseMember);
      if (rows.baseApiLibrarian) printMeasured(`baseline ${settings.baseline}, REST API librarian`, rows.baseApiLibrarian);
      if (rows.baseApiMember) printMeasured(`baseline ${settings.baseline}, REST API member`, rows.baseApiMember);
      if (rows.baseLibrarian && rows.baseMember && rows.baseApiLibrarian && rows.baseApiMember) {
        const cpu = (a: Measured, b: Measured): string => `${b.serverCpuMs.toFixed(2)} → ${a.serverCpuMs.toFixed(2)} ms (${(((a.serverCpuMs - b.serverCpuMs) / b.serverCpuMs) * 100).toFixed(0)} %)`;
        log(`  server CPU per request, baseline → this tree: AdminJS librarian ${cpu(rows.appLibrarian, rows.baseLibrarian)}, member ${cpu(rows.appMember, rows.baseMember)}; REST API librarian ${cpu(rows.apiLibrarian, rows.baseApiLibrarian)}, member ${cpu(rows.apiMember, rows.baseApiMember)}`);
        log(`  baseline % of raw: REST API librarian ${pct(rows.baseApiLibrarian, rows.rawApiLibrarian)}, member ${pct(rows.baseApiMember, rows.rawApiMember)}; AdminJS librarian ${pct(rows.baseLibrarian, rows.rawLibrarian)}, member ${pct(rows.baseMember, rows.rawMember)}`);
      }
    }
    const t = telemetryFigures(telemetry);
    log(`  metrics+logging on/off (AdminJS librarian): throughput ${t.ratio.toFixed(3)} over all rounds, per round ${t.roundRatios.map((x) => x.toFixed(2)).join(' / ')} (median ${t.medianRatio.toFixed(3)}); server CPU/request ${(t.cpuCost * 100).toFixed(1)} % more with them on; ${telemetry.logLines} access lines (${(telemetry.logBytes / 2 ** 20).toFixed(1)} MB)`);
    if (machineCpu) log(`  machine CPU while timed: ${(machineCpu.busy * 100).toFixed(0)} % busy, ${(machineCpu.others * 100).toFixed(1)} % by processes outside the bench, ${(machineCpu.steal * 100).toFixed(1)} % steal`);
  } finally {
    for (const server of servers) await server.stop();
    await runtime.close();
  }
  const loadAfter = loadavg()[0];
  const telemetrySection = telemetryBlock(telemetry!);
  log(`\n${telemetrySection}\n`);
  if (settings.only === 'list' || settings.only === 'telemetry') {
    if (settings.readme) {
      const path = join(ROOT, 'README.md');
      let readme = withTelemetryBlock(readFileSync(path, 'utf8'), telemetrySection);
      // The targets table judges by the block beside it: its row follows the block just written.
      const summary = telemetryBlockSummary(telemetrySection);
      if (summary) readme = withTelemetryTargetRow(readme, telemetryTargetRow({ verdict: summary.verdict, source: `${summary.rounds} paired rounds, \`${summary.command}\` (block below)` }));
      writeFileSync(path, readme);
      log('README.md: the metrics-and-logging block of "## Benchmarks" (and its row of the targets table) updated.');
    }
    const kb = (s: { app: number; raw: number }): string => `${(s.app / 1024).toFixed(1)}/${(s.raw / 1024).toFixed(1)}`;
    log(`1-minute load average after: ${loadAfter.toFixed(2)}; answer KB app/raw: AdminJS librarian ${kb(sizes.librarian)}, member ${kb(sizes.member)}; REST API librarian ${kb(sizes.apiLibrarian)}, member ${kb(sizes.apiMember)} (--only=list: the rest of the README left as it is).`);
    return;
  }

  const { startup, manifest } = await startupAndManifest();

  const contentionSection = await contention();
  const kanbanSection = await kanban();

  // ── Results ──
  const v = (name: string, m: Measured, responseBytes: number, raw?: Measured): VariantRow => ({
    name,
    rps: m.load.rps,
    p50: m.load.p50,
    p99: m.load.p99,
    statementsPerRequest: m.statementsPerRequest,
    serverCpuMs: m.serverCpuMs,
    responseBytes,
    ofRaw: raw ? m.load.rps / raw.load.rps : undefined,
  });
  const resultRows = [
    v('raw SQL (node:http + pg), librarian statements', rows.rawLibrarian, sizes.librarian.raw),
    v('raw SQL (node:http + pg), member statements', rows.rawMember, sizes.member.raw),
    v('UMS AdminJS list, librarian', rows.appLibrarian, sizes.librarian.app, rows.rawLibrarian),
    v('UMS AdminJS list, member with row condition', rows.appMember, sizes.member.app, rows.rawMember),
    v('raw SQL, librarian page only (no count)', rows.rawApiLibrarian, sizes.apiLibrarian.raw),
    v('raw SQL, member page only (no count)', rows.rawApiMember, sizes.apiMember.raw),
    v('UMS REST API list, librarian', rows.apiLibrarian, sizes.apiLibrarian.app, rows.rawApiLibrarian),
    v('UMS REST API list, member with row condition', rows.apiMember, sizes.apiMember.app, rows.rawApiMember),
  ];
  const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;
  /** Ratios of two variants round by round (neighbours in time), as "median, min–max". */
  const perRound = (a: Measured, b: Measured, format: (x: number) => string): string => {
    const ratios = a.rounds.map((r, i) => r.rps / b.rounds[i].rps);
    return `per round: median ${format(median(ratios))}, ${format(Math.min(...ratios))}–${format(Math.max(...ratios))}`;
  };
  // What the compared commit (--baseline) gives up in throughput, by user, over all rounds and round by round.
  const baselineCost = (app: Measured, base: Measured | undefined): { loss: number; text: string } | undefined =>
    base && { loss: 1 - app.load.rps / base.load.rps, text: `${app.load.rps <= base.load.rps ? `${pct(1 - app.load.rps / base.load.rps)} lost` : `${pct(app.load.rps / base.load.rps - 1)} gained`} (${base.load.rps.toFixed(0)} → ${app.load.rps.toFixed(0)} req/s; ${perRound(app, base, pct)} of the baseline's)` };
  const costLibrarian = baselineCost(rows.appLibrarian, rows.baseLibrarian);
  const costMember = baselineCost(rows.appMember, rows.baseMember);
  const figures = (m: Measured): ListFigures => ({ rps: m.load.rps, p50: m.load.p50, rounds: m.rounds.map((r) => r.rps) });
  const layoutFigures = (layout: Layout, r: typeof rows): LayoutFigures => ({
    layout,
    rawLibrarian: figures(r.rawLibrarian),
    rawMember: figures(r.rawMember),
    rawPageLibrarian: figures(r.rawApiLibrarian),
    rawPageMember: figures(r.rawApiMember),
    adminLibrarian: figures(r.appLibrarian),
    adminMember: figures(r.appMember),
    apiLibrarian: figures(r.apiLibrarian),
    apiMember: figures(r.apiMember),
  });
  // A block measured over more rounds by --only=telemetry stays: its verdict is the better-founded one.
  const readmeNow = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const kept = telemetryBlockSummary(currentTelemetryBlock(readmeNow));
  const keepTelemetry = kept !== undefined && kept.rounds > settings.rounds;
  const ownTelemetry = telemetryBlockSummary(telemetrySection);
  const telemetryTarget = keepTelemetry ? kept : ownTelemetry;
  const targets = targetsTable({
    layouts: [layoutFigures(settings.layout, rows), ...(otherLayout ? [layoutFigures(otherLayout.layout, otherLayout.rows)] : [])],
    sizes: { librarian: sizes.librarian, member: sizes.member },
    startup: startupTarget(startup),
    manifest,
    telemetry: telemetryTarget && { verdict: telemetryTarget.verdict, source: `${telemetryTarget.rounds} paired rounds, \`${telemetryTarget.command}\` (block below)` },
    walls: costLibrarian && costMember && settings.baseline ? { baseline: settings.baseline, librarian: costLibrarian, member: costMember } : undefined,
  });
  const otherTable = otherLayout
    ? `\n\nThe same list variants in the same run with the books ${otherLayout.layout} on disk (\`${otherLayout.layout === 'interleaved' ? 'book n belongs to organization n mod 200' : "each organization's books together"}\`; rewritten in place between the two, the servers kept running):\n\n${table([
        v('raw SQL, librarian statements', otherLayout.rows.rawLibrarian, sizes.librarian.raw),
        v('raw SQL, member statements', otherLayout.rows.rawMember, sizes.member.raw),
        v('UMS AdminJS list, librarian', otherLayout.rows.appLibrarian, sizes.librarian.app, otherLayout.rows.rawLibrarian),
        v('UMS AdminJS list, member with row condition', otherLayout.rows.appMember, sizes.member.app, otherLayout.rows.rawMember),
        v('raw SQL, librarian page only (no count)', otherLayout.rows.rawApiLibrarian, sizes.apiLibrarian.raw),
        v('raw SQL, member page only (no count)', otherLayout.rows.rawApiMember, sizes.apiMember.raw),
        v('UMS REST API list, librarian', otherLayout.rows.apiLibrarian, sizes.apiLibrarian.app, otherLayout.rows.rawApiLibrarian),
        v('UMS REST API list, member with row condition', otherLayout.rows.apiMember, sizes.apiMember.app, otherLayout.rows.rawApiMember),
      ])}`
    : '';
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  // Measured by --only=tenants (minutes of seeding on first use): kept as it stands.
  const tenantsBlock = currentTenantsBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const date = new Date().toISOString().slice(0, 10);

  const section = `## Benchmarks

\`npm run bench\` (about ${Math.max(1, Math.round((performance.now() - benchStarted) / 60_000))} min; the first run also seeds; \`--reseed\` rebuilds the data, \`--no-readme\` only prints) rewrites this section. Last run: ${date}, ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, embedded PostgreSQL ${pgVersion}.

- **Data**: ${ORGANIZATIONS} library organizations × ${BOOKS_PER_ORGANIZATION.toLocaleString('en')} books = ${fixture.booksTotal.toLocaleString('en')} books, ${settings.layout === 'interleaved' ? 'interleaved on disk (book n belongs to organization n mod 200; `--layout=interleaved`)' : "each organization's together on disk (`--layout=clustered`, the default)"}, in their own cluster under \`.bench/\` (organizations and users through the tenancy code, books bulk-inserted from \`demoBook()\` as fixture data), \`VACUUM ANALYZE\`d.
- **Request**: \`GET ${LIST_PATH}\` (25 rows sorted by title, with the total count) by a librarian and by a member of one organization, signed in over HTTP.
- **Row condition**: the manifest's member role reads books without one, so the bench member holds only a custom role (\`core.role\` + \`core.role_assignment\`): \`${JSON.stringify(MEMBER_RULES)}\`, which selects ${fixture.memberVisible} of the organization's ${fixture.librarianVisible} books.
- **Raw baseline**: a minimal \`node:http\` + \`pg.Pool\` server sending the same two statements as the app (the same column list, \`ORDER BY title, id LIMIT 25\`, and \`count(*)\`; both at once), answering JSON.
- **Method**: each server in its own Node process (\`NODE_ENV=production\`, run from source through tsx's loader), the load generator in this one, all on 127.0.0.1 on this ${availableParallelism()}-core machine together with PostgreSQL; closed loop, ${settings.concurrency} keep-alive connections; the variants take turns for ${settings.rounds} rounds of ${settings.durationMs / settings.rounds / 1000} s (${settings.warmupMs / 1000} s warm-up before each variant's first round), so other load on the machine hits them alike; latencies of all rounds are pooled. ${machineCpu ? `While the variants were timed the machine's CPU was ${(machineCpu.busy * 100).toFixed(0)} % busy, ${(machineCpu.others * 100).toFixed(1)} % of it by processes outside the bench (steal ${(machineCpu.steal * 100).toFixed(1)} %); 1-minute load average before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}.` : `1-minute load average before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}.`} SQL statements are counted inside the server process (\`pg.Client.prototype.query\`) over ${STATEMENT_SAMPLE} sequential requests after the load (the session store's read of the session is one of them; the breakdown is printed by the run). "% of raw" compares with the raw server sending the same user's statements.

${table(resultRows)}${otherTable}

On this VM throughput swings from round to round even when nothing else runs, so a ratio within a few points of its target can land on either side from one run to the next. req/s per round: ${resultRows.map((r, i) => `${r.name.replace(/ \(node:http \+ pg\)/, '')} ${[rows.rawLibrarian, rows.rawMember, rows.appLibrarian, rows.appMember, rows.rawApiLibrarian, rows.rawApiMember, rows.apiLibrarian, rows.apiMember][i].rounds.map((x) => x.rps.toFixed(0)).join(' / ')}`).join('; ')}.

Where the time goes: the app's own process is the bottleneck (one Node thread at ${rows.appLibrarian.serverCpuMs.toFixed(2)} ms of CPU per AdminJS librarian request and ${rows.apiLibrarian.serverCpuMs.toFixed(2)} ms per REST API request, against the raw server's ${rows.rawLibrarian.serverCpuMs.toFixed(2)} ms; PostgreSQL and the load generator share the other core). AdminJS answers ${(sizes.librarian.app / 1024).toFixed(1)} KB where the raw server answers ${(sizes.librarian.raw / 1024).toFixed(1)} KB. The extra SQL statement of the AdminJS list is express-session reading the session row (the store does not rewrite, "touch", it on every request: see \`core/auth\`). Profiles of both lists (\`--cpu-prof\`, \`scripts/bench/profile-summary.ts\`) are summarised in the paragraphs after this section.

${targets}

${startupBlock(startup)}

For scale, figures reported on the same kind of machine in the issue: raw SQL ≈675 req/s; AdminJS with @adminjs/typeorm filtering by organization ≈8.5 req/s; the same with an indexed tenant filter in a Resource subclass ≈250 req/s (≈37 %); Directus with a row-filtered role ≈70 req/s.

${keepTelemetry ? currentTelemetryBlock(readmeNow) : telemetrySection}

${contentionSection}
${viewsBlock}
${kanbanSection}${tenantsBlock ? `\n\n${tenantsBlock}` : ''}`;

  log(`\n${table(resultRows)}\n`);
  log(`${targets}\n`);
  if (settings.readme) {
    writeReadmeSection(join(ROOT, 'README.md'), section);
    log('\nREADME.md "## Benchmarks" updated.');
  }
  log(`Done in ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('bench failed:', err);
    process.exit(1);
  },
);
