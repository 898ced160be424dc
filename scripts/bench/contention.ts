/**
 * The invariants under contention, in-process through the data layer (the
 * same RecordService every screen uses; no HTTP):
 *
 * - "Book the last place": a hotel room type with 3 rooms, 2 of whose places
 *   are held for one night by reservations without a room; 20 front-desk
 *   requests at once want the third for that night (the range capacity).
 *   Exactly one must win each round, and no night may hold more than 3: the
 *   bench fails loudly otherwise.
 * - Stock posting: 10 concurrent posters issue 1 unit of one of 20 hot items
 *   (half FIFO, half moving average) from one warehouse, each a stock entry
 *   created and submitted through the workflow (one valued ledger entry);
 *   beside a raw SQL baseline on the same tables doing the same conditional
 *   update (quantity and moving-average value, `WHERE quantity - 1 >= 0`) and
 *   the ledger insert in one transaction per entry, as the table owner.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { RecordService } from '../../core/data/records.js';
import type { Runtime } from '../../core/runtime.js';
import { createOrganization, createUser } from '../../core/tenancy/index.js';
import { WorkflowEngine } from '../../core/workflow/index.js';
import { crossTenant } from '../../core/db/cross-tenant.js';
import { withMarkedBlock } from './report.js';

export interface Latencies {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface ContentionResult {
  /** 1-minute load average before and after (the machine is shared). */
  load: [number, number];
  lastPlace: Latencies & { rounds: number; contenders: number; roundsPerSecond: number; winnersPerRound: number[] };
  posting: { posters: number; items: number; seconds: number; app: Latencies; movement: Latencies; raw: Latencies };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
