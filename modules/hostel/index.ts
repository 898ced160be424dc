/**
 * Hostel behaviour a manifest cannot express: derived fields that keep the
 * wardens' rules one reference hop away, the hostel fee invoiced through the
 * institute, and the room move an approved change makes. Capacity, one active
 * allocation per student and the two-warden approval live in the manifest.
 */
import { definePlugin } from '../../core/sdk.js';
import { hostelFixtures } from './fixtures.js';
import { moveAllocation } from './moves.js';
import { allocationHooks, roomChangeHooks, roomHooks } from './rooms.js';
import { seedHostel } from './seed.js';

export { moveAllocation } from './moves.js';

export default definePlugin({
  module: 'hostel',
  hooks: { room: roomHooks, allocation: allocationHooks, room_change: roomChangeHooks },
  workflowHooks: { moveAllocation },
  fixtures: hostelFixtures,
  seed: seedHostel,
});
