/**
 * Webhooks end to end over HTTP: an org admin subscribes in the admin, changes
 * made through Records write outbox rows in their own transaction, the
 * delivery job POSTs them to a real receiver on 127.0.0.1 (loopback allowed
 * with WEBHOOKS_ALLOW_PRIVATE=1): signed, retried with backoff after a 500,
 * disabled after repeated failures, sent again on request, and a worker
 * killed between the receiver's answer and the bookkeeping loses nothing: the
 * delivery goes again with the same delivery id.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { coreJobs } from '../core/jobs/core-jobs.js';
import { deliverPendingWebhooks, invalidateSubscriptions, webhookRetrySeconds } from '../core/webhooks/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { startReceiver, verify, type Receiver } from './support/webhook-receiver.js';
import { deliveries, makeDue, subscribe } from './support/webhooks.js';

process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
process.env.WEBHOOKS_KEY = 'webhooks-delivery-test-key-0123456789abcdef';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let runtime: TestRuntime;
let org: Fixture;
let server: TestServer;
let receiver: Receiver;
let admin: AdminClient;

beforeAll(async () => {
  runtime = await createTestRuntime();
  org = await createFixtureOrg(runtime, 'library', ['member']);
  server = await startTestServer(runtime);
  receiver = await startReceiver();
  admin = await server.login(org.users.get('admin')!.email, 'secret-123');
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
  await runtime?.dispose();
});
beforeEach(async () => {
  await runtime.dataSource.query('DELETE FROM core_webhook');
  receiver.requests.length = 0;
  receiver.statuses.length = 0;
});

const newBook = async (title: string): Promise<string> => (await (await org.as('admin')).create('library.book', { title, copies_total: 1 })).id;

describe('subscribing and the outbox', () => {
  it('a created record is delivered once, as JSON signed with the secret shown once, with the delivery id header', async () => {
    const hook = await subscribe(admin, { name: 'Books', url: `${receiver.url}/books`, entity: 'library.book', events: ['created'] });
    const bookId = await newBook('Signed and sealed');
    const [row] = await deliveries(runtime, hook.id);
    expect(row).toMatchObject({ event: 'created', record_id: bookId, status: 'queued' });
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(req.path).toBe('/books');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-ums-delivery']).toBe(row.delivery_id);
    expect(req.headers['x-ums-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(hook.secret, req.headers['x-ums-signature'], req.body)).toBe(true);
    expect(verify(hook.secret, req.headers['x-ums-signature'], req.body.replace('Signed', 'Forged'))).toBe(false);
    expect(verify('whsec_wrong', req.headers['x-ums-signature'], req.body)).toBe(false);
    expect(req.json).toMatchObject({ id: row.delivery_id, event: 'created', entity: 'library.book', record: { id: bookId, title: 'Signed and sealed' } });
    const [done] = await deliveries(runtime, hook.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 1, last_status: 200 });
    const attempts: { response_code: number; duration_ms: number }[] = await runtime.dataSource.query('SELECT response_code, duration_ms FROM core_webhook_attempt WHERE delivery_id = $1', [row.id]);
    expect(attempts).toHaveLength(1);
    expect(attempts[0].response_code).toBe(200);
    expect(attempts[0].duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('the secret is stored encrypted, never in the clear, and no screen shows it', async () => {
    const hook = await subscribe(admin, { name: 'Secretive', url: `${receiver.url}/s`, entity: 'library.book', events: ['created'] });
    const [stored]: { secret_encrypted: string }[] = await runtime.dataSource.query('SELECT secret_encrypted FROM core_webhook_secret WHERE webhook_id = $1', [hook.id]);
    expect(stored.secret_encrypted).toMatch(/^v1:/);
    expect(stored.secret_encrypted).not.toContain(hook.secret);
    const shown = await admin.get(`/admin/api/resources/CoreWebhook/records/${hook.id}/show`);
    expect(JSON.stringify(shown.body)).not.toContain(hook.secret);
    expect(JSON.stringify(shown.body)).not.toContain(stored.secret_encrypted);
  });

  it('only the subscribed events and the matching records make deliveries; a rolled-back change makes none', async () => {
    const hook = await subscribe(admin, { name: 'Science updates', url: `${receiver.url}/u`, entity: 'library.book', events: ['updated', 'deleted'], condition: { category: 'science' } });
    const records = await org.as('admin');
    const book = await records.create('library.book', { title: 'Cosmos', copies_total: 1, category: 'science' });
    const novel = await records.create('library.book', { title: 'Novel', copies_total: 1, category: 'fiction' });
    expect(await deliveries(runtime, hook.id)).toEqual([]); // created is not subscribed
    await records.update('library.book', book.id, { shelf: 'S1' });
    await records.update('library.book', novel.id, { shelf: 'F1' }); // not science
    await expect(records.transaction(async (tx) => {
      await tx.update('library.book', book.id, { shelf: 'S2' });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    await records.delete('library.book', book.id);
    expect((await deliveries(runtime, hook.id)).map((d) => [d.event, d.record_id])).toEqual([['updated', book.id], ['deleted', book.id]]);
    await deliverPendingWebhooks(runtime);
    expect(receiver.requests.map((r) => [r.json.event, (r.json.record as { id: string }).id])).toEqual([['updated', book.id], ['deleted', book.id]]);
    // Each carries the record as it was at its change: the update's view, and the deleted record just before it went.
    expect((receiver.requests[0].json.record as { shelf: string }).shelf).toBe('S1');
    expect(receiver.requests[1].json.record).toMatchObject({ id: book.id, title: 'Cosmos', shelf: 'S1' });
  });

  it('the record is sent as the webhook’s owner may see it: their field rules apply, and a record they may not read is not sent', async () => {
    // A subscription owned by a member (made by code: the owner is normally who created it).
    const hook = await subscribe(admin, { name: 'Member view', url: `${receiver.url}/member`, entity: 'library.book', events: ['created'] });
    await runtime.dataSource.query('UPDATE core_webhook SET owner_id = $1 WHERE id = $2', [org.users.get('member')!.id, hook.id]);
    invalidateSubscriptions();
    const records = await org.as('admin');
    const book = await records.create('library.book', { title: 'Priced', copies_total: 3, acquisition_price: 42 });
    await deliverPendingWebhooks(runtime);
    const record = receiver.requests[0].json.record as Record<string, unknown>;
    expect(record).toMatchObject({ id: book.id, title: 'Priced' });
    expect(record).not.toHaveProperty('acquisition_price'); // the member's read rule does not list it
    expect(record).not.toHaveProperty('copies_total');
    // Loans: a member reads only their own, so another member's loan is not sent (skipped, saying why).
    const loans = await subscribe(admin, { name: 'Member loans', url: `${receiver.url}/loans`, entity: 'library.loan', events: ['created'] });
    await runtime.dataSource.query('UPDATE core_webhook SET owner_id = $1 WHERE id = $2', [org.users.get('member')!.id, loans.id]);
    invalidateSubscriptions();
    const other = await records.create('library.member', { name: 'Someone Else', card_number: 'C-WH-1', email: 'someone@example.test' });
    await records.create('library.loan', { book: book.id, member: other.id });
    const [row] = await deliveries(runtime, loans.id);
    expect(row.status).toBe('skipped');
    expect(row.last_error).toContain('may not read');
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/member']);
  });

  it('a stored condition that no longer fits the entity (a field removed since) matches nothing and never breaks the change', async () => {
    const hook = await subscribe(admin, { name: 'Stale', url: `${receiver.url}/stale`, entity: 'library.book', events: ['created'], condition: { category: 'science' } });
    await runtime.dataSource.query(`UPDATE core_webhook SET condition = '{"removed_field": 1}' WHERE id = $1`, [hook.id]);
    invalidateSubscriptions();
    await expect(newBook('Still saved')).resolves.toEqual(expect.any(String));
    expect(await deliveries(runtime, hook.id)).toEqual([]);
  });

  it('an entity the admin may not read, an unknown event or a bad condition is a field error, not a subscription', async () => {
    const res = await admin.post('/admin/api/resources/CoreWebhook/actions/new', { name: 'Bad', url: `${receiver.url}/x`, entity: 'library.nothing', events: '["created","exploded"]', condition: '{"no_such_field": 1}', is_active: 'true' });
    const errors = (res.body.record as { errors?: Record<string, unknown> }).errors ?? {};
    expect(Object.keys(errors).sort()).toEqual(expect.arrayContaining(['entity', 'events']));
    const bad = await admin.post('/admin/api/resources/CoreWebhook/actions/new', { name: 'Bad condition', url: `${receiver.url}/x`, entity: 'library.book', events: '["created"]', condition: '{"no_such_field": 1}', is_active: 'true' });
    expect(Object.keys((bad.body.record as { errors?: Record<string, unknown> }).errors ?? {})).toEqual(['condition']);
    expect(await runtime.dataSource.query('SELECT id FROM core_webhook')).toEqual([]);
  });
});

describe('retries, disabling, send again', () => {
  it('a 500 is retried with exponential backoff; the attempt log keeps each response code', async () => {
    const hook = await subscribe(admin, { name: 'Flaky', url: `${receiver.url}/flaky`, entity: 'library.book', events: ['created'] });
    await newBook('Try again');
    receiver.statuses.push(500, 503);
    const before = Date.now();
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 0, failed: 1, skipped: 0 });
    let [row] = await deliveries(runtime, hook.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_status: 500 });
    expect(row.last_error).toContain('HTTP 500');
    const wait1 = (new Date(row.next_attempt_at).getTime() - before) / 1000;
    expect(wait1).toBeGreaterThan(webhookRetrySeconds(1) - 5);
    expect(wait1).toBeLessThan(webhookRetrySeconds(1) + 30);
    // Not due yet: nothing is sent.
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    await makeDue(runtime);
    const before2 = Date.now();
    await deliverPendingWebhooks(runtime);
    [row] = await deliveries(runtime, hook.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2, last_status: 503 });
    expect((new Date(row.next_attempt_at).getTime() - before2) / 1000).toBeGreaterThan(webhookRetrySeconds(2) - 5); // twice as long
    expect(webhookRetrySeconds(2)).toBe(2 * webhookRetrySeconds(1));
    let [webhook]: { failure_count: number; is_active: boolean }[] = await runtime.dataSource.query('SELECT failure_count, is_active FROM core_webhook WHERE id = $1', [hook.id]);
    expect(webhook).toEqual({ failure_count: 2, is_active: true });
    await makeDue(runtime);
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    const ids = new Set(receiver.requests.map((r) => r.headers['x-ums-delivery']));
    expect(receiver.requests).toHaveLength(3);
    expect(ids.size).toBe(1); // every attempt carries the same delivery id
    const log: { attempt: number; response_code: number }[] = await runtime.dataSource.query('SELECT attempt, response_code FROM core_webhook_attempt WHERE delivery_id = $1 ORDER BY attempt', [row.id]);
    expect(log).toEqual([{ attempt: 1, response_code: 500 }, { attempt: 2, response_code: 503 }, { attempt: 3, response_code: 200 }]);
    [webhook] = await runtime.dataSource.query('SELECT failure_count, is_active FROM core_webhook WHERE id = $1', [hook.id]);
    expect(webhook).toEqual({ failure_count: 0, is_active: true }); // a success starts the count over
  });

  it('after N failures in a row the webhook is disabled with the reason; no new deliveries until an admin switches it on again', async () => {
    const hook = await subscribe(admin, { name: 'Dead', url: `${receiver.url}/dead`, entity: 'library.book', events: ['created'] });
    await newBook('One');
    await newBook('Two');
    receiver.statuses.push(500, 500, 500, 500, 500);
    for (let i = 0; i < 2; i++) {
      await deliverPendingWebhooks(runtime, { disableAfter: 3 });
      await makeDue(runtime);
    }
    const [webhook]: { failure_count: number; is_active: boolean; disabled_reason: string }[] = await runtime.dataSource.query('SELECT failure_count, is_active, disabled_reason FROM core_webhook WHERE id = $1', [hook.id]);
    expect(webhook.is_active).toBe(false);
    expect(webhook.failure_count).toBe(3);
    expect(webhook.disabled_reason).toContain('3 failed deliveries in a row');
    expect(webhook.disabled_reason).toContain('HTTP 500');
    const sent = receiver.requests.length;
    expect(sent).toBe(3);
    // Disabled: a change makes no delivery, and the waiting one is not sent.
    await newBook('Three');
    expect(await deliveries(runtime, hook.id)).toHaveLength(2);
    expect(await deliverPendingWebhooks(runtime, { disableAfter: 3 })).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    expect(receiver.requests).toHaveLength(sent);
    // Switched on again in the admin (the receiver fixed): the count starts over and the waiting deliveries go.
    receiver.statuses.length = 0;
    const edit = await admin.post(`/admin/api/resources/CoreWebhook/records/${hook.id}/edit`, { is_active: 'true' });
    expect(edit.body.notice).toMatchObject({ type: 'success' });
    const [again]: { failure_count: number; is_active: boolean; disabled_reason: string | null }[] = await runtime.dataSource.query('SELECT failure_count, is_active, disabled_reason FROM core_webhook WHERE id = $1', [hook.id]);
    expect(again).toEqual({ failure_count: 0, is_active: true, disabled_reason: null });
    await makeDue(runtime);
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 2, failed: 0, skipped: 0 });
  });

  it('"Send again" in the admin delivers a delivered one once more, with the same delivery id', async () => {
    const hook = await subscribe(admin, { name: 'Again', url: `${receiver.url}/again`, entity: 'library.book', events: ['created'] });
    await newBook('Encore');
    await deliverPendingWebhooks(runtime);
    const [row] = await deliveries(runtime, hook.id);
    expect(row.status).toBe('delivered');
    const res = await admin.post(`/admin/api/resources/CoreWebhookDelivery/records/${row.id}/retry`);
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect((await deliveries(runtime, hook.id))[0]).toMatchObject({ status: 'queued', attempts: 0 });
    await deliverPendingWebhooks(runtime);
    expect(receiver.requests.map((r) => r.headers['x-ums-delivery'])).toEqual([row.delivery_id, row.delivery_id]);
    expect(verify(hook.secret, receiver.requests[1].headers['x-ums-signature'], receiver.requests[1].body)).toBe(true);
  });

  it('the jobs worker sends them: the core job core.webhook_delivery runs the delivery', async () => {
    await subscribe(admin, { name: 'By the job', url: `${receiver.url}/job`, entity: 'library.book', events: ['created'] });
    await newBook('Sent by the worker');
    const job = coreJobs().find((j) => j.key === 'core.webhook_delivery')!;
    expect(job.schedule).toEqual({ every: '10 seconds' });
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    expect(await job.handler({ runtime, log, now: new Date() })).toBe('1 delivered, 0 failed, 0 skipped');
    expect(receiver.requests.map((r) => r.path)).toEqual(['/job']);
  });

  it('an admin cannot write deliveries or attempts by hand', async () => {
    const res = await admin.post('/admin/api/resources/CoreWebhookDelivery/actions/new', { event: 'created', entity: 'library.book', record_id: 'x', delivery_id: 'x' });
    expect(JSON.stringify(res.body)).not.toContain('"type":"success"');
    expect(await deliveries(runtime)).toEqual([]);
  });
});

describe('kill-safety', () => {
  it('a worker killed after the receiver answered and before recording it: the delivery goes again later with the same delivery id', async () => {
    const hook = await subscribe(admin, { name: 'Killed', url: `${receiver.url}/killed`, entity: 'library.book', events: ['created'] });
    await newBook('Survivor');
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/webhook-worker.ts', '--die-after-send'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: runtime.database.url, NODE_OPTIONS: '' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    expect({ ...exit, stderr: exit.signal ? '' : stderr }).toMatchObject({ signal: 'SIGKILL', stderr: '' });
    expect(receiver.requests).toHaveLength(1);
    let [row] = await deliveries(runtime, hook.id);
    expect(row).toMatchObject({ status: 'sending', attempts: 1 }); // claimed with a lease, outcome never written
    // A live worker does not take it over while the lease runs…
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    // …and once the lease ran out, the next run sends it again, with the same id.
    await makeDue(runtime);
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(receiver.requests.map((r) => r.headers['x-ums-delivery'])).toEqual([row.delivery_id, row.delivery_id]);
    expect(receiver.requests.every((r) => verify(hook.secret, r.headers['x-ums-signature'], r.body))).toBe(true);
    [row] = await deliveries(runtime, hook.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    const log: { attempt: number; response_code: number | null; error: string | null }[] = await runtime.dataSource.query('SELECT attempt, response_code, error FROM core_webhook_attempt WHERE delivery_id = $1 ORDER BY attempt', [row.id]);
    expect(log).toEqual([
      { attempt: 1, response_code: null, error: expect.stringContaining('did not finish') },
      { attempt: 2, response_code: 200, error: null },
    ]);
  });
});
