/**
 * Fuzz: hostile record actions of every entity — plugin actions, workflow
 * transitions and rejections with comments and versions, bulk approvals —
 * CSV imports and PDF documents, as every role and as nobody. No 5xx, no
 * internal detail, a refused action changes nothing. Count and seed:
 * FUZZ_RUNS, FUZZ_SEED.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { fuzz, writeSurvey } from './support/fuzz/oracle.js';
import { actionRequest, actionWeight, overAllEntities } from './support/fuzz/requests.js';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz/world.js';

let world: FuzzWorld;

beforeAll(async () => {
  world = await startFuzzWorld();
}, 120_000);

afterAll(async () => {
  writeSurvey('admin-actions');
  await world?.close();
});

it('hostile record actions, bulk actions, imports and document prints answer cleanly and write all or nothing', async () => {
  await fuzz(world, overAllEntities(world, actionRequest, actionWeight), 5);
}, 600_000);
