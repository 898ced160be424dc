/**
 * Institute behaviour a manifest cannot express: enrollment admission (open
 * course, free seat), staff accounts held until approved, invoices settled by
 * their payments, derived fields that keep every rule within one reference hop,
 * and the roll-call screen. The status workflows live in the manifest.
 */
import { definePlugin } from '../../core/sdk.js';
import { attendanceRecordHooks, rollCallAction } from './attendance.js';
import { courseHooks } from './courses.js';
import { instituteDocuments } from './documents.js';
import { assertSeatAvailable, enrollmentHooks } from './enrollment.js';
import { invoiceHooks, paymentHooks } from './fees.js';
import { attendanceAlert, feeOverdue } from './jobs.js';
import { markHooks } from './marks.js';
import { seedInstitute } from './seed.js';
import { activateStaffAccount, staffProfileHooks } from './staff.js';

export { assertSeatAvailable } from './enrollment.js';
export { activateStaffAccount } from './staff.js';
export { saveRollCall, parseRollCallInput, type RollCallMark, type RollCallResult } from './attendance.js';
export { settleInvoice } from './fees.js';
export { gradeFor } from './marks.js';

export default definePlugin({
  module: 'institute',
  hooks: {
    course: courseHooks,
    enrollment: enrollmentHooks,
    staff_profile: staffProfileHooks,
    attendance_record: attendanceRecordHooks,
    mark: markHooks,
    fee_invoice: invoiceHooks,
    payment: paymentHooks,
  },
  actions: [rollCallAction, ...instituteDocuments],
  // For the manifest's workflow effects (`"effects": { "hook": "<name>" }`); they run in the transition's transaction.
  workflowHooks: {
    /** Enrollment approve: refuses (rolling the transition back) when the course is closed or full. */
    enrollmentSeat: (ctx) => assertSeatAvailable(ctx.records, String(ctx.record.course), ctx.record.id),
    /** Staff profile approve: the login works again and holds the profile's role. */
    activateStaffAccount: (ctx) => activateStaffAccount(ctx.records, ctx.record),
  },
  // For the manifest's `jobs`: daily alerts to students, each through the job's tenant-bound Records.
  jobs: { attendance_alert: attendanceAlert, fee_overdue: feeOverdue },
  seed: seedInstitute,
});
