/**
 * A declared view's title (manifest `views[].translations.bn.label`) reaches a Bengali reader: the data the
 * calendar and board screens head themselves with, and AdminJS's Bengali labels of the view actions (the
 * navigation link). An English reader keeps the label as written.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { bengaliTranslations } from '../core/admin/locale-bn.js';
import { classNameOf } from '../core/data/entity-schemas.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createStudioWorld, type StudioWorld } from './support/studio.js';
import { studioRegistry } from './support/views-fixture.js';

let runtime: TestRuntime;
let server: TestServer;
let w: StudioWorld;
let member: AdminClient;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: studioRegistry() });
  w = await createStudioWorld(runtime);
  server = await startTestServer(runtime);
  member = await server.login(w.org.users.get('studio.member')!.email, 'secret-123');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const title = async (view: string): Promise<unknown> => {
  const { status, body } = await member.get(`/admin/x/views?view=${view}`);
  expect(status).toBe(200);
  return (body as { label?: unknown }).label;
};

it('the board and the calendar are titled in the reader\'s language', async () => {
  expect(await title('studio.board')).toBe('Task board');
  expect(await title('studio.desk_calendar&from=2026-12-01&to=2026-12-08')).toBe('Desk bookings');
  expect((await member.post('/admin/x/language', { language: 'bn' })).status).toBe(200);
  expect(await title('studio.board')).toBe('কাজের বোর্ড');
  expect(await title('studio.desk_calendar&from=2026-12-01&to=2026-12-08')).toBe('ডেস্ক বুকিং');
  // A view without a translation keeps its English title for the Bengali reader.
  expect(await title('studio.by_priority')).toBe('Tasks by priority');
});

it('the Bengali navigation links of the views are their translated titles', () => {
  // AdminJS types a resource's actions loosely (ResourceKey): read them as the plain map locale-bn.ts builds.
  const resources = bengaliTranslations(runtime.registry).resources as Record<string, { actions?: Record<string, string> }> | undefined;
  const actions = (id: string): Record<string, string> => resources?.[id]?.actions ?? {};
  const task = runtime.registry.entity('studio.task')!;
  const booking = runtime.registry.entity('studio.booking')!;
  expect(actions(classNameOf(task)).view_board).toBe('কাজের বোর্ড');
  expect(actions(classNameOf(booking)).view_desk_calendar).toBe('ডেস্ক বুকিং');
  expect(actions(classNameOf(task)).view_by_priority).toBeUndefined();
});
