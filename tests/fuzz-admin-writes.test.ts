/**
 * Fuzz: hostile form writes to every entity — new, edit (with versions),
 * delete and bulk delete, urlencoded, JSON and multipart, with wrong types,
 * boundaries, NUL bytes, long and odd Unicode text, deep JSON and unknown keys —
 * as every role and as nobody. No 5xx, no internal detail; a refused write
 * changes no table, an accepted one stores a valid row in the writer's
 * organization only. Count and seed: FUZZ_RUNS, FUZZ_SEED.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { fuzz, writeSurvey } from './support/fuzz/oracle.js';
import { overAllEntities, writeRequest } from './support/fuzz/requests.js';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz/world.js';

let world: FuzzWorld;

beforeAll(async () => {
  world = await startFuzzWorld();
}, 120_000);

afterAll(async () => {
  writeSurvey('admin-writes');
  await world?.close();
});

it('hostile new, edit, delete and bulk-delete requests answer cleanly and write all or nothing', async () => {
  await fuzz(world, overAllEntities(world, writeRequest), 5);
}, 600_000);
