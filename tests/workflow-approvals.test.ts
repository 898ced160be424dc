/**
 * The workflow engine on a fixture purchasing module (real PostgreSQL):
 * starters, quorum kinds, sequential and parallel steps, conditional steps,
 * self-approval, rejection, acting for a missing role, overrides, version
 * pinning, the last-approval race, optimistic versions, inbox, history, audit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { generateMigration, strandedStates } from '../core/db/migrations.js';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { purchasingManifest, purchasingPlugin, registryWith } from './support/workflow-fixture.js';

const PURCHASE = 'purchasing.purchase';
let runtime: TestRuntime;
let org: Fixture;
let departmentId: string;
let extra: Map<string, { id: string; email: string }>;

async function engineAs(user: { id: string; email: string }, organizationId = org.org.id): Promise<WorkflowEngine> {
  return WorkflowEngine.for(await RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId, email: user.email }));
}
const user = (role: string) => extra.get(role) ?? org.users.get(role)!;
const as = (role: string) => engineAs(user(role));

async function newPurchase(amount: number, title = `Purchase ${amount}`): Promise<string> {
  const requester = await org.as('requester');
  const created = await requester.create(PURCHASE, { title, amount, department: departmentId });
  return String(created.id);
}

async function submitted(amount: number): Promise<string> {
  const id = await newPurchase(amount);
  await (await as('requester')).run(PURCHASE, id, 'submit');
  return id;
}

const stateOf = async (id: string) => (await (await org.system()).get(PURCHASE, id)).status;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(purchasingManifest()), plugins: [purchasingPlugin] });
  org = await createFixtureOrg(runtime, 'inventory', ['requester', 'manager', 'director', 'finance']);
  extra = new Map();
  for (const [key, roles] of [['head', ['staff']], ['manager2', ['manager']], ['finance2', ['finance']], ['requester2', ['requester']]] as const) {
    const email = `${key}@${org.org.slug}.test`;
    const created = await createUser(runtime, org.org.slug, { email, password: 'secret-123', name: key, roles: [...roles] });
    extra.set(key, { id: created.id, email });
  }
  const dept = await (await org.system()).create('purchasing.department', { name: 'Research', head: extra.get('head')!.id });
  departmentId = String(dept.id);
});

afterAll(async () => {
  await runtime.dispose();
});

describe('starting a transition', () => {
  test('a new record starts in the initial state whatever the form sends, and the status is not editable', async () => {
    const requester = await org.as('requester');
    expect(errorOf(() => requester.create(PURCHASE, { title: 'x', amount: 1, department: departmentId, status: 'APPROVED' }))).resolves.toMatchObject({ fieldErrors: { status: { type: 'readOnly' } } });
    const id = await newPurchase(10);
    expect(await stateOf(id)).toBe('DRAFT');
    expect(await errorOf(() => requester.update(PURCHASE, id, { status: 'APPROVED' }))).toMatchObject({ fieldErrors: { status: { type: 'readOnly' } } });
  });

  test('only the record-relative starter (its creator) may submit; others are refused server-side', async () => {
    const id = await newPurchase(100);
    expect(await errorOf(() => engineAs(user('requester2')).then((e) => e.run(PURCHASE, id, 'submit')))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    expect(await errorOf(async () => (await as('manager')).run(PURCHASE, id, 'submit'))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await (await as('requester')).available(PURCHASE, await (await org.system()).get(PURCHASE, id))).map((a) => a.name)).toEqual(['submit']);
    const result = await (await as('requester')).run(PURCHASE, id, 'submit');
    expect(result.moved).toBe(true);
    expect(await stateOf(id)).toBe('PENDING');
    expect(await errorOf(async () => (await as('requester')).run(PURCHASE, id, 'submit'))).toMatchObject({ code: 'CONFLICT' });
  });

  test('a record in a locked state cannot be edited or deleted through the ordinary path; an editableBy state only by those roles', async () => {
    const id = await submitted(100);
    expect(await errorOf(async () => (await org.as('requester')).update(PURCHASE, id, { title: 'changed' }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Pending approval') });
    expect(await errorOf(async () => (await org.as('requester')).delete(PURCHASE, id))).toMatchObject({ code: 'FORBIDDEN' });
    await (await as('head')).run(PURCHASE, id, 'approve');
    await (await as('manager')).run(PURCHASE, id, 'approve');
    await (await as('director')).run(PURCHASE, id, 'approve');
    expect(await stateOf(id)).toBe('APPROVED');
    expect(await errorOf(async () => (await org.as('manager')).update(PURCHASE, id, { note: 'x' }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('by Finance (Purchasing).') });
    await (await org.as('finance')).update(PURCHASE, id, { note: 'checked' });
  });
});

describe('approvals', () => {
  test('sequential steps: management cannot approve before the department head; "all" needs one distinct user per role', async () => {
    const id = await submitted(1000);
    expect(await errorOf(async () => (await as('manager')).run(PURCHASE, id, 'approve'))).toMatchObject({ code: 'FORBIDDEN' });
    const head = await (await as('head')).run(PURCHASE, id, 'approve');
    expect(head).toMatchObject({ moved: false, message: expect.stringContaining('Management') });
    await (await as('manager')).run(PURCHASE, id, 'approve');
    // A second manager adds nothing: "all" wants the director too.
    expect(await errorOf(async () => (await as('manager2')).run(PURCHASE, id, 'approve'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await stateOf(id)).toBe('PENDING');
    const last = await (await as('director')).run(PURCHASE, id, 'approve');
    expect(last.moved).toBe(true);
    const record = await (await org.system()).get(PURCHASE, id);
    expect(record.status).toBe('APPROVED');
    // Effects: set field, plugin hook in the same transaction, notification to the creator.
    expect(record.approved_at).toEqual(expect.any(String));
    expect(record.note).toBe('approved via approve (PENDING → APPROVED)');
    const notes = await (await org.system()).find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'user', op: 'eq', value: user('requester').id }] });
    expect(notes.map((n) => n.title)).toContain(`Purchase 1000 was approved`);
  });

  test('a conditional step applies only when the record matches (finance above 5,000)', async () => {
    const small = await submitted(4000);
    const large = await submitted(9000);
    const plan = async (id: string) => (await (await as('head')).openRequests(PURCHASE, id))[0].steps.steps.map((s) => s.name);
    expect(await plan(small)).toEqual(['head', 'management']);
    expect(await plan(large)).toEqual(['head', 'management', 'finance']);
    for (const role of ['head', 'manager', 'director']) await (await as(role)).run(PURCHASE, large, 'approve');
    expect(await stateOf(large)).toBe('PENDING');
    await (await as('finance')).run(PURCHASE, large, 'approve');
    expect(await stateOf(large)).toBe('APPROVED');
  });

  test('the same person may not approve twice, nor approve their own request', async () => {
    const id = await submitted(100);
    await (await as('head')).run(PURCHASE, id, 'approve');
    await (await as('manager')).run(PURCHASE, id, 'approve');
    expect(await errorOf(async () => (await as('manager')).run(PURCHASE, id, 'approve'))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already approved') });
    // The requester heads the department of their own purchase: the head step is theirs, but the request is theirs too.
    const dept = await (await org.system()).create('purchasing.department', { name: 'Own', head: user('requester').id });
    const own = await (await org.as('requester')).create(PURCHASE, { title: 'own', amount: 10, department: dept.id });
    await (await as('requester')).run(PURCHASE, String(own.id), 'submit');
    expect(await errorOf(async () => (await as('requester')).run(PURCHASE, String(own.id), 'approve'))).toMatchObject({ code: 'CONFLICT', message: 'You cannot approve your own request.' });
  });

  test('parallel steps with an N-of-M quorum; the starter cannot count towards it unless allowed', async () => {
    const id = await submitted(100);
    for (const role of ['head', 'manager', 'director']) await (await as(role)).run(PURCHASE, id, 'approve');
    const requested = await (await as('manager')).run(PURCHASE, id, 'order');
    expect(requested).toMatchObject({ moved: false, message: expect.stringContaining('Submitted for approval (Place order); waiting for Finance check and Board') });
    expect(await errorOf(async () => (await as('manager')).run(PURCHASE, id, 'order'))).toMatchObject({ code: 'CONFLICT' });
    // Parallel: the board may approve before finance.
    await (await as('director')).run(PURCHASE, id, 'order');
    await (await as('manager2')).run(PURCHASE, id, 'order');
    expect(await stateOf(id)).toBe('APPROVED');
    expect((await (await as('finance')).run(PURCHASE, id, 'order')).moved).toBe(true);
    expect(await stateOf(id)).toBe('ORDERED');
  });

  test('a rejection needs a comment and sends the record to the reject state; its requester is told why', async () => {
    const id = await submitted(100);
    expect(await errorOf(async () => (await as('head')).run(PURCHASE, id, 'reject'))).toMatchObject({ fieldErrors: { comment: { type: 'required' } } });
    expect(await errorOf(async () => (await as('manager')).run(PURCHASE, id, 'reject', { comment: 'no' }))).toMatchObject({ code: 'FORBIDDEN' });
    const result = await (await as('head')).run(PURCHASE, id, 'reject', { comment: 'Too expensive for this quarter' });
    expect(result.moved).toBe(true);
    expect(await stateOf(id)).toBe('DRAFT');
    const [request] = await (await org.system()).find('core.workflow_request', { filters: [{ field: 'record_id', op: 'eq', value: id }] });
    expect(request.status).toBe('rejected');
    const notes = await (await org.system()).find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'user', op: 'eq', value: user('requester').id }] });
    expect(notes.some((n) => String(n.title).startsWith('Rejected') && n.body === 'Too expensive for this quarter')).toBe(true);
    // The same news goes out by e-mail, queued in the transaction: the request to the head, the decision to the requester.
    const mails = await (await org.system()).find('core.mail_outbox', { limit: 1000 });
    const to = (address: string, template: string) => mails.filter((m) => m.recipient === address && m.template === template);
    expect(to(user('requester').email, 'approval_decided').some((m) => String(m.body).includes('Too expensive for this quarter'))).toBe(true);
    expect(to(user('head').email, 'approval_requested').length).toBeGreaterThan(0);
    // Back in DRAFT the creator may edit and submit again; a fresh request opens.
    await (await org.as('requester')).update(PURCHASE, id, { amount: 50 });
    await (await as('requester')).run(PURCHASE, id, 'submit');
    expect((await (await as('head')).openRequests(PURCHASE, id))).toHaveLength(1);
  });

  test('the race on the last approval: two approvers at once fire the transition exactly once', async () => {
    const id = await submitted(9000);
    for (const role of ['head', 'manager', 'director']) await (await as(role)).run(PURCHASE, id, 'approve');
    const [a, b] = await Promise.allSettled([(await as('finance')).run(PURCHASE, id, 'approve'), (await as('finance2')).run(PURCHASE, id, 'approve')]);
    const fulfilled = [a, b].filter((r) => r.status === 'fulfilled');
    expect(fulfilled).toHaveLength(1);
    const rejected = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
    const events = await (await org.system()).find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'kind', op: 'eq', value: 'transition' }], limit: 100 });
    expect(events.filter((e) => e.to_state === 'APPROVED')).toHaveLength(1);
    const approvals = await (await org.system()).find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'step', op: 'eq', value: 'finance' }] });
    expect(approvals).toHaveLength(1);
  });

  test('a transition on a record changed meanwhile fails cleanly and changes nothing', async () => {
    const id = await newPurchase(100);
    const seen = (await (await org.system()).get(PURCHASE, id)).version;
    await (await org.as('requester')).update(PURCHASE, id, { note: 'edited meanwhile' });
    expect(await errorOf(async () => (await as('requester')).run(PURCHASE, id, 'submit', { expectedVersion: seen }))).toMatchObject({ code: 'CONFLICT' });
    expect(await stateOf(id)).toBe('DRAFT');
    expect(await (await as('requester')).openRequests(PURCHASE, id)).toHaveLength(0);
  });
});

describe('organizations configure approvers', () => {
  test('an org admin acts for a role nobody holds, and it is recorded as such', async () => {
    const small = await createFixtureOrg(runtime, 'inventory', ['requester', 'manager']);
    const system = await small.system();
    const headless = await system.create('purchasing.department', { name: 'Ops', head: small.users.get('manager')!.id });
    const created = await (await small.as('requester')).create(PURCHASE, { title: 'no director here', amount: 10, department: headless.id });
    const id = String(created.id);
    const engine = (role: string) => engineAs(small.users.get(role)!, small.org.id);
    await (await engine('requester')).run(PURCHASE, id, 'submit');
    await (await engine('manager')).run(PURCHASE, id, 'approve');
    expect(await errorOf(async () => (await engine('requester')).run(PURCHASE, id, 'approve'))).toMatchObject({ code: expect.stringMatching(/CONFLICT|FORBIDDEN/) });
    const byAdmin = await (await engine('admin')).run(PURCHASE, id, 'approve');
    expect(byAdmin.message).toContain('for the missing role Director (Purchasing)');
    // The manager heads the department and is a manager: the head step was theirs; management still needs a manager.
    const second = await createUser(runtime, small.org.slug, { email: `m2@${small.org.slug}.test`, password: 'secret-123', name: 'm2', roles: ['manager'] });
    await (await engineAs({ id: second.id, email: `m2@${small.org.slug}.test` }, small.org.id)).run(PURCHASE, id, 'approve');
    expect((await system.get(PURCHASE, id)).status).toBe('APPROVED');
    const [onBehalf] = await system.find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'on_behalf_of', op: 'eq', value: 'purchasing.director' }] });
    expect(onBehalf).toMatchObject({ actor: small.users.get('admin')!.id, as_role: 'purchasing.director', kind: 'approved' });
    const history = await (await engine('admin')).history(PURCHASE, id);
    expect(history.find((h) => h.onBehalfOf === 'purchasing.director')).toBeDefined();
  });

  test('an override replaces the roles of a step for one organization, and is validated like a custom role', async () => {
    const admin = await org.as('admin');
    expect(await errorOf(() => admin.create('core.approval_override', { workflow: 'purchasing.purchase', transition: 'approve', step: 'nope', roles: ['finance'] }))).toMatchObject({ fieldErrors: { step: expect.anything() } });
    expect(await errorOf(() => admin.create('core.approval_override', { workflow: 'purchasing.purchase', transition: 'approve', step: 'management', roles: ['ghost'] }))).toMatchObject({ fieldErrors: { roles: expect.anything() } });
    const override = await admin.create('core.approval_override', { workflow: 'purchasing.purchase', transition: 'approve', step: 'head', roles: ['finance'] });
    try {
      const id = await submitted(100);
      const [request] = await (await as('head')).openRequests(PURCHASE, id);
      // Named bare in the override, stored as the workflow module's role key.
      expect(override.roles).toEqual(['purchasing.finance']);
      expect(request.steps.steps[0]).toMatchObject({ name: 'head', roles: ['purchasing.finance'], overridden: true });
      await (await as('finance')).run(PURCHASE, id, 'approve');
      expect(await errorOf(async () => (await as('finance')).run(PURCHASE, id, 'approve'))).toMatchObject({ code: 'CONFLICT' });
    } finally {
      await admin.delete('core.approval_override', String(override.id));
    }
  });
});

describe('what users see', () => {
  test('the inbox lists exactly what waits for each user, with who asked and the steps already given', async () => {
    const id = await submitted(9000);
    const inboxOf = async (role: string) => (await (await as(role)).inbox()).filter((i) => i.request.record_id === id);
    expect(await inboxOf('head')).toHaveLength(1);
    expect(await inboxOf('manager')).toHaveLength(0);
    await (await as('head')).run(PURCHASE, id, 'approve');
    expect(await inboxOf('head')).toHaveLength(0);
    const [item] = await inboxOf('manager');
    expect(item).toMatchObject({ entityLabel: 'Purchase', transitionLabel: 'Approve', waitingFor: ['Management'], youCountAs: { step: 'management', asRole: 'purchasing.manager' } });
    expect(item.requestedByName).toContain('requester');
    expect(item.given).toEqual([expect.objectContaining({ step: 'head', asRole: 'relation' })]);
    expect(await inboxOf('director')).toHaveLength(1);
    expect(await inboxOf('finance')).toHaveLength(0);
    expect(await inboxOf('requester')).toHaveLength(0);
  });

  test('history shows every request, approval, rejection and transition with actor, time and comment; the audit log has them too', async () => {
    const id = await submitted(100);
    await (await as('head')).run(PURCHASE, id, 'reject', { comment: 'Wrong department' });
    await (await as('requester')).run(PURCHASE, id, 'submit', { comment: 'Fixed' });
    await (await as('head')).run(PURCHASE, id, 'approve', { comment: 'ok' });
    const history = await (await as('requester')).history(PURCHASE, id);
    expect(history.map((h) => [h.kind, h.from, h.to, h.comment])).toEqual([
      ['transition', 'DRAFT', 'PENDING', null],
      ['requested', null, null, null],
      ['rejected', null, null, 'Wrong department'],
      ['transition', 'PENDING', 'DRAFT', 'Wrong department'],
      ['transition', 'DRAFT', 'PENDING', 'Fixed'],
      ['requested', null, null, null],
      ['approved', null, null, 'ok'],
    ]);
    expect(history.every((h) => h.at && h.version === 1)).toBe(true);
    expect(history[2].actor).toContain('head');
    // Someone who cannot read the record cannot read its history.
    expect(await errorOf(async () => (await engineAs(user('requester2'))).history(PURCHASE, id))).toMatchObject({ code: 'NOT_FOUND' });
    const audit = await (await org.system()).find('core.audit_log', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'action', op: 'eq', value: 'action' }], limit: 100 });
    expect(audit.map((a) => a.action_name).sort()).toEqual(['workflow:approved', 'workflow:rejected', 'workflow:reject', 'workflow:requested', 'workflow:requested', 'workflow:submit', 'workflow:submit'].sort());
  });
});

describe('versions', () => {
  test('a request in flight keeps the steps of the version it started under; new requests use the new version', async () => {
    const id = await submitted(100);
    await (await as('head')).run(PURCHASE, id, 'approve');
    // The same database, now run by version 2 of the manifest, where any one of manager/director suffices.
    const v2 = await createTestRuntime({ registry: registryWith(purchasingManifest({ version: 2, managementQuorum: 'any' })), plugins: [purchasingPlugin], attachTo: runtime.url });
    try {
      const engineV2 = async (role: string) => WorkflowEngine.for(await RecordService.for(v2, { kind: 'user', userId: user(role).id, organizationId: org.org.id, email: user(role).email }));
      await (await engineV2('manager')).run(PURCHASE, id, 'approve');
      // Version 1 asked for manager AND director: still pending under v2.
      expect(await stateOf(id)).toBe('PENDING');
      const [request] = await (await engineV2('head')).openRequests(PURCHASE, id);
      expect(request.workflow_version).toBe(1);
      await (await engineV2('director')).run(PURCHASE, id, 'approve');
      expect(await stateOf(id)).toBe('APPROVED');
      const fresh = await newPurchase(100);
      await (await engineV2('requester')).run(PURCHASE, fresh, 'submit');
      await (await engineV2('head')).run(PURCHASE, fresh, 'approve');
      await (await engineV2('manager')).run(PURCHASE, fresh, 'approve');
      expect(await stateOf(fresh)).toBe('APPROVED');
      const history = await (await engineV2('requester')).history(PURCHASE, fresh);
      expect(history.filter((h) => h.kind === 'approved').map((h) => h.version)).toEqual([2, 2]);
    } finally {
      await v2.close();
    }
  });

  test('migrations:generate refuses a workflow change that strands records in a removed state, naming the state and the count', async () => {
    const system = await org.system();
    for (const title of ['old order 1', 'old order 2']) await system.create(PURCHASE, { title, amount: 1, department: departmentId, status: 'REJECTED' });
    const without = await createTestRuntime({ registry: registryWith(purchasingManifest({ version: 3, states: ['DRAFT', 'PENDING', 'APPROVED', 'ORDERED'] })), plugins: [purchasingPlugin], attachTo: runtime.url });
    try {
      const err = await errorOf(generateMigration(without.dataSource, { name: 'drop-rejected', registry: without.registry, dir: mkdtempSync(join(tmpdir(), 'ums-mig-')) }));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toMatch(/2 purchase records are in state "REJECTED", which the workflow purchasing\.purchase \(.*purchasing\.json#\/workflows\/0\/states\) no longer declares/);
      expect(await strandedStates(runtime.dataSource, runtime.registry)).toEqual([]);
    } finally {
      await without.close();
    }
  });

  test('a workflow mistake in a manifest is refused at load with the file and JSON pointer', () => {
    const manifest = purchasingManifest();
    const wf = (manifest.workflows as Record<string, unknown>[])[0] as { transitions: Record<string, unknown>[]; initial: string };
    wf.initial = 'NOWHERE';
    (wf.transitions[1].effects as Record<string, unknown>).set = { approved_at: '${nextweek}' };
    let problems: string[] = [];
    try {
      registryWith(manifest);
    } catch (err) {
      problems = String((err as Error).message).split('\n');
    }
    expect(problems.some((p) => /purchasing\.json#\/workflows\/0\/initial: unknown state "NOWHERE"/.test(p))).toBe(true);
    expect(problems.some((p) => /purchasing\.json#\/workflows\/0\/transitions\/1\/effects\/set\/approved_at: unknown placeholder \$\{nextweek\}/.test(p))).toBe(true);
  });
});

