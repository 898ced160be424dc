/**
 * The hotel folio's balance is declared, not plugin code: `charges` and
 * `credits` are roll-ups of the posted lines and `balance` is computed from
 * them. Twenty lines posted at once (charges and payments, through the
 * posting workflow) leave the balance exact to the cent; a pending line does
 * not count, and a folio with no line reads 0. The migration that made the
 * balance a roll-up back-fills it from the lines already there: undone, a line
 * is written behind the data layer's back, and redone, the balance counts it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { workflows } from '../core/sdk.js';
import { HotelFolioBalanceRollup1796219952635 } from '../migrations/1796219952635-hotel-folio-balance-rollup.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';
import { runMigration } from './support/migration-files.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: HotelWorld;
let folio: RecordData;

const stored = async (id: string): Promise<{ charges: string | null; credits: string | null; balance: string | null }> =>
  (await runtime.dataSource.query(`SELECT charges, credits, balance FROM hotel_folio WHERE id = $1`, [id]))[0];
const balance = async (id: string): Promise<number> => Number((await w.system.get('hotel.folio', id)).balance);

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createHotelWorld(runtime);
  const stay = await w.system.create('hotel.reservation', { guest: w.guests.own.id, room_type: w.types.double.id, room: w.rooms.inspected.id, adults: 1, rate: 120, check_in: day(20), check_out: day(23), status: 'checked_in' });
  folio = await w.system.create('hotel.folio', { reservation: stay.id });
}, 90_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe("the folio's balance", () => {
  it('is declared in the manifest: two roll-ups of the posted lines and a computed difference', () => {
    const entity = runtime.registry.entity('hotel.folio')!;
    expect(entity.field.get('charges')!.rollup).toMatchObject({ entity: 'hotel.folio_line', parent: 'folio', sum: 'amount' });
    expect(entity.field.get('credits')!.rollup).toMatchObject({ entity: 'hotel.folio_line', parent: 'folio', sum: 'amount' });
    expect(entity.field.get('balance')!.computed).toBeDefined();
    expect(runtime.plugins.byModule.get('hotel')?.hooks?.folio_line).toBeUndefined();
  });

  it('reads 0 on a folio without lines', async () => {
    expect(await balance(String(folio.id))).toBe(0);
  });

  it('is exact after twenty lines posted at once, charges and payments mixed; a pending line does not count', async () => {
    const desk = await w.as('hotel.front_desk');
    const amounts = Array.from({ length: 20 }, (_, i) => ({ kind: i % 4 === 3 ? 'payment' : i % 2 ? 'room_charge' : 'service', amount: (10 + i * 1.37).toFixed(2) }));
    // One room charge per folio and night: each charge gets its own date.
    const lines = await Promise.all(amounts.map((a, i) => desk.create('hotel.folio_line', { folio: folio.id, kind: a.kind, amount: a.amount, date: day(i), description: `${a.kind} ${i}` })));
    await desk.create('hotel.folio_line', { folio: folio.id, kind: 'service', amount: 999, date: day(0), description: 'left pending' });
    expect(await balance(String(folio.id))).toBe(0);
    const results = await Promise.allSettled(lines.map(async (l) => (await workflows(await w.as('hotel.front_desk'))).run('hotel.folio_line', String(l.id), 'post')));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const cents = amounts.reduce((sum, a) => sum + (a.kind === 'payment' ? -1 : 1) * Math.round(Number(a.amount) * 100), 0);
    expect(Math.round((await balance(String(folio.id))) * 100)).toBe(cents);
    const row = await stored(String(folio.id));
    expect(Math.round((Number(row.charges) - Number(row.credits)) * 100)).toBe(cents);
  }, 120_000);
});

describe('the migration that made it a roll-up', () => {
  it('back-fills charges and credits from the lines already there', async () => {
    const before = await balance(String(folio.id));
    const migration = new HotelFolioBalanceRollup1796219952635();
    await runMigration(runtime.dataSource, migration, 'down');
    try {
      // The old stored balance comes back with what the lines added up to.
      const [old]: { balance: string }[] = await runtime.dataSource.query(`SELECT balance FROM hotel_folio WHERE id = $1`, [folio.id]);
      expect(Number(old.balance)).toBeCloseTo(before, 2);
      // A line the old column never heard of (written as the owner, past the data layer).
      await runtime.dataSource.query(
        `INSERT INTO hotel_folio_line (organization_id, folio_id, kind, description, date, amount, status) VALUES ($1, $2, 'service', 'Spa', $3, 42.5, 'posted')`,
        [w.org.org.id, folio.id, day(-1)],
      );
    } finally {
      await runMigration(runtime.dataSource, migration, 'up');
    }
    expect(Math.round((await balance(String(folio.id))) * 100)).toBe(Math.round((before + 42.5) * 100));
  });
});
