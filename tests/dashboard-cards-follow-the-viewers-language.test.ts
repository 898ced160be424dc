/**
 * Dashboard cards format their dates and numbers in the viewer's language (core/admin/dashboard.ts): an
 * English viewer gets Latin digits, the same viewer after choosing Bengali (POST /admin/x/language) gets
 * Bengali digits (bn-BD) in the same cards.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['library'] });
  server = await startTestServer(runtime);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

const BENGALI_DIGIT = /[০-৯]/;

it("the cards' dates and numbers follow the viewer's language", async () => {
  const client = await server.login('librarian@library.demo', 'demo1234');
  const english = JSON.stringify((await client.get('/admin/api/dashboard')).body.cards);
  expect(english).not.toMatch(BENGALI_DIGIT);
  expect((await client.post('/admin/x/language', { language: 'bn' })).status).toBe(200);
  const bengali = JSON.stringify((await client.get('/admin/api/dashboard')).body.cards);
  expect(bengali).toMatch(BENGALI_DIGIT);
}, 180_000);
