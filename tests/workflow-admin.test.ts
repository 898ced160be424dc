/**
 * Workflows through AdminJS's HTTP API: transition buttons only for who may
 * act now, direct calls refused server-side, the status never editable in the
 * form, bulk approval with a per-record report, history and the inbox page.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUser } from '../core/tenancy/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { purchasingManifest, purchasingPlugin, registryWith } from './support/workflow-fixture.js';

const PURCHASE = 'purchasing.purchase';
const api = (rest: string) => `/admin/api/resources/PurchasingPurchase/${rest}`;
let runtime: TestRuntime;
let server: TestServer;
let org: Fixture;
let departmentId: string;
const clients = new Map<string, AdminClient>();
const client = (name: string) => clients.get(name)!;

async function submittedPurchase(title: string, amount = 100): Promise<string> {
  const created = await (await org.as('requester')).create(PURCHASE, { title, amount, department: departmentId });
  const id = String(created.id);
  const res = await client('requester').post(api(`records/${id}/submit`), { comment: '' });
  expect(res.body.notice).toMatchObject({ type: 'success' });
  return id;
}

const offeredTo = async (name: string, id: string): Promise<string[]> => {
  const res = await client(name).get(api(`records/${id}/show`));
  const raw = (res.body.record as { params: Record<string, unknown> }).params.__workflow;
  return typeof raw === 'string' ? (JSON.parse(raw) as { actions: { name: string }[] }).actions.map((a) => a.name) : [];
};

const stateOf = async (id: string) => (await (await org.system()).get(PURCHASE, id)).status;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(purchasingManifest()), plugins: [purchasingPlugin] });
  org = await createFixtureOrg(runtime, 'inventory', ['requester', 'manager', 'director', 'finance']);
  const head = await createUser(runtime, org.org.slug, { email: `head@${org.org.slug}.test`, password: 'secret-123', name: 'Head', roles: ['staff'] });
  departmentId = String((await (await org.system()).create('purchasing.department', { name: 'Research', head: head.id })).id);
  server = await startTestServer(runtime);
  for (const role of ['requester', 'manager', 'director', 'admin']) clients.set(role, await server.login(org.users.get(role)!.email, 'secret-123'));
  clients.set('head', await server.login(`head@${org.org.slug}.test`, 'secret-123'));
});

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('transition actions in AdminJS', () => {
  test('each user is offered exactly the actions they may take now; a direct call without the right is refused', async () => {
    const created = await (await org.as('requester')).create(PURCHASE, { title: 'Microscope', amount: 100, department: departmentId });
    const id = String(created.id);
    expect(await offeredTo('requester', id)).toEqual(['submit']);
    expect(await offeredTo('manager', id)).toEqual([]);
    const refused = await client('manager').post(api(`records/${id}/submit`), { comment: '' });
    expect(refused.body.notice).toMatchObject({ type: 'error' });
    expect(await stateOf(id)).toBe('DRAFT');
    await client('requester').post(api(`records/${id}/submit`), { comment: 'please' });
    expect(await stateOf(id)).toBe('PENDING');
    expect(await offeredTo('head', id)).toEqual(['approve', 'reject']);
    expect(await offeredTo('manager', id)).toEqual([]);
    const early = await client('manager').post(api(`records/${id}/approve`), { comment: '' });
    expect(early.body.notice).toMatchObject({ type: 'error' });
  });

  test('the status field is never editable through the ordinary edit form', async () => {
    const created = await (await org.as('requester')).create(PURCHASE, { title: 'Chairs', amount: 100, department: departmentId });
    const id = String(created.id);
    await client('requester').post(api(`records/${id}/edit`), { title: 'Chairs (blue)', status: 'APPROVED', version: String(created.version) });
    const after = await (await org.system()).get(PURCHASE, id);
    expect(after).toMatchObject({ title: 'Chairs (blue)', status: 'DRAFT' });
  });

  test('a stale version is refused with a clear message and nothing moves', async () => {
    const created = await (await org.as('requester')).create(PURCHASE, { title: 'Lamp', amount: 100, department: departmentId });
    const id = String(created.id);
    await (await org.as('requester')).update(PURCHASE, id, { note: 'changed' });
    const res = await client('requester').post(api(`records/${id}/submit`), { comment: '', version: String(created.version) });
    expect(res.body.notice).toMatchObject({ type: 'error', message: expect.stringContaining('changed by someone else') });
    expect(await stateOf(id)).toBe('DRAFT');
  });

  test('rejecting needs a comment', async () => {
    const id = await submittedPurchase('Desk');
    const res = await client('head').post(api(`records/${id}/reject`), { comment: '' });
    expect(res.body.notice).toMatchObject({ type: 'error' });
    await client('head').post(api(`records/${id}/reject`), { comment: 'Not this year' });
    expect(await stateOf(id)).toBe('DRAFT');
  });

  test('bulk approval reports per record what was done and what was refused', async () => {
    const a = await submittedPurchase('Bulk A');
    const b = await submittedPurchase('Bulk B');
    await client('head').post(api(`records/${a}/approve`), { comment: '' });
    // Management may approve A (head step given) but not B (still waiting for its head).
    const res = await client('manager').post(api(`bulk/bulk_approve?recordIds=${a},${b}`), { comment: 'batch' });
    const message = String((res.body.notice as { message: string }).message);
    expect(message).toContain('1 done');
    expect(message).toContain('1 refused');
    expect(message).toContain('Bulk B');
    const given = await (await org.system()).find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: a }, { field: 'step', op: 'eq', value: 'management' }] });
    expect(given).toHaveLength(1);
  });

  test('history and the inbox page', async () => {
    const id = await submittedPurchase('Projector');
    const inbox = await client('head').get('/admin/api/pages/approvals');
    const items = inbox.body.items as { recordTitle: string; href: string; requestedByName: string; youCountAs: string }[];
    expect(items.find((i) => i.recordTitle === 'Projector')).toMatchObject({ href: expect.stringContaining(id), youCountAs: 'relation', requestedByName: expect.stringContaining('requester') });
    const managerInbox = (await client('manager').get('/admin/api/pages/approvals')).body.items as { recordTitle: string }[];
    expect(managerInbox.some((i) => i.recordTitle === 'Projector')).toBe(false);
    await client('head').post(api(`records/${id}/approve`), { comment: 'fine by me' });
    // Roles are shown with their module's label, not as keys.
    const waiting = (await client('manager').get('/admin/api/pages/approvals')).body.items as { recordTitle: string; youCountAs: string; given: { asRole: string }[] }[];
    expect(waiting.find((i) => i.recordTitle === 'Projector')).toMatchObject({ youCountAs: 'Manager (Purchasing)', given: [{ asRole: 'relation' }] });
    const history = await client('requester').get(api(`records/${id}/history`));
    expect((history.body.history as { kind: string; comment: string | null }[]).map((h) => [h.kind, h.comment])).toEqual([
      ['transition', null],
      ['requested', null],
      ['approved', 'fine by me'],
    ]);
  });
});
