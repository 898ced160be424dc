/**
 * The hotel's rules per role, through AdminJS's HTTP API: what each role's
 * lists hold (exactly), which fields it is shown, what it may change. Front
 * desk and manager see everything; housekeeping sees rooms and the stays that
 * take them, without the guest; the accountant sees folios and guests without
 * their ID; a guest sees only their own record, reservations, folio and its
 * posted lines.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createHotelWorld, day, type HotelRole, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: HotelWorld;
const clients = new Map<HotelRole, AdminClient>();

const RESOURCES = { room_type: 'HotelRoomType', room: 'HotelRoom', guest: 'HotelGuest', reservation: 'HotelReservation', folio: 'HotelFolio', folio_line: 'HotelFolioLine' } as const;
type Entity = keyof typeof RESOURCES;
const api = (entity: Entity, rest: string): string => `/admin/api/resources/${RESOURCES[entity]}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  server = await startTestServer(runtime);
  for (const [role, u] of w.org.users) if (role !== 'admin') clients.set(role as HotelRole, await server.login(u.email, 'secret-123'));
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** The ids a role's list shows, or undefined when the list itself is refused. */
async function listed(role: HotelRole, entity: Entity): Promise<string[] | undefined> {
  const res = await clients.get(role)!.get(api(entity, 'actions/list?perPage=500'));
  if ((res.body.notice as { type?: string } | undefined)?.type === 'error' || !res.body.records) return undefined;
  return res.body.records.map((r) => r.id).sort();
}

async function shown(role: HotelRole, entity: Entity, id: string): Promise<Record<string, unknown> | undefined> {
  const res = await clients.get(role)!.get(api(entity, `records/${id}/show`));
  const record = res.body.record as { params?: Record<string, unknown> } | undefined;
  return record?.params && Object.keys(record.params).length ? record.params : undefined;
}

const ids = (...records: { id: string }[]): string[] => records.map((r) => r.id).sort();

