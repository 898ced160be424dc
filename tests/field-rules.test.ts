/**
 * Field-level rules: hidden fields are absent from every read, fields a role
 * may not set give a field error, and the custom roles an organization admin
 * writes are validated like manifest rules before they are saved.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { errorOf } from './support/errors.js';

let runtime: TestRuntime;
let lib: Fixture;
let admin: RecordService;
let book: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian', 'member']);
  admin = await lib.as('admin');
  book = await (await lib.as('librarian')).create('library.book', { title: 'Priced', shelf: 'A-1', copies_total: 1, acquisition_price: 42.5 });
});
afterAll(() => runtime.dispose());


/** A user holding only the custom role `name` with `rules`, created through the admin's record service. */
async function userWithCustomRole(name: string, rules: unknown[]): Promise<RecordService> {
  const role = await admin.create('core.role', { name, label: `Custom ${name}`, rules });
  const email = `${name}@${lib.org.slug}.test`;
  const user = await admin.create('core.user', { email, name: `${name} user`, password: 'secret-123', is_active: true });
  await admin.create('core.role_assignment', { user: user.id, role: role.id });
  return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: lib.org.id, email });
}

describe('fields a role may not read', () => {
  it('a member never receives acquisition_price, in lists or single reads', async () => {
    const member = await lib.as('member');
    const [listed] = await member.find('library.book', { filters: [{ field: 'id', op: 'eq', value: book.id }] });
    expect(listed).toMatchObject({ id: book.id, title: 'Priced' });
    expect(listed).not.toHaveProperty('acquisition_price');
    const single = await member.get('library.book', book.id);
    expect(single.title).toBe('Priced');
    expect(single).not.toHaveProperty('acquisition_price');
    expect(await member.getMany('library.book', [book.id])).toEqual([expect.not.objectContaining({ acquisition_price: expect.anything() })]);
  });

  it('a member cannot filter or sort on a hidden field to learn its values', async () => {
    const member = await lib.as('member');
    // A filter on a field the reader may not see is ignored, not applied.
    const found = await member.find('library.book', { filters: [{ field: 'acquisition_price', op: 'eq', value: 1 }] });
    expect(found.map((r) => r.id)).toContain(book.id);
    // Sorting by it falls back to the entity's default order (title), which the prices would contradict.
    const librarian = await lib.as('librarian');
    await librarian.create('library.book', { title: 'Aardvarks', copies_total: 1, acquisition_price: 1 });
    await librarian.create('library.book', { title: 'Zebras', copies_total: 1, acquisition_price: 999 });
    const byPrice = await member.find('library.book', { sort: { field: 'acquisition_price', direction: 'desc' } });
    expect(byPrice.map((r) => r.title)).toEqual(['Aardvarks', 'Priced', 'Zebras']);
    const librarianByPrice = await librarian.find('library.book', { sort: { field: 'acquisition_price', direction: 'desc' } });
    expect(librarianByPrice.map((r) => r.title)).toEqual(['Zebras', 'Priced', 'Aardvarks']);
  });

  it('a librarian receives acquisition_price', async () => {
    const librarian = await lib.as('librarian');
    expect((await librarian.get('library.book', book.id)).acquisition_price).toBe(42.5);
    const [listed] = await librarian.find('library.book', { filters: [{ field: 'id', op: 'eq', value: book.id }] });
    expect(listed.acquisition_price).toBe(42.5);
  });
});

