/**
 * A workflow transition is a webhook event of its own: running "submit" on an
 * institute course over the REST API writes a `transition` delivery (name,
 * from, to) in the transition's transaction, the record in its new state as
 * the webhook's owner sees it; subscribers to `updated` get no copy of the
 * move (it is not a form edit), and a condition is tested on the moved record.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deliverPendingWebhooks } from '../core/webhooks/index.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { apiCall, apiLogin } from './support/api.js';
import { startReceiver, verify, type Receiver } from './support/webhook-receiver.js';
import { deliveries, subscribe } from './support/webhooks.js';

process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
process.env.WEBHOOKS_KEY = 'webhooks-transition-test-key-0123456789abcdef';

let runtime: TestRuntime;
let world: InstituteWorld;
let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  server = await startTestServer(runtime);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await server?.close();
  await runtime?.dispose();
});

describe('workflow transitions', () => {
  it('a transition run over the REST API is delivered as a signed `transition` event with its name, from and to', async () => {
    const adminEmail = world.fixture.users.get('admin')!.email;
    const admin = await server.login(adminEmail, 'secret-123');
    const moves = await subscribe(admin, { name: 'Course moves', url: `${receiver.url}/moves`, entity: 'institute.course', events: ['transition'] });
    const edits = await subscribe(admin, { name: 'Course edits', url: `${receiver.url}/edits`, entity: 'institute.course', events: ['updated'] });
    const archived = await subscribe(admin, { name: 'Archived only', url: `${receiver.url}/archived`, entity: 'institute.course', events: ['transition'], condition: { status: 'ARCHIVED' } });

    const { access_token } = await apiLogin(server.url, adminEmail);
    const course = world.courses.draft;
    const run = await apiCall(server.url, 'POST', `/institute/course/${course.id}/actions/submit`, { token: access_token, body: { comment: 'ready for review' } });
    expect(run.status).toBe(200);

    const [row] = await deliveries(runtime, moves.id);
    expect(row).toMatchObject({ event: 'transition', record_id: course.id, status: 'queued' });
    expect(await deliveries(runtime, edits.id)).toEqual([]); // the move is not an edit
    expect(await deliveries(runtime, archived.id)).toEqual([]); // the moved record is PENDING, not ARCHIVED

    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(req.path).toBe('/moves');
    expect(req.headers['x-ums-event']).toBe('transition');
    expect(req.headers['x-ums-delivery']).toBe(row.delivery_id);
    expect(verify(moves.secret, req.headers['x-ums-signature'], req.body)).toBe(true);
    expect(req.json).toMatchObject({
      event: 'transition',
      entity: 'institute.course',
      transition: { name: 'submit', from: 'DRAFT', to: 'PENDING' },
      record: { id: course.id, status: 'PENDING', title: course.title },
    });

    // A plain edit of a course (a pending one is locked by its workflow state) is an `updated` event for the other subscription only.
    const edit = await apiCall(server.url, 'PATCH', `/institute/course/${world.courses.active.id}`, { token: access_token, body: { max_seats: 12 } });
    expect(edit.status).toBe(200);
    expect((await deliveries(runtime, edits.id)).map((d) => d.event)).toEqual(['updated']);
    expect(await deliveries(runtime, moves.id)).toHaveLength(1);
    await deliverPendingWebhooks(runtime);
    expect(receiver.requests.map((r) => [r.path, r.json.event])).toEqual([['/moves', 'transition'], ['/edits', 'updated']]);
    expect((receiver.requests[1].json.record as { max_seats: number }).max_seats).toBe(12);
  });

  it('a transition refused by the workflow writes no delivery', async () => {
    const adminEmail = world.fixture.users.get('admin')!.email;
    const before = (await deliveries(runtime)).length;
    const { access_token } = await apiLogin(server.url, adminEmail);
    // "submit" needs a DRAFT course: the active one cannot be submitted.
    const run = await apiCall(server.url, 'POST', `/institute/course/${world.courses.active.id}/actions/submit`, { token: access_token, body: {} });
    expect(run.status).toBeGreaterThanOrEqual(400);
    expect(run.status).toBeLessThan(500);
    expect(await deliveries(runtime)).toHaveLength(before);
  });
});
