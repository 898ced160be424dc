/**
 * The library demo's member signs in to the admin and opens their own member
 * record: AdminJS's HTTP API (show and list) returns the fields the member role
 * grants (name, card number, e-mail, phone, status, joined on) although its
 * condition tests `user`, which the role does not grant and which stays hidden.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../config/index.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { findOrganization } from '../core/tenancy/index.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const MEMBER_EMAIL = 'member@library.demo';
const GRANTED = ['name', 'card_number', 'email', 'phone', 'status', 'joined_on'];

let runtime: TestRuntime;
let server: TestServer;
let member: AdminClient;
let own: RecordData;

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { systemTypes: ['library'] });
  const organizationId = (await findOrganization(runtime, 'library')).id;
  const system = await RecordService.for(runtime, { kind: 'system', organizationId, reason: 'test' });
  const [user] = await system.find('core.user', { filters: [{ field: 'email', op: 'eq', value: MEMBER_EMAIL }] });
  [own] = await system.find('library.member', { filters: [{ field: 'user', op: 'eq', value: user.id }] });
  server = await startTestServer(runtime);
  member = await server.login(MEMBER_EMAIL, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const expected = (): Record<string, unknown> => Object.fromEntries(GRANTED.map((f) => [f, own[f]]));

describe('the library demo member', () => {
  it('has a member record of their own, with its fields filled', () => {
    expect(own).toBeDefined();
    for (const f of ['name', 'card_number', 'email', 'status', 'joined_on']) expect(own[f]).toBeTruthy();
  });

  it('sees its fields on the show page, and not the user reference', async () => {
    const res = await member.get(`/admin/api/resources/LibraryMember/records/${own.id}/show`);
    expect(res.status).toBe(200);
    const params = (res.body.record as { params: Record<string, unknown> }).params;
    expect(params).toMatchObject({ id: own.id, ...expected() });
    expect(params).not.toHaveProperty('user');
  });

  it('finds only their own record in the list, with the same fields', async () => {
    const res = await member.get('/admin/api/resources/LibraryMember/actions/list');
    expect(res.body.records!.map((r) => r.id)).toEqual([own.id]);
    expect(res.body.records![0].params).toMatchObject(expected());
  });
});
