/**
 * Student leave behaviour a manifest cannot express: the request's class
 * teacher (who approves it, one reference hop from the request) and the
 * attendance an approval excuses. The approval itself is the manifest's workflow.
 */
import { definePlugin } from '../../core/sdk.js';
import { excuseNewSessions } from './jobs.js';
import { excuseAttendance, leaveHooks } from './leave.js';
import { seedStudentLeave } from './seed.js';

export { classTeacherOf, excuseSessions } from './leave.js';

export default definePlugin({
  module: 'student_leave',
  hooks: { leave_request: leaveHooks },
  workflowHooks: { excuseAttendance },
  jobs: { excuse_sessions: excuseNewSessions },
  seed: seedStudentLeave,
});