describe('a custom role that may update only the title of books', () => {
  let editor: RecordService;
  beforeAll(async () => {
    editor = await userWithCustomRole('title_editor', [
      { action: 'read', subject: 'library.book' },
      { action: 'update', subject: 'library.book', fields: ['title'] },
    ]);
  });

  it('may change the title', async () => {
    const updated = await editor.update('library.book', book.id, { title: 'Retitled' });
    expect(updated.title).toBe('Retitled');
  });

  it('gets a field error on shelf, and nothing changes', async () => {
    const err = await errorOf(editor.update('library.book', book.id, { shelf: 'Z-9', title: 'Both' }));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).fieldErrors).toEqual({ shelf: { message: 'you may not set this field', type: 'forbidden' } });
    expect(await (await lib.system()).get('library.book', book.id)).toMatchObject({ shelf: 'A-1', title: 'Retitled' });
  });

  it('may not create books at all', async () => {
    await expect(editor.create('library.book', { title: 'New', copies_total: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('custom role rules are validated when saved', () => {
  it.each([
    ['an unknown subject', [{ action: 'read', subject: 'library.nope' }], /^Rule 1 \(subject\): rule on unknown subject "library\.nope"$/],
    ['an unknown field', [{ action: 'update', subject: 'library.book', fields: ['title', 'colour'] }], /^Rule 1 \(fields\): unknown field "colour" on Book$/],
    ['an unknown placeholder', [{ action: 'read', subject: 'library.loan', conditions: { 'member.user': '${user.nope}' } }], /^Rule 1 \(conditions, member\.user\): unknown placeholder "\$\{user\.nope\}"/],
    ['an unknown operator', [{ action: 'read', subject: 'library.book', conditions: { title: { $regex: 'x' } } }], /unknown operator "\$regex"/],
    ['a subject without its module', [{ action: 'read', subject: 'book' }], /subject "book" needs its module: "<module>\.book"/],
    ['something that is not a list of rules', { action: 'read' }, /rules must be a list of rules/],
  ])('%s is refused with a field error on rules, and no role is saved', async (_what, rules, message) => {
    const name = `bad_${Math.random().toString(36).slice(2, 8)}`;
    const err = await errorOf(admin.create('core.role', { name, rules }));
    expect(err).toBeInstanceOf(RecordValidationError);
    const fieldErrors = (err as RecordValidationError).fieldErrors;
    expect(Object.keys(fieldErrors)).toEqual(['rules']);
    expect(fieldErrors.rules.message).toMatch(message);
    expect(await admin.count('core.role', [{ field: 'name', op: 'eq', value: name }])).toBe(0);
  });

  it('an update that breaks the rules of an existing custom role is refused too', async () => {
    const role = await admin.create('core.role', { name: 'shelf_reader', rules: [{ action: 'read', subject: 'library.book', fields: ['shelf'] }] });
    const err = await errorOf(admin.update('core.role', role.id, { rules: [{ action: 'read', subject: 'library.book', fields: ['shelves'] }] }));
    expect((err as RecordValidationError).fieldErrors?.rules?.message).toMatch(/unknown field "shelves"/);
    expect((await admin.get('core.role', role.id)).rules).toEqual([{ action: 'read', subject: 'library.book', fields: ['shelf'] }]);
  });

  it('a custom role may not take the name of a built-in role, on create or by renaming', async () => {
    for (const name of [...runtime.registry.roles.keys()]) {
      const err = await errorOf(admin.create('core.role', { name, rules: [] }));
      expect(err).toBeInstanceOf(RecordValidationError);
      expect((err as RecordValidationError).fieldErrors.name?.message).toMatch(/built-in role/);
    }
    // Renaming a custom role to a built-in name is refused the same way.
    const role = await admin.create('core.role', { name: 'renamed_later', rules: [] });
    const err = await errorOf(admin.update('core.role', role.id, { name: 'admin' }));
    expect((err as RecordValidationError).fieldErrors.name?.message).toMatch(/built-in role/);
    // A module role's key has its module (library.librarian): the bare name is free for a custom role, a dotted name never is.
    expect((await admin.update('core.role', role.id, { name: 'librarian' })).name).toBe('librarian');
    const dotted = await errorOf(admin.create('core.role', { name: 'library.helper', rules: [] }));
    expect((dotted as RecordValidationError).fieldErrors.name?.message).toBeDefined();
  });
});