function summarise(samples: number[], ms: number): Latencies {
  const s = [...samples].sort((a, b) => a - b);
  return { count: s.length, perSecond: s.length / (ms / 1000), p50: percentile(s, 50), p99: percentile(s, 99) };
}
const day = (base: string, n: number): string => new Date(Date.parse(`${base}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function organization(runtime: Runtime, systemType: string, role: string): Promise<{ id: string; as: () => Promise<RecordService>; system: RecordService }> {
  const slug = `contention-${systemType}-${randomBytes(3).toString('hex')}`;
  const { organization: org } = await createOrganization(runtime, { name: `Bench ${slug}`, slug, systemType, admin: { email: `admin@${slug}.bench`, password: 'bench-secret-1' } });
  const user = await createUser(runtime, slug, { email: `${role.replace('.', '-')}@${slug}.bench`, password: 'bench-secret-1', name: role, roles: [role] });
  return {
    id: org.id,
    as: async () => RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: org.id, email: String(user.email) }),
    system: await RecordService.for(runtime, { kind: 'system', organizationId: org.id, reason: 'bench fixture' }),
  };
}

async function lastPlace(runtime: Runtime, rounds: number, log: (line: string) => void): Promise<ContentionResult['lastPlace']> {
  const CONTENDERS = 20;
  const org = await organization(runtime, 'hotel', 'hotel.front_desk');
  const type = String((await org.system.create('hotel.room_type', { code: 'BNC', name: 'Bench double', base_rate: 100 })).id);
  for (let i = 0; i < 3; i++) await org.system.create('hotel.room', { number: `B${i}`, room_type: type });
  const guest = String((await org.system.create('hotel.guest', { name: 'Bench Guest' })).id);
  const base = day(new Date().toISOString().slice(0, 10), 400);
  const desks = await Promise.all(Array.from({ length: CONTENDERS }, () => org.as()));
  const stay = (svc: RecordService, night: string) => svc.create('hotel.reservation', { guest, room_type: type, check_in: night, check_out: day(night, 1), adults: 1, rate: 100 });
  const samples: number[] = [];
  const winnersPerRound: number[] = [];
  let busyMs = 0;
  for (let r = 0; r < rounds; r++) {
    const night = day(base, r * 2);
    for (let i = 0; i < 2; i++) await stay(org.system, night);
    const started = performance.now();
    const outcomes = await Promise.all(
      desks.map(async (svc) => {
        const t = performance.now();
        const won = await stay(svc, night).then(() => true, (err: unknown) => {
          if ((err as { fieldErrors?: Record<string, { type?: string }> }).fieldErrors?.room_type?.type !== 'capacity') throw err;
          return false;
        });
        samples.push(performance.now() - t);
        return won;
      }),
    );
    busyMs += performance.now() - started;
    const winners = outcomes.filter(Boolean).length;
    winnersPerRound.push(winners);
    const [{ n }]: { n: number }[] = await crossTenant(runtime.dataSource, 'bench', (owner) => owner.query(
      `SELECT count(*)::int AS n FROM hotel_reservation WHERE organization_id = $1 AND room_type_id = $2 AND room_id IS NULL AND check_in <= $3 AND check_out > $3 AND status IN ('draft', 'confirmed')`,
      [org.id, type, night],
    ));
    if (winners !== 1 || n !== 3) throw new Error(`book the last place, round ${r + 1}: ${winners} of ${CONTENDERS} requests won (expected exactly 1) and the night holds ${n} reservations of 3 rooms`);
  }
  const summary = summarise(samples, busyMs);
  log(`  book the last place: ${rounds} rounds × ${CONTENDERS} requests, exactly one winner each; ${summary.perSecond.toFixed(0)} requests/s, ${(rounds / (busyMs / 1000)).toFixed(1)} rounds/s, p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`);
  return { ...summary, rounds, contenders: CONTENDERS, roundsPerSecond: rounds / (busyMs / 1000), winnersPerRound };
}

/**
 * With a folder (`--cpu-prof`), `run` is profiled in this process (the
 * contention bench runs in-process, so there is no server to start with
 * --cpu-prof): `<dir>/contention-<name>.cpuprofile`, for profile-summary.ts.
 */
async function profiled<T>(dir: string | undefined, name: string, run: () => Promise<T>, log: (line: string) => void): Promise<T> {
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `contention-${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    log(`  CPU profile of ${name}: ${file}`);
  }
}

/** Runs `posters` loops of `once` for `ms`; the latency of each call. */
async function closedLoop(posters: number, ms: number, once: (poster: number, i: number) => Promise<void>): Promise<Latencies> {
  const samples: number[] = [];
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: posters }, async (_x, p) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        await once(p, i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarise(samples, performance.now() - started);
}

async function posting(runtime: Runtime, seconds: number, log: (line: string) => void, profileDir?: string): Promise<ContentionResult['posting']> {
  const POSTERS = 10;
  const ITEMS = 20;
  const org = await organization(runtime, 'inventory', 'inventory.manager');
  const manager = await org.as();
  const warehouse = String((await manager.create('inventory.warehouse', { name: 'Bench store' })).id);
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) items.push(String((await manager.create('inventory.item', { sku: `HOT-${i}`, name: `Hot item ${i}`, valuation_method: i % 2 ? 'FIFO' : 'MOVING_AVERAGE' })).id));
  const today = new Date().toISOString().slice(0, 10);
  const post = async (svc: RecordService, purpose: string, from: string | null, to: string | null, item: string, quantity: number, rate?: number): Promise<void> => {
    const entry = await svc.create('inventory.stock_entry', { purpose, posting_date: today, from_warehouse: from, to_warehouse: to });
    await svc.create('inventory.stock_entry_line', { entry: entry.id, item, quantity, rate: rate ?? null });
    await (await WorkflowEngine.for(svc)).run('inventory.stock_entry', String(entry.id), 'submit');
  };
  for (const item of items) await post(manager, 'RECEIPT', null, warehouse, item, 1_000_000, 2.5);
  const posters = await Promise.all(Array.from({ length: POSTERS }, () => org.as()));
  const app = await profiled(profileDir, 'posting', () => closedLoop(POSTERS, seconds * 1000, (p, i) => post(posters[p], 'ISSUE', warehouse, null, items[(p * 7 + i) % ITEMS], 1)), log);
  log(`  stock posting through the workflow: ${POSTERS} posters on ${ITEMS} hot items, ${app.count} entries in ${seconds} s: ${app.perSecond.toFixed(0)} entries/s, p50 ${app.p50.toFixed(1)} ms, p99 ${app.p99.toFixed(1)} ms`);

  // The valued movement alone, through the data layer as the posting's system actor does it (no document, no workflow).
  const systems = await Promise.all(Array.from({ length: POSTERS }, () => RecordService.for(runtime, { kind: 'system', organizationId: org.id, reason: 'bench posting' })));
  const movement = await profiled(profileDir, 'movement', () => closedLoop(POSTERS, seconds * 1000, async (p, i) => {
    await systems[p].create('inventory.stock_ledger_entry', { item: items[(p * 7 + i) % ITEMS], warehouse, quantity_change: -1, posting_date: today });
  }), log);
  log(`  valued ledger movement through the data layer: ${movement.count} entries in ${seconds} s: ${movement.perSecond.toFixed(0)} entries/s, p50 ${movement.p50.toFixed(1)} ms, p99 ${movement.p99.toFixed(1)} ms`);

  // The raw baseline: the same conditional update and ledger insert, one transaction per entry.
  const pool = new pg.Pool({ connectionString: runtime.database.url, max: POSTERS });
  // Its idle connections are cut when the bench's cluster stops after the run; nothing is measured then.
  pool.on('error', () => undefined);
  try {
    const raw = await closedLoop(POSTERS, seconds * 1000, async (p, i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const item = items[(p * 7 + i) % ITEMS];
        const moved = await client.query(
          `UPDATE inventory_stock_balance SET quantity = quantity - 1, stock_value = stock_value - round(stock_value / quantity, 2), updated_at = now(), version = version + 1
            WHERE organization_id = $1 AND item_id = $2 AND warehouse_id = $3 AND quantity - 1 >= 0
            RETURNING quantity, round(stock_value / nullif(quantity, 0), 6) AS rate`,
          [org.id, item, warehouse],
        );
        if (!moved.rowCount) throw new Error('raw baseline: the stock ran out');
        await client.query(
          `INSERT INTO inventory_stock_ledger_entry (id, organization_id, item_id, warehouse_id, quantity_change, posting_date, quantity_after, valuation_rate, value_change)
           VALUES (gen_random_uuid(), $1, $2, $3, -1, $4, $5, $6, -2.5)`,
          [org.id, item, warehouse, today, moved.rows[0].quantity, moved.rows[0].rate],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    });
    log(`  raw SQL baseline (conditional UPDATE + INSERT per entry): ${raw.count} entries in ${seconds} s: ${raw.perSecond.toFixed(0)} entries/s, p50 ${raw.p50.toFixed(1)} ms, p99 ${raw.p99.toFixed(1)} ms`);
    return { posters: POSTERS, items: ITEMS, seconds, app, movement, raw };
  } finally {
    await pool.end();
  }
}

export async function runContention(runtime: Runtime, options: { rounds: number; postingSeconds: number; profileDir?: string }, log: (line: string) => void): Promise<ContentionResult> {
  log('\nInvariants under contention (in-process, through the data layer):');
  const before = loadavg()[0];
  const lastPlaceResult = await lastPlace(runtime, options.rounds, log);
  const postingResult = await posting(runtime, options.postingSeconds, log, options.profileDir);
  return { load: [before, loadavg()[0]], lastPlace: lastPlaceResult, posting: postingResult };
}

export const CONTENTION_START = '<!-- bench:contention -->';
export const CONTENTION_END = '<!-- /bench:contention -->';

/** The README block (between its markers) of the contention figures. */
export function contentionBlock(r: ContentionResult, date: string): string {
  const { lastPlace: l, posting: p } = r;
  return `${CONTENTION_START}
**Invariants under contention** (${date}; \`npm run bench -- --only=contention\` reruns just these; in-process through the data layer, no HTTP; ${availableParallelism()} cores, 1-minute load average ${r.load[0].toFixed(1)} before and ${r.load[1].toFixed(1)} after — a shared machine, so read the ratios more than the absolute figures):

| measure | throughput | p50 ms | p99 ms | |
|---|---:|---:|---:|---|
| book the last place: ${l.contenders} front-desk requests at once for the last room of a type on one night (range capacity), ${l.rounds} rounds | ${l.perSecond.toFixed(0)} requests/s (${l.roundsPerSecond.toFixed(1)} rounds/s) | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | exactly one winner in each of ${l.rounds} rounds (checked; the bench fails otherwise) |
| stock posting: ${p.posters} concurrent posters issuing from ${p.items} hot items (half FIFO, half moving average), each a stock entry created and submitted through the workflow, ${p.seconds} s | ${p.app.perSecond.toFixed(0)} entries/s (${p.app.count}) | ${p.app.p50.toFixed(1)} | ${p.app.p99.toFixed(1)} | ${((p.app.perSecond / p.raw.perSecond) * 100).toFixed(0)} % of raw |
| the valued ledger movement alone, through the data layer (what a posting does per line: balance locked and valued, ledger row, audit row), same posters and items | ${p.movement.perSecond.toFixed(0)} entries/s (${p.movement.count}) | ${p.movement.p50.toFixed(1)} | ${p.movement.p99.toFixed(1)} | ${((p.movement.perSecond / p.raw.perSecond) * 100).toFixed(0)} % of raw |
| raw SQL baseline: the same conditional UPDATE (quantity, moving-average value) + ledger INSERT per entry, one transaction each, as the table owner | ${p.raw.perSecond.toFixed(0)} entries/s (${p.raw.count}) | ${p.raw.p50.toFixed(1)} | ${p.raw.p99.toFixed(1)} | 100 % |

The app's entry is a whole document — the entry, its line, the submit transition with its history and audit rows, the valued ledger row under the balance's lock — against the raw baseline's BEGIN, UPDATE, INSERT, COMMIT; both queue on the same 20 balance rows.
${CONTENTION_END}`;
}

/** Puts the block in README's Benchmarks section (replacing the previous one), touching nothing else. */
export function withContentionBlock(readme: string, block: string): string {
  return withMarkedBlock(readme, CONTENTION_START, CONTENTION_END, block);
}
