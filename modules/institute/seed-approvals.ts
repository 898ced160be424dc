/**
 * Demo approvals in flight, made the way people make them: through the
 * workflow engine as the demo users. Records seeded directly in PENDING or
 * APPLIED already have their requests (opened on entering the state); this
 * adds requests with some steps given, so every approver role has something
 * waiting in its inbox: admin, sales/finance, teacher (enrollments), hr.
 */
import { workflows, type SeedContext, type Workflows } from '../../core/sdk.js';

async function engineAs(ctx: SeedContext, user: { id: string; email: string }): Promise<Workflows> {
  return workflows(await ctx.as(user));
}

async function orgAdmin(ctx: SeedContext): Promise<{ id: string; email: string } | undefined> {
  const [role] = await ctx.records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'admin' }], limit: 1 });
  if (!role) return undefined;
  const [assignment] = await ctx.records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: role.id }], limit: 1 });
  if (!assignment) return undefined;
  const user = await ctx.records.get('core.user', String(assignment.user));
  return { id: user.id, email: String(user.email) };
}

export async function seedApprovals(ctx: SeedContext): Promise<void> {
  const teacher = ctx.usersByRole.get('institute.teacher');
  const sales = ctx.usersByRole.get('institute.sales');
  const hr = ctx.usersByRole.get('institute.hr');
  const admin = await orgAdmin(ctx);
  if (!teacher || !sales || !hr || !admin) return;

  // A teacher submits a draft; the admin approves it: it waits for sales or finance.
  const [draft] = await ctx.records.find('institute.course', {
    filters: [
      { field: 'teacher', op: 'eq', value: teacher.id },
      { field: 'status', op: 'eq', value: 'DRAFT' },
    ],
    limit: 1,
  });
  if (draft) {
    await (await engineAs(ctx, teacher)).run('institute.course', draft.id, 'submit', { comment: 'Ready for the next term.' });
    await (await engineAs(ctx, admin)).run('institute.course', draft.id, 'approve', { comment: 'Fine from the administration.' });
  }

  // Sales asks to archive an active course (giving the sales step): it waits for the admin.
  const active = await ctx.records.find('institute.course', { filters: [{ field: 'status', op: 'eq', value: 'ACTIVE' }], sort: { field: 'code', direction: 'desc' }, limit: 1 });
  if (active[0]) await (await engineAs(ctx, sales)).run('institute.course', active[0].id, 'archive', { comment: 'Low demand this year.' });

  // HR asks to hire one shortlisted applicant (waiting for the admin), the admin another (waiting for HR).
  const shortlisted = await ctx.records.find('institute.job_application', { filters: [{ field: 'status', op: 'eq', value: 'SHORTLISTED' }], limit: 2 });
  if (shortlisted[0]) await (await engineAs(ctx, hr)).run('institute.job_application', shortlisted[0].id, 'hire', { comment: 'Strong interview.' });
  if (shortlisted[1]) await (await engineAs(ctx, admin)).run('institute.job_application', shortlisted[1].id, 'hire', { comment: 'We need a second lecturer.' });
}
