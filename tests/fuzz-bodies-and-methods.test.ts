/**
 * Fuzz: every kind of admin request of every entity (reads, writes, record
 * actions, imports, documents) sent with the wrong method or a malformed body
 * (cut-off or 3,000-deep JSON, broken multipart, invalid escapes and UTF-8,
 * another content type). No 5xx, no internal detail, and nothing is written.
 * Count and seed: FUZZ_RUNS, FUZZ_SEED.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, it } from '@jest/globals';
import { abused } from './support/fuzz/abuse.js';
import { fuzz, writeSurvey } from './support/fuzz/oracle.js';
import { actionRequest, overAllEntities, readRequest, writeRequest } from './support/fuzz/requests.js';
import { startFuzzWorld, type FuzzWorld } from './support/fuzz/world.js';

let world: FuzzWorld;

beforeAll(async () => {
  world = await startFuzzWorld({ records: 2 });
}, 120_000);

afterAll(async () => {
  writeSurvey('bodies-and-methods');
  await world?.close();
});

it('requests with the wrong method or a malformed body answer cleanly and write nothing', async () => {
  const any = fc.oneof(overAllEntities(world, readRequest), overAllEntities(world, writeRequest), overAllEntities(world, actionRequest));
  // A malformed body or a method no route takes is refused; a method that is right after all (POST, GET) must still change nothing it refuses.
  await fuzz(world, abused(any), 4);
}, 600_000);
