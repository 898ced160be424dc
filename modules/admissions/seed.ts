/**
 * Demo admissions: two cycles on active courses (one open now with seats
 * left, one whose seats are all offered or taken and which has a waitlist),
 * applications in every state, and reviews in flight so every approver has
 * something waiting: the reviewers (none given yet, or one) and the head
 * (both given, the second by the org admin). Reviews and the admission go
 * through the workflow engine as the demo users.
 */
import { demoPdf, demoPng, storeFile, workflows, type RecordData, type SeedContext } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const at = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString();
const birth = (years: number, days = 40): string => new Date(Date.now() - years * 365.25 * DAY_MS - days * DAY_MS).toISOString().slice(0, 10);

const APPLICANTS = ['Aisha Bello', 'Bruno Silva', 'Chloe Martin', 'Daniel Kim', 'Esra Yilmaz', 'Felix Wagner', 'Grace Osei', 'Hugo Laurent', 'Isla Murphy', 'Jonas Weber', 'Kira Sato', 'Leo Rossi', 'Maya Patel', 'Noah Fischer'];

/** The organization admin, who may give the second review (reviews count two of reviewers and admins). */
async function orgAdmin(ctx: SeedContext): Promise<{ id: string; email: string } | undefined> {
  const [role] = await ctx.records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'admin' }], limit: 1 });
  const [assignment] = role ? await ctx.records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: role.id }], limit: 1 }) : [];
  if (!assignment) return undefined;
  const user = await ctx.records.get('core.user', String(assignment.user));
  return { id: user.id, email: String(user.email) };
}

export async function seedAdmissions(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const courses = await records.find('institute.course', { filters: [{ field: 'status', op: 'eq', value: 'ACTIVE' }], sort: { field: 'code', direction: 'asc' }, limit: 2 });
  if (courses.length < 2) return;
  const open = await records.create('admissions.admission_cycle', { name: `${String(courses[0].title)}: next intake`, course: courses[0].id, seats: 6, opens_at: at(-20), closes_at: at(25), min_age: 16, max_age: 40, offer_days: 14 });
  const full = await records.create('admissions.admission_cycle', { name: `${String(courses[1].title)}: early intake`, course: courses[1].id, seats: 2, opens_at: at(-60), closes_at: at(-5), min_age: 16 });
  let n = 0;
  const apply = async (cycle: RecordData, status: string, extra: Record<string, unknown> = {}): Promise<RecordData> => {
    const name = APPLICANTS[n % APPLICANTS.length];
    const local = name.toLowerCase().replace(/[^a-z]+/g, '.');
    n++;
    // The first applications bring documents (a transcript PDF, every other one an ID photo), stored as uploads are.
    const documents: string[] = [];
    if (n <= 6) {
      const transcript = await demoPdf(`Transcript: ${name}`, [`Previous school: ${['Riverside High School', 'Lakeview Secondary', 'Hilltop Academy'][n % 3]}`, `Mathematics: ${60 + ((n * 7) % 35)}`, `English: ${58 + ((n * 5) % 38)}`, 'Sample document made by the demo seed.']);
      documents.push(await storeFile(records, 'admissions.application', 'documents', { name: `Transcript ${name}.pdf`, content: transcript }));
      if (n % 2) documents.push(await storeFile(records, 'admissions.application', 'documents', { name: `ID photo ${name}.png`, content: demoPng(60, 80, [70 + n * 20, 120, 200 - n * 15]) }));
    }
    return records.create('admissions.application', {
      documents,
      cycle: cycle.id,
      applicant_name: name,
      date_of_birth: birth(17 + (n % 6)),
      email: `${local}@applicants.example.org`,
      phone: `+1 555 02${String(n).padStart(2, '0')}`,
      guardian_name: `Parent of ${name.split(' ')[0]}`,
      guardian_email: `parent.${local}@applicants.example.org`,
      previous_school: ['Riverside High School', 'Lakeview Secondary', 'Hilltop Academy'][n % 3],
      score: 55 + ((n * 7) % 40),
      status,
      ...extra,
    });
  };
  // The early intake: its two seats offered and taken, two waitlisted, one declined, one rejected.
  const admittedLater = await apply(full, 'offered');
  await apply(full, 'offered');
  await apply(full, 'waitlisted');
  await apply(full, 'waitlisted');
  await apply(full, 'declined');
  await apply(full, 'rejected');
  // The open intake: new applications, reviews at every step, one offer.
  await apply(open, 'submitted');
  await apply(open, 'submitted');
  const noReview = await apply(open, 'under_review');
  const oneReview = await apply(open, 'under_review');
  const twoReviews = await apply(open, 'under_review');
  await apply(open, 'offered');

  const reviewer = ctx.usersByRole.get('admissions.reviewer');
  const head = ctx.usersByRole.get('admissions.head');
  if (!reviewer || !head) return;
  const admin = await orgAdmin(ctx);
  const as = async (user: { id: string; email: string }) => workflows(await ctx.as(user));
  void noReview;
  await (await as(reviewer)).run('admissions.application', oneReview.id, 'offer', { comment: 'Strong scores; good fit.' });
  await (await as(reviewer)).run('admissions.application', twoReviews.id, 'offer', { comment: 'Recommended.' });
  if (admin) await (await as(admin)).run('admissions.application', twoReviews.id, 'offer', { comment: 'Agree: the second review.' });
  // The head admits one offer of the early intake: its student record and logins are made.
  await (await as(head)).run('admissions.application', admittedLater.id, 'admit', { comment: 'Place accepted.' });
}