describe('hotel roles through the admin API', () => {
  it('the dashboard counts arrivals, departures, in house, dirty and out-of-order rooms and open balances, each as the role may see them', async () => {
    const cards = async (role: HotelRole) =>
      Object.fromEntries(((await clients.get(role)!.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[]).map((c) => [c.label, c.count]));
    const arrival = await w.system.create('hotel.reservation', { guest: w.guests.other.id, room_type: w.types.suite.id, check_in: day(0), check_out: day(1), adults: 1, rate: 300, status: 'confirmed' });
    expect(await cards('hotel.front_desk')).toMatchObject({ 'Arrivals today': 1, 'Departures today': 0, 'In house': 1, 'Dirty rooms': 1, 'Rooms out of order': 1, 'Open folios with a balance': 1 });
    // The guest's own stay is the one in house; the other guest's arrival is not theirs to count.
    expect(await cards('hotel.guest')).toMatchObject({ 'Arrivals today': 0, 'In house': 1, 'Open folios with a balance': 1 });
    expect(await cards('hotel.housekeeping')).toMatchObject({ 'Arrivals today': 1, 'Dirty rooms': 1 });
    expect(await cards('hotel.housekeeping')).not.toHaveProperty('Open folios with a balance');
    // The other tests count exact lists.
    await w.system.delete('hotel.reservation', arrival.id);
  });

  it('front desk and manager list every record of every hotel entity', async () => {
    for (const role of ['hotel.front_desk', 'hotel.manager'] as const) {
      expect(await listed(role, 'room')).toEqual(ids(...Object.values(w.rooms)));
      expect(await listed(role, 'guest')).toEqual(ids(w.guests.own, w.guests.other));
      expect(await listed(role, 'reservation')).toEqual(ids(...Object.values(w.reservations)));
      expect(await listed(role, 'folio')).toEqual(ids(w.folio));
      expect(await listed(role, 'folio_line')).toEqual(ids(w.lines.charge, w.lines.pending));
    }
  });

  it('housekeeping sees rooms and the stays that take them (confirmed, in house), without the guest, and no guests or folios', async () => {
    expect(await listed('hotel.housekeeping', 'room')).toEqual(ids(...Object.values(w.rooms)));
    expect(await listed('hotel.housekeeping', 'reservation')).toEqual(ids(w.reservations.ownInHouse, w.reservations.otherConfirmed));
    const stay = await shown('hotel.housekeeping', 'reservation', w.reservations.ownInHouse.id);
    expect(stay).toMatchObject({ room: w.rooms.clean.id, check_in: w.reservations.ownInHouse.check_in, status: 'checked_in' });
    expect(Object.keys(stay!).filter((k) => ['guest', 'rate', 'amount', 'channel'].includes(k))).toEqual([]);
    expect(await shown('hotel.housekeeping', 'reservation', w.reservations.ownDraft.id)).toBeUndefined();
    for (const entity of ['guest', 'folio', 'folio_line'] as const) expect(await listed('hotel.housekeeping', entity) ?? []).toEqual([]);
  });

  it('housekeeping may set a room’s housekeeping status and nothing else about it, and cannot book', async () => {
    const desk = clients.get('hotel.housekeeping')!;
    const room = w.rooms.dirty;
    const renamed = await desk.post(api('room', `records/${room.id}/edit`), { housekeeping_status: 'inspected', number: '999' });
    expect((renamed.body.record as { errors: Record<string, { type: string }> }).errors.number).toMatchObject({ type: 'forbidden' });
    expect(await w.system.get('hotel.room', room.id)).toMatchObject({ number: '102', housekeeping_status: 'dirty' });
    const cleaned = await desk.post(api('room', `records/${room.id}/edit`), { housekeeping_status: 'inspected' });
    expect(cleaned.body.notice).toMatchObject({ type: 'success' });
    expect(await w.system.get('hotel.room', room.id)).toMatchObject({ number: '102', housekeeping_status: 'inspected' });
    await w.system.update('hotel.room', room.id, { housekeeping_status: 'dirty' });
    const created = await desk.post(api('reservation', 'actions/new'), { guest: w.guests.other.id, room_type: w.types.double.id, check_in: '2027-03-01', check_out: '2027-03-02', rate: '1' });
    expect(created.body.notice).toMatchObject({ type: 'error' });
  });

  it('the accountant sees every reservation, folio and line, and guests without their ID document', async () => {
    expect(await listed('hotel.accountant', 'reservation')).toEqual(ids(...Object.values(w.reservations)));
    expect(await listed('hotel.accountant', 'folio')).toEqual(ids(w.folio));
    expect(await listed('hotel.accountant', 'folio_line')).toEqual(ids(w.lines.charge, w.lines.pending));
    expect(await listed('hotel.accountant', 'guest')).toEqual(ids(w.guests.own, w.guests.other));
    const guest = await shown('hotel.accountant', 'guest', w.guests.own.id);
    expect(guest).toMatchObject({ name: 'Grace Guest', email: 'grace@example.org' });
    expect(guest).not.toHaveProperty('id_document_number');
    expect(guest).not.toHaveProperty('nationality');
  });

  it('a guest sees only their own guest record, reservations, folio and its posted lines', async () => {
    expect(await listed('hotel.guest', 'guest')).toEqual(ids(w.guests.own));
    expect(await listed('hotel.guest', 'reservation')).toEqual(ids(w.reservations.ownInHouse, w.reservations.ownDraft));
    expect(await listed('hotel.guest', 'folio')).toEqual(ids(w.folio));
    // The minibar line is still pending: not on the guest's bill yet.
    expect(await listed('hotel.guest', 'folio_line')).toEqual(ids(w.lines.charge));
    expect(await shown('hotel.guest', 'reservation', w.reservations.otherConfirmed.id)).toBeUndefined();
    expect(await shown('hotel.guest', 'guest', w.guests.other.id)).toBeUndefined();
    expect(await listed('hotel.guest', 'room') ?? []).toEqual([]);
  });

  it('a guest cannot book, edit their reservation or post on their folio', async () => {
    const guest = clients.get('hotel.guest')!;
    const before = await w.system.count('hotel.reservation');
    const booked = await guest.post(api('reservation', 'actions/new'), { guest: w.guests.own.id, room_type: w.types.double.id, check_in: '2027-04-01', check_out: '2027-04-03', rate: '1' });
    expect(booked.body.notice).toMatchObject({ type: 'error' });
    expect(await w.system.count('hotel.reservation')).toBe(before);
    const edited = await guest.post(api('reservation', `records/${w.reservations.ownDraft.id}/edit`), { rate: '1' });
    expect(edited.body.notice).toMatchObject({ type: 'error' });
    expect(Number((await w.system.get('hotel.reservation', w.reservations.ownDraft.id)).rate)).toBe(120);
    const posted = await guest.post(api('folio_line', 'actions/new'), { folio: w.folio.id, kind: 'payment', description: 'Paid', date: '2027-01-01', amount: '1000' });
    expect(posted.body.notice).toMatchObject({ type: 'error' });
  });
});
