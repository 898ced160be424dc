/**
 * The hotel's workflows: a stay goes draft → confirmed → checked_in →
 * checked_out (or cancelled / no_show); check-in needs an assigned room that is
 * clean or inspected and the guest's ID, and opens the folio; check-out needs
 * a zero balance, closes the folio and sends the room to housekeeping. Folio
 * lines post directly, except a discount above 10 %, a refund and a void, which
 * wait for a manager's approval.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData, RecordService } from '../core/data/records.js';
import { workflows } from '../core/sdk.js';
import { errorOf } from './support/errors.js';
import { createHotelWorld, day, type HotelRole, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: HotelWorld;
let desk: RecordService;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  desk = await w.as('hotel.front_desk');
}, 60_000);
afterAll(() => runtime?.dispose());

const run = async (role: HotelRole, entity: string, id: string, action: string, comment?: string) => (await workflows(await w.as(role))).run(entity, id, action, { comment });
let offset = 100;
/** A confirmed stay of `guest` in a new room in `status`, on nights no other test uses. */
async function confirmedStay(guest: RecordData, housekeeping_status = 'clean', withRoom = true): Promise<{ stay: RecordData; room: RecordData }> {
  const room = await w.system.create('hotel.room', { number: `9${String(offset).slice(-2)}`, floor: 9, room_type: w.types.double.id, housekeeping_status });
  offset += 5;
  const stay = await desk.create('hotel.reservation', { guest: guest.id, room_type: w.types.double.id, room: withRoom ? room.id : null, check_in: day(0), check_out: day(2), adults: 1, rate: 100 });
  await run('hotel.front_desk', 'hotel.reservation', stay.id, 'confirm');
  return { stay, room };
}

async function folioOf(stay: RecordData): Promise<RecordData> {
  const [folio] = await w.system.find('hotel.folio', { filters: [{ field: 'reservation', op: 'eq', value: stay.id }] });
  return folio;
}

const line = (folio: RecordData, kind: string, amount: number, extra: Record<string, unknown> = {}) =>
  desk.create('hotel.folio_line', { folio: folio.id, kind, amount, date: day(0), description: `${kind} ${amount}`, ...extra });

