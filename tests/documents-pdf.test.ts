/**
 * PDF documents: the templates print the organization, the number and the
 * record's data (read back as laid-out text); numbers are per organization,
 * kind and year, gapless and stable per record; the library's fine receipt
 * downloads over HTTP only for users who may read the loan and print it; a
 * document queued for the documents job is stored and downloaded later.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { generatePendingDocuments, printDocumentFor, renderDocumentBuffer } from '../core/documents/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { errorOf } from './support/errors.js';
import { fetchAs, pdfText } from './support/files.js';

let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;
let other: Fixture;
const year = new Date().getUTCFullYear();
const issuedAt = new Date('2026-03-04T10:00:00Z');

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  other = await createFixtureOrg(runtime, 'library', ['librarian']);
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** A returned loan with `fine` (set as the return action would), in `org`. */
async function loanWithFine(org: Fixture, fine: number, memberName = 'Ravi Kumar', memberUser?: string): Promise<RecordData> {
  const librarian = await org.as('librarian');
  const book = await librarian.create('library.book', { title: `The Overdue Book ${Math.random().toString(36).slice(2, 7)}`, copies_total: 1 });
  const member = await librarian.create('library.member', { name: memberName, card_number: `C-${Math.floor(Math.random() * 1e8)}`, ...(memberUser ? { user: memberUser } : {}) });
  const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
  const sys = await org.system();
  return sys.update('library.loan', loan.id, {
    status: 'returned',
    issued_at: '2026-02-01T09:00:00.000Z',
    due_at: '2026-02-15T09:00:00.000Z',
    returned_at: '2026-02-18T09:00:00.000Z',
    fine,
  });
}

describe('templates', () => {
  const organization = { name: 'Greenfield Institute of Technology' };

  it('a fee receipt prints the organization, its number, the student, the items and their total', async () => {
    const text = await pdfText(
      await renderDocumentBuffer('fee_receipt', {
        organization,
        number: 'FR-2026-000123',
        issuedAt,
        data: { student: { name: 'Asha Rao', rollNumber: 'CS-2026-017', program: 'B.Tech CSE' }, items: [{ label: 'Tuition, term 2', amount: 45000 }, { label: 'Library fee', amount: 1250.5 }], paidOn: '2026-03-01', method: 'Bank transfer', reference: 'UTR99887766', currency: 'INR' },
      }),
    );
    for (const expected of ['Greenfield Institute of Technology', 'Fee receipt', 'FR-2026-000123', 'Issued 2026-03-04', 'Asha Rao', 'CS-2026-017', 'B.Tech CSE', 'Tuition, term 2', 'INR 45,000.00', 'INR 1,250.50', 'Total paid', 'INR 46,250.50', 'UTR99887766', '2026-03-01']) {
      expect(text).toContain(expected);
    }
  });

  it('a fine receipt prints the member, the loan, the book, the dates and the fine', async () => {
    const text = await pdfText(
      await renderDocumentBuffer('fine_receipt', {
        organization: { name: 'City Library' },
        number: 'FN-2026-000007',
        issuedAt,
        data: { member: { name: 'Ravi Kumar', cardNumber: 'C-0042' }, loanCode: 'L-20260201-ABC123', bookTitle: 'Gitanjali', dueAt: '2026-02-15T09:00:00Z', returnedAt: '2026-02-18T09:00:00Z', daysLate: 3, amount: 4.5 },
      }),
    );
    for (const expected of ['City Library', 'Fine receipt', 'FN-2026-000007', 'Ravi Kumar', 'C-0042', 'L-20260201-ABC123', 'Gitanjali', '2026-02-15 09:00 UTC', '2026-02-18 09:00 UTC', 'Days late', 'Fine', '4.50']) {
      expect(text).toContain(expected);
    }
  });

  it('a payslip prints earnings, deductions, gross, deductions total and net pay', async () => {
    const text = await pdfText(
      await renderDocumentBuffer('payslip', {
        organization: { name: 'Acme Works' },
        number: 'PS-2026-000001',
        issuedAt,
        data: { employee: { name: 'Meera Iyer', code: 'E-101', designation: 'Engineer' }, period: 'February 2026', earnings: [{ label: 'Basic', amount: 50000 }, { label: 'HRA', amount: 20000 }], deductions: [{ label: 'Provident fund', amount: 6000 }], currency: 'INR' },
      }),
    );
    for (const expected of ['Acme Works', 'Payslip', 'PS-2026-000001', 'Meera Iyer', 'E-101', 'February 2026', 'HRA', 'Gross earnings', 'INR 70,000.00', 'Provident fund', 'Total deductions', 'INR 6,000.00', 'Net pay', 'INR 64,000.00']) {
      expect(text).toContain(expected);
    }
  });

  it('a course report card prints the course, every line with score and grade, attendance and the overall result, over several pages', async () => {
    const lines = Array.from({ length: 70 }, (_, i) => ({ label: `Quiz ${i + 1}`, score: 7 + (i % 3), maxScore: 10, grade: 'B' }));
    const pdf = await renderDocumentBuffer('report_card', {
      organization,
      number: 'RC-2026-000002',
      issuedAt,
      data: { student: { name: 'Asha Rao', rollNumber: 'CS-2026-017' }, course: { code: 'MA101', name: 'Linear Algebra', term: 'Spring 2026', instructor: 'Dr. Sen' }, lines, attendance: { attended: 40, total: 45 }, overall: { score: '81.5', grade: 'A', result: 'Pass' }, remarks: 'Consistent work.' },
    });
    const text = await pdfText(pdf);
    for (const expected of ['Report card', 'RC-2026-000002', 'MA101 Linear Algebra', 'Spring 2026', 'Dr. Sen', '40 of 45 (89 %)', 'Quiz 1 ', 'Quiz 70', '9 / 10', 'Overall', 'grade A', 'Pass', 'Consistent work.']) {
      expect(text).toContain(expected);
    }
    // The text separates pages with form feeds: 70 lines do not fit on one A4 page.
    expect(text.split('\f').filter((p) => p.trim()).length).toBeGreaterThan(1);
  });
});

