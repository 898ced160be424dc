/**
 * The task board's load in `npm run bench` (issue 12: "the kanban load for a
 * 300-item project"), measured like the list variants: the board's data
 * request, `GET /admin/x/views?view=task.board&scope=<project>` (what the
 * board page asks for when a project is chosen), sent by a closed-loop load
 * generator to the real app in a child process, signed in as the project's
 * manager and as a member (whose rules are a `$some` over the project's
 * members), beside a raw node:http + pg server answering the same cards and
 * columns with two plain statements. The variants take turns for the same
 * number of rounds; server CPU per request and SQL statements per request
 * are counted inside each server process.
 *
 * Its own organization in the bench cluster (made once): a task organization
 * with a 300-item project (five states, every priority, due dates) and two
 * 50-item projects beside it, so the scope filter has something to leave out.
 * `npm run bench -- --only=kanban` runs just this and rewrites only its README
 * block (between `<!-- bench:kanban -->` markers).
 */
import http from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { RecordService } from '../../core/data/records.js';
import { crossTenant } from '../../core/db/cross-tenant.js';
import type { Runtime } from '../../core/runtime.js';
import { createOrganization, createUser } from '../../core/tenancy/index.js';
import { combine, request, runLoad, type LoadResult } from './load.js';
import type { StatementStats } from './statements.js';
import { withMarkedBlock } from './report.js';

export const KANBAN_SLUG = 'bench-kanban-task';
export const KANBAN_ITEMS = 300;
const OTHER_ITEMS = 50;
const STATEMENT_SAMPLE = 100;
const MANAGER_EMAIL = `manager@${KANBAN_SLUG}.test`;
const MEMBER_EMAIL = `member@${KANBAN_SLUG}.test`;
const PRIORITIES = ['urgent', 'high', 'medium', 'low', 'none'];
const DAY = 86_400_000;

interface Server {
  child: ChildProcess;
  port: number;
  ask<T>(type: 'stats' | 'reset'): Promise<T>;
  stop(): Promise<void>;
}

export interface KanbanBenchContext {
  runtime: Runtime;
  databaseUrl: string;
  password: string;
  /** Starts a bench child (`app-server.ts`, `raw-server.ts`) with these environment variables. */
  startServer(script: string, env: Record<string, string>): Promise<Server>;
  /** The app's session cookie for a user (the admin's login form). */
  login(base: string, email: string): Promise<string>;
  appEnv: Record<string, string>;
  settings: { rounds: number; durationMs: number; warmupMs: number; concurrency: number };
  log(line: string): void;
}

interface Fixture {
  organizationId: string;
  project: string;
  items: number;
  otherItems: number;
}

/** The organization, its three projects and their items, made once through the data layer (numbers from the project's sequence). */
async function prepare(ctx: KanbanBenchContext): Promise<Fixture> {
  const { runtime, log } = ctx;
  const lookup = async (): Promise<Fixture | undefined> => {
    const rows: { org: string; project: string; items: number; total: number }[] = await crossTenant(runtime.dataSource, 'bench', (owner) =>
      owner.query(
        `SELECT o.id AS org, p.id AS project,
                (SELECT count(*)::int FROM task_work_item i WHERE i.organization_id = o.id AND i.project_id = p.id) AS items,
                (SELECT count(*)::int FROM task_work_item i WHERE i.organization_id = o.id) AS total
           FROM core_organization o JOIN task_project p ON p.organization_id = o.id AND p.key = 'BOARD'
          WHERE o.slug = $1`,
        [KANBAN_SLUG],
      ),
    );
    const [row] = rows;
    return row && row.items === KANBAN_ITEMS && row.total === KANBAN_ITEMS + 2 * OTHER_ITEMS ? { organizationId: row.org, project: row.project, items: row.items, otherItems: row.total - row.items } : undefined;
  };
  const found = await lookup();
  if (found) return found;
  const stale: { id: string }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(`SELECT id FROM core_organization WHERE slug = $1`, [KANBAN_SLUG]));
  if (stale.length) throw new Error(`The bench cluster holds an incomplete "${KANBAN_SLUG}" organization (a seed stopped half-way): rerun with --reseed.`);
  log(`  seeding the kanban bench: a task organization with a ${KANBAN_ITEMS}-item project and two ${OTHER_ITEMS}-item projects (through the data layer, about a minute)`);
  const { organization } = await createOrganization(runtime, { name: 'Bench kanban', slug: KANBAN_SLUG, systemType: 'task', admin: { email: `admin@${KANBAN_SLUG}.test`, password: ctx.password } });
  const manager = await createUser(runtime, KANBAN_SLUG, { email: MANAGER_EMAIL, password: ctx.password, name: 'Board manager', roles: ['task.manager'] });
  const member = await createUser(runtime, KANBAN_SLUG, { email: MEMBER_EMAIL, password: ctx.password, name: 'বোর্ড সদস্য', roles: ['task.member'] });
  const asManager = await RecordService.for(runtime, { kind: 'user', userId: manager.id, organizationId: organization.id, email: MANAGER_EMAIL });
  const system = await RecordService.for(runtime, { kind: 'system', organizationId: organization.id, reason: 'bench kanban' });
  const today = Date.now();
  let measured = '';
  for (const [key, name, count] of [['BOARD', 'The measured board', KANBAN_ITEMS], ['SIDE', 'Side project', OTHER_ITEMS], ['MORE', 'Another project', OTHER_ITEMS]] as const) {
    // Created by the manager: the plugin makes them its manager and gives it the five default states.
    const project = await asManager.create('task.project', { key, name });
    if (key === 'BOARD') {
      measured = project.id;
      await system.create('task.member', { project: project.id, user: member.id, role: 'member' });
    }
    const states = (await system.find('task.state', { filters: [{ field: 'project', op: 'eq', value: project.id }] })).sort((a, b) => Number(a.order) - Number(b.order));
    await system.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const state = states[i % 4]; // backlog, todo, in progress, done (cancelled left empty, as on a real board)
        await tx.create('task.work_item', {
          project: project.id,
          title: `${name}: item ${i + 1}${i % 7 === 0 ? ' — নকশা পর্যালোচনা' : ''}`,
          state: state.id,
          priority: PRIORITIES[i % PRIORITIES.length],
          due_date: i % 3 ? new Date(today + ((i % 40) - 10) * DAY).toISOString().slice(0, 10) : null,
          estimate: (i % 8) + 1,
        });
      }
    });
  }
  await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query('ANALYZE task_work_item'));
  const made = await lookup();
  if (!made || made.project !== measured) throw new Error('the kanban bench data was not made as expected');
  return made;
}

