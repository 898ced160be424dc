/**
 * Field rules whose answer depends on the record (conditional and inverted
 * ones) hold on every path that hands out record data: find, get, getMany,
 * findPages, lock, create and update results, filters, sort and exports.
 * Conditions are matched on the full row, so a rule that tests a field it does
 * not grant still shows the fields it grants.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { RecordService, type RecordData } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { exportRecords } from '../core/exchange/export.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { errorOf } from './support/errors.js';

let runtime: TestRuntime;
let lib: Fixture;
let admin: RecordService;
let novel: RecordData;
let atlas: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  admin = await lib.as('admin');
  const librarian = await lib.as('librarian');
  novel = await librarian.create('library.book', { title: 'A Novel', category: 'fiction', shelf: 'F-1', copies_total: 1, acquisition_price: 12.5 });
  atlas = await librarian.create('library.book', { title: 'An Atlas', category: 'reference', shelf: 'R-1', copies_total: 3, acquisition_price: 80 });
});
afterAll(() => runtime.dispose());

/** A user holding only the custom role `name` with `rules`. */
async function userWithCustomRole(name: string, rules: unknown[]): Promise<RecordService> {
  const role = await admin.create('core.role', { name, label: `Custom ${name}`, rules });
  const email = `${name}@${lib.org.slug}.test`;
  const user = await admin.create('core.user', { email, name: `${name} user`, password: 'secret-123', is_active: true });
  await admin.create('core.role_assignment', { user: user.id, role: role.id });
  return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: lib.org.id, email });
}

const byId = (rows: RecordData[], id: string): RecordData => rows.find((r) => r.id === id)!;

async function exportCsv(records: RecordService): Promise<Record<string, string>[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportRecords(records, 'library.book', 'csv', out);
  return parse(Buffer.concat(chunks).toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

describe('an inverted field rule with a condition: no acquisition price on fiction', () => {
  let guard: RecordService;
  beforeAll(async () => {
    guard = await userWithCustomRole('price_guard', [
      { action: ['read', 'create', 'update'], subject: 'library.book' },
      { action: 'read', subject: 'library.book', fields: ['acquisition_price'], conditions: { category: 'fiction' }, inverted: true },
      { action: 'update', subject: 'library.book', fields: ['shelf'], conditions: { category: 'fiction' }, inverted: true },
    ]);
  });

  it('hides the price of the fiction book and shows the other one, in find, get, getMany and findPages', async () => {
    const listed = await guard.find('library.book');
    expect(byId(listed, novel.id)).toMatchObject({ title: 'A Novel', category: 'fiction' });
    expect(byId(listed, novel.id)).not.toHaveProperty('acquisition_price');
    expect(byId(listed, atlas.id).acquisition_price).toBe(80);
    expect(await guard.get('library.book', novel.id)).not.toHaveProperty('acquisition_price');
    expect((await guard.get('library.book', atlas.id)).acquisition_price).toBe(80);
    const many = await guard.getMany('library.book', [novel.id, atlas.id]);
    expect(byId(many, novel.id)).not.toHaveProperty('acquisition_price');
    expect(byId(many, atlas.id).acquisition_price).toBe(80);
    const paged: RecordData[] = [];
    for await (const page of guard.findPages('library.book', {}, 1)) paged.push(...page);
    expect(byId(paged, novel.id)).not.toHaveProperty('acquisition_price');
    expect(byId(paged, atlas.id).acquisition_price).toBe(80);
  });

  it('hides it from lock, and from the results of create and update', async () => {
    const locked = await guard.transaction((tx) => tx.lock('library.book', novel.id));
    expect(locked.title).toBe('A Novel');
    expect(locked).not.toHaveProperty('acquisition_price');
    const created = await guard.create('library.book', { title: 'Another Novel', category: 'fiction', copies_total: 1, acquisition_price: 9 });
    expect(created).not.toHaveProperty('acquisition_price');
    expect((await lib.system()).get('library.book', created.id)).resolves.toMatchObject({ acquisition_price: 9 });
    const updated = await guard.update('library.book', novel.id, { title: 'A Novel, revised' });
    expect(updated.title).toBe('A Novel, revised');
    expect(updated).not.toHaveProperty('acquisition_price');
    expect(updated).toEqual(await guard.get('library.book', novel.id));
    // Moving a book into fiction hides its price in the very result of that update.
    const moved = await guard.update('library.book', created.id, { category: 'science' });
    expect(moved.acquisition_price).toBe(9);
    expect(await guard.update('library.book', created.id, { category: 'fiction' })).not.toHaveProperty('acquisition_price');
  });

  it('a filter on the price matches only books whose price the reader sees; a sort on it falls back to the default order', async () => {
    const priced = await guard.find('library.book', { filters: [{ field: 'acquisition_price', op: 'eq', value: 12.5 }] });
    expect(priced).toEqual([]);
    expect(await guard.count('library.book', [{ field: 'acquisition_price', op: 'eq', value: 12.5 }])).toBe(0);
    expect((await guard.find('library.book', { filters: [{ field: 'acquisition_price', op: 'eq', value: 80 }] })).map((r) => r.id)).toEqual([atlas.id]);
    const sorted = await guard.find('library.book', { sort: { field: 'acquisition_price', direction: 'desc' } });
    const byTitle = [...sorted].sort((a, b) => String(a.title).localeCompare(String(b.title)));
    expect(sorted.map((r) => r.id)).toEqual(byTitle.map((r) => r.id));
  });

  it('an export leaves the fiction price empty and keeps the other', async () => {
    const rows = await exportCsv(guard);
    expect(rows.find((r) => r.id === novel.id)).toMatchObject({ title: 'A Novel, revised', acquisition_price: '' });
    expect(rows.find((r) => r.id === atlas.id)).toMatchObject({ acquisition_price: '80' });
  });

  it('an inverted update rule with a condition refuses the field on matching records only', async () => {
    const err = await errorOf(guard.update('library.book', novel.id, { shelf: 'Z-9' }));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).fieldErrors).toEqual({ shelf: { message: 'you may not set this field', type: 'forbidden' } });
    await expect(guard.update('library.book', atlas.id, { shelf: 'R-2' })).resolves.toMatchObject({ shelf: 'R-2' });
  });
});

