/**
 * The field errors of the data layer, through the admin's HTTP API as a Bengali reader, are Bengali: an overlap,
 * a uniqueWhen, a capacity, a negative balance, a declared check and a required field. UMS's own sentences come
 * from core/words.ts with the entity's and fields' Bengali labels; a check's and a balance's own message from the
 * manifest's translations.bn.errors. One reader is Bengali by their own choice, the other by their organization's
 * default. The same writes through the REST API keep the English message, the rule's type and the stable code, and
 * a field's help reaches the form in Bengali (translations.bn.help).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiCall, apiLogin } from './support/api.js';
import { bookingManifest } from './support/booking-fixture.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { stockroomManifest, type Json } from './support/ledger-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const BN: Record<string, Json> = {
  room: { label: 'কক্ষ', fields: { number: 'নম্বর' } },
  guest: { label: 'অতিথি', fields: { name: 'নাম' } },
  reservation: {
    label: 'সংরক্ষণ',
    fields: { room: 'কক্ষ', check_in: 'চেক-ইন', check_out: 'চেক-আউট', adults: 'প্রাপ্তবয়স্ক' },
    errors: { 'must be between 1 and 4': '১ থেকে ৪-এর মধ্যে হতে হবে' },
    help: { adults: 'সর্বোচ্চ চারজন' },
  },
  session: { label: 'সেশন', fields: { name: 'নাম', capacity: 'ধারণক্ষমতা' } },
  booking: { label: 'বুকিং', fields: { session: 'সেশন', member: 'সদস্য' }, values: { status: { cancelled: 'বাতিল' } } },
  ticket: { label: 'টিকিট', fields: { session: 'সেশন', holder: 'ধারক' } },
};

/** The booking fixture with Bengali labels, a translated check message and a help text in both languages. */
function staysInBengali(): Json {
  const m = bookingManifest();
  const entities = (m.entities as Json[]).map((e) => {
    const bn = BN[String(e.name)];
    if (!bn) return e;
    const fields = (e.fields as Json[]).map((f) => (e.name === 'reservation' && f.name === 'adults' ? { ...f, help: 'At most four' } : f));
    return { ...e, fields, translations: { bn } };
  });
  return { ...m, entities };
}

function stockroomInBengali(): Json {
  const m = stockroomManifest();
  const entities = (m.entities as Json[]).map((e) =>
    e.name === 'stock_balance'
      ? { ...e, translations: { bn: { label: 'মজুত', fields: { item: 'পণ্য', warehouse: 'গুদাম', qty: 'পরিমাণ' }, errors: { 'Only {quantity} of item {item} in {warehouse}': '{warehouse}-এ পণ্য {item}-এর মাত্র {quantity} আছে' } } } }
      : e,
  );
  return { ...m, entities };
}

let runtime: TestRuntime;
let server: TestServer;
let stays: Fixture;
let stock: Fixture;
let desk: AdminClient;
let keeper: AdminClient;
let ids: { room: string; session: string; guest: string; item: string; warehouse: string };

type Saved = { notice?: { type: string; message: string }; record?: { params: Record<string, unknown>; errors: Record<string, { message: string; type?: string }> } };
type Problem = { code?: string; errors?: { field: string; message: string; type?: string }[] };

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(staysInBengali(), stockroomInBengali()) });
  stays = await createFixtureOrg(runtime, 'stays', ['desk']);
  stock = await createFixtureOrg(runtime, 'stockroom', ['keeper']);
  const s = await stays.system();
  const k = await stock.system();
  const room = await s.create('stays.room', { number: '204' });
  const session = await s.create('stays.session', { name: 'Yoga', capacity: 1 });
  const guest = await s.create('stays.guest', { name: 'Rina' });
  const item = await k.create('stockroom.item', { sku: 'SKU-7' });
  const warehouse = await k.create('stockroom.warehouse', { name: 'Main store' });
  await k.create('stockroom.stock_move', { item: item.id, warehouse: warehouse.id, qty: 3 });
  ids = { room: String(room.id), session: String(session.id), guest: String(guest.id), item: String(item.id), warehouse: String(warehouse.id) };
  // Held: the room 3–5 December, the session's one place, the guest's booking of it.
  await s.create('stays.reservation', { room: ids.room, check_in: '2027-12-03', check_out: '2027-12-05' });
  await s.create('stays.ticket', { session: ids.session, holder: 'First' });
  await s.create('stays.booking', { session: ids.session, member: ids.guest });
  server = await startTestServer(runtime);
  desk = await server.login(stays.users.get('desk')!.email, 'secret-123');
  // The desk clerk chose Bengali; the keeper chose nothing, and their organization's default is Bengali.
  expect((await desk.post('/admin/x/language', { language: 'bn' })).status).toBe(200);
  await runtime.dataSource.query("UPDATE core_organization SET language = 'bn' WHERE id = $1", [stock.org.id]);
  keeper = await server.login(stock.users.get('keeper')!.email, 'secret-123');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** What the admin's form shows: the record's field errors after a refused create. */
async function adminErrors(client: AdminClient, resource: string, form: Record<string, string>): Promise<Record<string, { message: string; type?: string }>> {
  const saved = (await client.post(`/admin/api/resources/${resource}/actions/new`, form)).body as Saved;
  expect(saved.notice?.type).toBe('error');
  return saved.record?.errors ?? {};
}

