/**
 * An institute organization for tests: one user per institute role plus a
 * second teacher and a second student (to prove "own" rules), student records
 * for both student logins, and a course of the first teacher in every state
 * plus an ACTIVE course of the second teacher. Written as the system actor.
 */
import { randomBytes } from 'node:crypto';
import type { RecordData, RecordService } from '../../core/data/records.js';
import { createUser } from '../../core/tenancy/index.js';
import { createFixtureOrg, type Fixture, type TestRuntime } from './runtime.js';

export const INSTITUTE_ROLES = ['teacher', 'student', 'hr', 'finance', 'sales'];

export interface InstituteWorld {
  fixture: Fixture;
  system: RecordService;
  /** admin, teacher, teacher2, student, student2, hr, finance, sales */
  as(key: string): Promise<RecordService>;
  userId(key: string): string;
  student: RecordData;
  student2: RecordData;
  courses: { draft: RecordData; pending: RecordData; active: RecordData; archived: RecordData; otherTeachers: RecordData };
}

/** A course code no other test of the file uses. */
export const courseCode = (): string => `T-${randomBytes(4).toString('hex').toUpperCase()}`;

export async function createInstituteWorld(runtime: TestRuntime): Promise<InstituteWorld> {
  const fixture = await createFixtureOrg(runtime, 'institute', INSTITUTE_ROLES);
  for (const [key, role] of [['teacher2', 'teacher'], ['student2', 'student']]) {
    const email = `${key}@${fixture.org.slug}.test`;
    const user = await createUser(runtime, fixture.org.slug, { email, password: 'secret-123', name: `${key} user`, roles: [role] });
    fixture.users.set(key, { id: user.id, email, actor: { kind: 'user', userId: user.id, organizationId: fixture.org.id, email } });
  }
  const system = await fixture.system();
  const userId = (key: string): string => {
    const user = fixture.users.get(key);
    if (!user) throw new Error(`no ${key} user in the institute fixture`);
    return user.id;
  };
  const student = await system.create('institute.student', { name: 'Stella Student', student_number: 'S-0001', user: userId('student'), notes: 'internal remark' });
  const student2 = await system.create('institute.student', { name: 'Otto Other', student_number: 'S-0002', user: userId('student2') });
  const course = (status: string, teacher: string): Promise<RecordData> =>
    system.create('institute.course', { title: `${status} course of ${teacher}`, code: courseCode(), teacher: userId(teacher), fee: 300, max_seats: 10, status });
  return {
    fixture,
    system,
    as: (key) => fixture.as(key),
    userId,
    student,
    student2,
    courses: {
      draft: await course('DRAFT', 'teacher'),
      pending: await course('PENDING', 'teacher'),
      active: await course('ACTIVE', 'teacher'),
      archived: await course('ARCHIVED', 'teacher'),
      otherTeachers: await course('ACTIVE', 'teacher2'),
    },
  };
}

/** Ids of what `records` lists of an entity. */
export async function visibleIds(records: RecordService, key: string): Promise<string[]> {
  return (await records.find(key, { limit: 1000 })).map((r) => r.id);
}
