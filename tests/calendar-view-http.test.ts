/**
 * The hotel's tape chart (a declared calendar view) through the admin's HTTP API: each role sees
 * the reservations its rules allow and nothing of another organization; only records whose
 * [check_in, check_out) overlaps the window come back (half-open at both ends); lanes are the rooms
 * by number; every bad parameter is a 400 that says what is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createHotelWorld, day, type HotelRole, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: HotelWorld;
let elsewhere: HotelWorld;
const clients = new Map<HotelRole, AdminClient>();

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  elsewhere = await createHotelWorld(runtime);
  server = await startTestServer(runtime);
  for (const role of ['hotel.front_desk', 'hotel.housekeeping', 'hotel.guest'] as const) clients.set(role, await server.login(w.org.users.get(role)!.email, 'secret-123'));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

interface Calendar { items: { id: string; title: string; start: string; end: string; lane: string | null; color: string; colorLabel: string }[]; lanes: { id: string | null; title: string }[]; newHref: string | null; truncated: boolean }
const tape = (role: HotelRole, from: string, to: string) => clients.get(role)!.get(`/admin/x/views?view=hotel.tape_chart&from=${from}&to=${to}`);
const ids = (body: unknown): string[] => (body as Calendar).items.map((i) => i.id).sort();
const sorted = (...xs: { id: string }[]): string[] => xs.map((x) => x.id).sort();

describe('a role sees only its records', () => {
  it('front desk: every reservation of its hotel, titled by guest, in lanes of rooms (and one for the unassigned)', async () => {
    const { status, body } = await tape('hotel.front_desk', day(-10), day(40));
    expect(status).toBe(200);
    const r = w.reservations;
    expect(ids(body)).toEqual(sorted(r.ownInHouse, r.ownDraft, r.otherConfirmed, r.otherCancelled));
    const cal = body as unknown as Calendar;
    expect(cal.items.find((i) => i.id === r.ownInHouse.id)).toMatchObject({ title: 'Grace Guest', start: day(-2), end: day(2), lane: w.rooms.clean.id, colorLabel: 'Checked in' });
    expect(cal.lanes).toEqual([...['101', '102', '103', '201'].map((n) => ({ id: expect.any(String), title: n })), { id: null, title: 'No room' }]);
    expect(cal.newHref).toBe('/admin/resources/HotelReservation/actions/new');
    // Nothing of the other hotel, whose reservations have the same days.
    const theirs = Object.values(elsewhere.reservations).map((x) => x.id);
    expect(ids(body).filter((id) => theirs.includes(id))).toEqual([]);
  });

  it('housekeeping: only confirmed and in-house stays, without the guest (titled by number instead)', async () => {
    const { status, body } = await tape('hotel.housekeeping', day(-10), day(40));
    expect(status).toBe(200);
    expect(ids(body)).toEqual(sorted(w.reservations.ownInHouse, w.reservations.otherConfirmed));
    const titles = (body as unknown as Calendar).items.map((i) => i.title);
    expect(titles.every((t) => /^RES-/.test(t))).toBe(true);
    expect(JSON.stringify(body)).not.toContain('Grace');
    expect((body as unknown as Calendar).newHref).toBeNull();
  });

  it('a guest: only their own reservations', async () => {
    const { status, body } = await tape('hotel.guest', day(-10), day(40));
    expect(status).toBe(200);
    expect(ids(body)).toEqual(sorted(w.reservations.ownInHouse, w.reservations.ownDraft));
  });
});

describe('only the visible window is read', () => {
  it('a stay is in a window it overlaps, half-open at both ends', async () => {
    const r = w.reservations;
    // The in-house stay is [-2, 2): a window starting on its check-out day misses it; one ending on the confirmed stay's check-in day misses that.
    expect(ids((await tape('hotel.front_desk', day(2), day(5))).body)).toEqual([]);
    expect(ids((await tape('hotel.front_desk', day(1), day(6))).body)).toEqual(sorted(r.ownInHouse, r.otherConfirmed, r.otherCancelled));
    expect(ids((await tape('hotel.front_desk', day(6), day(7))).body)).toEqual(sorted(r.otherConfirmed));
    expect(ids((await tape('hotel.front_desk', day(-1), day(0))).body)).toEqual(sorted(r.ownInHouse));
  });
});

describe('bad parameters are a 400 that says what is wrong', () => {
  const bad: [string, string, RegExp][] = [
    ['no window', 'view=hotel.tape_chart', /needs "from"/],
    ['no such date', `view=hotel.tape_chart&from=2026-02-30&to=2026-03-05`, /"from" must be a date \(YYYY-MM-DD\); "2026-02-30" is not/],
    ['not a date at all', `view=hotel.tape_chart&from=${day(0)}&to=tomorrow`, /"to" must be a date/],
    ['an end before the start', `view=hotel.tape_chart&from=${day(5)}&to=${day(1)}`, /"to" .* must be after "from"/],
    ['a huge window', `view=hotel.tape_chart&from=2020-01-01&to=2030-01-01`, /at most 100 days/],
    ['an unknown view', `view=hotel.nope&from=${day(0)}&to=${day(1)}`, /There is no view "hotel\.nope" \(views: hotel\.tape_chart\)/],
    ['no view', `from=${day(0)}&to=${day(1)}`, /Say which view/],
    ['an unknown parameter', `view=hotel.tape_chart&from=${day(0)}&to=${day(1)}&limit=5`, /Unknown parameter "limit"/],
    ['a repeated parameter', `view=hotel.tape_chart&from=${day(0)}&from=${day(1)}&to=${day(2)}`, /"from" must be given once/],
  ];
  it.each(bad)('%s', async (_what, query, message) => {
    const { status, body } = await clients.get('hotel.front_desk')!.get(`/admin/x/views?${query}`);
    expect(status).toBe(400);
    expect((body as { error: { message: string } }).error.message).toMatch(message);
  });

  it('a POST is refused (the view only reads), and so is a request without a session', async () => {
    const { status } = await clients.get('hotel.front_desk')!.post(`/admin/x/views?view=hotel.tape_chart&from=${day(0)}&to=${day(1)}`);
    expect(status).toBe(400);
    const anonymous = await fetch(`${server.url}/admin/x/views?view=hotel.tape_chart&from=${day(0)}&to=${day(1)}`, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(anonymous.status).toBe(403);
  });
});

describe('the screen', () => {
  it('is an action of the reservations resource that roles who may read them see', async () => {
    const { status, body } = await clients.get('hotel.housekeeping')!.get('/admin/api/resources/HotelReservation/actions/view_tape_chart');
    expect(status).toBe(200);
    expect(body).toMatchObject({ view: 'hotel.tape_chart' });
  });
});
