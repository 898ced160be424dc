/**
 * Fuzz: hostile REST API requests (/api/v1) to every entity — list with
 * hostile limit, cursor, sort, fields, include, filters and q; get, create and
 * update (If-Match) with wrong types, boundaries, NUL bytes, odd Unicode, deep
 * JSON, unknown keys and bodies that are not JSON objects — as every role's
 * bearer token, a forged one and nobody. No 5xx, no internal detail; a refused
 * write changes no table, an accepted one only its own organization's.
 * Count and seed: FUZZ_RUNS, FUZZ_SEED.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { apiLogin } from './support/api.js';
import { apiRequest, type ApiTokens } from './support/fuzz/api-requests.js';
import { fuzz, writeSurvey } from './support/fuzz/oracle.js';
import { overAllEntities } from './support/fuzz/requests.js';
import { PASSWORD, startFuzzWorld, type FuzzWorld } from './support/fuzz/world.js';

let world: FuzzWorld;
const tokens: ApiTokens = new Map();
const LIMITS = ['API_RATE_PER_IP', 'API_RATE_PER_TOKEN'] as const;
const savedLimits = LIMITS.map((name) => process.env[name]);

beforeAll(async () => {
  // One client sends all of it: past the per-IP and per-token rates most requests would be a 429 and reach nothing (the limits have tests of their own).
  for (const name of LIMITS) process.env[name] = '1000000';
  world = await startFuzzWorld();
  for (const org of world.orgs) {
    const own = new Map<string, string>();
    for (const role of org.roles) own.set(role, (await apiLogin(world.server.url, org.fixture.users.get(role)!.email, PASSWORD, org.fixture.org.slug)).access_token);
    tokens.set(org.fixture.org.id, own);
  }
}, 180_000);

afterAll(async () => {
  writeSurvey('api');
  await world?.close();
  LIMITS.forEach((name, i) => {
    if (savedLimits[i] === undefined) delete process.env[name];
    else process.env[name] = savedLimits[i];
  });
});

it('hostile API list, get, create and update requests answer cleanly and write all or nothing', async () => {
  // The organization's own entities weigh more than elsewhere: an entity of a module it lacks is one 404, whatever the request.
  await fuzz(world, overAllEntities(world, apiRequest(tokens), ({ org, entity }) => (org.entities.includes(entity) ? 6 : 1)), 3);
}, 600_000);
