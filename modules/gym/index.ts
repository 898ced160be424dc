/**
 * Gym behaviour the manifest cannot express: which membership a booking or a
 * visit is made on (active, unfrozen, the one expiring first), credits taken
 * and given back through the credit ledger, a check-in marking its booking
 * attended, and a manager's freeze approval moving the membership's end and
 * cancelling the bookings inside it. Every invariant (capacity with the
 * waitlist and its promotion, one live booking per member and session, credits
 * never negative, dates, one session per schedule and day, numbers) is
 * declared in module-manifests/gym.json and held by PostgreSQL.
 */
import { definePlugin } from '../../core/sdk.js';
import { bookingHooks, checkInHooks } from './bookings.js';
import { gymDocuments } from './documents.js';
import { gymFixtures } from './fixtures.js';
import { applyFreeze } from './freezes.js';
import { dailyExpiry, expiryReminder, generateSessions, inactiveNudge, noShowMarking } from './jobs.js';
import { membershipHooks } from './memberships.js';
import { seedGym } from './seed.js';

export default definePlugin({
  module: 'gym',
  actions: gymDocuments,
  hooks: { membership: membershipHooks, booking: bookingHooks, check_in: checkInHooks },
  workflowHooks: { applyFreeze },
  jobs: { generate_sessions: generateSessions, daily_expiry: dailyExpiry, expiry_reminder: expiryReminder, no_show_marking: noShowMarking, inactive_nudge: inactiveNudge },
  seed: seedGym,
  fixtures: gymFixtures,
});
