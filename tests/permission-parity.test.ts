/**
 * The list query and the single-record check come from the same rules and must
 * agree, for every role of every manifest (and a custom role that uses the rest
 * of the condition grammar, and one generated from the manifests whose field
 * rules are conditional and inverted), on data generated from the manifests
 * themselves: what `find` returns is exactly what `canOnRecord` allows, never a
 * record of another organization, each record with exactly the fields the
 * in-memory check allows on it; and for update/delete, and for each field that
 * only some records show, the SQL filter agrees with the in-memory check.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import type { RecordData } from '../core/data/contract.js';
import { CORE_MODULE_ID, type ResolvedEntity } from '../core/manifest/index.js';
import { setModuleEnabled } from '../core/tenancy/index.js';
import { generateRecords, perRecordFieldRules } from './support/generate.js';
import { allowedBySql, allowedInMemory, difference, type Principal } from './support/parity.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

/** A custom role whose rules use operators, $or/$not, inverted rules and reference paths the manifests don't. */
const CUSTOM_ROLE = 'parity_custom';
const CUSTOM_RULES = [
  { action: 'read', subject: 'library.loan', conditions: { $or: [{ 'member.user': '${user.id}' }, { status: 'returned' }] } },
  { action: 'read', subject: 'library.book', conditions: { copies_total: { $gte: 2 }, category: { $ne: 'fiction' } } },
  { action: 'read', subject: 'library.book', conditions: { published_year: { $lt: 1800 } } },
  { action: 'read', subject: 'library.book', conditions: { category: 'science' }, inverted: true },
  { action: 'read', subject: 'library.member', conditions: { $not: { joined_on: { $lt: '${today}' } } } },
  { action: ['update', 'delete'], subject: 'library.member', conditions: { status: { $nin: ['suspended'] }, phone: { $ne: null } } },
  { action: 'update', subject: 'library.loan', conditions: { due_at: { $lte: '${now}' } } },
  { action: 'delete', subject: 'library.loan', conditions: { fine: { $gt: 0 }, 'book.category': { $in: ['fiction', 'science', null] } } },
  { action: 'read', subject: 'core.user', conditions: { is_active: true }, fields: ['name'] },
];

/** Generated: for every entity, fields shown always, under a condition on a field the role may not read, and hidden again under another. */
const FIELDS_ROLE = 'parity_fields';

interface Org {
  fixture: Fixture;
  principals: Principal[];
  system: RecordService;
}

let runtime: TestRuntime;
let orgA: Org;
let orgB: Org;

async function setUpOrg(): Promise<Org> {
  const roles = [...runtime.registry.roles.keys()].filter((r) => r !== 'admin');
  const fixture = await createFixtureOrg(runtime, 'library', roles);
  // Every module of every manifest, so future modules are covered without editing this test.
  for (const m of runtime.registry.modules) if (m.id !== CORE_MODULE_ID) await setModuleEnabled(runtime, fixture.org.slug, m.id, true);
  const admin = await fixture.as('admin');
  const roleIds = new Map<string, string>();
  // The field role's rules are read off the generated data (below); it needs its user before that.
  for (const [name, rules] of [[CUSTOM_ROLE, CUSTOM_RULES], [FIELDS_ROLE, []]] as const) {
    const role = await admin.create('core.role', { name, rules });
    roleIds.set(name, role.id);
    const user = await admin.create('core.user', { email: `${name}@${fixture.org.slug}.test`, name: `User of ${name}`, password: 'secret-123', is_active: true });
    await admin.create('core.role_assignment', { user: user.id, role: role.id });
    fixture.users.set(name, { id: user.id, email: String(user.email), actor: { kind: 'user', userId: user.id, organizationId: fixture.org.id, email: String(user.email) } });
  }

  const roleNames = [...runtime.registry.roles.keys(), CUSTOM_ROLE, FIELDS_ROLE];
  const system = await fixture.system();
  const roleUsers = roleNames.map((r) => fixture.users.get(r)!.id);
  await generateRecords(runtime, system, { count: Math.max(10, roleUsers.length + 6), roleUsers, tag: fixture.org.slug });
  const stored = new Map<string, Record<string, unknown>[]>();
  for (const entity of runtime.registry.entities) stored.set(entity.key, await findAll(system, entity.key));
  await admin.update('core.role', roleIds.get(FIELDS_ROLE)!, { rules: perRecordFieldRules(runtime.registry, stored) });
  const principals: Principal[] = [];
  for (const r of roleNames) principals.push({ role: r, records: await fixture.as(r) });
  return { fixture, principals, system };
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  orgA = await setUpOrg();
  orgB = await setUpOrg();
}, 300_000);
afterAll(() => runtime.dispose());

