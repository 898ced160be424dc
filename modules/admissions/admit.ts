/**
 * Admitting an application (the workflow's `admit`, effect hook
 * `admitApplicant`): in the transition's transaction, as the named system
 * actor `admissions:admit`, it makes the institute's student record, the
 * student's login (invited by mail to choose a password) with the institute
 * student role, and, when the application names a guardian's e-mail and the
 * organization has the parents module, the guardian's login, guardian record
 * and the link to the child. Any refusal (an address that already has a
 * login of another person) rolls the whole admission back.
 */
import { RecordValidationError, type RecordData, type Records } from '../../core/sdk.js';

const APPLICATION = 'admissions.application';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

async function roleId(system: Records, key: string): Promise<string | null> {
  const [role] = await system.find('core.role', { filters: [{ field: 'name', op: 'eq', value: key }], limit: 1 });
  return role?.id ?? null;
}

/** The organization's login for `email`, made (and so invited) when there is none; it gets `role` if it lacks it. */
async function loginFor(system: Records, email: string, name: string, role: string): Promise<string> {
  const [existing] = await system.find('core.user', { filters: [{ field: 'email', op: 'eq', value: email }], limit: 1 });
  const user = existing ?? (await system.create('core.user', { email, name, is_active: true }));
  const id = await roleId(system, role);
  if (id && (await system.count('core.role_assignment', [{ field: 'user', op: 'eq', value: user.id }, { field: 'role', op: 'eq', value: id }])) === 0) {
    await system.create('core.role_assignment', { user: user.id, role: id });
  }
  return user.id;
}

/** A student number nobody has yet: ADM-<year>-<first digits of the application id>. */
const studentNumber = (application: RecordData): string => `ADM-${new Date().getUTCFullYear()}-${application.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

export async function admitApplicant(records: Records, application: RecordData): Promise<void> {
  const system = records.asSystem('admit');
  const email = text(application.email);
  if (!email) throw new RecordValidationError(APPLICATION, { email: { message: 'is needed to make the student’s login', type: 'required' } });
  const [taken] = await system.find('institute.student', { filters: [{ field: 'email', op: 'eq', value: email }], limit: 1 });
  if (taken) throw new RecordValidationError(APPLICATION, { email: { message: `already belongs to student ${String(taken.student_number)}`, type: 'unique' } });
  const name = String(application.applicant_name);
  const userId = await loginFor(system, email, name, 'institute.student');
  const student = await system.create('institute.student', {
    name,
    student_number: studentNumber(application),
    user: userId,
    email,
    phone: application.phone ?? null,
    date_of_birth: application.date_of_birth ?? null,
    guardian_name: application.guardian_name ?? null,
    guardian_phone: application.guardian_phone ?? null,
  });
  await system.update(APPLICATION, application.id, { student: student.id });
  const guardianEmail = text(application.guardian_email);
  if (guardianEmail && (await records.hasModule('parents'))) await linkGuardian(system, guardianEmail, text(application.guardian_name) ?? guardianEmail, application, student.id);
}

async function linkGuardian(system: Records, email: string, name: string, application: RecordData, studentId: string): Promise<void> {
  const userId = await loginFor(system, email, name, 'parents.parent');
  const [existing] = await system.find('parents.guardian', { filters: [{ field: 'user', op: 'eq', value: userId }], limit: 1 });
  const guardian = existing ?? (await system.create('parents.guardian', { name, user: userId, email, phone: application.guardian_phone ?? null, relation: 'guardian' }));
  await system.create('parents.student_guardian', { student: studentId, guardian: guardian.id });
}
