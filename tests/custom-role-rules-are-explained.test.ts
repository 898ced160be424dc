/**
 * Custom roles an organization admin builds in the form, over real HTTP: what the role builder offers
 * (the role resource's `roleBuilder`: subjects of enabled modules only, labelled, with their record
 * actions, fields, condition paths and the manifests' operators); what a bad rule is refused with
 * (one validator, messages that name the rule by its position and the entity by its label, e.g.
 * `Rule 1 (fields): unknown field "nmae" on Book`); and a role's rules in words on its page
 * (`ruleWords`: a built-in role from the compiled manifest rules, a custom role from its own).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let library: Fixture;
let admin: AdminClient;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  library = await createFixtureOrg(runtime, 'library', ['member']);
  server = await startTestServer(runtime);
  admin = await server.login(library.users.get('admin')!.email, 'secret-123');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const saveRole = async (name: string, rules: unknown): Promise<{ id: string; errors: Record<string, { message: string }> }> => {
  const res = await admin.post(api('CoreRole', 'actions/new'), { name, rules: JSON.stringify(rules) });
  expect(res.status).toBe(200);
  return res.body.record as { id: string; errors: Record<string, { message: string }> };
};

interface Builder {
  entities: { key: string; pluralLabel: string; moduleLabel: string; actions: { name: string }[]; fields: { name: string }[]; conditionFields: { path: string; label: string }[]; toMany: { path: string }[] }[];
  operators: string[];
}

describe('the role builder', () => {
  it("offers the library's entities and the organization's, labelled, with CRUD, record actions, fields, condition paths and the manifests' operators", async () => {
    const res = await admin.get(api('CoreRole', 'actions/roleBuilder'));
    expect(res.status).toBe(200);
    const builder = (res.body as { builder: Builder }).builder;
    const keys = builder.entities.map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining(['library.book', 'library.loan', 'core.user']));
    expect(keys.filter((k) => !k.startsWith('library.') && !k.startsWith('core.'))).toEqual([]);
    const book = builder.entities.find((e) => e.key === 'library.book')!;
    expect(book).toMatchObject({ pluralLabel: 'Books', moduleLabel: 'Library' });
    expect(book.actions.map((a) => a.name).slice(0, 4)).toEqual(['read', 'create', 'update', 'delete']);
    expect(book.fields.map((f) => f.name)).toContain('category');
    const loan = builder.entities.find((e) => e.key === 'library.loan')!;
    // "the member is you" is written member.user: the builder offers that hop.
    expect(loan.conditionFields.map((f) => f.path)).toEqual(expect.arrayContaining(['status', 'member', 'member.user']));
    expect(builder.operators).toEqual(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte']);
  });

  it('is refused to a member (who may not write roles)', async () => {
    const member = await server.login(library.users.get('member')!.email, 'secret-123');
    const res = await member.get(api('CoreRole', 'actions/roleBuilder'));
    expect((res.body as Partial<{ builder: Builder }>).builder).toBeUndefined();
  });
});

describe('a bad rule is refused with what is wrong in it, naming the rule', () => {
  it.each([
    ['an unknown field', [{ action: 'read', subject: 'library.book' }, { action: 'read', subject: 'library.book', fields: ['nmae'] }], /^Rule 2 \(fields\): unknown field "nmae" on Book$/],
    ['an unknown field in a condition', [{ action: 'read', subject: 'library.book', conditions: { nmae: 'x' } }], /^Rule 1 \(conditions, nmae\): unknown field "nmae" on Book$/],
    ['an unknown subject', [{ action: 'read', subject: 'library.bok' }], /^Rule 1 \(subject\): rule on unknown subject "library.bok"$/],
    ['an unknown action', [{ action: ['read', 'borrow'], subject: 'library.book' }], /^Rule 1 \(actions\): unknown action "borrow" on Book \(actions: read, create, update, delete, manage/],
    ['an unknown operator', [{ action: 'read', subject: 'library.book', conditions: { category: { $like: 'x' } } }], /^Rule 1 \(conditions, category\): unknown operator "\$like"/],
    ['a value the field cannot take', [{ action: 'read', subject: 'library.book', conditions: { published_year: 'soon' } }], /^Rule 1 \(conditions, published_year\): "soon" cannot be compared with "published_year": expected a whole number$/],
    ['a write on what only the system writes', [{ action: 'delete', subject: 'core.audit_log' }], /^Rule 1 \(subject\): Audit entry is written by the system only \(The audit log is append-only\): a custom role may not grant delete on it$/],
  ])('%s', async (_what, rules, message) => {
    const saved = await saveRole(`bad_${Math.random().toString(36).slice(2, 8)}`, rules);
    expect(Object.keys(saved.errors)).toEqual(['rules']);
    expect(saved.errors.rules.message.split('; ')).toEqual([expect.stringMatching(message)]);
  });

  it('several problems are each named', async () => {
    const saved = await saveRole('bad_many', [{ action: 'read', subject: 'library.book', fields: ['nmae'] }, { action: 'read', subject: 'library.loan', conditions: { 'member.usr': '${user.id}' } }]);
    expect(saved.errors.rules.message.split('; ')).toEqual([
      'Rule 1 (fields): unknown field "nmae" on Book',
      'Rule 2 (conditions, member.usr): unknown field "usr" on Member (in "member.usr")',
    ]);
  });
});

describe("a role's rules in words", () => {
  const words = async (id: string): Promise<{ words: string[]; problems: string[]; builtin: boolean }> => {
    const res = await admin.get(api('CoreRole', `actions/ruleWords?id=${id}`));
    expect(res.status).toBe(200);
    return res.body as unknown as { words: string[]; problems: string[]; builtin: boolean };
  };

  it("a built-in role's page says what the manifests grant it", async () => {
    const [member] = await (await library.system()).find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'library.member' }] });
    const said = await words(String(member.id));
    expect(said.builtin).toBe(true);
    expect(said.words).toEqual(expect.arrayContaining([
      'Can read Books (only Title, ISBN, Authors, Category, Published year, Shelf, Copies available)',
      'Can read Loans where the member is you',
    ]));
    const [adminRole] = await (await library.system()).find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'admin' }] });
    expect((await words(String(adminRole.id))).words).toEqual(expect.arrayContaining(['Can do anything with everything', 'Cannot create, update or delete Audit log: the audit log is append-only']));
  });

  it("a custom role's page says what its own rules grant", async () => {
    const saved = await saveRole('fiction_reader', [
      { action: ['read', 'update'], subject: 'library.book', conditions: { category: 'fiction', copies_available: { $gt: 0 } } },
      { action: 'delete', subject: 'library.loan', inverted: true },
    ]);
    expect(saved.errors).toEqual({});
    expect((await words(saved.id)).words).toEqual([
      'Can read or update Books where the category is "Fiction" and the copies available is more than 0',
      'Cannot delete Loans',
    ]);
  });

  it('an unknown id is a 400-style refusal, not a 500', async () => {
    const res = await admin.get(api('CoreRole', 'actions/ruleWords?id=nope'));
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toMatch(/Which role\?/);
  });
});
