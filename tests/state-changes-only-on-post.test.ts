/**
 * State changes only on POST, and never from another site: a GET of a plugin
 * record action (Issue, Return) only reads the record, a GET of a document's
 * PDF never issues its number (printing is a POST), and a state-changing
 * request that a browser marks as cross-site (Sec-Fetch-Site, or a foreign
 * Origin) is refused before it does anything, the sign-in form included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { formPass, sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { fetchAs, pdfText } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;
let cookie: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime);
  cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

async function requestedLoan(): Promise<RecordData> {
  const librarian = await lib.as('librarian');
  const book = await librarian.create('library.book', { title: `Get Book ${Math.random().toString(36).slice(2, 7)}`, copies_total: 2 });
  const member = await librarian.create('library.member', { name: 'Gita Reader', card_number: `G-${Math.floor(Math.random() * 1e8)}` });
  return librarian.create('library.loan', { book: book.id, member: member.id });
}

const loanNow = async (id: string): Promise<RecordData> => (await lib.system()).get('library.loan', id);
const actionPath = (id: string, action: string): string => `/admin/api/resources/LibraryLoan/records/${id}/${action}`;

describe('record actions run on POST only', () => {
  it('a GET of Issue answers the record and issues nothing; the POST issues the loan', async () => {
    const loan = await requestedLoan();
    const got = await fetchAs(server.url, cookie, actionPath(loan.id, 'issue'));
    expect(got.status).toBe(200);
    expect(((await got.json()) as { record: { id: string } }).record.id).toBe(loan.id);
    expect((await loanNow(loan.id)).status).toBe('requested');

    const posted = await fetchAs(server.url, cookie, actionPath(loan.id, 'issue'), { method: 'POST' });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as { notice: { type: string } }).notice.type).toBe('success');
    expect((await loanNow(loan.id)).status).toBe('issued');
  });

  it('a GET of Return leaves an issued loan issued', async () => {
    const loan = await requestedLoan();
    await (await lib.as('librarian')).runAction('library.loan', 'issue', loan.id);
    expect((await fetchAs(server.url, cookie, actionPath(loan.id, 'return'))).status).toBe(200);
    expect((await loanNow(loan.id)).status).toBe('issued');
  });

  it('a GET of Send invitation queues no mail and makes no invitation code; the POST does both', async () => {
    const adminCookie = await sessionCookie(server.url, lib.users.get('admin')!.email, 'secret-123');
    const librarian = lib.users.get('librarian')!;
    const path = `/admin/api/resources/CoreUser/records/${librarian.id}/invite`;
    const traces = async (): Promise<{ mails: number; codes: number }> => {
      const [row]: { mails: number; codes: number }[] = await runtime.dataSource.query(
        `SELECT (SELECT count(*)::int FROM core_mail_outbox WHERE recipient = $1) AS mails, (SELECT count(*)::int FROM core_auth_code WHERE user_id = $2) AS codes`,
        [librarian.email, librarian.id],
      );
      return row;
    };
    const before = await traces();
    expect((await fetchAs(server.url, adminCookie, path)).status).toBe(200);
    expect(await traces()).toEqual(before);
    const sent = await fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie: adminCookie, accept: 'application/json' } });
    expect(sent.status).toBe(200);
    const after = await traces();
    expect(after.mails).toBe(before.mails + 1);
    expect(after.codes).toBeGreaterThanOrEqual(1);
  });
});

describe('documents: a GET never issues a number', () => {
  async function returnedLoanWithFine(): Promise<RecordData> {
    const loan = await requestedLoan();
    return (await lib.system()).update('library.loan', loan.id, { status: 'returned', issued_at: '2026-02-01T09:00:00.000Z', due_at: '2026-02-15T09:00:00.000Z', returned_at: '2026-02-18T09:00:00.000Z', fine: 4.5 });
  }
  const documentsOf = async (id: string): Promise<unknown[]> => runtime.dataSource.query('SELECT number FROM core_document WHERE record_id = $1', [id]);

  it('GET of the PDF before the first print is a 409 and leaves no number; POST prints it; GET then serves that print', async () => {
    const loan = await returnedLoanWithFine();
    const pdf = `/admin/x/documents/library.loan/${loan.id}/fine_receipt.pdf`;
    const before = await fetchAs(server.url, cookie, pdf);
    expect(before.status).toBe(409);
    expect(((await before.json()) as { error: { message: string } }).error.message).toMatch(/has not been printed yet/);
    expect(await documentsOf(loan.id)).toHaveLength(0);

    const printed = await fetchAs(server.url, cookie, pdf, { method: 'POST' });
    expect(printed.status).toBe(200);
    expect(printed.headers.get('content-type')).toBe('application/pdf');
    const number = /filename="(FN-\d{4}-\d{6})\.pdf"/.exec(printed.headers.get('content-disposition') ?? '')![1];
    expect(await documentsOf(loan.id)).toEqual([{ number }]);

    const again = await fetchAs(server.url, cookie, pdf);
    expect(again.status).toBe(200);
    expect(await pdfText(Buffer.from(await again.arrayBuffer()))).toContain(number);
    expect(await documentsOf(loan.id)).toEqual([{ number }]);
  });
});

describe('state-changing requests from another site are refused', () => {
  it('a cross-site POST of Issue is a 403 and the loan stays requested; same-origin and header-less clients pass', async () => {
    const loan = await requestedLoan();
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'http://evil.example' }, { origin: 'null' }] as Record<string, string>[]) {
      const res = await fetchAs(server.url, cookie, actionPath(loan.id, 'issue'), { method: 'POST', headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Refused: it came from another site/);
      expect((await loanNow(loan.id)).status).toBe('requested');
    }
    const same = await fetchAs(server.url, cookie, actionPath(loan.id, 'issue'), { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', origin: server.url } });
    expect(same.status).toBe(200);
    expect((await loanNow(loan.id)).status).toBe('issued');

    const other = await requestedLoan();
    expect((await fetchAs(server.url, cookie, actionPath(other.id, 'issue'), { method: 'POST', headers: { origin: server.url } })).status).toBe(200);
    expect((await loanNow(other.id)).status).toBe('issued');
  });

  it('a cross-site sign-in (login CSRF) is refused without a session; a cross-site GET still reads', async () => {
    // With the page's own cookie and CSRF token, so the refusal is the cross-site check's.
    const pass = await formPass(server.url);
    const form = new URLSearchParams({ email: lib.users.get('librarian')!.email, password: 'secret-123', csrf: pass.token }).toString();
    const login = await fetch(`${server.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', accept: 'text/html', cookie: pass.cookie }, body: form, redirect: 'manual' });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
    const forgot = await fetch(`${server.url}/auth/password/forgot`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ email: 'x@example.com' }) });
    expect(forgot.status).toBe(403);
    const list = await fetchAs(server.url, cookie, '/admin/api/resources/LibraryLoan/actions/list', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(list.status).toBe(200);
  });
});