describe('a conditional field rule that tests a field it does not grant', () => {
  let reader: RecordService;
  beforeAll(async () => {
    reader = await userWithCustomRole('stock_reader', [
      { action: 'read', subject: 'library.book', fields: ['title'] },
      { action: 'read', subject: 'library.book', fields: ['title', 'acquisition_price'], conditions: { copies_total: { $gte: 2 } } },
    ]);
  });

  it('shows the price where the hidden copies_total matches, and never copies_total itself', async () => {
    for (const rows of [await reader.find('library.book'), await reader.getMany('library.book', [novel.id, atlas.id])]) {
      expect(byId(rows, atlas.id)).toMatchObject({ title: 'An Atlas', acquisition_price: 80 });
      expect(byId(rows, novel.id)).not.toHaveProperty('acquisition_price');
      for (const row of rows) expect(row).not.toHaveProperty('copies_total');
    }
    expect(Object.keys(await reader.get('library.book', atlas.id)).filter((k) => runtime.registry.entity('library.book')!.field.has(k)).sort()).toEqual(['acquisition_price', 'title']);
  });

  it('the member role (read own member record, fields without `user`) shows every granted field of the own record', async () => {
    const system = await lib.system();
    const own = await system.create('library.member', { name: 'Me Myself', card_number: 'OWN-0001', email: 'me@example.org', phone: '+1 555 0100', user: lib.users.get('member')!.id });
    const member = await lib.as('member');
    const expected = { id: own.id, name: 'Me Myself', card_number: 'OWN-0001', email: 'me@example.org', phone: '+1 555 0100', status: own.status, joined_on: own.joined_on };
    expect(await member.get('library.member', own.id)).toMatchObject(expected);
    expect((await member.find('library.member')).map((r) => r.id)).toEqual([own.id]);
    expect((await member.find('library.member'))[0]).toMatchObject(expected);
    expect(await member.get('library.member', own.id)).not.toHaveProperty('user');
  });
});
