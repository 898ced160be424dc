/**
 * A bare role name that several shipped modules declare ("manager": hotel,
 * inventory and gym) means the one the organization has: an operator's
 * `user:create --roles manager` in a hotel gives the hotel's manager.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFixtureOrg, createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await createTestRuntime();
}, 60_000);
afterAll(() => runtime?.dispose());

const rolesOf = async (userId: string): Promise<string[]> =>
  ((await runtime.dataSource.query(`SELECT r.name FROM core_role_assignment ra JOIN core_role r ON r.id = ra.role_id WHERE ra.user_id = $1`, [userId])) as { name: string }[]).map((r) => r.name);

describe('a bare role name two modules declare', () => {
  it('is declared twice by the shipped modules (otherwise this test proves nothing)', () => {
    expect([...runtime.registry.roles.values()].filter((r) => r.name === 'manager').map((r) => r.key).sort()).toEqual(expect.arrayContaining(['gym.manager', 'hotel.manager', 'inventory.manager']));
  });

  it.each(['hotel', 'inventory', 'gym'])('means the %s manager in a %s organization', async (systemType) => {
    const org = await createFixtureOrg(runtime, systemType, ['manager']);
    expect(await rolesOf(org.users.get('manager')!.id)).toEqual([`${systemType}.manager`]);
  });
});
