/**
 * Booking a room under contention, through AdminJS's HTTP API: twenty front
 * desk requests confirm twenty drafts of one room for overlapping nights at
 * once; PostgreSQL's exclusion constraint lets exactly one through, and every
 * other request is told which reservation holds the room and for which nights.
 * Reservations without a room are held per room type and night (capacity over
 * a range, limited by the count of the type's rooms).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: HotelWorld;
let desk: AdminClient;

const api = (rest: string): string => `/admin/api/resources/HotelReservation/${rest}`;
type Notice = { type: string; message: string };

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createHotelWorld(runtime);
  server = await startTestServer(runtime);
  desk = await server.login(w.org.users.get('hotel.front_desk')!.email, 'secret-123');
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('booking one room twenty times at once', () => {
  it('exactly one of 20 concurrent confirmations for overlapping nights wins; the others name the winning reservation and its nights', async () => {
    const room = await w.system.create('hotel.room', { number: '204', floor: 2, room_type: w.types.double.id });
    const deskRecords = await w.as('hotel.front_desk');
    const drafts = [];
    // Twenty stays, each overlapping all the others on the night of day 40.
    for (let i = 0; i < 20; i++) {
      drafts.push(await deskRecords.create('hotel.reservation', { guest: w.guests.other.id, room_type: w.types.double.id, room: room.id, check_in: day(40 - (i % 3)), check_out: day(41 + (i % 4)), adults: 1, rate: 120 }));
    }
    expect(drafts.every((d) => d.status === 'draft' && /^RES-\d{4}-\d{5}$/.test(String(d.number)))).toBe(true);
    const answers = await Promise.all(drafts.map((d) => desk.post(api(`records/${d.id}/confirm`), { comment: '' })));
    const notices = answers.map((a) => a.body.notice as Notice);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const won = notices.map((n, i) => (n.type === 'success' ? i : -1)).filter((i) => i >= 0);
    expect(won).toHaveLength(1);
    const winner = await w.system.get('hotel.reservation', drafts[won[0]].id);
    expect(winner.status).toBe('confirmed');
    const refusal = new RegExp(`^Room 204 is taken by reservation ${String(winner.number)} from ${String(winner.check_in)} to ${String(winner.check_out)}`);
    for (const [i, n] of notices.entries()) if (i !== won[0]) expect(n).toMatchObject({ type: 'error', message: expect.stringMatching(refusal) });
    const confirmed = await w.system.find('hotel.reservation', { filters: [{ field: 'room', op: 'eq', value: room.id }, { field: 'status', op: 'eq', value: 'confirmed' }] });
    expect(confirmed.map((r) => r.id)).toEqual([winner.id]);
  }, 60_000);

  it('the departure day is the next guest’s arrival day ([) bounds), and a cancelled stay frees its nights', async () => {
    const room = await w.system.create('hotel.room', { number: '205', floor: 2, room_type: w.types.double.id });
    const deskRecords = await w.as('hotel.front_desk');
    const stay = (from: number, to: number) => deskRecords.create('hotel.reservation', { guest: w.guests.other.id, room_type: w.types.double.id, room: room.id, check_in: day(from), check_out: day(to), adults: 1, rate: 100 });
    const first = await stay(50, 53);
    expect((await desk.post(api(`records/${first.id}/confirm`), { comment: '' })).body.notice).toMatchObject({ type: 'success' });
    const next = await stay(53, 55);
    expect((await desk.post(api(`records/${next.id}/confirm`), { comment: '' })).body.notice).toMatchObject({ type: 'success' });
    const clash = await stay(52, 54);
    expect((await desk.post(api(`records/${clash.id}/confirm`), { comment: '' })).body.notice).toMatchObject({ type: 'error', message: expect.stringContaining(`taken by reservation ${String(first.number)}`) });
    expect((await desk.post(api(`records/${first.id}/cancel`), { comment: '' })).body.notice).toMatchObject({ type: 'success' });
    // The cancelled stay no longer holds its nights; the clash still meets the next stay on the 53rd day.
    expect((await desk.post(api(`records/${clash.id}/confirm`), { comment: '' })).body.notice).toMatchObject({ type: 'error', message: expect.stringContaining(`taken by reservation ${String(next.number)}`) });
    const instead = await stay(50, 53);
    expect((await desk.post(api(`records/${instead.id}/confirm`), { comment: '' })).body.notice).toMatchObject({ type: 'success' });
  });

  it('a stay without a check-out after its check-in, or without an adult, is a field error', async () => {
    const created = await desk.post(api('actions/new'), { guest: w.guests.other.id, room_type: w.types.double.id, check_in: day(60), check_out: day(60), adults: '0', rate: '100' });
    const errors = (created.body.record as { errors: Record<string, { message: string }> }).errors;
    expect(errors.check_out?.message).toBe('must be after the check-in day');
    expect(errors.adults?.message).toBe('must be at least 1');
  });

  it('reservations without a room never outnumber the type\'s rooms on any night: the form names the full night', async () => {
    // The suite type has one room (201): one unassigned suite stay holds it for those nights.
    const deskRecords = await w.as('hotel.front_desk');
    await deskRecords.create('hotel.reservation', { guest: w.guests.other.id, room_type: w.types.suite.id, check_in: day(91), check_out: day(93), adults: 1, rate: 300 });
    const created = await desk.post(api('actions/new'), { guest: w.guests.other.id, room_type: w.types.suite.id, check_in: day(89), check_out: day(92), adults: '1', rate: '300' });
    const errors = (created.body.record as { errors: Record<string, { message: string }> }).errors;
    expect(errors.room_type?.message).toBe(`has no room left for the night of ${day(91)}: 1 of 1 rooms of this type are held by reservations without a room`);
    // Leaving on the arrival day of the held stay fits.
    const before = await desk.post(api('actions/new'), { guest: w.guests.other.id, room_type: w.types.suite.id, check_in: day(89), check_out: day(91), adults: '1', rate: '300' });
    expect(before.body.notice).toMatchObject({ type: 'success' });
  });

  it('nights and amount are computed from the dates and the rate', async () => {
    const created = await desk.post(api('actions/new'), { guest: w.guests.other.id, room_type: w.types.double.id, check_in: day(70), check_out: day(73), adults: '2', rate: '99.50', nights: '1', amount: '1' });
    const params = (created.body.record as { params: Record<string, unknown> }).params;
    expect(created.body.notice).toMatchObject({ type: 'success' });
    expect(params).toMatchObject({ nights: 3, amount: 298.5, status: 'draft' });
  });
});
