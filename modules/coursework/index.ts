/**
 * Coursework behaviour a manifest cannot express: marks within the
 * assignment's maximum (a rule across a reference), the hand-in time and late
 * flag, a submission's title, and the reminder job. Who edits when is the
 * manifest's rules; hand-in, grading and return are its workflow.
 */
import { definePlugin } from '../../core/sdk.js';
import { courseworkFixtures } from './fixtures.js';
import { dueReminder } from './jobs.js';
import { seedCoursework } from './seed.js';
import { assignmentHooks, submissionHooks } from './submissions.js';

export default definePlugin({
  module: 'coursework',
  hooks: { assignment: assignmentHooks, submission: submissionHooks },
  jobs: { due_reminder: dueReminder },
  fixtures: courseworkFixtures,
  seed: seedCoursework,
});
