/**
 * Fuzz: hostile reads of every entity's admin screens and files — lists with
 * filters, sorts and pages, search (reference pickers), show, GETs of record
 * actions, exports — as every role and as nobody. No 5xx, no internal detail,
 * and a read changes nothing. Count and seed: FUZZ_RUNS, FUZZ_SEED.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { fuzz, writeSurvey } from './support/fuzz/oracle.js';
import { overAllEntities, readRequest } from './support/fuzz/requests.js';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz/world.js';

let world: FuzzWorld;

beforeAll(async () => {
  world = await startFuzzWorld();
}, 120_000);

afterAll(async () => {
  writeSurvey('admin-reads');
  await world?.close();
});

it('hostile list, search, show, record-action and export requests answer cleanly and write nothing', async () => {
  await fuzz(world, overAllEntities(world, readRequest), 5);
}, 600_000);
