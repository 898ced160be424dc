/**
 * Admissions as issue 14 states them: two reviewers (quorum 2) then the
 * admissions head make an offer; an offer takes a seat of its cycle and a full
 * cycle waitlists instead, also under 20 concurrent offers; a declined offer
 * promotes the first waitlisted application in the same transaction, and so
 * does an offer the hourly job expires; admitting
 * creates the student record and the student's and guardian's logins
 * (invited); an application outside the cycle's window or age limits is
 * refused with field errors.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { offerExpiry } from '../modules/admissions/jobs.js';
import { errorOf } from './support/errors.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const APPLICATION = 'admissions.application';
const CYCLE = 'admissions.admission_cycle';
const DAY_MS = 86_400_000;
let runtime: TestRuntime;
let world: InstituteWorld;
const people = new Map<string, { id: string; email: string }>();

async function person(key: string, role: string): Promise<void> {
  const email = `${key}@${world.fixture.org.slug}.test`;
  const user = await createUser(runtime, world.fixture.org.slug, { email, password: 'secret-123', name: `${key} user`, roles: [role] });
  people.set(key, { id: user.id, email });
}
const actorOf = (key: string) => {
  const p = people.get(key)!;
  return { kind: 'user' as const, userId: p.id, organizationId: world.fixture.org.id, email: p.email };
};
const recordsAs = (key: string): Promise<RecordService> => RecordService.for(runtime, actorOf(key));
const engineAs = async (key: string): Promise<WorkflowEngine> => WorkflowEngine.for(await recordsAs(key));
const statusOf = async (id: string): Promise<unknown> => (await world.system.get(APPLICATION, id)).status;
const at = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();
const bornYearsAgo = (years: number): string => new Date(Date.now() - years * 365.25 * DAY_MS - 30 * DAY_MS).toISOString().slice(0, 10);

let n = 0;
const applicant = (cycle: string, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  n++;
  return { cycle, applicant_name: `Applicant ${n}`, date_of_birth: bornYearsAgo(18), email: `applicant${n}@example.org`, guardian_name: `Guardian ${n}`, guardian_email: `guardian${n}@example.org`, ...extra };
};

async function cycle(seats: number, extra: Record<string, unknown> = {}): Promise<RecordData> {
  return world.system.create(CYCLE, { name: `Cycle ${seats}-${++n}`, course: world.courses.active.id, seats, opens_at: at(-5), closes_at: at(5), min_age: 16, max_age: 30, ...extra });
}

/** An application under review with both reviews given: it waits for the head. */
async function reviewed(cycleId: string): Promise<string> {
  const app = await (await recordsAs('head')).create(APPLICATION, applicant(cycleId));
  await (await engineAs('reviewer1')).run(APPLICATION, app.id, 'start_review');
  await (await engineAs('reviewer1')).run(APPLICATION, app.id, 'offer');
  await (await engineAs('reviewer2')).run(APPLICATION, app.id, 'offer');
  return app.id;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 24 });
  world = await createInstituteWorld(runtime);
  await person('reviewer1', 'admissions.reviewer');
  await person('reviewer2', 'admissions.reviewer');
  await person('head', 'admissions.head');
});

afterAll(async () => {
  await runtime?.dispose();
});

describe('reviews and the offer', () => {
  test('an offer needs two distinct reviewers, then the head; a reviewer counts once and cannot stand in for the head', async () => {
    const c = await cycle(3);
    // The status is the workflow's: nobody types "offered".
    expect(await errorOf(async () => (await recordsAs('head')).create(APPLICATION, applicant(c.id, { status: 'offered' })))).toBeInstanceOf(RecordValidationError);
    const app = await (await recordsAs('head')).create(APPLICATION, applicant(c.id));
    expect(app.status).toBe('submitted');
    await (await engineAs('reviewer1')).run(APPLICATION, app.id, 'start_review');
    expect(await statusOf(app.id)).toBe('under_review');
    // The head cannot decide before the reviews (sequential steps).
    expect(await errorOf(async () => (await engineAs('head')).run(APPLICATION, app.id, 'offer'))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|CONFLICT/) });
    await (await engineAs('reviewer1')).run(APPLICATION, app.id, 'offer');
    expect(await errorOf(async () => (await engineAs('reviewer1')).run(APPLICATION, app.id, 'offer'))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|CONFLICT/) });
    expect(await statusOf(app.id)).toBe('under_review');
    await (await engineAs('reviewer2')).run(APPLICATION, app.id, 'offer');
    expect(await statusOf(app.id)).toBe('under_review');
    // A reviewer is not the head.
    expect(await errorOf(async () => (await engineAs('reviewer2')).run(APPLICATION, app.id, 'offer'))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|CONFLICT/) });
    const done = await (await engineAs('head')).run(APPLICATION, app.id, 'offer');
    expect(done.moved).toBe(true);
    expect(await world.system.get(APPLICATION, app.id)).toMatchObject({ status: 'offered', offered_at: expect.any(String) });
  });

  test('a rejection by a reviewer ends the application', async () => {
    const c = await cycle(3);
    const app = await (await recordsAs('head')).create(APPLICATION, applicant(c.id));
    await (await engineAs('reviewer1')).run(APPLICATION, app.id, 'start_review');
    await (await engineAs('reviewer1')).run(APPLICATION, app.id, 'reject', { comment: 'Missing grades.' });
    expect(await statusOf(app.id)).toBe('rejected');
  });
});

