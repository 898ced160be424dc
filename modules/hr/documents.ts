/**
 * The HR documents: a payslip filled from the payslip, its lines and its run,
 * and a leave letter for approved leave. Both are read as the printing user,
 * so an employee prints only what they may read (their own payslips of
 * approved runs, their own leave); the manifest grants the actions.
 */
import { documentAction, type AmountLine, type RecordData, type Records } from '../../core/sdk.js';

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

async function employeeOf(records: Records, id: unknown): Promise<{ name: string; code?: string; department?: string }> {
  const [e] = await records.getMany('hr.employee', [String(id)]);
  const [d] = e?.department ? await records.getMany('hr.department', [String(e.department)]) : [];
  return { name: text(e?.name) ?? '', code: text(e?.code), department: text(d?.name) };
}

export const payslipDocument = documentAction({
  name: 'print_payslip',
  entity: 'payslip',
  label: 'Print payslip',
  translations: { bn: { label: 'বেতন স্লিপ প্রিন্ট করুন' } },
  kind: 'payslip',
  icon: 'FileText',
  async build(ctx, slip) {
    const [run] = await ctx.records.getMany('hr.payroll_run', [String(slip.run)]);
    const lines: RecordData[] = [];
    for await (const page of ctx.records.findPages('hr.payslip_line', { filters: [{ field: 'payslip', op: 'eq', value: slip.id }], sort: { field: 'created_at', direction: 'asc' } })) lines.push(...page);
    const of = (kind: string): AmountLine[] => lines.filter((l) => l.kind === kind).map((l) => ({ label: String(l.description), amount: Number(l.amount) }));
    return {
      employee: await employeeOf(ctx.records, slip.employee),
      period: run ? `${String(run.period_start)} to ${String(run.period_end)}` : '',
      earnings: of('EARNING'),
      deductions: of('DEDUCTION'),
      paidOn: run?.status === 'PAID' ? String(run.updated_at ?? '').slice(0, 10) || undefined : undefined,
    };
  },
});

export const leaveLetter = documentAction({
  name: 'leave_letter',
  entity: 'leave_application',
  label: 'Leave letter',
  translations: { bn: { label: 'ছুটির চিঠি' } },
  kind: 'leave_letter',
  icon: 'FileText',
  isAvailable: (app) => app.status === 'APPROVED',
  async build(ctx, app) {
    const [type] = await ctx.records.getMany('hr.leave_type', [String(app.leave_type)]);
    return {
      employee: await employeeOf(ctx.records, app.employee),
      application: text(app.number) ?? app.id,
      leaveType: text(type?.name) ?? '',
      from: String(app.from_date),
      to: String(app.to_date),
      days: Number(app.total_days ?? 0),
      halfDay: app.half_day === 'MORNING' ? 'Morning' : app.half_day === 'AFTERNOON' ? 'Afternoon' : undefined,
      reason: text(app.reason),
    };
  },
});

export const hrDocuments = [payslipDocument, leaveLetter];