interface Variant {
  key: 'raw' | 'manager' | 'member';
  name: string;
  server: Server;
  url: string;
  headers: Record<string, string>;
}

interface Measured {
  load: LoadResult;
  rounds: LoadResult[];
  serverCpuMs: number;
  statementsPerRequest: number;
  bytes: number;
}

/** One real answer per variant, checked before timing: every card of the project, and only those. */
async function check(v: Variant, fixture: Fixture): Promise<number> {
  const agent = new http.Agent({ keepAlive: false });
  const answer = await request(agent, v.url, v.headers);
  if (answer.status !== 200) throw new Error(`${v.name}: HTTP ${answer.status} from ${v.url}: ${answer.body.toString('utf8').slice(0, 300)}`);
  const json = JSON.parse(answer.body.toString('utf8')) as { cards?: unknown[]; columns?: unknown[] };
  if (json.cards?.length !== fixture.items) throw new Error(`${v.name}: ${json.cards?.length ?? 'no'} cards, expected ${fixture.items}`);
  if (json.columns?.length !== 5) throw new Error(`${v.name}: ${json.columns?.length ?? 'no'} columns, expected the project's 5 states`);
  return answer.body.length;
}

async function measure(ctx: KanbanBenchContext, variants: Variant[], fixture: Fixture): Promise<Record<Variant['key'], Measured>> {
  const { settings, log } = ctx;
  const bytes = new Map<Variant['key'], number>();
  for (const v of variants) bytes.set(v.key, await check(v, fixture));
  const windows = new Map<Variant['key'], LoadResult[]>(variants.map((v) => [v.key, []]));
  const cpu = new Map<Variant['key'], number>(variants.map((v) => [v.key, 0]));
  const windowMs = settings.durationMs / settings.rounds;
  for (let round = 0; round < settings.rounds; round++) {
    for (const v of variants) {
      const before = await v.server.ask<StatementStats>('stats');
      const result = await runLoad({ url: v.url, headers: v.headers, concurrency: settings.concurrency, warmupMs: round === 0 ? settings.warmupMs : 500, durationMs: windowMs });
      const after = await v.server.ask<StatementStats>('stats');
      cpu.set(v.key, cpu.get(v.key)! + after.cpuMs - before.cpuMs);
      windows.get(v.key)!.push(result);
      log(`  round ${round + 1}/${settings.rounds}  ${v.name.padEnd(52)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms`);
    }
  }
  const out = {} as Record<Variant['key'], Measured>;
  for (const v of variants) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await v.server.ask('reset');
    for (let i = 0; i < STATEMENT_SAMPLE; i++) {
      const answer = await request(agent, v.url, v.headers);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status} from ${v.url}`);
    }
    const stats = await v.server.ask<StatementStats>('stats');
    agent.destroy();
    const rounds = windows.get(v.key)!;
    const load = combine(rounds);
    out[v.key] = { load, rounds, serverCpuMs: cpu.get(v.key)! / load.completed, statementsPerRequest: stats.statements / STATEMENT_SAMPLE, bytes: bytes.get(v.key)! };
  }
  return out;
}

export const KANBAN_START = '<!-- bench:kanban -->';
export const KANBAN_END = '<!-- /bench:kanban -->';

/** Seeds on first use, measures, and returns the README block (between its markers). */
export async function benchKanban(ctx: KanbanBenchContext): Promise<string> {
  const { log, settings } = ctx;
  log(`\nKanban load: the task board's data request for a ${KANBAN_ITEMS}-item project …`);
  const fixture = await prepare(ctx);
  const servers: Server[] = [];
  const loadBefore = loadavg()[0];
  let rows: Record<Variant['key'], Measured>;
  try {
    const raw = await ctx.startServer('raw-server.ts', { BENCH_DATABASE_URL: ctx.databaseUrl, BENCH_ORG_ID: fixture.organizationId, BENCH_MEMBER_CATEGORIES: '[]' });
    servers.push(raw);
    const app = await ctx.startServer('app-server.ts', ctx.appEnv);
    servers.push(app);
    const appBase = `http://127.0.0.1:${app.port}`;
    const path = `/admin/x/views?view=task.board&scope=${fixture.project}`;
    const manager = { cookie: await ctx.login(appBase, MANAGER_EMAIL), accept: 'application/json' };
    const member = { cookie: await ctx.login(appBase, MEMBER_EMAIL), accept: 'application/json' };
    log(`Load: closed loop, ${settings.concurrency} connections, ${settings.rounds} rounds × ${settings.durationMs / settings.rounds / 1000} s per variant (${settings.warmupMs / 1000} s warm-up before the first):`);
    rows = await measure(ctx, [
      { key: 'raw', name: 'raw SQL, the project’s states and items', server: raw, url: `http://127.0.0.1:${raw.port}/kanban?project=${fixture.project}`, headers: {} },
      { key: 'manager', name: 'UMS board data, project manager', server: app, url: `${appBase}${path}`, headers: manager },
      { key: 'member', name: 'UMS board data, member (row condition)', server: app, url: `${appBase}${path}`, headers: member },
    ], fixture);
  } finally {
    for (const s of servers) await s.stop();
  }
  const loadAfter = loadavg()[0];
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const line = (name: string, m: Measured, ofRaw: string): string =>
    `| ${name} | ${m.load.rps.toFixed(0)} | ${m.load.p50.toFixed(1)} | ${m.load.p99.toFixed(1)} | ${m.statementsPerRequest.toFixed(2)} | ${ofRaw} | ${m.serverCpuMs.toFixed(2)} | ${(m.bytes / 1024).toFixed(1)} |`;
  const pct = (m: Measured): string => `${((m.load.rps / rows.raw.load.rps) * 100).toFixed(0)} % (per round: ${m.rounds.map((r, i) => `${((r.rps / rows.raw.rounds[i].rps) * 100).toFixed(0)}`).join(' / ')} %)`;
  for (const [name, m] of [['raw', rows.raw], ['manager', rows.manager], ['member', rows.member]] as const) {
    log(`  ${name}: ${m.load.rps.toFixed(1)} req/s (rounds ${m.rounds.map((r) => r.rps.toFixed(0)).join(' / ')}), p50 ${m.load.p50.toFixed(1)} ms, p99 ${m.load.p99.toFixed(1)} ms, ${m.load.requests} requests, ${m.load.errors} errors; server CPU ${m.serverCpuMs.toFixed(2)} ms/request; ${m.statementsPerRequest.toFixed(2)} statements/request sequentially; answer ${(m.bytes / 1024).toFixed(1)} KB`);
  }
  const block = `${KANBAN_START}
**Kanban load: the task board of a ${KANBAN_ITEMS}-item project** (issue 12; \`npm run bench -- --only=kanban\` reruns just this; ${date}; ${settings.rounds} rounds of ${settings.durationMs / settings.rounds / 1000} s per variant, ${settings.warmupMs / 1000} s warm-up, ${settings.concurrency} connections; ${availableParallelism()} cores, 1-minute load average ${loadBefore.toFixed(1)} before / ${loadAfter.toFixed(1)} after — a shared machine: read the ratios, not the absolute figures). Request: \`GET /admin/x/views?view=task.board&scope=<project>\`, the JSON the board page loads when a project is chosen (columns = the project's 5 states, swimlanes = priorities, ${KANBAN_ITEMS} cards with title and due date; checked before timing), with each user's admin session cookie; data: one task organization (\`${KANBAN_SLUG}\`), the measured project and two of ${OTHER_ITEMS} items beside it. The raw server answers the project's states and items with two plain statements (no rules, no titles of references, no transitions).

| variant | req/s | p50 ms | p99 ms | SQL statements/request | % of raw | server CPU ms/request | answer KB |
|---|---:|---:|---:|---:|---:|---:|---:|
${line('raw SQL, the project’s states and items', rows.raw, '100 %')}
${line('UMS board data, project manager', rows.manager, pct(rows.manager))}
${line('UMS board data, member (row condition: `$some` over the project’s members)', rows.member, pct(rows.member))}
${KANBAN_END}`;
  log(`\n${block}\n`);
  return block;
}

/** Replaces the block, or adds it at the end of "## Benchmarks", touching nothing else. */
export function withKanbanBlock(readme: string, block: string): string {
  return withMarkedBlock(readme, KANBAN_START, KANBAN_END, block);
}
