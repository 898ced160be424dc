/**
 * Documents and workflow views show a record's fields as the actor reads that
 * record: a field their rules hide on it (an inverted rule with a condition)
 * stays off the printed document's data, the workflow panel's state and the
 * states in History.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { documentAction } from '../core/documents/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { loadRegistry } from '../core/manifest/index.js';
import { discoverPlugins } from '../core/plugins/discover.js';
import { courseCode, createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

/** What the document's builder was handed, per loan id. */
const handed = new Map<string, RecordData>();
const spyReceipt = documentAction({
  name: 'spy_receipt',
  entity: 'loan',
  label: 'Spy receipt',
  kind: 'fine_receipt',
  async build(_ctx, loan) {
    handed.set(loan.id, loan);
    return { member: { name: 'x' }, loanCode: String(loan.code ?? loan.id), bookTitle: 'x', amount: Number(loan.fine ?? 0) };
  },
});

let runtime: TestRuntime;

beforeAll(async () => {
  // Every shipped plugin (the registry is the shipped one), the library's with the spy added.
  const shipped = await discoverPlugins(loadRegistry());
  runtime = await createTestRuntime({ plugins: shipped.map((p) => (p.module === 'library' ? { ...p, actions: [...(p.actions ?? []), spyReceipt] } : p)) });
});
afterAll(() => runtime.dispose());

async function userWithCustomRole(fixture: Fixture, name: string, rules: unknown[]): Promise<RecordService> {
  const admin = await fixture.as('admin');
  const role = await admin.create('core.role', { name, label: `Custom ${name}`, rules });
  const email = `${name}@${fixture.org.slug}.test`;
  const user = await admin.create('core.user', { email, name: `${name} user`, password: 'secret-123', is_active: true });
  await admin.create('core.role_assignment', { user: user.id, role: role.id });
  return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: fixture.org.id, email });
}

describe('a document', () => {
  it('is built from the record as the printing user reads it, not from the stored row', async () => {
    const lib = await createFixtureOrg(runtime, 'library', ['librarian']);
    const system = await lib.system();
    const book = await system.create('library.book', { title: 'Receipts', copies_total: 2 });
    const member = await system.create('library.member', { name: 'Fined Member', card_number: 'FINE-0001' });
    // A new loan starts as requested (its hook says so); the system actor then sets the state the test needs.
    const loan = async (status: string, fine: number) => system.update('library.loan', (await system.create('library.loan', { book: book.id, member: member.id })).id, { status, fine });
    const returned = await loan('returned', 3);
    const open = await loan('issued', 2);
    const clerk = await userWithCustomRole(lib, 'receipt_clerk', [
      { action: ['read', 'spy_receipt'], subject: 'library.loan' },
      { action: 'read', subject: 'library.loan', fields: ['fine'], conditions: { status: 'returned' }, inverted: true },
    ]);
    await clerk.runAction('library.loan', 'spy_receipt', returned.id);
    await clerk.runAction('library.loan', 'spy_receipt', open.id);
    expect(handed.get(returned.id)).toMatchObject({ id: returned.id, status: 'returned' });
    expect(handed.get(returned.id)).not.toHaveProperty('fine');
    expect(handed.get(open.id)).toMatchObject({ status: 'issued', fine: 2 });
  });
});

describe('workflow views', () => {
  let world: InstituteWorld;
  let paid: RecordData;
  let free: RecordData;
  let watcher: RecordService;

  beforeAll(async () => {
    world = await createInstituteWorld(runtime);
    const course = (fee: number) => world.system.create('institute.course', { title: `Course at ${fee}`, code: courseCode(), teacher: world.userId('teacher'), fee, max_seats: 5, status: 'DRAFT' });
    [paid, free] = [await course(300), await course(0)];
    const teacher = await WorkflowEngine.for(await world.as('teacher'));
    for (const c of [paid, free]) await teacher.run('institute.course', c.id, 'submit');
    watcher = await userWithCustomRole(world.fixture, 'course_watcher', [
      { action: 'read', subject: 'institute.course' },
      { action: 'read', subject: 'institute.course', fields: ['status'], conditions: { fee: { $gt: 0 } }, inverted: true },
    ]);
  });

  it("the panel shows the state only where the user's rules show the status field", async () => {
    const engine = await WorkflowEngine.for(watcher);
    const hidden = await watcher.get('institute.course', paid.id);
    expect(hidden).not.toHaveProperty('status');
    expect((await engine.panel('institute.course', hidden)).state).toBe('');
    const shown = await watcher.get('institute.course', free.id);
    expect(shown.status).toBe('PENDING');
    expect((await engine.panel('institute.course', shown)).state).not.toBe('');
  });

  it('History leaves out the states of a record whose status the user may not read', async () => {
    const engine = await WorkflowEngine.for(watcher);
    const hidden = await engine.history('institute.course', paid.id);
    expect(hidden.map((h) => h.kind)).toContain('transition');
    expect(hidden.every((h) => h.from === null && h.to === null)).toBe(true);
    const shown = await engine.history('institute.course', free.id);
    expect(shown.find((h) => h.kind === 'transition')).toMatchObject({ from: 'DRAFT', to: 'PENDING' });
  });
});
