/**
 * The library's daily jobs on real data: fine accrual brings overdue loans'
 * fines up to date with the same rule as the return action; the overdue
 * reminder notifies members who have a login, mails members with an address
 * (one mail per member, listing every overdue book), never twice a day, and
 * touches only its own organization.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { JobScheduler } from '../core/jobs/index.js';
import { createUser, setModuleEnabled } from '../core/tenancy/index.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const DAY = 86_400_000;

let runtime: TestRuntime;
let scheduler: JobScheduler;
let lib: Fixture;
let other: Fixture;
const loans: Record<string, RecordData> = {};
const users: Record<string, { id: string; email: string }> = {};

/** A loan issued through the real action, then moved back in time so it is `daysLate` days overdue. */
async function overdueLoan(org: Fixture, memberId: string, title: string, daysLate: number): Promise<RecordData> {
  const librarian = await org.as('librarian');
  const book = await librarian.create('library.book', { title, copies_total: 1 });
  const loan = await librarian.create('library.loan', { book: book.id, member: memberId });
  await librarian.runAction('library.loan', 'issue', loan.id);
  // A minute inside the last day, so the whole days late are exactly `daysLate`.
  return (await org.system()).update('library.loan', loan.id, { due_at: new Date(Date.now() - daysLate * DAY + 60_000).toISOString() });
}

interface OutboxRow {
  recipient: string;
  subject: string;
  body: string;
  template: string;
}

const outbox = async (org: Fixture): Promise<OutboxRow[]> =>
  runtime.dataSource.query('SELECT recipient, subject, body, template FROM core_mail_outbox WHERE organization_id = $1 ORDER BY recipient', [org.org.id]);

const notifications = async (org: Fixture): Promise<RecordData[]> => (await org.system()).find('core.notification', { sort: { field: 'title', direction: 'asc' } });

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  other = await createFixtureOrg(runtime, 'library', ['librarian']);
  const sys = await lib.system();
  await sys.create('library.fine_setting', { loan_days: 7, daily_fine: 1.5, max_fine: 10 });
  users.ada = lib.users.get('member')!;
  const dee = await createUser(runtime, lib.org.slug, { email: `dee@${lib.org.slug}.test`, password: 'secret-123', name: 'Dee', roles: ['member'] });
  users.dee = { id: dee.id, email: String(dee.email) };
  const ada = await sys.create('library.member', { name: 'Ada', card_number: 'ADA-1', email: 'ada.home@example.org', user: users.ada.id });
  const ben = await sys.create('library.member', { name: 'Ben', card_number: 'BEN-1', email: 'ben@example.org' });
  const cy = await sys.create('library.member', { name: 'Cy', card_number: 'CY-1' });
  const deeMember = await sys.create('library.member', { name: 'Dee', card_number: 'DEE-1', user: users.dee.id });
  loans.ada3 = await overdueLoan(lib, ada.id, 'Tides of Salt', 3);
  loans.ada10 = await overdueLoan(lib, ada.id, 'The Quiet Harbor', 10);
  loans.ben1 = await overdueLoan(lib, ben.id, 'Maps and Bees', 1);
  loans.cy2 = await overdueLoan(lib, cy.id, 'Glass Atlas', 2);
  loans.dee4 = await overdueLoan(lib, deeMember.id, 'Iron Orchard', 4);
  // Not overdue yet, and returned late: neither is the jobs' business.
  const librarian = await lib.as('librarian');
  const book = await librarian.create('library.book', { title: 'Not Due Yet', copies_total: 2 });
  const current = await librarian.create('library.loan', { book: book.id, member: ada.id });
  loans.current = (await librarian.runAction('library.loan', 'issue', current.id)).record!;
  const returned = await librarian.create('library.loan', { book: book.id, member: ben.id });
  await librarian.runAction('library.loan', 'issue', returned.id);
  await sys.update('library.loan', returned.id, { due_at: new Date(Date.now() - 5 * DAY).toISOString() });
  loans.returned = (await librarian.runAction('library.loan', 'return', returned.id)).record!;
  // Another organization with an overdue loan: a run for `lib` must not touch it.
  const otherMember = await (await other.system()).create('library.member', { name: 'Olga', card_number: 'OLGA-1', email: 'olga@example.org' });
  loans.other = await overdueLoan(other, otherMember.id, 'Elsewhere', 6);
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
});

afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

const fineOf = async (org: Fixture, loan: RecordData): Promise<unknown> => (await (await org.system()).get('library.loan', loan.id)).fine;

