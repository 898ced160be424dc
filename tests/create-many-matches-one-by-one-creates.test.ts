/**
 * `Records.createMany` writes a set of records with multi-row INSERTs, and
 * gives what the same inputs given to `create` one after another give: the
 * same rows, the same audit rows, the same hooks' values, the same refusals
 * (validation, references across organizations, permissions, unique values,
 * a uniqueWhen inside the set) with the failing input's position, and nothing
 * of a refused set is written, even inside a caller's transaction that goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UmsError } from '../core/errors.js';
import type { RecordData, RecordService } from '../core/data/records.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let a: Fixture;
let b: Fixture;
let hr: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  a = await createFixtureOrg(runtime, 'library', ['library.librarian', 'library.member']);
  b = await createFixtureOrg(runtime, 'library', ['library.librarian']);
  hr = await createFixtureOrg(runtime, 'hr', ['hr.hr_officer']);
}, 120_000);
afterAll(() => runtime.dispose());

/** What a row holds apart from what differs between two writes of it (its id, its times). */
const content = (r: Record<string, unknown>): Record<string, unknown> => {
  const { id: _id, created_at: _c, updated_at: _u, ...rest } = r;
  return rest;
};

async function auditRows(organizationId: string, ids: string[]): Promise<{ record_id: string; actor_id: string | null; system_actor: string | null; module: string; entity: string; action: string; changes: Record<string, unknown> }[]> {
  return runtime.dataSource.query(
    `SELECT record_id, actor_id, system_actor, module, entity, action, changes FROM core_audit_log WHERE organization_id = $1 AND record_id = ANY($2) ORDER BY array_position($2, record_id)`,
    [organizationId, ids],
  );
}

const countOf = async (records: RecordService, key: string): Promise<number> => records.count(key);

async function refusal(p: Promise<unknown>): Promise<UmsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UmsError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** `n` books titled `<prefix> <i>`, ISBN-10s `<code><i as 6 digits>` (`code`: 4 digits, one per set). */
const books = (prefix: string, code: string, n: number): Record<string, unknown>[] =>
  Array.from({ length: n }, (_v, i) => ({ title: `${prefix} ${i}`, isbn: `${code}${String(i).padStart(6, '0')}`, copies_total: (i % 9) + 1, category: i % 2 ? 'history' : undefined, published_year: 1990 + (i % 30) }));

