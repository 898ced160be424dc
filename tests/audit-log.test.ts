/**
 * Every write leaves exactly one audit row, written in the same transaction as
 * the change; the log is append-only in the database itself, readable by the
 * organization's admin only, and never holds a password.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import { definePlugin } from '../core/plugins/types.js';
import { discoverPlugins } from '../core/plugins/discover.js';
import { loadRegistry } from '../core/manifest/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const EXPLODE = 'Explode after the write';

/** Member hooks that fail the pipeline after the row is written (and audited), so the transaction must undo both. */
const failingAfterWrite = definePlugin({
  module: 'library',
  hooks: {
    member: {
      afterCreate(ctx, record) {
        if (record.name === EXPLODE) throw new RecordValidationError(ctx.entity.key, { name: { message: 'refused after the insert' } });
      },
      afterUpdate(ctx, { after }) {
        if (after.name === EXPLODE) throw new RecordValidationError(ctx.entity.key, { name: { message: 'refused after the update' } });
      },
      afterDelete(ctx, record) {
        if (record.card_number === 'KEEP-0001') throw new RecordValidationError(ctx.entity.key, { card_number: { message: 'refused after the delete' } });
      },
    },
  },
});

interface AuditRow {
  id: string;
  organization_id: string;
  actor_id: string | null;
  module: string;
  entity: string;
  record_id: string;
  action: string;
  changes: Record<string, unknown>;
}

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  // Every shipped plugin (the institute's workflows need theirs), the library's with member hooks that fail after writing.
  const shipped = await discoverPlugins(loadRegistry());
  const plugins = shipped.map((p) => (p.module === 'library' ? { ...p, hooks: { ...p.hooks, ...failingAfterWrite.hooks } } : p));
  runtime = await createTestRuntime({ plugins });
  a = await createFixtureOrg(runtime, 'library', ['librarian']);
  b = await createFixtureOrg(runtime, 'library', ['librarian']);
});
afterAll(() => runtime.dispose());

const auditOf = (recordId: string): Promise<AuditRow[]> =>
  runtime.dataSource.query(
    `SELECT id, organization_id, actor_id, module, entity, record_id, action, changes FROM core_audit_log WHERE record_id = $1 ORDER BY created_at, action`,
    [recordId],
  );

