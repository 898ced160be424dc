/**
 * Saved filters (core.saved_filter, `ownedBy`): every user saves their own whatever their roles, sees
 * and changes only their own (the organization admin included), reads the ones an admin shared and
 * cannot change them; another organization's are not there; what cannot be saved is a field error.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError, UmsError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const SAVED = 'core.saved_filter';
let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;

const fieldErrorsOf = async (p: Promise<unknown>): Promise<Record<string, string>> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof RecordValidationError) return Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [k, v.message]));
    throw err;
  }
  throw new Error('expected a field error');
};
const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof UmsError) return err.code;
    throw err;
  }
  return 'OK';
};

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
});
afterAll(() => runtime.dispose());

describe('saved filters belong to who saved them', () => {
  it('a member (no rule in any manifest names saved filters) saves one; it is theirs and kept in one spelling', async () => {
    const member = await a.as('member');
    const saved = await member.create(SAVED, { name: '  My overdue loans ', entity: 'library.loan', query: '?filters.status=overdue&page=3&filters.code=&sortBy=due_at&direction=asc' });
    expect(saved).toMatchObject({ name: 'My overdue loans', owner: a.users.get('member')!.id, shared: false, query: 'filters.status=overdue&sortBy=due_at&direction=asc' });
  });

  it("nobody lists, reads, changes or deletes another user's filter, the admin included", async () => {
    const librarian = await a.as('librarian');
    const mine = await librarian.create(SAVED, { name: 'Issued', entity: 'library.loan', query: 'filters.status=issued' });
    const member = await a.as('member');
    const admin = await a.as('admin');
    for (const other of [member, admin]) {
      expect((await other.find(SAVED, { limit: 100 })).map((f) => f.name)).not.toContain('Issued');
      expect(await codeOf(other.get(SAVED, String(mine.id)))).toBe('NOT_FOUND');
      expect(await codeOf(other.update(SAVED, String(mine.id), { name: 'Mine now' }))).toBe('NOT_FOUND');
      expect(await codeOf(other.delete(SAVED, String(mine.id)))).toBe('NOT_FOUND');
    }
    expect((await librarian.find(SAVED, { limit: 100 })).map((f) => f.name)).toEqual(['Issued']);
    await librarian.update(SAVED, String(mine.id), { name: 'Issued loans' });
    await librarian.delete(SAVED, String(mine.id));
    expect(await librarian.find(SAVED, { limit: 100 })).toEqual([]);
  });

  it('only an admin shares a filter; everyone then reads it and nobody else may change it', async () => {
    const member = await a.as('member');
    expect(await fieldErrorsOf(member.create(SAVED, { name: 'Mine, shared', entity: 'library.loan', query: 'filters.status=issued', shared: true }))).toEqual({ shared: 'you may not set this field' });
    const admin = await a.as('admin');
    const shared = await admin.create(SAVED, { name: 'All overdue', entity: 'library.loan', query: 'filters.status=overdue', shared: true });
    const librarian = await a.as('librarian');
    expect((await librarian.find(SAVED, { limit: 100 })).map((f) => f.name)).toContain('All overdue');
    expect(await codeOf(librarian.update(SAVED, String(shared.id), { name: 'Hijacked' }))).toBe('FORBIDDEN');
    expect(await codeOf(librarian.delete(SAVED, String(shared.id)))).toBe('FORBIDDEN');
  });

  it("another organization's filters are not there, not even its shared ones", async () => {
    const adminB = await b.as('admin');
    const theirs = await adminB.create(SAVED, { name: 'B shared', entity: 'library.loan', query: 'filters.status=overdue', shared: true });
    for (const role of ['admin', 'librarian', 'member']) {
      const records = await a.as(role);
      expect((await records.find(SAVED, { limit: 100 })).map((f) => f.name)).not.toContain('B shared');
      expect(await codeOf(records.get(SAVED, String(theirs.id)))).toBe('NOT_FOUND');
    }
    // The database's own wall: the row is not visible to organization A's connection at all.
    const rows = await (await a.as('admin')).entityManager.query('SELECT count(*)::int AS n FROM core_saved_filter WHERE id = $1', [theirs.id]);
    expect(rows[0].n).toBe(0);
  });
});

describe('what cannot be saved is a field error', () => {
  it('a name too long or empty, an unknown or unreadable list, a field that does not exist or the user may not read, a query that is no list filter', async () => {
    const member = await a.as('member');
    const cases: [Record<string, unknown>, Record<string, RegExp>][] = [
      [{ name: 'x'.repeat(81), entity: 'library.loan', query: 'filters.status=overdue' }, { name: /80/ }],
      [{ name: '   ', entity: 'library.loan', query: 'filters.status=overdue' }, { name: /required/ }],
      [{ name: 'Nope', entity: 'library.nothing', query: 'filters.status=overdue' }, { entity: /no list "library.nothing"/ }],
      [{ name: 'Audit', entity: 'core.audit_log', query: 'filters.action=create' }, { entity: /no list "core.audit_log"/ }],
      [{ name: 'Pricey', entity: 'library.book', query: 'filters.acquisition_price~~from=10' }, { query: /may not read book field "acquisition_price"/ }],
      [{ name: 'Ghost', entity: 'library.loan', query: 'filters.colour=red' }, { query: /no field "colour"/ }],
      [{ name: 'Sorted by price', entity: 'library.book', query: 'sortBy=acquisition_price' }, { query: /acquisition_price/ }],
      [{ name: 'Odd', entity: 'library.loan', query: 'select=*' }, { query: /not a list filter/ }],
      [{ name: 'Empty', entity: 'library.loan', query: 'page=2' }, { query: /no filter to save/ }],
      [{ name: 'Sideways', entity: 'library.loan', query: 'filters.status=overdue&direction=up' }, { query: /asc or desc/ }],
    ];
    for (const [input, expected] of cases) {
      const errors = await fieldErrorsOf(member.create(SAVED, input));
      for (const [field, pattern] of Object.entries(expected)) expect({ input, message: errors[field] }).toEqual({ input, message: expect.stringMatching(pattern) });
    }
    expect((await member.find(SAVED, { filters: [{ field: 'owner', op: 'eq', value: a.users.get('member')!.id }], limit: 100 })).map((f) => f.name)).toEqual(['My overdue loans']);
  });

  it('the owner cannot be chosen: it is who saves', async () => {
    const librarian = await a.as('librarian');
    expect(await fieldErrorsOf(librarian.create(SAVED, { name: 'For the member', entity: 'library.loan', query: 'filters.status=issued', owner: a.users.get('member')!.id }))).toEqual({ owner: expect.stringMatching(/set by the system/) });
  });

  it('the same name twice on one list is refused for one user, allowed for two', async () => {
    const librarian = await a.as('librarian');
    await librarian.create(SAVED, { name: 'Twice', entity: 'library.loan', query: 'filters.status=issued' });
    expect(await fieldErrorsOf(librarian.create(SAVED, { name: 'Twice', entity: 'library.loan', query: 'filters.status=overdue' }))).toEqual({ name: 'you already saved a filter of this name on this list' });
    await (await a.as('member')).create(SAVED, { name: 'Twice', entity: 'library.loan', query: 'filters.status=issued' });
  });
});
