/**
 * A transition refused because the record does not qualify says why, in
 * words, from the manifest alone: the hotel's check-in (`when`: an assigned,
 * clean or inspected room and the guest's ID) names the condition that fails
 * — in the REST API as the problem's detail, and in the admin as the
 * refusal's notice, where the record page offers the check-in with that
 * reason instead of hiding it. A state the transition does not leave from is
 * named with the state it needs. A transition with a `whenMessage` says that
 * message instead.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowEngine } from '../core/workflow/index.js';
import { apiCall, apiLogin } from './support/api.js';
import { errorOf } from './support/errors.js';
import { createHotelWorld, day, type HotelWorld } from './support/hotel.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const admin = (rest: string) => `/admin/api/resources/HotelReservation/${rest}`;

let runtime: TestRuntime;
let server: TestServer;
let w: HotelWorld;
let token: string;
let desk: AdminClient;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  server = await startTestServer(runtime);
  const email = w.org.users.get('hotel.front_desk')!.email;
  token = (await apiLogin(server.url, email)).access_token;
  desk = await server.login(email, 'secret-123');
}, 90_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const checkIn = (id: string) => apiCall(server.url, 'POST', `/hotel/reservation/${id}/actions/check_in`, { token, body: {} });

describe('a refused check-in over the REST API', () => {
  it("names the guest's missing ID document as the problem's detail", async () => {
    const res = await checkIn(String(w.reservations.otherConfirmed.id));
    expect(res.status).toBe(409);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.detail).toBe("Check in is not possible: the guest's ID document number must be filled in.");
  });

  it("names the room's housekeeping status and the values it needs", async () => {
    const stay = await w.system.create('hotel.reservation', { guest: w.guests.own.id, room_type: w.types.double.id, room: w.rooms.dirty.id, adults: 1, rate: 120, check_in: day(10), check_out: day(12), status: 'confirmed' });
    const res = await checkIn(String(stay.id));
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe("Check in is not possible: the room's housekeeping status must be Clean or Inspected.");
  });

  it('names an unassigned room', async () => {
    const stay = await w.system.create('hotel.reservation', { guest: w.guests.own.id, room_type: w.types.double.id, adults: 1, rate: 120, check_in: day(14), check_out: day(15), status: 'confirmed' });
    expect((await checkIn(String(stay.id))).body.detail).toBe('Check in is not possible: the room must be assigned.');
  });

  it('names the state the reservation is in and the one it needs', async () => {
    const res = await checkIn(String(w.reservations.ownDraft.id));
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('Check in is not possible: the reservation is Draft (it needs Confirmed).');
  });
});

describe('a refused check-in in the admin', () => {
  it('is offered on the record page with its reason, and taking it answers with that reason as the notice', async () => {
    const id = String(w.reservations.otherConfirmed.id);
    const shown = await desk.get(admin(`records/${id}/show`));
    const panel = JSON.parse(String((shown.body.record as { params: Record<string, unknown> }).params.__workflow)) as { actions: { name: string }[]; blocked: { name: string; reason: string }[] };
    expect(panel.actions.map((a) => a.name)).not.toContain('check_in');
    expect(panel.blocked).toEqual([{ name: 'check_in', label: 'Check in', reason: "Check in is not possible: the guest's ID document number must be filled in." }]);
    const res = await desk.post(admin(`records/${id}/check_in`), { comment: '' });
    expect(res.body.notice).toEqual({ type: 'error', message: "Check in is not possible: the guest's ID document number must be filled in." });
    expect((await w.system.get('hotel.reservation', id)).status).toBe('confirmed');
  });

  it('is not offered to someone who may not check guests in', async () => {
    const housekeeping = await server.login(w.org.users.get('hotel.housekeeping')!.email, 'secret-123');
    const shown = await housekeeping.get(admin(`records/${String(w.reservations.otherConfirmed.id)}/show`));
    const raw = (shown.body.record as { params: Record<string, unknown> } | undefined)?.params.__workflow;
    const blocked = typeof raw === 'string' ? ((JSON.parse(raw) as { blocked?: { name: string }[] }).blocked ?? []) : [];
    expect(blocked).toEqual([]);
  });
});

describe("a transition's whenMessage", () => {
  it('is what the refusal says, instead of the generated sentence', async () => {
    const manifest = {
      id: 'desk',
      version: '1.0.0',
      label: 'Desk',
      systemTypes: ['library'],
      entities: [{ name: 'ticket', titleField: 'title', fields: [{ name: 'title', type: 'string', required: true }, { name: 'answer', type: 'string' }, { name: 'status', type: 'enum', values: ['open', 'closed'], required: true }] }],
      roles: [{ name: 'clerk' }],
      permissions: { clerk: [{ action: ['create', 'read', 'update'], subject: 'ticket' }] },
      workflows: [
        {
          name: 'ticket',
          entity: 'ticket',
          version: 1,
          field: 'status',
          initial: 'open',
          states: [{ name: 'open' }, { name: 'closed', terminal: true }],
          transitions: [{ name: 'close', from: 'open', to: 'closed', by: { roles: ['clerk'] }, when: { answer: { $ne: null } }, whenMessage: 'write the answer the customer gets first.' }],
        },
      ],
    };
    const fixture = await createTestRuntime({ registry: registryWith(manifest) });
    try {
      const org = await createFixtureOrg(fixture, 'library', ['clerk']);
      const clerk = await org.as('clerk');
      const ticket = await clerk.create('desk.ticket', { title: 'Printer' });
      const err = await errorOf((await WorkflowEngine.for(clerk)).run('desk.ticket', String(ticket.id), 'close'));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toBe('Close is not possible: write the answer the customer gets first.');
    } finally {
      await fixture.dispose();
    }
  }, 60_000);
});