/** Every record the service reads, page by page: the audit log alone outgrows one page (1,000) once several modules generate data. */
async function findAll(records: RecordService, key: string): Promise<RecordData[]> {
  const all: RecordData[] = [];
  for await (const page of records.findPages(key, {}, 1000)) all.push(...page);
  return all;
}

const allRecords = (org: Org, entity: ResolvedEntity): Promise<Record<string, unknown>[]> => findAll(org.system, entity.key);




describe.each([
  ['A', () => [orgA, orgB] as const],
  ['B', () => [orgB, orgA] as const],
])('permission parity in organization %s', (_name, orgs) => {
  it('find returns exactly the records the in-memory read check allows, count agrees, and no other organization leaks', async () => {
    const [org, other] = orgs();
    const mismatches: string[] = [];
    for (const entity of runtime.registry.entities) {
      const all = await allRecords(org, entity);
      const foreign = new Set((await allRecords(other, entity)).map((r) => String(r.id)));
      for (const p of org.principals) {
        const label = `${p.role} read ${entity.key}`;
        const listed = (await findAll(p.records, entity.key)).map((r) => String(r.id));
        expect(new Set(listed).size).toBe(listed.length);
        mismatches.push(...difference(label, new Set(listed), await allowedInMemory(p, 'read', entity, all)));
        const leaked = listed.filter((id) => foreign.has(id));
        if (leaked.length) mismatches.push(`${label}: records of the other organization ${JSON.stringify(leaked)}`);
        const count = await p.records.count(entity.key);
        if (count !== listed.length) mismatches.push(`${label}: count ${count} but find returned ${listed.length}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('find and getMany show each record with exactly the fields the in-memory check allows on that record', async () => {
    const [org] = orgs();
    const mismatches: string[] = [];
    for (const entity of runtime.registry.entities) {
      const stored = new Map((await allRecords(org, entity)).map((r) => [String(r.id), r]));
      const candidates = entity.fields.filter((f) => f.type !== 'password').map((f) => f.name);
      for (const p of org.principals) {
        const listed = await findAll(p.records, entity.key);
        const single = new Map((await p.records.getMany(entity.key, listed.map((r) => r.id))).map((r) => [r.id, r]));
        for (const record of listed) {
          const label = `${p.role} read ${entity.key} ${record.id}`;
          const subject = await p.records.subjectOf(entity, stored.get(record.id)!);
          const allowed = candidates.filter((f) => p.records.access!.canOnRecord('read', entity, subject, f));
          const shown = Object.keys(record).filter((k) => entity.field.has(k));
          if (JSON.stringify(shown.sort()) !== JSON.stringify(allowed.sort())) mismatches.push(`${label}: find shows ${JSON.stringify(shown)}, the check allows ${JSON.stringify(allowed)}`);
          for (const f of shown) if (JSON.stringify(record[f]) !== JSON.stringify(stored.get(record.id)![f])) mismatches.push(`${label}: ${f} is ${JSON.stringify(record[f])}, stored ${JSON.stringify(stored.get(record.id)![f])}`);
          if (JSON.stringify(single.get(record.id)) !== JSON.stringify(record)) mismatches.push(`${label}: getMany ${JSON.stringify(single.get(record.id))} differs from find ${JSON.stringify(record)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('for each field that only some records show, the SQL field filter selects exactly the records the in-memory check shows it on', async () => {
    const [org] = orgs();
    const mismatches: string[] = [];
    let compared = 0;
    for (const entity of runtime.registry.entities) {
      const all = await allRecords(org, entity);
      for (const p of org.principals) {
        for (const field of p.records.access!.fieldsOf(entity).perRecord) {
          compared++;
          const checked = new Set<string>();
          for (const record of all) if (p.records.access!.canOnRecord('read', entity, await p.records.subjectOf(entity, record), field)) checked.add(String(record.id));
          mismatches.push(...difference(`${p.role} read ${entity.key}.${field}`, await allowedBySql(runtime.dataSource, p, 'read', entity, field), checked));
          // An entity with one record (a unique single-value enum allows no more) cannot show a field on some records only.
          if (all.length > 1 && (checked.size === 0 || checked.size === all.length)) mismatches.push(`${p.role} read ${entity.key}.${field}: shown on ${checked.size} of ${all.length} records, so the data does not exercise the rule`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // The generated role makes fields per record on every entity it has rules for.
    expect(compared).toBeGreaterThanOrEqual(runtime.registry.entities.length);
  });

  it('for update and delete, the SQL row filter selects exactly the records the in-memory check allows', async () => {
    const [org] = orgs();
    const mismatches: string[] = [];
    for (const entity of runtime.registry.entities) {
      const all = await allRecords(org, entity);
      for (const p of org.principals) {
        for (const action of ['update', 'delete']) {
          mismatches.push(...difference(`${p.role} ${action} ${entity.key}`, await allowedBySql(runtime.dataSource, p, action, entity), await allowedInMemory(p, action, entity, all)));
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the generated data exercises every conditional rule: some records match it and some do not', async () => {
    const [org] = orgs();
    const vacuous: string[] = [];
    for (const entity of runtime.registry.entities) {
      const all = await allRecords(org, entity);
      for (const p of org.principals) {
        for (const action of ['read', 'update', 'delete']) {
          if (p.records.access!.rowFilter(action, entity).kind !== 'where') continue;
          const allowed = await allowedInMemory(p, action, entity, all);
          if (allowed.size === 0 || allowed.size === all.length) vacuous.push(`${p.role} ${action} ${entity.key}: ${allowed.size} of ${all.length}`);
        }
      }
    }
    expect(vacuous).toEqual([]);
  });
});

describe('conditions the custom role uses', () => {
  it('a reference path inside $or is followed by the single-record check as by the list', async () => {
    const custom = orgA.principals.find((p) => p.role === CUSTOM_ROLE)!;
    const userId = orgA.fixture.users.get(CUSTOM_ROLE)!.id;
    // The generated loans of this user may all be returned (it depends on how many roles exist): add one that is not.
    let members = (await orgA.system.find('library.member', { limit: 1000 })).filter((m) => m.user === userId).map((m) => m.id);
    if (!members.length) members = [(await orgA.system.create('library.member', { name: 'Custom member', card_number: 'CUSTOM-1', user: userId })).id];
    const [book] = await orgA.system.find('library.book', { limit: 1 });
    await orgA.system.create('library.loan', { book: book.id, member: members[0], status: 'requested' });
    const loans = (await orgA.system.find('library.loan', { limit: 1000 })).filter((l) => members.includes(String(l.member)) && l.status !== 'returned');
    expect(loans.length).toBeGreaterThan(0);
    const loanEntity = runtime.registry.entity('library.loan')!;
    for (const loan of loans) {
      expect(custom.records.access!.canOnRecord('read', loanEntity, await custom.records.subjectOf(loanEntity, loan))).toBe(true);
      await expect(custom.records.get('library.loan', loan.id)).resolves.toMatchObject({ id: loan.id });
    }
  });

  it('a comparison with an empty field is not true, in memory as in SQL', async () => {
    const custom = orgA.principals.find((p) => p.role === CUSTOM_ROLE)!;
    const bookEntity = runtime.registry.entity('library.book')!;
    const books = (await orgA.system.find('library.book', { limit: 1000 })).filter((b) => b.published_year === null && b.category !== 'science');
    expect(books.length).toBeGreaterThan(0);
    for (const book of books) {
      const subject = await custom.records.subjectOf(bookEntity, book);
      const viaOtherRule = Number(book.copies_total) >= 2 && book.category !== 'fiction';
      expect(custom.records.access!.canOnRecord('read', bookEntity, subject)).toBe(viaOtherRule);
    }
  });
});

describe('placeholder values', () => {
  it('a user value that looks like a placeholder is data, in the list and in the check', async () => {
    const admin = await orgA.fixture.as('admin');
    const email = `odd\${nope}@${orgA.fixture.org.slug}.test`;
    const role = await admin.create('core.role', {
      name: 'own_member_by_email',
      rules: [{ action: ['read', 'update'], subject: 'library.member', conditions: { email: '${user.email}' } }],
    });
    const user = await admin.create('core.user', { email, name: 'Odd address', password: 'secret-123', is_active: true });
    await admin.create('core.role_assignment', { user: user.id, role: role.id });
    const own = await orgA.system.create('library.member', { name: 'Odd member', card_number: 'ODD-0001', email });
    const records = await RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: orgA.fixture.org.id, email });
    expect((await records.find('library.member')).map((r) => r.id)).toEqual([own.id]);
    await expect(records.update('library.member', own.id, { name: 'Odd member, renamed' })).resolves.toMatchObject({ name: 'Odd member, renamed' });
  });
});

describe('roles under test', () => {
  it('cover every role the manifests declare, plus the custom role', () => {
    expect(orgA.principals.map((p) => p.role).sort()).toEqual([...runtime.registry.roles.keys(), CUSTOM_ROLE, FIELDS_ROLE].sort());
    // A member sees their own loans only: the manifest rule is conditional.
    const member = orgA.principals.find((p) => p.role === 'library.member')!;
    expect(member.records.access!.rowFilter('read', runtime.registry.entity('library.loan')!).kind).toBe('where');
  });
});