describe('seats', () => {
  test('20 concurrent offers on a cycle of 5 seats: exactly 5 offered, 15 waitlisted, and History says so', async () => {
    const c = await cycle(5);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await reviewed(c.id));
    const results = await Promise.allSettled(ids.map(async (id) => (await engineAs('head')).run(APPLICATION, id, 'offer')));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const states = await Promise.all(ids.map(statusOf));
    expect(states.filter((s) => s === 'offered')).toHaveLength(5);
    expect(states.filter((s) => s === 'waitlisted')).toHaveLength(15);
    const waitlisted = ids[states.indexOf('waitlisted')];
    const history = await (await engineAs('head')).history(APPLICATION, waitlisted);
    expect(history.filter((h) => h.kind === 'transition').at(-1)).toMatchObject({ transition: 'offer', from: 'under_review', to: 'waitlisted' });
  });

  test('a declined offer promotes the oldest waitlisted application in the same transaction; a decline rolled back promotes nobody', async () => {
    const c = await cycle(1);
    const first = await reviewed(c.id);
    const second = await reviewed(c.id);
    const third = await reviewed(c.id);
    for (const id of [first, second, third]) await (await engineAs('head')).run(APPLICATION, id, 'offer');
    expect([await statusOf(first), await statusOf(second), await statusOf(third)]).toEqual(['offered', 'waitlisted', 'waitlisted']);
    await (await engineAs('head')).run(APPLICATION, first, 'decline', { comment: 'Chose another school.' });
    expect([await statusOf(first), await statusOf(second), await statusOf(third)]).toEqual(['declined', 'offered', 'waitlisted']);
    expect((await world.system.get(APPLICATION, second)).offered_at).toEqual(expect.any(String));
    // A decline that rolls back promotes nobody.
    await expect(
      (await recordsAs('head')).transaction(async (tx) => {
        await (await WorkflowEngine.for(tx)).run(APPLICATION, second, 'decline', { comment: 'x' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect([await statusOf(second), await statusOf(third)]).toEqual(['offered', 'waitlisted']);
  });
});

describe('offer expiry', () => {
  test('an offer older than the cycle’s offer days is declined by the job, and the waitlist moves up; a fresh one stays', async () => {
    const c = await cycle(2, { offer_days: 3 });
    const old = await reviewed(c.id);
    const fresh = await reviewed(c.id);
    const waiting = await reviewed(c.id);
    for (const id of [old, fresh, waiting]) await (await engineAs('head')).run(APPLICATION, id, 'offer');
    expect([await statusOf(old), await statusOf(fresh), await statusOf(waiting)]).toEqual(['offered', 'offered', 'waitlisted']);
    await world.system.update(APPLICATION, old, { offered_at: at(-4) });
    const { id, name, slug } = world.fixture.org;
    const records = RecordService.forSystem(runtime, id, 'job:admissions.offer_expiry').forModule('admissions');
    const summary = await offerExpiry({ records, organization: { id, name, slug }, log: { info: () => undefined, warn: () => undefined, error: () => undefined }, job: 'admissions.offer_expiry', now: new Date() });
    expect(summary).toBe('1 offer expired');
    expect([await statusOf(old), await statusOf(fresh), await statusOf(waiting)]).toEqual(['declined', 'offered', 'offered']);
    const history = await (await engineAs('head')).history(APPLICATION, old);
    expect(history.filter((h) => h.kind === 'transition').at(-1)).toMatchObject({ transition: 'decline', actor: 'job:admissions.offer_expiry', comment: expect.stringContaining('expired') });
  });
});

describe('admitting', () => {
  test('creates the student record, the student login (invited, student role) and the guardian login, guardian and link, in one transaction', async () => {
    const c = await cycle(2);
    const id = await reviewed(c.id);
    await (await engineAs('head')).run(APPLICATION, id, 'offer');
    const app = await world.system.get(APPLICATION, id);
    await (await engineAs('head')).run(APPLICATION, id, 'admit');
    const admitted = await world.system.get(APPLICATION, id);
    expect(admitted.status).toBe('admitted');
    const student = await world.system.get('institute.student', String(admitted.student));
    expect(student).toMatchObject({ name: app.applicant_name, email: app.email, date_of_birth: app.date_of_birth });
    const [login] = await world.system.find('core.user', { filters: [{ field: 'email', op: 'eq', value: app.email }] });
    expect(student.user).toBe(login.id);
    const studentRecords = await RecordService.for(runtime, { kind: 'user', userId: login.id, organizationId: world.fixture.org.id, email: String(login.email) });
    expect(studentRecords.hasRole('institute.student')).toBe(true);
    expect((await studentRecords.find('institute.student')).map((s) => s.id)).toEqual([student.id]);
    const [guardianLogin] = await world.system.find('core.user', { filters: [{ field: 'email', op: 'eq', value: app.guardian_email }] });
    expect(guardianLogin).toBeDefined();
    const [guardian] = await world.system.find('parents.guardian', { filters: [{ field: 'user', op: 'eq', value: guardianLogin.id }] });
    expect(await world.system.count('parents.student_guardian', [{ field: 'guardian', op: 'eq', value: guardian.id }, { field: 'student', op: 'eq', value: student.id }])).toBe(1);
    const invitations = await world.system.find('core.mail_outbox', { filters: [{ field: 'template', op: 'eq', value: 'invitation' }], limit: 1000 });
    expect(invitations.map((m) => m.recipient)).toEqual(expect.arrayContaining([app.email, app.guardian_email]));
    const guardianRecords = await RecordService.for(runtime, { kind: 'user', userId: guardianLogin.id, organizationId: world.fixture.org.id, email: String(guardianLogin.email) });
    expect((await guardianRecords.find('institute.student')).map((s) => s.id)).toEqual([student.id]);
  });

  test('an address that already belongs to a student refuses the admission and leaves nothing behind', async () => {
    const c = await cycle(2);
    const id = await reviewed(c.id);
    await (await engineAs('head')).run(APPLICATION, id, 'offer');
    const app = await world.system.get(APPLICATION, id);
    await world.system.create('institute.student', { name: 'Earlier Student', student_number: `S-X${n}${Date.now() % 10000}`, email: app.email });
    const users = await world.system.count('core.user');
    const err = await errorOf(async () => (await engineAs('head')).run(APPLICATION, id, 'admit'));
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).fieldErrors.email?.message).toMatch(/already belongs to student/);
    expect(await statusOf(id)).toBe('offered');
    expect(await world.system.count('core.user')).toBe(users);
  });
});

describe('window and age limits', () => {
  const fieldErrorsOf = async (input: Record<string, unknown>) => {
    const err = await errorOf(async () => (await recordsAs('head')).create(APPLICATION, input));
    expect(err).toBeInstanceOf(RecordValidationError);
    return (err as RecordValidationError).fieldErrors;
  };

  test('before the cycle opens or after it closes: a field error on cycle', async () => {
    const early = await cycle(3, { opens_at: at(2), closes_at: at(9) });
    expect((await fieldErrorsOf(applicant(early.id))).cycle?.message).toMatch(/is not open yet/);
    const late = await cycle(3, { opens_at: at(-9), closes_at: at(-1) });
    expect((await fieldErrorsOf(applicant(late.id))).cycle?.message).toMatch(/closed/);
  });

  test('younger than the minimum or older than the maximum age: a field error on date_of_birth; the age is computed', async () => {
    const c = await cycle(3, { min_age: 16, max_age: 21 });
    expect((await fieldErrorsOf(applicant(c.id, { date_of_birth: bornYearsAgo(14) }))).date_of_birth?.message).toMatch(/age of 14.*from 16/);
    expect((await fieldErrorsOf(applicant(c.id, { date_of_birth: bornYearsAgo(25) }))).date_of_birth?.message).toMatch(/age of 25.*up to 21/);
    const ok = await (await recordsAs('head')).create(APPLICATION, applicant(c.id, { date_of_birth: bornYearsAgo(19) }));
    expect(ok.age).toBe(19);
    // Moving it to a cycle it does not fit is refused the same way.
    const strict = await cycle(3, { min_age: 20, max_age: 30 });
    const err = await errorOf(async () => (await recordsAs('head')).update(APPLICATION, ok.id, { cycle: strict.id }));
    expect((err as RecordValidationError).fieldErrors.date_of_birth?.message).toMatch(/from 20/);
  });
});
