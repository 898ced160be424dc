/**
 * Admissions behaviour a manifest cannot express: an application checked
 * against its cycle's window and age limits (the cycle is another record),
 * the offer's time stamp, and what admitting creates. Seats, the waitlist and
 * its promotion are the manifest's capacity; the reviews are its workflow.
 */
import { definePlugin } from '../../core/sdk.js';
import { admissionsFixtures } from './fixtures.js';
import { admitApplicant } from './admit.js';
import { applicationHooks } from './applications.js';
import { offerExpiry } from './jobs.js';
import { seedAdmissions } from './seed.js';

export { ageOn, cycleProblems } from './applications.js';

export default definePlugin({
  module: 'admissions',
  hooks: { application: applicationHooks },
  workflowHooks: {
    /** Admit: the student record and the student's (and guardian's) logins, in the transition's transaction. */
    admitApplicant: (ctx) => admitApplicant(ctx.records, ctx.record),
  },
  // For the manifest's `jobs`: offers not accepted in time are declined through the workflow.
  jobs: { offer_expiry: offerExpiry },
  fixtures: admissionsFixtures,
  seed: seedAdmissions,
});
