/**
 * user:export and user:erase, through the CLI on a real database: the export
 * holds the person's account (personal fields as the manifests mark them),
 * roles, the records about them with their personal fields, and the records
 * they created by entity and id only; nobody else's data. Erasure needs the
 * address typed again, pseudonymises the account and disables its sign-in,
 * blanks the personal fields of the records about them (a required one is
 * pseudonymised), keeps every record and its authorship, leaves others
 * untouched and writes an audit entry naming the operator and the fields,
 * not their values. A manifest marking a non-text field personal is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { authenticator } from '../core/auth/index.js';
import { RecordService } from '../core/data/records.js';
import { ManifestError } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { createUser } from '../core/tenancy/index.js';
import { erasePersonalData, exportPersonalData } from '../core/tenancy/personal-data.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { runCli, type CliResult } from './support/cli.js';

let runtime: TestRuntime;
let org: Fixture;
let ann: { id: string; email: string };
let annMember: string;
let bobMember: string;
let annBook: string;

function ums(...argv: string[]): Promise<CliResult> {
  return runCli(argv, { DATABASE_URL: runtime.url });
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['librarian']);
  const email = `Ann.Reader@${org.org.slug}.test`;
  const user = await createUser(runtime, org.org.slug, { email, password: 'secret-123', name: 'Ann Reader', roles: ['librarian', 'library.member'] });
  ann = { id: user.id, email: email.toLowerCase() }; // addresses are stored lower-case
  const librarian = await org.as('librarian');
  annMember = String((await librarian.create('library.member', { name: 'Ann Reader', card_number: 'ANN-0001', email, phone: '+44 20 7946 0001', user: ann.id })).id);
  const asAnn = await RecordService.for(runtime, { kind: 'user', userId: ann.id, organizationId: org.org.id, email });
  bobMember = String((await asAnn.create('library.member', { name: 'Bob Other', card_number: 'BOB-0001', email: 'bob@example.org', phone: '+44 20 7946 0002' })).id);
  annBook = String((await asAnn.create('library.book', { title: 'Written by Ann', copies_total: 1 })).id);
}, 120_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe('user:export', () => {
  it("hands over the person's account, roles and records, with personal fields only where the record is about them", async () => {
    const r = await ums('user:export', `Ann.Reader@${org.org.slug}.test`, '--org', org.org.slug);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({ format: 'ums-personal-data', organization: { slug: org.org.slug } });
    expect(data.user).toMatchObject({ id: ann.id, email: ann.email, name: 'Ann Reader', is_active: true });
    expect(data.user).not.toHaveProperty('password_hash');
    expect(data.roles).toEqual(expect.arrayContaining(['library.librarian', 'library.member']));
    const member = data.records.find((x: { id: string }) => x.id === annMember);
    expect(member).toMatchObject({ entity: 'library.member', relation: ['field:user'], personal: { name: 'Ann Reader', email: `Ann.Reader@${org.org.slug}.test`, phone: '+44 20 7946 0001' } });
    // Bob's record was created by Ann (as librarian) but is about Bob: listed, without his personal fields.
    const bob = data.records.find((x: { id: string }) => x.id === bobMember);
    expect(bob).toEqual({ entity: 'library.member', id: bobMember, created_at: expect.any(String), relation: ['created'] });
    expect(data.records.find((x: { id: string }) => x.id === annBook)).toMatchObject({ entity: 'library.book', relation: ['created'] });
    expect(data.records.some((x: { entity: string; relation: string[] }) => x.entity === 'core.audit_log' && x.relation.includes('field:actor'))).toBe(true);
    expect(r.stdout).not.toContain('Bob Other');
    expect(r.stdout).not.toContain('secret-123');
  }, 60_000);

  it('says so for an address the organization does not have', async () => {
    const r = await ums('user:export', 'nobody@example.org', '--org', org.org.slug);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No user with e-mail nobody@example.org');
  }, 60_000);
});

describe('user:erase', () => {
  it('needs the address typed again', async () => {
    expect((await ums('user:erase', ann.email, '--org', org.org.slug)).code).toBe(2);
    const wrong = await ums('user:erase', ann.email, '--org', org.org.slug, '--confirm', 'someone@else.org');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('must repeat the e-mail address');
    expect((await runtime.dataSource.query('SELECT is_active FROM core_user WHERE id = $1', [ann.id]))[0].is_active).toBe(true);
  }, 60_000);

  it('pseudonymises the account, disables sign-in, blanks the records about them, keeps every record, audits the operator', async () => {
    const bobBefore = await runtime.dataSource.query('SELECT name, email, phone FROM library_member WHERE id = $1', [bobMember]);
    const r = await ums('user:erase', ann.email, '--org', org.org.slug, '--confirm', ann.email.toUpperCase());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('library.member: name, email, phone in 1 record');

    const [user] = await runtime.dataSource.query('SELECT email, name, password_hash, is_active, deleted_at FROM core_user WHERE id = $1', [ann.id]);
    expect(user).toMatchObject({ email: `erased-${ann.id}@erased.invalid`, name: 'Erased user', password_hash: null, is_active: false });
    expect(user.deleted_at).not.toBeNull();
    expect(await authenticator(runtime)(ann.email, 'secret-123')).toBeNull();

    const [member] = await runtime.dataSource.query('SELECT name, email, phone, card_number, user_id FROM library_member WHERE id = $1', [annMember]);
    expect(member).toEqual({ name: 'erased', email: null, phone: null, card_number: 'ANN-0001', user_id: ann.id });
    const [book] = await runtime.dataSource.query('SELECT title, created_by FROM library_book WHERE id = $1', [annBook]);
    expect(book).toEqual({ title: 'Written by Ann', created_by: ann.id });
    expect(await runtime.dataSource.query('SELECT name, email, phone FROM library_member WHERE id = $1', [bobMember])).toEqual(bobBefore);

    const [entry] = await runtime.dataSource.query(`SELECT system_actor, record_id, changes FROM core_audit_log WHERE organization_id = $1 AND action_name = 'user:erase'`, [org.org.id]);
    expect(entry.system_actor).toMatch(/^operator:/);
    expect(entry.record_id).toBe(ann.id);
    expect(entry.changes.erased['core.user'].fields).toEqual(['email', 'name']);
    expect(JSON.stringify(entry.changes)).not.toContain('Ann');
    // Their export now holds the pseudonyms only.
    const after = JSON.parse((await ums('user:export', `erased-${ann.id}@erased.invalid`, '--org', org.org.slug)).stdout);
    expect(JSON.stringify(after)).not.toContain('Ann Reader');
  }, 90_000);
});

describe('whose record it is', () => {
  it("an approver's erasure leaves the employees they approve for alone; the employee's own erasure blanks their record", async () => {
    const hr = await createFixtureOrg(runtime, 'hr', ['approver', 'hr_officer']);
    const approver = hr.users.get('approver')!;
    const carlUser = await createUser(runtime, hr.org.slug, { email: `carl@${hr.org.slug}.test`, password: 'secret-123', name: 'Carl', roles: ['hr.employee'] });
    const carl = String((await (await hr.as('hr_officer')).create('hr.employee', { name: 'Carl Staff', user: carlUser.id, join_date: '2025-01-06', leave_approver: approver.id })).id);
    const approverExport = await exportPersonalData(runtime, hr.org.slug, approver.email);
    expect(approverExport.records.find((r) => r.id === carl)).toEqual({ entity: 'hr.employee', id: carl, created_at: expect.any(String), relation: ['field:leave_approver'] });
    const byApprover = await erasePersonalData(runtime, hr.org.slug, approver.email, { operator: 'dpo' });
    expect(Object.keys(byApprover.erased)).toEqual(['core.user']);
    expect((await runtime.dataSource.query('SELECT name FROM hr_employee WHERE id = $1', [carl]))[0].name).toBe('Carl Staff');
    expect((await exportPersonalData(runtime, hr.org.slug, `carl@${hr.org.slug}.test`)).records.find((r) => r.id === carl)?.personal).toEqual({ name: 'Carl Staff' });
    const byCarl = await erasePersonalData(runtime, hr.org.slug, `carl@${hr.org.slug}.test`, { operator: 'dpo' });
    expect(byCarl.erased['hr.employee']).toEqual({ fields: ['name'], records: 1 });
    // Required, so a pseudonym rather than empty; the record and its approver link stay.
    expect((await runtime.dataSource.query('SELECT name, leave_approver_id FROM hr_employee WHERE id = $1', [carl]))[0]).toEqual({ name: 'erased', leave_approver_id: approver.id });
  }, 90_000);
});

describe('the manifest flag', () => {
  it('refuses "personal" on a field that is not text, e-mail, phone, date or a reference to core.user', () => {
    const manifest = { id: 'pets', version: '1.0.0', label: 'Pets', entities: [{ name: 'pet', fields: [
      { name: 'name', type: 'string', personal: true },
      { name: 'weight', type: 'integer', personal: true },
      { name: 'owner', type: 'reference', target: 'core.user', personal: true },
      { name: 'mother', type: 'reference', target: 'pet', personal: true },
    ] }] };
    const dir = mkdtempSync(join(tmpdir(), 'ums-personal-'));
    writeFileSync(join(dir, 'pets.json'), JSON.stringify(manifest));
    let error: unknown;
    try {
      loadRegistry({ dir });
    } catch (err) {
      error = err;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).problems).toEqual([
      expect.objectContaining({ pointer: expect.stringMatching(/\/entities\/0\/fields\/1\/personal$/), message: expect.stringContaining('"personal" applies to string, text, email, phone, date fields and to a reference to core.user (whose record it is), not integer') }),
      expect.objectContaining({ pointer: expect.stringMatching(/\/entities\/0\/fields\/3\/personal$/), message: expect.stringContaining('not a reference to pet') }),
    ]);
  });
});
