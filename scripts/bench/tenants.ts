/**
 * `npm run bench -- --only=tenants`: the same lists at 10,000 organizations as at 200, in one run.
 *
 * Both clusters run at once (the 200-organization one under `.bench/`, the 10,000-organization one
 * under `.bench/tenants/`), each with its own app process; the variants take turns round by round,
 * so whatever else runs on the machine hits them alike, and only ratios within the run are reported.
 * Then each app's idle RSS after the load, sign-in time, and compiled start-up + idle RSS of
 * `node dist/scripts/start.js` (server and in-process job worker) on each data set.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Runtime } from '../../core/runtime.js';
import { combine, request, runLoad, type LoadResult } from './load.js';
import { cpuAccountingAvailable, cpuShare, sampleCpu, type CpuSample } from './cpu.js';
import { measureStartup, type StartupRun } from './startup.js';
import { measureJobs, type JobFigures } from './tenants-jobs.js';
import type { StatementStats } from './statements.js';
import { countSequentialStatements } from './sequential-statements.js';
import { LIBRARIAN_EMAIL, MEMBER_CATEGORIES, MEMBER_EMAIL, type Fixture } from './fixture.js';
import { LARGE_LIBRARIAN, LARGE_MEMBER, SMALL_LIBRARIAN, TEMPLATE_BOOKS, type TenantsFixture } from './tenants-fixture.js';
import { withMarkedBlock } from './report.js';

export interface ServerHandle {
  child: { pid?: number };
  port: number;
  ask<T>(type: 'stats' | 'reset'): Promise<T>;
  stop(): Promise<void>;
}

export interface TenantsDeps {
  root: string;
  dataDir200: string;
  dataDir10k: string;
  bundleDir: string;
  runtime200: Runtime;
  runtime10k: Runtime;
  fixture200: Fixture;
  fixture10k: TenantsFixture;
  startServer(script: string, env: Record<string, string>): Promise<ServerHandle>;
  login(base: string, email: string): Promise<string>;
  apiLogin(base: string, email: string): Promise<Record<string, string>>;
  postmasterPids(): (number | undefined)[];
  settings: { rounds: number; durationMs: number; warmupMs: number; concurrency: number; startupRuns: number };
  log(line: string): void;
}

const LIST_PATH = '/admin/api/resources/LibraryBook/actions/list?page=1&perPage=25&sortBy=title&direction=asc';
const API_LIST_PATH = '/api/v1/library/book?limit=25&sort=title';
const STATEMENT_SAMPLE = 100;

interface Variant {
  key: string;
  name: string;
  server: ServerHandle;
  url: string;
  headers: Record<string, string>;
  /** Expected total of the AdminJS answer (checked once before timing). */
  total?: number;
  /** Rows on the page (25 unless the organization has fewer books). */
  rows?: number;
}