describe('check-in', () => {
  it('is refused without an assigned room, in a dirty or out-of-order room, or without the guest’s ID', async () => {
    for (const [guest, status, withRoom] of [[w.guests.own, 'clean', false], [w.guests.own, 'dirty', true], [w.guests.own, 'out_of_order', true], [w.guests.other, 'clean', true]] as const) {
      const { stay } = await confirmedStay(guest, status, withRoom);
      expect((await errorOf(run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_in'))).message).toMatch(/^Check in is not possible: the (room must be assigned|room's housekeeping status must be Clean or Inspected|guest's ID document number must be filled in)\.$/);
      expect((await w.system.get('hotel.reservation', stay.id)).status).toBe('confirmed');
      expect(await folioOf(stay)).toBeUndefined();
    }
  });

  it('into a clean or inspected room with the guest’s ID moves the stay in house and opens its folio', async () => {
    for (const status of ['clean', 'inspected']) {
      const { stay } = await confirmedStay(w.guests.own, status);
      const result = await run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_in');
      expect(result.record?.status).toBe('checked_in');
      expect(await folioOf(stay)).toMatchObject({ status: 'open', balance: 0 });
    }
  });

  it('housekeeping and the guest cannot check anyone in', async () => {
    const { stay } = await confirmedStay(w.guests.own);
    for (const role of ['hotel.housekeeping', 'hotel.guest'] as const) await expect(run(role, 'hotel.reservation', stay.id, 'check_in')).rejects.toBeDefined();
    expect((await w.system.get('hotel.reservation', stay.id)).status).toBe('confirmed');
  });
});

describe('check-out and the folio balance', () => {
  it('is refused while the folio has a balance, then closes the folio and leaves the room dirty once it is paid', async () => {
    const { stay, room } = await confirmedStay(w.guests.own);
    await run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_in');
    const folio = await folioOf(stay);
    for (const l of [await line(folio, 'room_charge', 100), await line(folio, 'service', 15.5)]) await run('hotel.front_desk', 'hotel.folio_line', l.id, 'post');
    expect(Number((await w.system.get('hotel.folio', folio.id)).balance)).toBe(115.5);
    const refused = await errorOf(run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_out'));
    expect(refused.message).toBe(`${String(stay.number)} cannot check out: its folio has a balance of 115.50; post a payment (or a refund) until it is 0.00.`);
    expect((await w.system.get('hotel.reservation', stay.id)).status).toBe('checked_in');
    await run('hotel.front_desk', 'hotel.folio_line', (await line(folio, 'payment', 115.5)).id, 'post');
    expect(Number((await w.system.get('hotel.folio', folio.id)).balance)).toBe(0);
    expect((await run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_out')).record?.status).toBe('checked_out');
    expect((await w.system.get('hotel.folio', folio.id)).status).toBe('closed');
    expect((await w.system.get('hotel.room', room.id)).housekeeping_status).toBe('dirty');
  });

  it('a pending line does not count; posted_by names who posted', async () => {
    const { stay } = await confirmedStay(w.guests.own);
    await run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_in');
    const folio = await folioOf(stay);
    const pending = await line(folio, 'service', 40);
    expect(Number((await w.system.get('hotel.folio', folio.id)).balance)).toBe(0);
    const posted = await run('hotel.accountant', 'hotel.folio_line', pending.id, 'post');
    expect(posted.record).toMatchObject({ status: 'posted', posted_by: w.org.users.get('hotel.accountant')!.id });
    expect(Number((await w.system.get('hotel.folio', folio.id)).balance)).toBe(40);
  });
});

describe('discounts, refunds and voids need a manager', () => {
  let folio: RecordData;
  beforeAll(async () => {
    const { stay } = await confirmedStay(w.guests.own);
    await run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_in');
    folio = await folioOf(stay);
    await run('hotel.front_desk', 'hotel.folio_line', (await line(folio, 'room_charge', 200)).id, 'post');
  });
  const balance = async () => Number((await w.system.get('hotel.folio', folio.id)).balance);

  it('a discount of 10 % posts at once; one of 15 % waits for the manager, who approves it', async () => {
    const small = await line(folio, 'discount', 20, { discount_percent: 10 });
    await run('hotel.front_desk', 'hotel.folio_line', small.id, 'post');
    expect(await balance()).toBe(180);
    const large = await line(folio, 'discount', 30, { discount_percent: 15 });
    expect((await errorOf(run('hotel.front_desk', 'hotel.folio_line', large.id, 'post'))).message).toMatch(/^Post is not possible: one of these must hold: /);
    const asked = await run('hotel.front_desk', 'hotel.folio_line', large.id, 'post_approved');
    expect(asked).toMatchObject({ moved: false, message: expect.stringMatching(/waiting for Manager/) });
    expect(await balance()).toBe(180);
    await expect(run('hotel.accountant', 'hotel.folio_line', large.id, 'post_approved')).rejects.toBeDefined();
    const approved = await run('hotel.manager', 'hotel.folio_line', large.id, 'post_approved');
    expect(approved.record).toMatchObject({ status: 'posted' });
    expect(await balance()).toBe(150);
  });

  it('a refund waits for the manager, and a rejected one never reaches the balance', async () => {
    const refund = await line(folio, 'refund', 50);
    await expect(run('hotel.front_desk', 'hotel.folio_line', refund.id, 'post')).rejects.toBeDefined();
    await run('hotel.front_desk', 'hotel.folio_line', refund.id, 'post_approved');
    await run('hotel.manager', 'hotel.folio_line', refund.id, 'reject_posting', 'No refund for this stay');
    expect((await w.system.get('hotel.folio_line', refund.id)).status).toBe('rejected');
    expect(await balance()).toBe(150);
  });

  it('a void waits for the manager; once approved the line leaves the balance', async () => {
    const service = await line(folio, 'service', 25);
    await run('hotel.front_desk', 'hotel.folio_line', service.id, 'post');
    expect(await balance()).toBe(175);
    expect(await run('hotel.front_desk', 'hotel.folio_line', service.id, 'void')).toMatchObject({ moved: false });
    expect(await balance()).toBe(175);
    expect((await run('hotel.manager', 'hotel.folio_line', service.id, 'void')).record).toMatchObject({ status: 'voided' });
    expect(await balance()).toBe(150);
  });

  it('a manager’s own large discount posts with the manager’s approval at once', async () => {
    const manager = await w.as('hotel.manager');
    const own = await manager.create('hotel.folio_line', { folio: folio.id, kind: 'discount', amount: 50, discount_percent: 25, date: day(0), description: 'Goodwill' });
    expect((await run('hotel.manager', 'hotel.folio_line', own.id, 'post_approved')).record).toMatchObject({ status: 'posted' });
    expect(await balance()).toBe(100);
  });

  it('a posted line cannot be edited, so its amount cannot drift from the balance', async () => {
    const [posted] = await w.system.find('hotel.folio_line', { filters: [{ field: 'folio', op: 'eq', value: folio.id }, { field: 'status', op: 'eq', value: 'posted' }], limit: 1 });
    await expect(desk.update('hotel.folio_line', posted.id, { amount: 1 })).rejects.toBeDefined();
  });
});

describe('cancellation', () => {
  it('a draft or confirmed stay can be cancelled; an in-house one cannot', async () => {
    const { stay } = await confirmedStay(w.guests.own);
    await run('hotel.front_desk', 'hotel.reservation', stay.id, 'check_in');
    await expect(run('hotel.front_desk', 'hotel.reservation', stay.id, 'cancel')).rejects.toBeDefined();
    const draft = await desk.create('hotel.reservation', { guest: w.guests.own.id, room_type: w.types.double.id, check_in: day(80), check_out: day(81), adults: 1, rate: 100 });
    expect((await run('hotel.front_desk', 'hotel.reservation', draft.id, 'cancel')).record?.status).toBe('cancelled');
  });
});