describe('library fine accrual', () => {
  it('sets each overdue loan’s fine from the organization’s setting (1.50 a day, at most 10)', async () => {
    const [outcome] = await scheduler.runNow('library.fine_accrual', lib.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '5 overdue loans, 5 fines updated' });
    expect(await fineOf(lib, loans.ada3)).toBe(4.5);
    expect(await fineOf(lib, loans.ada10)).toBe(10);
    expect(await fineOf(lib, loans.ben1)).toBe(1.5);
    expect(await fineOf(lib, loans.cy2)).toBe(3);
    expect(await fineOf(lib, loans.dee4)).toBe(6);
  });

  it('leaves loans that are not overdue, returned loans and other organizations alone', async () => {
    expect(await fineOf(lib, loans.current)).toBeNull();
    expect(await fineOf(lib, loans.returned)).toBe(loans.returned.fine);
    expect(await fineOf(other, loans.other)).toBeNull();
  });

  it('a second run the same day changes nothing', async () => {
    const [outcome] = await scheduler.runNow('library.fine_accrual', lib.org.slug);
    expect(outcome.message).toBe('5 overdue loans, 0 fines updated');
  });

  it('the accrued fine is the one the return action charges', async () => {
    const result = await (await lib.as('librarian')).runAction('library.loan', 'return', loans.ben1.id);
    expect(result.record?.fine).toBe(await fineOf(lib, loans.ben1));
  });
});

describe('library overdue reminders', () => {
  it('notifies members with a login, once per overdue loan, linking the loan', async () => {
    const [outcome] = await scheduler.runNow('library.overdue_reminder', lib.org.slug);
    // Ben returned his book in the test above: Ada, Dee and Cy remain; Cy has neither login nor address.
    expect(outcome).toMatchObject({ status: 'ok', message: '2 members reminded (3 notifications, 2 mails), 1 without a login or e-mail address' });
    const sent = await notifications(lib);
    expect(sent.map((n) => [n.user, n.title, n.entity, n.record_id])).toEqual([
      [users.dee.id, 'Overdue: Iron Orchard', 'library.loan', loans.dee4.id],
      [users.ada.id, 'Overdue: The Quiet Harbor', 'library.loan', loans.ada10.id],
      [users.ada.id, 'Overdue: Tides of Salt', 'library.loan', loans.ada3.id],
    ]);
    expect(String(sent[2].body)).toContain('the fine so far is 4.50');
  });

  it('mails each reachable member once, at their own address or else their login’s, listing every overdue book', async () => {
    const mails = await outbox(lib);
    expect(mails.map((m) => [m.recipient, m.template])).toEqual([
      ['ada.home@example.org', 'overdue_reminder'],
      [users.dee.email, 'overdue_reminder'],
    ]);
    const ada = mails[0];
    expect(ada.subject).toContain('2 items are overdue');
    expect(ada.body).toContain('Tides of Salt');
    expect(ada.body).toContain('The Quiet Harbor');
    expect(ada.body).toContain('fine so far 10.00');
    expect(ada.body).toContain(`Test ${lib.org.slug}`);
  });

  it('does not remind twice in a day, and records when it reminded', async () => {
    const [outcome] = await scheduler.runNow('library.overdue_reminder', lib.org.slug);
    expect(outcome.message).toBe('0 members reminded (0 notifications, 0 mails), 1 without a login or e-mail address');
    expect(await notifications(lib)).toHaveLength(3);
    expect(await outbox(lib)).toHaveLength(2);
    const sys = await lib.system();
    expect((await sys.get('library.loan', loans.ada3.id)).reminded_at).toEqual(expect.any(String));
    expect((await sys.get('library.loan', loans.cy2.id)).reminded_at).toBeNull();
  });

  it('two runs at the same moment remind a member once', async () => {
    const ben = (await (await lib.system()).find('library.member', { filters: [{ field: 'card_number', op: 'eq', value: 'BEN-1' }] }))[0];
    await overdueLoan(lib, ben.id, 'Salt Railways', 2);
    const before = (await outbox(lib)).length;
    const runs = await Promise.all([scheduler.runNow('library.overdue_reminder', lib.org.slug), scheduler.runNow('library.overdue_reminder', lib.org.slug)]);
    expect(runs.flat().map((o) => o.status)).toEqual(['ok', 'ok']);
    const mails = await outbox(lib);
    expect(mails).toHaveLength(before + 1);
    expect(mails.filter((m) => m.body.includes('Salt Railways')).map((m) => m.recipient)).toEqual(['ben@example.org']);
  });

  it('another organization’s members hear nothing from a run for this one', async () => {
    expect(await notifications(other)).toHaveLength(0);
    expect(await outbox(other)).toHaveLength(0);
  });

  it('without --org it runs for every organization with the library, each with its own result', async () => {
    const outcomes = await scheduler.runNow('library.overdue_reminder');
    expect(outcomes.map((o) => [o.organization?.slug, o.status]).sort()).toEqual([[lib.org.slug, 'ok'], [other.org.slug, 'ok']].sort());
    expect((await outbox(other)).map((m) => m.recipient)).toEqual(['olga@example.org']);
  });

  it('refuses to run for an organization that has the library disabled', async () => {
    await setModuleEnabled(runtime, other.org.slug, 'library', false);
    await expect(scheduler.runNow('library.fine_accrual', other.org.slug)).rejects.toMatchObject({ code: 'MODULE_DISABLED' });
    const outcomes = await scheduler.runNow('library.fine_accrual');
    expect(outcomes.map((o) => o.organization?.slug)).toEqual([lib.org.slug]);
    expect(await fineOf(other, loans.other)).toBeNull();
  });
});
