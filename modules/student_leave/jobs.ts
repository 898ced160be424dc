/**
 * The daily job of student leave (declared in module-manifests/student_leave.json):
 * sessions made after a leave was approved (the timetable's generated ones, a
 * teacher's new session) get the student's attendance excused too. Runs as the
 * job's tenant-bound system actor; idempotent, so a second run changes nothing.
 */
import type { JobContext } from '../../core/sdk.js';
import { excuseSessions, LEAVE } from './leave.js';

const DAY_MS = 86_400_000;

export async function excuseNewSessions(ctx: JobContext): Promise<string> {
  const since = new Date(ctx.now.getTime() - 14 * DAY_MS).toISOString().slice(0, 10);
  let leaves = 0;
  let sessions = 0;
  for await (const page of ctx.records.findPages(LEAVE, { filters: [{ field: 'status', op: 'eq', value: 'approved' }, { field: 'to', op: 'gte', value: since }] }, 200)) {
    for (const leave of page) {
      sessions += await excuseSessions(ctx.records, leave);
      leaves++;
    }
  }
  return `${leaves} approved leave(s) checked, ${sessions} session(s) excused`;
}
