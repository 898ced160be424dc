/** "Why can (not) this user see that record?" has an answer: the deciding rule and where it is declared. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['member']);
});
afterAll(() => runtime.dispose());

describe('access explanation', () => {
  it("names the manifest rule that lets a member see their own loan, and none for someone else's", async () => {
    const sys = await lib.system();
    const book = await sys.create('library.book', { title: 'Explained', copies_total: 1 });
    const mine = await sys.create('library.member', { name: 'Me', card_number: 'ME-01', user: lib.users.get('member')!.id });
    const other = await sys.create('library.member', { name: 'Other', card_number: 'OT-01' });
    const myLoan = await sys.create('library.loan', { book: book.id, member: mine.id });
    const otherLoan = await sys.create('library.loan', { book: book.id, member: other.id });
    const member = await lib.as('member');
    const loan = runtime.registry.entity('library.loan')!;
    const allowed = member.access!.explain('read', loan, await member.subjectOf(loan, myLoan));
    expect(allowed).toMatchObject({ allowed: true, roles: ['library.member'], decidedBy: expect.stringMatching(/library\.json#\/permissions\/member\/2$/) });
    const denied = member.access!.explain('read', loan, await member.subjectOf(loan, otherLoan));
    expect(denied).toMatchObject({ allowed: false, decidedBy: null });
    expect(denied.rules.map((r) => r.source)).toEqual([allowed.decidedBy]);
  });

  it('shows an inverted rule winning over a broader one', async () => {
    const admin = await lib.as('admin');
    const audit = runtime.registry.entity('core.audit_log')!;
    const explained = admin.access!.explain('delete', audit);
    expect(explained.allowed).toBe(false);
    expect(explained.rules[0]).toMatchObject({ inverted: true, source: expect.stringMatching(/core-module\.json#\/permissions\/admin\/1$/) });
  });
});
