/**
 * HR & payroll: what keeps leave and pay right is declared in
 * module-manifests/hr.json (the leave ledger and its balance per employee,
 * type and year, non-negative unless the type allows it; no overlapping
 * leave; one attendance per employee and day; one payroll run per period;
 * approvals by the employee's own approver, HR for long leave, finance for
 * payroll and never by the one who asked). The plugin computes leave days,
 * builds payslip lines (approved expense claims paid back on the next run), runs the jobs and seeds the demo.
 */
import { definePlugin } from '../../core/sdk.js';
import { hrDocuments } from './documents.js';
import { allocationExpiry, attendanceReminder, earnedLeaveAccrual, pendingApprovals } from './jobs.js';
import { hrFixtures } from './fixtures.js';
import { leaveApplicationHooks } from './leave.js';
import { claimNotOnPayslip, payClaimsOfRun, payslipHooks, removePayslips } from './payroll.js';
import { salaryStructureLineHooks } from './salary-formulas.js';
import { seedHr } from './seed.js';

export default definePlugin({
  module: 'hr',
  actions: hrDocuments,
  hooks: { leave_application: leaveApplicationHooks, payslip: payslipHooks, salary_structure_line: salaryStructureLineHooks },
  workflowHooks: { removePayslips, payClaimsOfRun, claimNotOnPayslip },
  seed: seedHr,
  fixtures: hrFixtures,
  jobs: { earned_leave_accrual: earnedLeaveAccrual, allocation_expiry: allocationExpiry, attendance_reminder: attendanceReminder, pending_approvals: pendingApprovals },
});