describe('the library fine receipt', () => {
  it('prints the loan with the organization name and a number per organization and kind; a reprint keeps its number', async () => {
    const first = await loanWithFine(lib, 4.5);
    const second = await loanWithFine(lib, 12);
    const elsewhere = await loanWithFine(other, 2);
    const librarian = lib.users.get('librarian')!.actor;

    const a = await printDocumentFor(runtime, librarian, 'library.loan', first.id, 'fine_receipt');
    const b = await printDocumentFor(runtime, librarian, 'library.loan', second.id, 'fine_receipt');
    const again = await printDocumentFor(runtime, librarian, 'library.loan', first.id, 'fine_receipt');
    const c = await printDocumentFor(runtime, other.users.get('librarian')!.actor, 'library.loan', elsewhere.id, 'fine_receipt');

    expect([a.number, b.number, again.number, c.number]).toEqual([`FN-${year}-000001`, `FN-${year}-000002`, `FN-${year}-000001`, `FN-${year}-000001`]);
    expect(a.filename).toBe(`FN-${year}-000001.pdf`);
    const text = await pdfText(a.content);
    for (const expected of [lib.org.name, 'Fine receipt', `FN-${year}-000001`, 'Ravi Kumar', String(first.code), '2026-02-15 09:00 UTC', '2026-02-18 09:00 UTC', '4.50']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(other.org.name);
    expect(await pdfText(c.content)).toContain(other.org.name);
  });

  it('two first prints of different loans at the same time get consecutive numbers, none twice', async () => {
    const loans = await Promise.all([1, 2, 3, 4].map((n) => loanWithFine(other, n)));
    const librarian = other.users.get('librarian')!.actor;
    const printed = await Promise.all(loans.map((l) => printDocumentFor(runtime, librarian, 'library.loan', l.id, 'fine_receipt')));
    const numbers = printed.map((p) => p.number).sort();
    // The earlier test printed FN-…-000001 in this organization.
    expect(numbers).toEqual([2, 3, 4, 5].map((n) => `FN-${year}-${String(n).padStart(6, '0')}`));
  });

  it('is audited as the record action it is', async () => {
    const loan = await loanWithFine(lib, 1.5);
    await printDocumentFor(runtime, lib.users.get('librarian')!.actor, 'library.loan', loan.id, 'fine_receipt');
    const rows: { action: string; action_name: string }[] = await runtime.dataSource.query('SELECT action, action_name FROM core_audit_log WHERE record_id = $1 ORDER BY created_at', [loan.id]);
    expect(rows.map((r) => r.action_name)).toContain('fine_receipt');
  });

  it('a loan without a fine has no receipt, and issues no number', async () => {
    const loan = await loanWithFine(lib, 0);
    const err = await errorOf(printDocumentFor(runtime, lib.users.get('librarian')!.actor, 'library.loan', loan.id, 'fine_receipt'));
    expect(err.code).toBe('CONFLICT');
    const rows: unknown[] = await runtime.dataSource.query('SELECT 1 FROM core_document WHERE record_id = $1', [loan.id]);
    expect(rows).toHaveLength(0);
  });

  it('an action that is not a document is not printable', async () => {
    const loan = await loanWithFine(lib, 1);
    const err = await errorOf(printDocumentFor(runtime, lib.users.get('librarian')!.actor, 'library.loan', loan.id, 'issue'));
    expect(err.code).toBe('NOT_FOUND');
  });
});

describe('downloading over HTTP', () => {
  it('the librarian downloads the fine receipt as application/pdf', async () => {
    const loan = await loanWithFine(lib, 7.25, 'Lakshmi Menon');
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const res = await fetchAs(server.url, cookie, `/admin/x/documents/library.loan/${loan.id}/fine_receipt.pdf`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="FN-\d{4}-\d{6}\.pdf"$/);
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('Lakshmi Menon');
    expect(text).toContain('7.25');
    expect(text).toContain(lib.org.name);
  });

  it('refuses a loan the user may not read (another member’s, another organization’s) as if it did not exist', async () => {
    const loan = await loanWithFine(lib, 3);
    const memberCookie = await sessionCookie(server.url, lib.users.get('member')!.email, 'secret-123');
    const otherCookie = await sessionCookie(server.url, other.users.get('librarian')!.email, 'secret-123');
    for (const cookie of [memberCookie, otherCookie]) {
      const res = await fetchAs(server.url, cookie, `/admin/x/documents/library.loan/${loan.id}/fine_receipt.pdf`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).not.toBe('application/pdf');
    }
    const anonymous = await fetchAs(server.url, undefined, `/admin/x/documents/library.loan/${loan.id}/fine_receipt.pdf`, { method: 'POST' });
    expect(anonymous.status).toBe(403);
  });

  it('refuses a member their own loan’s receipt: reading a loan is not the fine_receipt permission', async () => {
    const memberUser = lib.users.get('member')!;
    const loan = await loanWithFine(lib, 3, 'The Member Themself', memberUser.id);
    const cookie = await sessionCookie(server.url, memberUser.email, 'secret-123');
    const readable = await fetchAs(server.url, cookie, `/admin/api/resources/LibraryLoan/records/${loan.id}/show`);
    expect(readable.status).toBe(200);
    const res = await fetchAs(server.url, cookie, `/admin/x/documents/library.loan/${loan.id}/fine_receipt.pdf`, { method: 'POST' });
    expect(res.status).toBe(403);
  });

  it('a queued document is made by the documents job as the asking user, then downloads; others still cannot', async () => {
    const loan = await loanWithFine(lib, 9.75, 'Queued Reader');
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const base = `/admin/x/documents/library.loan/${loan.id}/fine_receipt`;

    const queued = await fetchAs(server.url, cookie, `${base}/queue`, { method: 'POST' });
    expect(queued.status).toBe(202);
    const state = (await queued.json()) as { status: string; number: string };
    expect(state).toMatchObject({ status: 'pending', number: expect.stringMatching(/^FN-\d{4}-\d{6}$/) });
    expect((await fetchAs(server.url, cookie, `${base}/stored.pdf`)).status).toBe(409);

    expect(await generatePendingDocuments({ runtime })).toMatch(/^[1-9]\d* documents? generated$/);
    expect(await (await fetchAs(server.url, cookie, `${base}/status`)).json()).toMatchObject({ status: 'ready', number: state.number });
    const stored = await fetchAs(server.url, cookie, `${base}/stored.pdf`);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await stored.arrayBuffer()));
    expect(text).toContain('Queued Reader');
    expect(text).toContain(state.number);

    const otherCookie = await sessionCookie(server.url, other.users.get('librarian')!.email, 'secret-123');
    expect((await fetchAs(server.url, otherCookie, `${base}/stored.pdf`)).status).toBe(404);
    expect((await fetchAs(server.url, otherCookie, `${base}/status`)).status).toBe(404);
  });

  it('a queued document that is no longer possible when the job runs is marked failed, not printed', async () => {
    const loan = await loanWithFine(lib, 2.5);
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const base = `/admin/x/documents/library.loan/${loan.id}/fine_receipt`;
    expect((await fetchAs(server.url, cookie, `${base}/queue`, { method: 'POST' })).status).toBe(202);
    // The fine is waived before the job runs: the receipt is no longer available.
    await (await lib.system()).update('library.loan', loan.id, { fine: 0 });
    expect(await generatePendingDocuments({ runtime })).toMatch(/1 failed/);
    expect(await (await fetchAs(server.url, cookie, `${base}/status`)).json()).toMatchObject({ status: 'failed', error: expect.stringMatching(/not possible/) });
  });
});

