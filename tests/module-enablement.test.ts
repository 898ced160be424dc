/**
 * Disabling a module for an organization hides and refuses it for that
 * organization's users, touches no other organization and drops no data;
 * enabling it again brings every record back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordData } from '../core/data/records.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const LIBRARY_ENTITIES = ['library.book', 'library.member', 'library.loan', 'library.fine_setting'];

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
/** The book, member and loan each organization starts with. */
const seeded = new Map<Fixture, { book: RecordData; member: RecordData; loan: RecordData }>();

/** Ids of every library record the organization holds, read below the permission layer. */
async function storedIds(orgId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const key of LIBRARY_ENTITIES) {
    const table = runtime.registry.entity(key)!.table;
    const rows: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM "${table}" WHERE organization_id = $1 ORDER BY id`, [orgId]);
    out[key] = rows.map((r) => r.id);
  }
  return out;
}

async function visibleIds(fixture: Fixture, role: string): Promise<Record<string, string[]>> {
  const records = await fixture.as(role);
  const out: Record<string, string[]> = {};
  for (const key of LIBRARY_ENTITIES) out[key] = (await records.find(key, { limit: 1000 })).map((r) => r.id).sort();
  return out;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
  for (const fixture of [a, b]) {
    const librarian = await fixture.as('librarian');
    await (await fixture.system()).create('library.fine_setting', { loan_days: 10, daily_fine: 1 });
    const book = await librarian.create('library.book', { title: 'Kept', copies_total: 2 });
    const member = await librarian.create('library.member', { name: 'Kept reader', card_number: 'KEPT-0001', user: fixture.users.get('member')?.id ?? null });
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    seeded.set(fixture, { book, member, loan });
  }
});
afterAll(() => runtime.dispose());

describe('disabling the library module for one organization', () => {
  let storedBefore: Record<string, string[]>;
  let visibleBefore: Record<string, string[]>;
  let visibleInB: Record<string, string[]>;

  beforeAll(async () => {
    storedBefore = await storedIds(a.org.id);
    visibleBefore = await visibleIds(a, 'librarian');
    visibleInB = await visibleIds(b, 'librarian');
    expect(visibleBefore['library.book']).toHaveLength(1);
    expect(await setModuleEnabled(runtime, a.org.slug, 'library', false)).toEqual(['library']);
  });

  it('its users read nothing of the module: lists, counts, single records', async () => {
    for (const role of ['librarian', 'member', 'admin']) {
      const records = await a.as(role);
      for (const key of LIBRARY_ENTITIES) {
        expect(await records.find(key)).toEqual([]);
        expect(await records.count(key)).toBe(0);
        expect(await records.can('read', key)).toBe(false);
      }
      await expect(records.get('library.book', seeded.get(a)!.book.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await records.getMany('library.loan', [seeded.get(a)!.loan.id])).toEqual([]);
    }
  });

  it('its users cannot write: create, update, delete and record actions are refused as MODULE_DISABLED', async () => {
    const aBook = seeded.get(a)!.book.id;
    const aLoan = seeded.get(a)!.loan.id;
    for (const role of ['librarian', 'admin']) {
      const records = await a.as(role);
      await expect(records.create('library.book', { title: 'New', copies_total: 1 })).rejects.toMatchObject({ code: 'MODULE_DISABLED' });
      await expect(records.update('library.book', aBook, { title: 'Changed' })).rejects.toMatchObject({ code: 'MODULE_DISABLED' });
      await expect(records.delete('library.book', aBook)).rejects.toMatchObject({ code: 'MODULE_DISABLED' });
      await expect(records.runAction('library.loan', 'issue', aLoan)).rejects.toMatchObject({ code: 'MODULE_DISABLED' });
    }
    expect(await storedIds(a.org.id)).toEqual(storedBefore);
  });

  it('core stays available to the same users', async () => {
    const admin = await a.as('admin');
    expect(await admin.count('core.user')).toBeGreaterThan(0);
  });

  it('another organization is unaffected', async () => {
    expect(await visibleIds(b, 'librarian')).toEqual(visibleInB);
    const librarianB = await b.as('librarian');
    const created = await librarianB.create('library.book', { title: 'Still open in B', copies_total: 1 });
    expect((await librarianB.get('library.book', created.id)).title).toBe('Still open in B');
  });

  it('enabling it again brings back exactly the same records, nothing dropped', async () => {
    await setModuleEnabled(runtime, a.org.slug, 'library', true);
    expect(await storedIds(a.org.id)).toEqual(storedBefore);
    expect(await visibleIds(a, 'librarian')).toEqual(visibleBefore);
    const librarian = await a.as('librarian');
    expect(await librarian.get('library.loan', seeded.get(a)!.loan.id)).toMatchObject({ status: 'requested' });
    // The member sees their own loan again, and the module works again.
    expect((await (await a.as('member')).find('library.loan')).map((r) => r.id)).toEqual([seeded.get(a)!.loan.id]);
    const result = await librarian.runAction('library.loan', 'issue', seeded.get(a)!.loan.id);
    expect(result.record?.status).toBe('issued');
  });
});

describe('module settings', () => {
  it('core cannot be disabled, and an unknown module is named in the error', async () => {
    await expect(setModuleEnabled(runtime, a.org.slug, 'core', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setModuleEnabled(runtime, a.org.slug, 'nope', true)).rejects.toThrow(/No module "nope"/);
  });
});
