/**
 * The project office. What keeps the data right is declared in
 * module-manifests/task.json and held by PostgreSQL or the core: item numbers
 * per project (a scoped sequence), no parent loops and no dependency cycles
 * (acyclic), a parent not completed while a child is open (guards), cycles
 * that never overlap, hours within a day (a check), timesheets through a
 * workflow whose approved state is locked. The plugin adds default states and
 * the creator's membership for a new project, `completed_at`, the project's
 * cascade setting, the logged-by user, the week-at-a-time timesheet actions, the mail jobs, the PDFs and the demo.
 */
import { definePlugin } from '../../core/sdk.js';
import { taskDocuments } from './documents.js';
import { taskFixtures } from './fixtures.js';
import { projectHooks, timeEntryHooks, workItemHooks } from './items.js';
import { dueDigest, timesheetReminder } from './jobs.js';
import { seedTask } from './seed.js';
import { timesheetActions } from './timesheets.js';

export default definePlugin({
  module: 'task',
  actions: [...timesheetActions, ...taskDocuments],
  hooks: { project: projectHooks, work_item: workItemHooks, time_entry: timeEntryHooks },
  jobs: { due_digest: dueDigest, timesheet_reminder: timesheetReminder },
  seed: seedTask,
  fixtures: taskFixtures,
});
