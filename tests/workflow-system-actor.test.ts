/**
 * A job takes workflow transitions through the engine as its named system
 * actor (`job:<module>.<name>`), on a fixture venue module (real PostgreSQL):
 * the `when` condition, effects (set with `${user.id}` = null, notify, hook),
 * history and the audit log name the job; a transition without
 * `by.system` is refused to it; a user cannot take a system-only transition;
 * the system may request an approval but never give one; the loader refuses
 * what makes no sense.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { JobScheduler } from '../core/jobs/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { startTestServer, type TestServer } from './support/http.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { BOOKING, venueManifest, venuePlugin } from './support/system-workflow-fixture.js';
import { registryWith, type Json } from './support/workflow-fixture.js';

const HOUR = 3_600_000;
let runtime: TestRuntime;
let scheduler: JobScheduler;
let server: TestServer;
let org: Fixture;

const user = (role: string) => org.users.get(role)!;
const engineOf = async (role: string) => WorkflowEngine.for(await org.as(role));
const systemEngine = async (reason: string) => WorkflowEngine.for(await RecordService.for(runtime, { kind: 'system', organizationId: org.org.id, reason }));
const booking = async (id: string) => (await org.system()).get(BOOKING, id);

async function newBooking(title: string, endsInHours: number): Promise<string> {
  // The system seeds it (the desk may not read core.user, which the guest reference needs); it starts BOOKED all the same.
  const created = await (await org.system()).create(BOOKING, { title, ends_at: new Date(Date.now() + endsInHours * HOUR).toISOString(), guest: user('guest').id });
  return String(created.id);
}

const auditOf = async (id: string): Promise<{ actor_id: string | null; system_actor: string | null; action: string; action_name: string | null }[]> =>
  runtime.dataSource.query(`SELECT actor_id, system_actor, action, action_name FROM core_audit_log WHERE organization_id = $1 AND record_id = $2 ORDER BY created_at, action_name NULLS FIRST`, [org.org.id, id]);

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(venueManifest()), plugins: [venuePlugin] });
  org = await createFixtureOrg(runtime, 'gym', ['desk', 'manager', 'guest']);
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
  server = await startTestServer(runtime);
});

afterAll(async () => {
  await server?.close();
  await scheduler?.close();
  await runtime?.dispose();
});

describe('a job takes a transition through the engine', () => {
  let past: string;
  let future: string;

  beforeAll(async () => {
    past = await newBooking('Past booking', -2);
    future = await newBooking('Future booking', 24);
  });

  test('the job closes past bookings only: the state moves, effects apply with ${user.id} as null, the hook runs as the job', async () => {
    const [outcome] = await scheduler.runNow('venue.close_past', org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '1 closed' });
    const closed = await booking(past);
    expect(closed).toMatchObject({ status: 'CLOSED', closed_by: null, close_note: 'closed by job:venue.close_past', note: 'hook ran for job:venue.close_past' });
    expect(Date.parse(String(closed.closed_at))).toBeGreaterThan(Date.now() - 60_000);
    expect((await booking(future)).status).toBe('BOOKED');
  });

  test('the `when` condition holds for the system too: a booking not yet over is refused', async () => {
    const engine = await systemEngine('job:venue.close_past');
    expect(await errorOf(() => engine.run(BOOKING, future, 'close'))).toMatchObject({ code: 'CONFLICT', message: 'Close is not possible: the ends at must be before now.' });
    expect((await booking(future)).status).toBe('BOOKED');
  });

  test('History shows the step with the job as actor, in the engine and through AdminJS', async () => {
    const history = await (await engineOf('desk')).history(BOOKING, past);
    expect(history.map((h) => [h.kind, h.transition, h.from, h.to, h.actor, h.actorKind])).toEqual([['transition', 'close', 'BOOKED', 'CLOSED', 'job:venue.close_past', 'system']]);
    const desk = await server.login(user('desk').email, 'secret-123');
    const res = await desk.get(`/admin/api/resources/VenueBooking/records/${past}/history`);
    expect(res.body.history).toEqual([expect.objectContaining({ kind: 'transition', transition: 'close', actor: 'job:venue.close_past', actorKind: 'system' })]);
    const [event] = await (await org.system()).find('core.workflow_event', { filters: [{ field: 'record_id', op: 'eq', value: past }] });
    expect(event).toMatchObject({ actor: null, system_actor: 'job:venue.close_past' });
  });

  test('the audit log records the job by name (no user id), in the table and in the audit screen', async () => {
    const rows = (await auditOf(past)).filter((r) => r.action !== 'create');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.actor_id === null && r.system_actor === 'job:venue.close_past')).toBe(true);
    expect(rows.map((r) => r.action_name)).toContain('workflow:close');
    // Every system actor is named: the fixture's create too.
    expect((await auditOf(past)).find((r) => r.action === 'create')).toMatchObject({ actor_id: null, system_actor: 'test fixture' });
    const admin = await server.login(user('admin').email, 'secret-123');
    const list = await admin.get(`/admin/api/resources/CoreAuditLog/actions/list?filters.record_id=${past}&perPage=50`);
    const params = (list.body.records as { params: Record<string, unknown> }[]).map((r) => r.params);
    expect(params.some((p) => p.action_name === 'workflow:close' && p.system_actor === 'job:venue.close_past')).toBe(true);
  });

  test('the guest is notified and mailed, as for a person’s transition', async () => {
    const notes = await (await org.system()).find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: past }, { field: 'user', op: 'eq', value: user('guest').id }] });
    expect(notes.map((n) => n.title)).toEqual(['Past booking is Closed']);
    const mails: { recipient: string }[] = await runtime.dataSource.query(`SELECT recipient FROM core_mail_outbox WHERE organization_id = $1 AND template = 'notice'`, [org.org.id]);
    expect(mails.map((m) => m.recipient)).toContain(user('guest').email);
  });

  test('a transition without `by.system` is refused to the job with a clear error, and nothing changes', async () => {
    const [outcome] = await scheduler.runNow('venue.cancel_stale', org.org.slug);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe('The system (job:venue.cancel_stale) may not take "Cancel" on booking records: the transition\'s "by" does not say "system": true.');
    const err = await errorOf(async () => (await systemEngine('job:venue.cancel_stale')).run(BOOKING, future, 'cancel'));
    expect(err).toMatchObject({ code: 'FORBIDDEN', where: { entity: BOOKING, pointer: '/workflows/0/transitions/1/by', file: expect.stringContaining('venue.json') } });
    expect((await booking(future)).status).toBe('BOOKED');
  });

  test('a user cannot take a system-only transition, nor is it offered; `system` plus roles lets both', async () => {
    const stale = await newBooking('Stale booking', -1);
    expect(await errorOf(async () => (await engineOf('desk')).run(BOOKING, stale, 'close'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(async () => (await engineOf('admin')).run(BOOKING, stale, 'close'))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await (await engineOf('desk')).available(BOOKING, await booking(stale))).map((a) => a.name)).toEqual(['cancel']);
    expect((await booking(stale)).status).toBe('BOOKED');
    // archive: by { system: true, roles: ['desk'] }.
    await (await systemEngine('job:venue.close_past')).run(BOOKING, stale, 'close');
    expect(await errorOf(async () => (await engineOf('guest')).run(BOOKING, stale, 'archive'))).toMatchObject({ code: 'FORBIDDEN' });
    await (await engineOf('desk')).run(BOOKING, stale, 'archive');
    expect((await booking(stale)).status).toBe('ARCHIVED');
    await (await systemEngine('job:venue.close_past')).run(BOOKING, past, 'archive');
    expect((await booking(past)).status).toBe('ARCHIVED');
    const [byDesk] = (await (await engineOf('desk')).history(BOOKING, stale)).filter((h) => h.transition === 'archive');
    expect(byDesk).toMatchObject({ actor: expect.stringContaining(user('desk').email), actorKind: 'user' });
  });
});

describe('approvals: the system may request, never approve', () => {
  test('the job opens the request (no requester), approvers are told; the system cannot approve; a manager can', async () => {
    const id = await newBooking('Cancelled booking', 5);
    await (await engineOf('desk')).run(BOOKING, id, 'cancel');
    const [outcome] = await scheduler.runNow('venue.request_refunds', org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: '1 refunds requested' });
    const [request] = await (await engineOf('manager')).openRequests(BOOKING, id);
    expect(request).toMatchObject({ transition: 'refund', requested_by: null, status: 'open' });
    const told = await (await org.system()).find('core.notification', { filters: [{ field: 'record_id', op: 'eq', value: id }, { field: 'user', op: 'eq', value: user('manager').id }] });
    expect(told.map((n) => n.title)).toEqual(['Approval requested: Refund — Cancelled booking']);
    expect((await (await engineOf('manager')).inbox()).map((i) => i.request.record_id)).toContain(id);
    // A second run finds the request open: the system would have to approve it, which it may not.
    const [again] = await scheduler.runNow('venue.request_refunds', org.org.slug);
    expect(again).toMatchObject({ status: 'failed', message: expect.stringContaining('cannot approve "Refund"') });
    expect(await errorOf(async () => (await systemEngine('job:venue.request_refunds')).run(BOOKING, id, 'refund'))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await booking(id)).status).toBe('CANCELLED');
    const approved = await (await engineOf('manager')).run(BOOKING, id, 'refund');
    expect(approved.moved).toBe(true);
    expect((await booking(id)).status).toBe('REFUNDED');
    const history = await (await engineOf('desk')).history(BOOKING, id);
    expect(history.map((h) => [h.kind, h.actor, h.actorKind])).toEqual([
      ['transition', expect.stringContaining(user('desk').email), 'user'],
      ['requested', 'job:venue.request_refunds', 'system'],
      ['approved', expect.stringContaining(user('manager').email), 'user'],
      ['transition', expect.stringContaining(user('manager').email), 'user'],
    ]);
  });
});

describe('the manifest says what the system may do', () => {
  const problemsOf = (change: (wf: { transitions: Json[] }) => void): string[] => {
    const manifest = venueManifest();
    change((manifest.workflows as { transitions: Json[] }[])[0]);
    try {
      registryWith(manifest);
      return [];
    } catch (err) {
      return String((err as Error).message).split('\n');
    }
  };

  test('`system` on approvers or notify is refused by the schema: the system never approves and reads no notification', () => {
    const approvers = problemsOf((wf) => ((wf.transitions[3].approval as { steps: Json[] }).steps[0].approvers = { roles: ['manager'], system: true }));
    expect(approvers.some((p) => /venue\.json#\/workflows\/0\/transitions\/3\/approval\/steps\/0\/approvers: unknown property "system"/.test(p))).toBe(true);
    const notify = problemsOf((wf) => ((wf.transitions[0].effects as Json).notify = { system: true }));
    expect(notify.some((p) => /venue\.json#\/workflows\/0\/transitions\/0\/effects\/notify: unknown property "system"/.test(p))).toBe(true);
  });

  test('`by.system` on an approval that opens by itself, and a `by` naming nobody, are refused at load with the pointer', () => {
    const onEnter = problemsOf((wf) => ((wf.transitions[3].approval as Json).open = 'onEnter'));
    expect(onEnter.some((p) => /venue\.json#\/workflows\/0\/transitions\/3\/by\/system: an approval opened on entering the state/.test(p))).toBe(true);
    const nobody = problemsOf((wf) => (wf.transitions[1].by = { system: false }));
    expect(nobody.some((p) => /venue\.json#\/workflows\/0\/transitions\/1\/by: "by" names nobody/.test(p))).toBe(true);
    expect(problemsOf(() => undefined)).toEqual([]);
  });
});