describe('the documents job inside the wall', () => {
  it('only finding the next pending document crosses tenants: the print, its stored result and a failure are written as ums_app for the document’s organization', async () => {
    const ds = runtime.dataSource;
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const printable = await loanWithFine(lib, 4.25, 'Walled Reader');
    const waived = await loanWithFine(lib, 1.5);
    for (const loan of [printable, waived]) expect((await fetchAs(server.url, cookie, `/admin/x/documents/library.loan/${loan.id}/fine_receipt/queue`, { method: 'POST' })).status).toBe(202);
    await (await lib.system()).update('library.loan', waived.id, { fine: 0 });
    await ds.query(`CREATE TABLE test_document_writer (record_id uuid, status text, role text, org text, at timestamptz DEFAULT clock_timestamp())`);
    await ds.query(`GRANT INSERT ON test_document_writer TO ums_app, ums_bypass`);
    await ds.query(`CREATE FUNCTION test_document_writer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_document_writer (record_id, status, role, org) VALUES (NEW.record_id, NEW.status, current_user, current_setting('ums.organization_id', true)); RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER test_document_writer AFTER UPDATE ON core_document FOR EACH ROW EXECUTE FUNCTION test_document_writer()`);
    try {
      expect(await generatePendingDocuments({ runtime })).toBe('1 document generated, 1 failed');
      const writes: { record_id: string; status: string; role: string; org: string | null }[] = await ds.query('SELECT record_id, status, role, org FROM test_document_writer ORDER BY at');
      expect(writes.length).toBeGreaterThanOrEqual(2);
      for (const w of writes) expect({ role: w.role, org: w.org || null }).toEqual({ role: 'ums_app', org: lib.org.id });
      expect(writes.filter((w) => w.record_id === printable.id).at(-1)?.status).toBe('ready');
      expect(writes.filter((w) => w.record_id === waived.id).map((w) => w.status)).toEqual(['failed']);
      const text = await pdfText(Buffer.from(await (await fetchAs(server.url, cookie, `/admin/x/documents/library.loan/${printable.id}/fine_receipt/stored.pdf`)).arrayBuffer()));
      expect(text).toContain('Walled Reader');
    } finally {
      await ds.query('DROP TRIGGER test_document_writer ON core_document');
      await ds.query('DROP FUNCTION test_document_writer()');
      await ds.query('DROP TABLE test_document_writer');
    }
  });

  it('two documents workers claiming the same pending documents at once print and store each exactly once: one row per document, every one ready', async () => {
    const ds = runtime.dataSource;
    const cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');
    const loans: RecordData[] = [];
    for (let i = 0; i < 6; i++) loans.push(await loanWithFine(lib, 3 + i, `Twice Reader ${i}`));
    for (const loan of loans) expect((await fetchAs(server.url, cookie, `/admin/x/documents/library.loan/${loan.id}/fine_receipt/queue`, { method: 'POST' })).status).toBe(202);
    const ids = loans.map((l) => l.id);
    // Every store of a rendered file is an UPDATE that sets status ready: counted per document.
    await ds.query(`CREATE TABLE test_document_store (record_id uuid, at timestamptz DEFAULT clock_timestamp())`);
    await ds.query(`GRANT INSERT ON test_document_store TO ums_app, ums_bypass`);
    await ds.query(`CREATE FUNCTION test_document_store() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.status = 'ready' AND NEW.content IS NOT NULL THEN INSERT INTO test_document_store (record_id) VALUES (NEW.record_id); END IF; RETURN NULL; END $$`);
    await ds.query(`CREATE TRIGGER test_document_store AFTER UPDATE ON core_document FOR EACH ROW EXECUTE FUNCTION test_document_store()`);
    try {
      // Two workers, each on its own pooled connection, started together: both find the same first pending document.
      const outcomes = await Promise.all([generatePendingDocuments({ runtime }), generatePendingDocuments({ runtime })]);
      const generated = outcomes.map((o) => Number(/^(\d+) documents? generated$/.exec(o)?.[1] ?? NaN));
      expect(generated[0] + generated[1]).toBe(6);
      const stores: { record_id: string; n: number }[] = await ds.query(`SELECT record_id, count(*)::int AS n FROM test_document_store GROUP BY record_id ORDER BY record_id`);
      expect(stores).toEqual([...ids].sort().map((id) => ({ record_id: id, n: 1 })));
      const rows: { record_id: string; n: number; ready: number }[] = await ds.query(
        `SELECT record_id, count(*)::int AS n, count(*) FILTER (WHERE status = 'ready' AND content IS NOT NULL)::int AS ready FROM core_document WHERE record_id = ANY($1::uuid[]) GROUP BY record_id ORDER BY record_id`,
        [ids],
      );
      expect(rows).toEqual([...ids].sort().map((id) => ({ record_id: id, n: 1, ready: 1 })));
      expect(await generatePendingDocuments({ runtime })).toBe('0 documents generated');
    } finally {
      await ds.query('DROP TRIGGER test_document_store ON core_document');
      await ds.query('DROP FUNCTION test_document_store()');
      await ds.query('DROP TABLE test_document_store');
    }
  });
});