interface Measured {
  load: LoadResult;
  rounds: LoadResult[];
  serverCpuMs: number;
  statementsPerRequest: number;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Resident set size of a process (Linux /proc), MB. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function check(v: Variant): Promise<void> {
  const agent = new http.Agent({ keepAlive: false });
  const answer = await request(agent, v.url, v.headers);
  if (answer.status !== 200) throw new Error(`${v.name}: HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
  const json = JSON.parse(answer.body.toString('utf8')) as { meta?: { total: number }; total?: number; records?: unknown[]; data?: unknown[] };
  const rows = json.records ?? json.data ?? [];
  if (rows.length !== (v.rows ?? 25)) throw new Error(`${v.name}: ${rows.length} rows, expected ${v.rows ?? 25}`);
  // AdminJS answers meta.total, the raw server total; the REST API sends none (v.total unset).
  const total = json.meta?.total ?? json.total;
  if (v.total !== undefined && total !== v.total) throw new Error(`${v.name}: total ${total}, expected ${v.total}`);
}

async function measureAll(variants: Variant[], deps: TenantsDeps): Promise<Map<string, Measured>> {
  const { settings, log } = deps;
  const windows = new Map<string, LoadResult[]>(variants.map((v) => [v.key, []]));
  const cpu = new Map<string, number>(variants.map((v) => [v.key, 0]));
  const windowMs = settings.durationMs / settings.rounds;
  for (let round = 0; round < settings.rounds; round++) {
    for (const v of variants) {
      const before = await v.server.ask<StatementStats>('stats');
      const result = await runLoad({ url: v.url, headers: v.headers, concurrency: settings.concurrency, warmupMs: round === 0 ? settings.warmupMs : 500, durationMs: windowMs });
      const after = await v.server.ask<StatementStats>('stats');
      cpu.set(v.key, cpu.get(v.key)! + after.cpuMs - before.cpuMs);
      windows.get(v.key)!.push(result);
      log(`  round ${round + 1}/${settings.rounds}  ${v.name.padEnd(52)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms`);
    }
  }
  const out = new Map<string, Measured>();
  for (const v of variants) {
    const rounds = windows.get(v.key)!;
    const load = combine(rounds);
    out.set(v.key, { load, rounds, serverCpuMs: cpu.get(v.key)! / load.completed, statementsPerRequest: (await countSequentialStatements(v, STATEMENT_SAMPLE)).statements / STATEMENT_SAMPLE });
  }
  return out;
}

/** Sign-in over HTTP (the sign-in page for its CSRF token, then POST /admin/login: the password hash check dominates), median of n. */
async function signInMs(base: string, email: string, deps: TenantsDeps, n = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await deps.login(base, email);
    times.push(performance.now() - t0);
  }
  return median(times);
}

interface StartupFigures {
  name: string;
  runs: StartupRun[];
}

export async function runTenants(deps: TenantsDeps): Promise<string> {
  const { log, settings, fixture200, fixture10k } = deps;
  const quiet = { LOG_LEVEL: 'silent', METRICS_TOKEN: '', API_RATE_PER_IP: '1000000000', API_RATE_PER_TOKEN: '1000000000', ADMIN_JS_TMP_DIR: deps.bundleDir };
  const loadBefore = loadavg()[0];
  const servers: ServerHandle[] = [];
  let measured: Map<string, Measured>;
  let variants: Variant[];
  let cpu: ReturnType<typeof cpuShare> | undefined;
  const rss: Record<string, { afterStart: number; afterLoad: number }> = {};
  const signIn: Record<string, number> = {};
  try {
    const raw200 = await deps.startServer('raw-server.ts', { BENCH_DATABASE_URL: deps.runtime200.database.url, BENCH_ORG_ID: fixture200.organizationId, BENCH_MEMBER_CATEGORIES: JSON.stringify(MEMBER_CATEGORIES) });
    servers.push(raw200);
    const raw10k = await deps.startServer('raw-server.ts', { BENCH_DATABASE_URL: deps.runtime10k.database.url, BENCH_ORG_ID: fixture10k.large.id, BENCH_MEMBER_CATEGORIES: JSON.stringify(MEMBER_CATEGORIES) });
    servers.push(raw10k);
    const app200 = await deps.startServer('app-server.ts', { BENCH_DATABASE_URL: deps.runtime200.database.url, BENCH_DATA_DIR: deps.dataDir200, ...quiet });
    servers.push(app200);
    const app10k = await deps.startServer('app-server.ts', { BENCH_DATABASE_URL: deps.runtime10k.database.url, BENCH_DATA_DIR: deps.dataDir10k, ...quiet });
    servers.push(app10k);
    rss.app200 = { afterStart: rssMb(app200.child.pid), afterLoad: NaN };
    rss.app10k = { afterStart: rssMb(app10k.child.pid), afterLoad: NaN };
    const b200 = `http://127.0.0.1:${app200.port}`;
    const b10k = `http://127.0.0.1:${app10k.port}`;
    const r200 = `http://127.0.0.1:${raw200.port}`;
    const r10k = `http://127.0.0.1:${raw10k.port}`;
    const cookie = async (base: string, email: string) => ({ cookie: await deps.login(base, email), accept: 'application/json' });
    variants = [
      { key: 'raw200', name: 'raw SQL, 200 orgs, measured org (1,000 books)', server: raw200, url: `${r200}/books`, headers: {}, total: fixture200.librarianVisible },
      { key: 'raw10k', name: 'raw SQL, 10,000 orgs, large org (1,000 books)', server: raw10k, url: `${r10k}/books`, headers: {}, total: fixture10k.large.books },
      { key: 'admin200', name: 'AdminJS list, 200 orgs, librarian', server: app200, url: `${b200}${LIST_PATH}`, headers: await cookie(b200, LIBRARIAN_EMAIL), total: fixture200.librarianVisible },
      { key: 'admin10kLarge', name: 'AdminJS list, 10,000 orgs, large org librarian', server: app10k, url: `${b10k}${LIST_PATH}`, headers: await cookie(b10k, LARGE_LIBRARIAN), total: fixture10k.large.books },
      { key: 'admin10kSmall', name: 'AdminJS list, 10,000 orgs, small org librarian', server: app10k, url: `${b10k}${LIST_PATH}`, headers: await cookie(b10k, SMALL_LIBRARIAN), total: fixture10k.small.books, rows: Math.min(25, fixture10k.small.books) },
      { key: 'member200', name: 'AdminJS list, 200 orgs, member (row condition)', server: app200, url: `${b200}${LIST_PATH}`, headers: await cookie(b200, MEMBER_EMAIL), total: fixture200.memberVisible },
      { key: 'member10k', name: 'AdminJS list, 10,000 orgs, large org member', server: app10k, url: `${b10k}${LIST_PATH}`, headers: await cookie(b10k, LARGE_MEMBER), total: fixture10k.large.member },
      { key: 'api200', name: 'REST API list, 200 orgs, librarian', server: app200, url: `${b200}${API_LIST_PATH}`, headers: await deps.apiLogin(b200, LIBRARIAN_EMAIL) },
      { key: 'api10kLarge', name: 'REST API list, 10,000 orgs, large org librarian', server: app10k, url: `${b10k}${API_LIST_PATH}`, headers: await deps.apiLogin(b10k, LARGE_LIBRARIAN) },
      { key: 'api10kSmall', name: 'REST API list, 10,000 orgs, small org librarian', server: app10k, url: `${b10k}${API_LIST_PATH}`, headers: await deps.apiLogin(b10k, SMALL_LIBRARIAN), rows: Math.min(25, fixture10k.small.books) },
    ];
    for (const v of variants) await check(v);
    const pids = [process.pid, ...servers.map((s) => s.child.pid ?? 0)].filter(Boolean);
    const [pm200, pm10k] = deps.postmasterPids();
    const sample = (): CpuSample | undefined => {
      if (!cpuAccountingAvailable()) return undefined;
      const a = sampleCpu(pids, pm200);
      return { ...a, ours: a.ours + (pm10k ? sampleCpu([], pm10k).ours : 0) };
    };
    const before = sample();
    log(`\nLoad (--only=tenants): closed loop, ${settings.concurrency} connections, ${settings.rounds} rounds × ${settings.durationMs / settings.rounds / 1000} s per variant:`);
    measured = await measureAll(variants, deps);
    const after = sample();
    if (before && after) cpu = cpuShare(before, after);
    rss.app200.afterLoad = rssMb(app200.child.pid);
    rss.app10k.afterLoad = rssMb(app10k.child.pid);
    signIn.s200 = await signInMs(b200, LIBRARIAN_EMAIL, deps);
    signIn.s10k = await signInMs(b10k, LARGE_LIBRARIAN, deps);
  } finally {
    for (const s of servers) await s.stop();
  }
  const loadAfter = loadavg()[0];
  const m = (key: string): Measured => measured.get(key)!;
  for (const v of variants) {
    const x = m(v.key);
    log(`  ${v.name}: ${x.load.rps.toFixed(0)} req/s (rounds ${x.rounds.map((r) => r.rps.toFixed(0)).join(' / ')}), p50 ${x.load.p50.toFixed(1)} ms, server CPU ${x.serverCpuMs.toFixed(2)} ms/request, ${x.statementsPerRequest.toFixed(2)} statements/request`);
  }

  // Jobs: the agenda rows (one per declared job) and what keeping them in step costs.
  const jobs200 = await measureJobs(deps.runtime200, { recreate: true });
  const jobs10k = await measureJobs(deps.runtime10k, { recreate: true });
  for (const [name, j] of [['200', jobs200], ['10,000', jobs10k]] as const) {
    log(`  jobs at ${name} organizations: ${j.totalRows} agenda rows (${Object.entries(j.rows).map(([k, n]) => `${k} ${n}`).join(', ')}); creating them ${j.create?.ms.toFixed(0)} ms (${j.create?.cpuMs.toFixed(0)} ms CPU here); a reconcile with nothing to change ${j.steady.ms.toFixed(0)} ms (${j.steady.cpuMs.toFixed(0)} ms CPU here)`);
  }

  // Start-up and idle RSS of the compiled server on each data set, with the benches' clusters stopped
  // (start.js starts its own, as npm start does); the runs alternate between the data sets.
  await deps.runtime200.close();
  await deps.runtime10k.close();
  const startups: StartupFigures[] = [{ name: '200 organizations', runs: [] }, { name: '10,000 organizations', runs: [] }];
  const env = { NODE_ENV: 'production', ADMIN_JS_TMP_DIR: deps.bundleDir, LOG_LEVEL: 'info' };
  for (let i = 0; i < settings.startupRuns; i++) {
    for (const [k, dir] of [deps.dataDir200, deps.dataDir10k].entries()) {
      const run = await measureStartup(deps.root, ['dist/scripts/start.js'], dir, env, 180_000, { waitFor: /\[jobs\] worker started/, settleMs: 5_000 });
      startups[k].runs.push(run);
      log(`  start-up, ${startups[k].name}: ${Math.round(run.ms)} ms to the login page; worker started after ${run.waitedMs === undefined ? '–' : `${Math.round(run.waitedMs)} ms`}; idle RSS ${run.rssMb?.toFixed(0)} MB`);
    }
  }

  const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;
  const times = (x: number): string => `${x.toFixed(2)}×`;
  const perRound = (a: Measured, b: Measured): string => {
    const ratios = a.rounds.map((r, i) => b.rounds[i].rps / r.rps);
    return `per round ${times(median(ratios))} (${times(Math.min(...ratios))}–${times(Math.max(...ratios))})`;
  };
  /** Cost at 10,000 against 200: server CPU per request and inverse throughput. */
  const cost = (k10: string, k200: string): { cpu: number; rps: number; text: string } => {
    const a = m(k10);
    const b = m(k200);
    const cpuRatio = a.serverCpuMs / b.serverCpuMs;
    const rpsRatio = b.load.rps / a.load.rps;
    return { cpu: cpuRatio, rps: rpsRatio, text: `CPU/request ${a.serverCpuMs.toFixed(2)} vs ${b.serverCpuMs.toFixed(2)} ms = **${times(cpuRatio)}**; time per request (1/throughput) ${times(rpsRatio)}, ${perRound(a, b)}` };
  };
  const rows = variants.map((v) => {
    const x = m(v.key);
    return `| ${v.name} | ${x.load.rps.toFixed(0)} | ${x.load.p50.toFixed(1)} | ${x.serverCpuMs.toFixed(2)} | ${x.statementsPerRequest.toFixed(2)} |`;
  });
  const med = (s: StartupFigures, pick: (r: StartupRun) => number | undefined): number => median(s.runs.map(pick).filter((x): x is number => x !== undefined && Number.isFinite(x)));
  const startupLine = (s: StartupFigures): string =>
    `${s.name}: login page after ${(med(s, (r) => r.ms) / 1000).toFixed(2)} s (${s.runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}), job worker started after ${(med(s, (r) => r.waitedMs) / 1000).toFixed(2)} s, idle RSS ${med(s, (r) => r.rssMb).toFixed(0)} MB (${s.runs.map((r) => r.rssMb?.toFixed(0)).join(', ')})`;
  const costs = { admin: cost('admin10kLarge', 'admin200'), member: cost('member10k', 'member200'), api: cost('api10kLarge', 'api200'), raw: cost('raw10k', 'raw200') };
  const jobsLine = (label: string, j: JobFigures): string =>
    `${label}: ${j.totalRows.toLocaleString('en')} agenda rows (${Object.entries(j.rows).map(([k, n]) => `\`${k}\` ${n.toLocaleString('en')}`).join(', ')}); the first reconcile (creating ${j.create?.created.toLocaleString('en')} rows) ${((j.create?.ms ?? NaN) / 1000).toFixed(1)} s; a reconcile with nothing to change — what \`core.schedule_sync\` does every minute — ${j.steady.ms.toFixed(0)} ms (${j.steady.cpuMs.toFixed(0)} ms of the worker's CPU)`;
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const block = `**10,000 organizations against 200** (issue 17; \`npm run bench -- --only=tenants\`, ${date}; ${settings.rounds} rounds of ${settings.durationMs / settings.rounds / 1000} s per variant, ${settings.warmupMs / 1000} s warm-up, ${settings.concurrency} connections; 1-minute load average ${loadBefore.toFixed(1)} before / ${loadAfter.toFixed(1)} after on 2 cores${cpu ? `, the machine ${pct(cpu.busy)} busy, ${pct(cpu.others)} of it by processes outside the bench` : ''} — a shared machine: read the ratios, not the absolute figures). Data: ${fixture10k.organizations.toLocaleString('en')} library organizations in their own cluster (\`.bench/tenants/\`), ${fixture10k.books.toLocaleString('en')} books and ≈${(fixture10k.rows / 1e6).toFixed(1)} M rows in tenant tables: 9,997 copies of a template organization (${TEMPLATE_BOOKS} books, 12 members, 10 loans, a fine setting, admin + librarian + member users, the built-in roles of every module, module settings; its audit rows not copied), a small one (20 books) and a large one holding what the 200-organization set's measured organization holds (1,000 books, the same librarian and row-filtered member), beside the 200-organization cluster (200 × 1,000 books); both clusters and both apps (metrics and logging off) run at once and take turns.

| variant | req/s | p50 ms | server CPU ms/request | SQL statements/request |
|---|---:|---:|---:|---:|
${rows.join('\n')}

| target | measured | |
|---|---|---|
| AdminJS list at 10,000 organizations ≤ 1.1× the cost at 200 (librarian) | ${costs.admin.text} | ${costs.admin.cpu <= 1.1 ? '**met**' : '**not met**'} (CPU) |
| the same, member with a row condition | ${costs.member.text} | ${costs.member.cpu <= 1.1 ? '**met**' : '**not met**'} (CPU) |
| REST API list, librarian | ${costs.api.text} | ${costs.api.cpu <= 1.1 ? '**met**' : '**not met**'} (CPU) |
| for reference: raw SQL, same statements | ${costs.raw.text} | |

Sign-in (POST /admin/login, median of 7, the scrypt check dominates): ${signIn.s200.toFixed(0)} ms at 200, ${signIn.s10k.toFixed(0)} ms at 10,000 organizations. The apps' RSS after start ${rss.app200.afterStart.toFixed(0)} / ${rss.app10k.afterStart.toFixed(0)} MB and after the load ${rss.app200.afterLoad.toFixed(0)} / ${rss.app10k.afterLoad.toFixed(0)} MB (200 / 10,000; run from source through tsx). Compiled start-up (\`node dist/scripts/start.js\`, NODE_ENV=production, server and in-process job worker, embedded PostgreSQL started by it; RSS read from /proc 5 s after the worker said it started; median of ${settings.startupRuns}):
- ${startupLine(startups[0])}
- ${startupLine(startups[1])}

Jobs (core/jobs/scheduler.ts: one agenda job per declared job, each module job paging through the organizations when it fires; measured on the real scheduler in the bench process, role \`command\`):
- ${jobsLine('200 organizations', jobs200)}
- ${jobsLine('10,000 organizations', jobs10k)}`;
  log(`\n${block}\n`);
  return block;
}

const TENANTS_START = '<!-- bench:tenants -->';
const TENANTS_END = '<!-- /bench:tenants -->';

/** The block as it stands in the README (a full `npm run bench` keeps it when it rewrites the section). */
export function currentTenantsBlock(readme: string): string {
  const start = readme.indexOf(TENANTS_START);
  const end = readme.indexOf(TENANTS_END);
  return start !== -1 && end > start ? readme.slice(start, end + TENANTS_END.length) : '';
}

/** Replaces the block, or adds it at the end of "## Benchmarks". */
export function withTenantsBlock(readme: string, block: string): string {
  return withMarkedBlock(readme, TENANTS_START, TENANTS_END, `${TENANTS_START}\n${block}\n${TENANTS_END}`);
}