const countAudit = async (organizationId: string): Promise<number> =>
  (await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_audit_log WHERE organization_id = $1`, [organizationId]))[0].n;

describe('audit rows', () => {
  it('create, update and delete each write one row with actor, organization, module, entity, record and before/after', async () => {
    const librarian = await a.as('librarian');
    const librarianId = a.users.get('librarian')!.id;
    const book = await librarian.create('library.book', { title: 'Audited', copies_total: 2, shelf: 'B-2' });
    let rows = await auditOf(book.id);
    expect(rows).toEqual([
      expect.objectContaining({ organization_id: a.org.id, actor_id: librarianId, module: 'library', entity: 'library.book', record_id: book.id, action: 'create' }),
    ]);
    expect(rows[0].changes).toMatchObject({
      title: { before: null, after: 'Audited' },
      copies_total: { before: null, after: 2 },
      copies_available: { before: null, after: 2 },
      shelf: { before: null, after: 'B-2' },
    });

    await librarian.update('library.book', book.id, { title: 'Audited again', shelf: 'B-2' });
    rows = await auditOf(book.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ action: 'update', actor_id: librarianId, organization_id: a.org.id });
    // Only what changed, with both values.
    expect(rows[1].changes).toEqual({ title: { before: 'Audited', after: 'Audited again' } });

    await librarian.delete('library.book', book.id);
    rows = await auditOf(book.id);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ action: 'delete', actor_id: librarianId, entity: 'library.book' });
    expect(rows[2].changes).toMatchObject({ title: { before: 'Audited again', after: null }, copies_total: { before: 2, after: null } });
  });

  it('a system actor is recorded as no user', async () => {
    const system = await a.system();
    const member = await system.create('library.member', { name: 'By the system', card_number: 'SYS-0001' });
    expect(await auditOf(member.id)).toEqual([expect.objectContaining({ actor_id: null, action: 'create', organization_id: a.org.id })]);
  });

  it('a record action is audited with its name', async () => {
    const librarian = await a.as('librarian');
    const book = await librarian.create('library.book', { title: 'Lent', copies_total: 1 });
    const member = await librarian.create('library.member', { name: 'Lender', card_number: 'LEND-0001' });
    const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
    await librarian.runAction('library.loan', 'issue', loan.id);
    const rows: { action: string; action_name: string | null }[] = await runtime.dataSource.query(
      `SELECT action, action_name FROM core_audit_log WHERE record_id = $1 ORDER BY created_at`,
      [loan.id],
    );
    // The action's own update and its entry share the transaction's timestamp: compare as a set.
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'create', action_name: null },
        { action: 'update', action_name: null },
        { action: 'action', action_name: 'issue' },
      ]),
    );
  });
});

describe('a failed write', () => {
  it('a create refused after the insert leaves neither the record nor an audit row', async () => {
    const librarian = await a.as('librarian');
    const members = await librarian.count('library.member');
    const audit = await countAudit(a.org.id);
    await expect(librarian.create('library.member', { name: EXPLODE, card_number: 'BOOM-0001' })).rejects.toBeInstanceOf(RecordValidationError);
    expect(await librarian.count('library.member')).toBe(members);
    expect(await librarian.find('library.member', { filters: [{ field: 'card_number', op: 'eq', value: 'BOOM-0001' }] })).toEqual([]);
    expect(await countAudit(a.org.id)).toBe(audit);
  });

  it('an update or delete refused after the write leaves the record and the log as they were', async () => {
    const librarian = await a.as('librarian');
    const member = await librarian.create('library.member', { name: 'Steady', card_number: 'KEEP-0001' });
    const audit = await countAudit(a.org.id);
    await expect(librarian.update('library.member', member.id, { name: EXPLODE })).rejects.toBeInstanceOf(RecordValidationError);
    await expect(librarian.delete('library.member', member.id)).rejects.toBeInstanceOf(RecordValidationError);
    expect(await librarian.get('library.member', member.id)).toMatchObject({ name: 'Steady', version: 1 });
    expect(await countAudit(a.org.id)).toBe(audit);
  });

  it('several writes in one transaction are undone together with their audit rows', async () => {
    const librarian = await a.as('librarian');
    const books = await librarian.count('library.book');
    const audit = await countAudit(a.org.id);
    await expect(
      librarian.transaction(async (tx) => {
        await tx.create('library.book', { title: 'In a transaction', copies_total: 1 });
        await tx.create('library.book', { title: 'Also in it', copies_total: 1 });
        throw new RecordValidationError('library.book', { title: { message: 'changed my mind' } });
      }),
    ).rejects.toBeInstanceOf(RecordValidationError);
    expect(await librarian.count('library.book')).toBe(books);
    expect(await countAudit(a.org.id)).toBe(audit);
  });
});

describe('the log is append-only in the database', () => {
  it('UPDATE, DELETE and TRUNCATE on core_audit_log are refused, even by the application’s own connection', async () => {
    const snapshot = async (): Promise<{ n: number; digest: string }> =>
      (await runtime.dataSource.query(`SELECT count(*)::int AS n, md5(string_agg(id::text || action || changes::text, ',' ORDER BY id)) AS digest FROM core_audit_log`))[0];
    const before = await snapshot();
    expect(before.n).toBeGreaterThan(0);
    await expect(runtime.dataSource.query(`UPDATE core_audit_log SET action = 'delete'`)).rejects.toThrow(/append-only/);
    await expect(runtime.dataSource.query(`DELETE FROM core_audit_log WHERE organization_id = $1`, [a.org.id])).rejects.toThrow(/append-only/);
    await expect(runtime.dataSource.query(`TRUNCATE core_audit_log`)).rejects.toThrow(/append-only/);
    expect(await snapshot()).toEqual(before);
  });

  it('the record layer refuses to write it as well, even for its admin', async () => {
    const admin = await a.as('admin');
    const [entry] = await admin.find('core.audit_log', { limit: 1 });
    await expect(admin.update('core.audit_log', entry.id, { action_name: 'forged' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.delete('core.audit_log', entry.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.create('core.audit_log', { entity: 'library.book', record_id: entry.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('who reads the log', () => {
  it('an organization admin reads exactly their organization’s entries', async () => {
    await (await b.as('librarian')).create('library.book', { title: 'In B', copies_total: 1 });
    const admin = await a.as('admin');
    const listed = (await admin.find('core.audit_log', { limit: 1000 })).map((r) => r.id).sort();
    const own: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM core_audit_log WHERE organization_id = $1`, [a.org.id]);
    expect(listed).toEqual(own.map((r) => r.id).sort());
    const foreign: { id: string }[] = await runtime.dataSource.query(`SELECT id FROM core_audit_log WHERE organization_id = $1`, [b.org.id]);
    expect(foreign.length).toBeGreaterThan(0);
    expect(await admin.getMany('core.audit_log', foreign.map((r) => r.id))).toEqual([]);
  });

  it('a librarian reads none of it', async () => {
    const librarian = await a.as('librarian');
    expect(await librarian.find('core.audit_log')).toEqual([]);
    expect(await librarian.count('core.audit_log')).toBe(0);
  });
});

describe('passwords', () => {
  it('never appear in audit changes, neither as text nor as a hash', async () => {
    const admin = await a.as('admin');
    const user = await admin.create('core.user', { email: `pw@${a.org.slug}.test`, name: 'Password holder', password: 'first-secret-1', is_active: true });
    await admin.update('core.user', user.id, { password: 'second-secret-2' });
    await admin.update('core.user', user.id, { password: 'third-secret-3', name: 'Renamed holder' });
    await admin.delete('core.user', user.id);
    const rows = await auditOf(user.id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'update', 'delete']);
    const text = JSON.stringify(rows.map((r) => r.changes));
    for (const secret of ['first-secret-1', 'second-secret-2', 'third-secret-3', 'scrypt$']) expect(text).not.toContain(secret);
    // A password change is recorded as a change, without values.
    expect(rows[1].changes).toEqual({ password: { changed: true } });
    expect(rows[2].changes).toEqual({ password: { changed: true }, name: { before: 'Password holder', after: 'Renamed holder' } });
  });
});
