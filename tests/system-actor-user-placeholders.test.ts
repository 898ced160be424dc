/**
 * `${user.id}` for a system actor (a job, a seed) is nobody: a condition
 * about "my records" counts none instead of failing on an empty uuid.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let fixture: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  fixture = await createFixtureOrg(runtime, 'library', ['member']);
  const system = await fixture.system();
  await system.create('library.member', { name: 'Mina', card_number: 'LIB-1001', status: 'active', user: fixture.users.get('member')!.id });
});
afterAll(() => runtime.dispose());

describe('user placeholders for a system actor', () => {
  it('a dashboard-style count of "my records" is 0 for the system and 1 for the member', async () => {
    const mine = { user: '${user.id}' };
    const system = RecordService.forSystem(runtime, fixture.org.id, 'job:test.count');
    expect(await system.countMatching('library.member', mine)).toBe(0);
    expect(await (await fixture.as('member')).countMatching('library.member', mine)).toBe(1);
  });
});
