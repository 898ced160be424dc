/**
 * Valid test records for the generic test data generator (permission parity):
 * rooms with beds to spare, allocations that end after they start (at most one
 * active per student), and room changes of an active allocation to another
 * room. Tests only.
 */
import type { FixtureRecord } from '../../core/sdk.js';
import { ALLOCATION, isoDay, ROOM } from './rooms.js';

export const hostelFixtures: Record<string, FixtureRecord> = {
  room: (_draft, { index }) => ({ number: `R${100 + index}`, capacity: 4 }),
  async allocation(draft, { records, index }) {
    const from = isoDay(-60 + index);
    const busy = await records.count(ALLOCATION, [{ field: 'student', op: 'eq', value: draft.student }, { field: 'status', op: 'eq', value: 'active' }]);
    const active = index % 3 !== 2 && busy === 0;
    return { from, to: active ? null : isoDay(-30 + index), status: active ? 'active' : 'vacated' };
  },
  async room_change(_draft, { records, index }) {
    const active = await records.find(ALLOCATION, { filters: [{ field: 'status', op: 'eq', value: 'active' }], sort: { field: 'created_at', direction: 'asc' }, limit: 1000 });
    const rooms = await records.find(ROOM, { sort: { field: 'created_at', direction: 'asc' }, limit: 1000 });
    const allocation = active[index % active.length];
    const others = rooms.filter((r) => r.id !== allocation.room);
    return { allocation: allocation.id, requested_room: others[index % others.length].id, reason: `Fixture move ${index}` };
  },
};
