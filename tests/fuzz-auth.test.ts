/**
 * Fuzz: hostile sign-ins, forgotten-password requests, resets, invitations and
 * account deletions, from many client addresses, with real and unknown
 * addresses and hostile codes, tokens and passwords. No 5xx, no internal
 * detail, and a refused request changes no table. Count and seed: FUZZ_RUNS,
 * FUZZ_SEED.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { authRequest } from './support/fuzz/auth-requests.js';
import { fuzz, writeSurvey } from './support/fuzz/oracle.js';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz/world.js';

let world: FuzzWorld;

beforeAll(async () => {
  // Two of each: a relation between work items (the project office) needs two distinct items.
  world = await startFuzzWorld({ records: 2, trustProxy: true });
}, 120_000);

afterAll(async () => {
  writeSurvey('auth');
  await world?.close();
});

it('hostile sign-in and account requests answer cleanly and write nothing when refused', async () => {
  await fuzz(world, authRequest(world), 2);
}, 600_000);
