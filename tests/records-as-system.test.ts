/**
 * `records.asSystem(reason)`: plugin code that must see past the user (a seat
 * count over other people's bookings) gets a named system actor
 * `<module>:<reason>` in the same organization and transaction, recorded under
 * that name in the audit log, and rolled back with the change that caused it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { definePlugin, RecordValidationError, type ModulePlugin } from '../core/sdk.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const desk = {
  id: 'desk',
  version: '1.0.0',
  label: 'Desk',
  systemTypes: ['gym'],
  entities: [
    { name: 'seat', fields: [{ name: 'label', type: 'string', required: true }, { name: 'taken_by', type: 'reference', target: 'core.user' }] },
    { name: 'tally', fields: [{ name: 'taken', type: 'integer', required: true }] },
  ],
  roles: [{ name: 'guest' }],
  // A guest sees and takes only their own seats, and never reads the tally.
  permissions: { guest: [{ action: ['create', 'read'], subject: 'seat', conditions: { taken_by: '${user.id}' } }, { action: 'read', subject: 'core.user' }] },
};

/** Every seat taken recounts all seats (which the guest cannot read) into a tally row, as the system. */
const deskPlugin: ModulePlugin = definePlugin({
  module: 'desk',
  hooks: {
    seat: {
      async afterCreate(ctx, seat) {
        const system = ctx.records.asSystem('seat-count');
        const taken = await system.count('desk.seat');
        await system.create('desk.tally', { taken });
        if (seat.label === 'refuse') throw new RecordValidationError('desk.seat', { label: { message: 'refused after the count' } });
      },
    },
  },
});

let runtime: TestRuntime;
let fixture: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(desk), plugins: [deskPlugin] });
  fixture = await createFixtureOrg(runtime, 'gym', ['desk.guest']);
  await (await fixture.system()).create('desk.seat', { label: 'someone else’s' });
});
afterAll(() => runtime.dispose());

describe('asSystem', () => {
  it('counts what the user cannot see, writes as desk:seat-count, and the audit log names it', async () => {
    const guest = await fixture.as('desk.guest');
    const me = fixture.users.get('desk.guest')!.id;
    const seat = await guest.create('desk.seat', { label: 'mine', taken_by: me });
    expect(await guest.count('desk.seat')).toBe(1);
    // The seed's seat made the first tally (1); this seat's is the highest.
    const [tally] = await (await fixture.system()).find('desk.tally', { sort: { field: 'taken', direction: 'desc' }, limit: 1 });
    expect(tally.taken).toBe(2);
    const audit: { actor_id: string | null; system_actor: string | null; entity: string }[] = await runtime.dataSource.query(
      `SELECT actor_id, system_actor, entity FROM core_audit_log WHERE organization_id = $1 AND record_id = ANY($2) ORDER BY entity`,
      [fixture.org.id, [seat.id, tally.id]],
    );
    expect(audit).toEqual([
      { actor_id: me, system_actor: null, entity: 'desk.seat' },
      { actor_id: null, system_actor: 'desk:seat-count', entity: 'desk.tally' },
    ]);
  });

  it('rolls back with the change that caused it', async () => {
    const guest = await fixture.as('desk.guest');
    const before = await (await fixture.system()).count('desk.tally');
    await expect(guest.create('desk.seat', { label: 'refuse', taken_by: fixture.users.get('desk.guest')!.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await (await fixture.system()).count('desk.tally')).toBe(before);
  });

  it('takes a reason in lowercase words only', async () => {
    const guest = await fixture.as('desk.guest');
    expect(() => guest.asSystem('Drop Table')).toThrow(/lowercase/);
  });
});
