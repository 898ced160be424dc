/**
 * A save that did not happen is never reported as one: through AdminJS's HTTP API, a value the
 * database cannot hold is a field error, and a failure no field is to blame for (an edit of a
 * record someone else changed) is an error notice; neither redirects to a success page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';

let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
let librarian: AdminClient;

const api = (resource: string, rest: string) => `/admin/api/resources/${resource}/${rest}`;

type Answer = { status: number; body: Record<string, unknown> };
const errorsOf = (res: Answer) => ((res.body.record as { errors?: Record<string, { message: string }> } | undefined)?.errors ?? {});

function expectFailure(res: Answer): void {
  expect(res.status).toBe(200);
  expect(res.body.notice).toMatchObject({ type: 'error' });
  expect(res.body.redirectUrl).toBeUndefined();
  expect(JSON.stringify(res.body)).not.toMatch(/successfully/i);
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime);
  librarian = await server.login(org.users.get('librarian')!.email, 'secret-123');
});

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('a failed save reaches the person', () => {
  it('a date PostgreSQL cannot store (year 0000) is a field error and nothing is created', async () => {
    const res = await librarian.post(api('LibraryMember', 'actions/new'), { name: 'Year zero', card_number: 'CARD-Y0', status: 'active', joined_on: '0000-01-01' });
    expectFailure(res);
    expect(errorsOf(res).joined_on?.message).toMatch(/date/);
    expect(await (await org.system()).find('library.member', { filters: [{ field: 'name', op: 'eq', value: 'Year zero' }] })).toEqual([]);
  });

  it('a number too large for its column (1e300) is a field error and nothing is created', async () => {
    const res = await librarian.post(api('LibraryBook', 'actions/new'), { title: 'Overflow', copies_total: '1', acquisition_price: '1e300' });
    expectFailure(res);
    expect(errorsOf(res).acquisition_price?.message).toMatch(/less than/);
    const big = await librarian.post(api('LibraryBook', 'actions/new'), { title: 'Overflow', copies_total: '99999999999' });
    expectFailure(big);
    expect(errorsOf(big).copies_total?.message).toMatch(/at most/);
    expect(await (await org.system()).find('library.book', { filters: [{ field: 'title', op: 'eq', value: 'Overflow' }] })).toEqual([]);
  });

  it('an edit carrying a stale version is an error notice saying someone else changed the record, and changes nothing', async () => {
    const sys = await org.system();
    const book = await sys.create('library.book', { title: 'Original', copies_total: 1 });
    await sys.update('library.book', book.id, { title: 'Changed meanwhile' });
    const res = await librarian.post(api('LibraryBook', `records/${book.id}/edit`), { title: 'Mine', version: String(book.version) });
    expectFailure(res);
    expect(String((res.body.notice as { message: string }).message)).toMatch(/changed by someone else/);
    expect((await sys.get('library.book', book.id)).title).toBe('Changed meanwhile');
  });

  it('a save that works still says so (the fix does not turn successes into errors)', async () => {
    const res = await librarian.post(api('LibraryBook', 'actions/new'), { title: 'Fine', copies_total: '2', acquisition_price: '12.50' });
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect(errorsOf(res)).toEqual({});
  });
});