describe('createMany', () => {
  it('writes the rows, hook values and audit rows that one create per input writes, in input order', async () => {
    const librarian = await a.as('library.librarian');
    const inputs = books('SET', '1001', 7);
    const many = await librarian.createMany('library.book', inputs);
    const one: RecordData[] = [];
    for (const input of books('ONE', '1002', 7)) one.push(await librarian.create('library.book', input));
    expect(many.map((r) => r.title)).toEqual(inputs.map((i) => i.title));
    // The hook filled copies_available from copies_total on every row, as for single creates.
    expect(many.map((r) => r.copies_available)).toEqual(inputs.map((i) => i.copies_total));
    const rename = (r: Record<string, unknown>): Record<string, unknown> => ({ ...content(r), title: String(r.title).replace(/^(SET|ONE)/, 'X'), isbn: String(r.isbn).slice(4) });
    expect(many.map(rename)).toEqual(one.map(rename));
    // What is stored is what was returned (read back through the data layer).
    const stored = await librarian.getMany('library.book', many.map((r) => r.id));
    expect(stored.map(rename).sort((x, y) => String(x.title).localeCompare(String(y.title)))).toEqual(many.map(rename).sort((x, y) => String(x.title).localeCompare(String(y.title))));
    const manyAudit = await auditRows(a.org.id, many.map((r) => r.id));
    const oneAudit = await auditRows(a.org.id, one.map((r) => r.id));
    expect(manyAudit).toHaveLength(7);
    expect(manyAudit.map((r) => r.record_id)).toEqual(many.map((r) => r.id));
    const auditContent = (r: (typeof manyAudit)[number]): Record<string, unknown> => ({
      ...r,
      record_id: undefined,
      changes: JSON.parse(JSON.stringify(r.changes).replace(/"(SET|ONE)/g, '"X').replace(/"100[12](\d{6})"/g, '"$1"')),
    });
    expect(manyAudit.map(auditContent)).toEqual(oneAudit.map(auditContent));
    expect(manyAudit[0].actor_id).toBe(a.users.get('library.librarian')!.id);
  });

  it('writes sets larger than one INSERT holds', async () => {
    const librarian = await a.as('library.librarian');
    const before = await countOf(librarian, 'library.book');
    const made = await librarian.createMany('library.book', books('BIG', '2001', 1234));
    expect(made).toHaveLength(1234);
    expect(new Set(made.map((r) => r.id)).size).toBe(1234);
    expect(made[1233].isbn).toBe('2001001233');
    expect(await countOf(librarian, 'library.book')).toBe(before + 1234);
    expect(await auditRows(a.org.id, made.map((r) => r.id))).toHaveLength(1234);
  });

  it('refuses a set with an invalid input with create\'s field errors and the input\'s index, writing none of it', async () => {
    const librarian = await a.as('library.librarian');
    const before = await countOf(librarian, 'library.book');
    const bad = { isbn: '3009999999', copies_total: -2, published_year: 'soon' };
    const single = await refusal(librarian.create('library.book', bad));
    const inputs = [...books('VAL', '3001', 3), bad, ...books('VAL2', '3002', 2)];
    const err = await refusal(librarian.createMany('library.book', inputs));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.where.index).toBe(3);
    expect((err as { fieldErrors?: unknown }).fieldErrors).toEqual((single as { fieldErrors?: unknown }).fieldErrors);
    expect(err.message).toBe(single.message);
    expect(await countOf(librarian, 'library.book')).toBe(before);
    const [{ n }] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_audit_log WHERE organization_id = $1 AND entity = 'library.book' AND changes->'isbn'->>'after' LIKE '300%'`, [a.org.id]);
    expect(n).toBe(0);
  });

  it('refuses a unique value twice in the set on the second input, as the second create would be', async () => {
    const librarian = await a.as('library.librarian');
    const before = await countOf(librarian, 'library.book');
    const inputs = [...books('DUP', '4001', 4), { title: 'Again', isbn: '4001000001', copies_total: 1 }];
    const err = await refusal(librarian.createMany('library.book', inputs));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.where.index).toBe(4);
    expect(err.where.field).toBe('isbn');
    expect(await countOf(librarian, 'library.book')).toBe(before);
  });

  it('refuses a set when one input repeats what a uniqueWhen allows once (attendance per employee and day)', async () => {
    const officer = await hr.as('hr.hr_officer');
    const dept = await officer.create('hr.department', { name: 'Ops', code: 'OPS' });
    const employee = await officer.create('hr.employee', { name: 'Ana', department: dept.id, join_date: '2025-01-06', status: 'ACTIVE' });
    const days = ['2026-03-02', '2026-03-03', '2026-03-04'];
    const single = await (async () => {
      await officer.create('hr.attendance', { employee: employee.id, date: '2026-03-09', status: 'PRESENT' });
      return refusal(officer.create('hr.attendance', { employee: employee.id, date: '2026-03-09', status: 'REMOTE' }));
    })();
    const err = await refusal(officer.createMany('hr.attendance', [...days.map((date) => ({ employee: employee.id, date, status: 'PRESENT' })), { employee: employee.id, date: days[1], status: 'REMOTE' }]));
    expect(err.where.index).toBe(3);
    expect(err.code).toBe(single.code);
    expect(err.message).toBe(single.message);
    expect(await officer.count('hr.attendance', [{ field: 'date', op: 'in', value: days }])).toBe(0);
    // A CANCELLED row is outside the uniqueWhen: the set goes in.
    const made = await officer.createMany('hr.attendance', [...days.map((date) => ({ employee: employee.id, date, status: 'PRESENT' })), { employee: employee.id, date: days[1], status: 'CANCELLED' }]);
    expect(made.map((r) => r.status)).toEqual(['PRESENT', 'PRESENT', 'PRESENT', 'CANCELLED']);
  });

  it('refuses a reference to another organization\'s record, with the index', async () => {
    const librarian = await a.as('library.librarian');
    const mine = await librarian.create('library.book', { title: 'Mine', isbn: '5001000001', copies_total: 2 });
    const member = await librarian.create('library.member', { name: 'M', card_number: 'C-REF', status: 'active' });
    const theirs = await (await b.as('library.librarian')).create('library.book', { title: 'Theirs', isbn: '5001000002', copies_total: 2 });
    const err = await refusal(librarian.createMany('library.loan', [{ book: mine.id, member: member.id }, { book: theirs.id, member: member.id }]));
    expect(err.where.index).toBe(1);
    expect((err as { fieldErrors?: Record<string, { type?: string }> }).fieldErrors?.book?.type).toBe('reference');
    expect(await librarian.count('library.loan', [{ field: 'member', op: 'eq', value: member.id }])).toBe(0);
    // The loan hook gave each its own code and status, as single creates get.
    const loans = await librarian.createMany('library.loan', [{ book: mine.id, member: member.id }, { book: mine.id, member: member.id }]);
    expect(loans.map((l) => l.status)).toEqual(['requested', 'requested']);
    expect(new Set(loans.map((l) => l.code)).size).toBe(2);
  });

  it('refuses an actor who may not create the entity, on the first input', async () => {
    const member = await a.as('library.member');
    const single = await refusal(member.create('library.book', books('NOPE', '6001', 1)[0]));
    const err = await refusal(member.createMany('library.book', books('NOPE', '6001', 2)));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.code).toBe(single.code);
    expect(err.where.index).toBe(0);
  });

  it('keeps the caller\'s transaction going after a refused set, without any of the set', async () => {
    const librarian = await a.as('library.librarian');
    const before = await countOf(librarian, 'library.book');
    await librarian.transaction(async (tx) => {
      await tx.create('library.book', { title: 'Before', isbn: '7001000000', copies_total: 1 });
      const err = await refusal(tx.createMany('library.book', [...books('TX', '7002', 2), { title: 'Clash', isbn: '7001000000', copies_total: 1 }]));
      expect(err.where.index).toBe(2);
      await tx.create('library.book', { title: 'After', isbn: '7001000001', copies_total: 1 });
    });
    expect(await countOf(librarian, 'library.book')).toBe(before + 2);
    expect(await librarian.count('library.book', [{ field: 'isbn', op: 'in', value: ['7002000000', '7002000001'] }])).toBe(0);
  });

  it('creates entities whose rows depend on one another one by one, with the same refusals (leave that overlaps)', async () => {
    const officer = await hr.as('hr.hr_officer');
    const employee = (await officer.find('hr.employee', { limit: 1 }))[0];
    const type = await officer.create('hr.leave_type', { name: 'Unpaid', without_pay: true, allow_negative: true, validated_by: 'HR' });
    const span = (from: string, to: string): Record<string, unknown> => ({ employee: employee.id, leave_type: type.id, from_date: from, to_date: to, reason: 'x' });
    const err = await refusal(officer.createMany('hr.leave_application', [span('2026-06-01', '2026-06-02'), span('2026-06-02', '2026-06-03')]));
    expect(err.where.index).toBe(1);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(await officer.count('hr.leave_application', [{ field: 'leave_type', op: 'eq', value: type.id }])).toBe(0);
    const made = await officer.createMany('hr.leave_application', [span('2026-06-01', '2026-06-02'), span('2026-06-08', '2026-06-09')]);
    expect(made).toHaveLength(2);
  });

  it('returns nothing for no inputs and refuses what is not a list', async () => {
    const librarian = await a.as('library.librarian');
    expect(await librarian.createMany('library.book', [])).toEqual([]);
    const err = await refusal(librarian.createMany('library.book', { title: 'x' } as unknown as Record<string, unknown>[]));
    expect(err.code).toBe('BAD_REQUEST');
  });
});
