/**
 * A date typed into a form is stored as typed or refused: never rolled over (30 February →
 * 2 March) nor cut short (trailing text), through the admin's form and through the data layer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { RecordValidationError } from '../core/errors.js';
import type { RecordData } from '../core/data/records.js';

let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
let librarian: AdminClient;
let member: RecordData;

const api = (resource: string, rest: string) => `/admin/api/resources/${resource}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['librarian']);
  member = await (await org.system()).create('library.member', { name: 'Dated', card_number: 'CARD-D1', joined_on: '2026-01-15' });
  server = await startTestServer(runtime);
  librarian = await server.login(org.users.get('librarian')!.email, 'secret-123');
});

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('dates that do not exist are refused', () => {
  it.each(['2026-02-30', '2026-01-01junk', '2025-02-29', '2026-13-01', '0000-00-00', '2026-1-5'])('the form refuses %s with a field error and keeps the stored date', async (typed) => {
    const res = await librarian.post(api('LibraryMember', `records/${member.id}/edit`), { joined_on: typed });
    expect(res.body.notice).toMatchObject({ type: 'error' });
    expect((res.body.record as { errors: Record<string, { message: string }> }).errors.joined_on?.message).toMatch(/must be a date/);
    expect((await (await org.system()).get('library.member', member.id)).joined_on).toBe('2026-01-15');
  });

  it('a real date is stored exactly as typed, 29 February of a leap year included', async () => {
    const res = await librarian.post(api('LibraryMember', `records/${member.id}/edit`), { joined_on: '2028-02-29' });
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect((await (await org.system()).get('library.member', member.id)).joined_on).toBe('2028-02-29');
  });

  it('the data layer refuses impossible dates and date-times too (plugins, imports)', async () => {
    const sys = await org.system();
    await expect(sys.create('library.member', { name: 'X', card_number: 'CARD-D2', joined_on: '2026-02-30' })).rejects.toThrow(RecordValidationError);
    const book = await sys.create('library.book', { title: 'B', copies_total: 1 });
    const loan = await sys.create('library.loan', { book: book.id, member: member.id });
    for (const due of ['2026-02-30T10:00:00Z', '2026-03-01T25:00', '2026-03-01T10:00junk']) {
      await expect(sys.update('library.loan', loan.id, { due_at: due })).rejects.toThrow(RecordValidationError);
    }
    const saved = await sys.update('library.loan', loan.id, { due_at: '2026-03-01T10:00:00Z' });
    expect(saved.due_at).toBe('2026-03-01T10:00:00.000Z');
  });
});