/** The same refused writes for the REST API: `{room}` and the like are the fixture's ids. */
const WRITES: { name: string; who: 'desk' | 'keeper'; resource: string; path: string; form: Record<string, string>; field: string; english: RegExp; type: string }[] = [
  { name: 'an overlap', who: 'desk', resource: 'StaysReservation', path: '/stays/reservation', form: { room: '{room}', check_in: '2027-12-04', check_out: '2027-12-07' }, field: 'room', english: /^Room 204 is taken by reservation RES-\d{4}-\d{5} from 2027-12-03 to 2027-12-05$/, type: 'overlap' },
  { name: 'a uniqueWhen', who: 'desk', resource: 'StaysBooking', path: '/stays/booking', form: { session: '{session}', member: '{guest}' }, field: 'session', english: /^another booking with the same session and member already exists that is not cancelled$/, type: 'unique' },
  { name: 'a capacity', who: 'desk', resource: 'StaysTicket', path: '/stays/ticket', form: { session: '{session}', holder: 'Second' }, field: 'session', english: /^is full: 1 of 1 places are taken$/, type: 'capacity' },
  { name: 'a negative balance', who: 'keeper', resource: 'StockroomStockMove', path: '/stockroom/stock_move', form: { item: '{item}', warehouse: '{warehouse}', qty: '-5' }, field: 'qty', english: /^Only 3 of item SKU-7 in Main store$/, type: 'balance' },
  { name: 'a check', who: 'desk', resource: 'StaysReservation', path: '/stays/reservation', form: { room: '{room}', check_in: '2028-01-01', check_out: '2028-01-03', adults: '9' }, field: 'adults', english: /^must be between 1 and 4$/, type: 'check' },
  { name: 'a required field', who: 'desk', resource: 'StaysGuest', path: '/stays/guest', form: { name: '' }, field: 'name', english: /^is required$/, type: 'required' },
];

describe('a Bengali reader reads the field errors in Bengali in the admin', () => {
  it('an overlap names the room and span with the Bengali labels', async () => {
    const errors = await adminErrors(desk, 'StaysReservation', { room: ids.room, check_in: '2027-12-04', check_out: '2027-12-07' });
    expect(errors.room.message).toMatch(/^কক্ষ 204 2027-12-03 থেকে 2027-12-05 পর্যন্ত সংরক্ষণ RES-\d{4}-\d{5}-এর দখলে$/);
  });

  it('a uniqueWhen says which fields and which state, in Bengali', async () => {
    const errors = await adminErrors(desk, 'StaysBooking', { session: ids.session, member: ids.guest });
    expect(errors.session.message).toBe('একই সেশন ও সদস্য-সহ বাতিল নয় অবস্থার আরেকটি বুকিং ইতিমধ্যে আছে');
  });

  it('a full capacity', async () => {
    const errors = await adminErrors(desk, 'StaysTicket', { session: ids.session, holder: 'Second' });
    expect(errors.session.message).toBe('পূর্ণ: 1টি জায়গার 1টি নেওয়া হয়েছে');
  });

  it("a negative balance, by the manifest's translated refusal (the reader's organization is Bengali)", async () => {
    const errors = await adminErrors(keeper, 'StockroomStockMove', { item: ids.item, warehouse: ids.warehouse, qty: '-5' });
    expect(errors.qty.message).toBe('Main store-এ পণ্য SKU-7-এর মাত্র 3 আছে');
  });

  it("a declared check, by the manifest's translated message, and a required field", async () => {
    const check = await adminErrors(desk, 'StaysReservation', { room: ids.room, check_in: '2028-01-01', check_out: '2028-01-03', adults: '9' });
    expect(check.adults.message).toBe('১ থেকে ৪-এর মধ্যে হতে হবে');
    const required = await adminErrors(desk, 'StaysGuest', { name: '' });
    expect(required.name.message).toBe('আবশ্যক');
  });

  it("a field's help reaches the form in Bengali", async () => {
    const page = await fetch(`${server.url}/admin/resources/StaysReservation/actions/new`, { headers: { cookie: (desk as unknown as { cookie: string }).cookie } });
    const html = await page.text();
    // The field's description is its help key; the page's Bengali and English locales say it (AdminJS's tooltip looks it up).
    expect(html).toContain('"description":"help_adults"');
    expect(html).toContain('"help_adults":"সর্বোচ্চ চারজন"');
    expect(html).toContain('"help_adults":"At most four"');
  });
});

describe('the same writes through the REST API stay English, with the code and the rule', () => {
  const fill = (form: Record<string, string>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(form).map(([k, v]) => [k, /^\{(\w+)\}$/.test(v) ? ids[v.slice(1, -1) as keyof typeof ids] : k === 'qty' || k === 'adults' ? Number(v) : v === '' ? null : v]));

  it.each(WRITES.map((w) => [w.name, w] as const))('%s', async (_name, w) => {
    const who = w.who === 'desk' ? stays : stock;
    const token = (await apiLogin(server.url, who.users.get(w.who)!.email, 'secret-123', who.org.slug)).access_token;
    const res = await apiCall(server.url, 'POST', w.path, { token, body: fill(w.form) });
    expect(res.status).toBe(400);
    const problem = res.body as Problem;
    expect(problem.code).toBe('VALIDATION_FAILED');
    const error = problem.errors?.find((e) => e.field === w.field);
    expect(error?.message).toMatch(w.english);
    expect(error?.type).toBe(w.type);
  });
});
