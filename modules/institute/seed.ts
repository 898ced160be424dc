/**
 * Demo data for an institute: departments, staff with profiles (one still
 * PENDING approval, so its login is held), students, ~20 courses in every
 * state (several ACTIVE ones taught by the demo teacher, with applications,
 * enrolled and rejected students, one course full), attendance with one session
 * left for today's roll call, exams and marks, invoices paid and unpaid,
 * notices, schools with sign-ups and contact history, and hiring.
 * Written as the seed's system actor, so statuses are set directly.
 */
import { seedApprovals } from './seed-approvals.js';
import { DEMO_PASSWORD, type RecordData, type Records, type SeedContext } from '../../core/sdk.js';
import { eq } from './helpers.js';

const DAY_MS = 86_400_000;
const FIRST = ['Amara', 'Bilal', 'Chen', 'Dalia', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ibrahim', 'Julia', 'Kenji', 'Lucia', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Samir', 'Tove', 'Umar', 'Vera', 'Wei', 'Yara'];
const LAST = ['Adebayo', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fernandes', 'Garcia', 'Hoang', 'Ivanova', 'Jensen', 'Kaur', 'Lopez', 'Mwangi', 'Novak', 'Okoye', 'Petrov'];

/** Small deterministic generator, so every demo reset shows the same institute. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const at = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString();
const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');

interface CourseSpec {
  code: string;
  title: string;
  department: string;
  status: 'DRAFT' | 'PENDING' | 'ACTIVE' | 'ARCHIVED';
  /** Index into the teachers list; 0 is the demo teacher. */
  teacher: number;
  fee: number;
  seats: number;
  schedule: string;
}

const COURSES: CourseSpec[] = [
  { code: 'MATH-101', title: 'Algebra Foundations', department: 'MATH', status: 'ACTIVE', teacher: 0, fee: 450, seats: 12, schedule: 'Mon & Wed 09:00–10:30' },
  { code: 'MATH-201', title: 'Calculus I', department: 'MATH', status: 'ACTIVE', teacher: 0, fee: 520, seats: 10, schedule: 'Tue & Thu 09:00–10:30' },
  { code: 'MATH-150', title: 'Statistics for Everyone', department: 'MATH', status: 'ACTIVE', teacher: 0, fee: 380, seats: 4, schedule: 'Fri 13:00–16:00' },
  { code: 'MATH-301', title: 'Linear Algebra', department: 'MATH', status: 'ACTIVE', teacher: 0, fee: 560, seats: 15, schedule: 'Mon 14:00–17:00' },
  { code: 'CS-101', title: 'Programming with Python', department: 'CS', status: 'ACTIVE', teacher: 1, fee: 600, seats: 20, schedule: 'Tue & Thu 18:00–20:00' },
  { code: 'CS-210', title: 'Web Development', department: 'CS', status: 'ACTIVE', teacher: 1, fee: 650, seats: 16, schedule: 'Sat 10:00–14:00' },
  { code: 'LANG-110', title: 'English for Academic Purposes', department: 'LANG', status: 'ACTIVE', teacher: 2, fee: 300, seats: 18, schedule: 'Mon–Thu 08:00–09:00' },
  { code: 'LANG-120', title: 'Spanish A1', department: 'LANG', status: 'ACTIVE', teacher: 2, fee: 280, seats: 14, schedule: 'Wed 18:00–20:00' },
  { code: 'BUS-100', title: 'Bookkeeping Basics', department: 'BUS', status: 'ACTIVE', teacher: 3, fee: 340, seats: 25, schedule: 'Sat 09:00–12:00' },
  { code: 'MATH-401', title: 'Number Theory', department: 'MATH', status: 'PENDING', teacher: 0, fee: 590, seats: 12, schedule: 'Thu 14:00–17:00' },
  { code: 'CS-330', title: 'Databases', department: 'CS', status: 'PENDING', teacher: 1, fee: 700, seats: 16, schedule: 'Wed 18:00–21:00' },
  { code: 'BUS-210', title: 'Marketing Fundamentals', department: 'BUS', status: 'PENDING', teacher: 3, fee: 420, seats: 20, schedule: 'Fri 18:00–20:00' },
  { code: 'MATH-099', title: 'Maths Refresher', department: 'MATH', status: 'DRAFT', teacher: 0, fee: 150, seats: 30, schedule: 'To be decided' },
  { code: 'MATH-250', title: 'Discrete Mathematics', department: 'MATH', status: 'DRAFT', teacher: 0, fee: 500, seats: 15, schedule: 'Tue 14:00–17:00' },
  { code: 'CS-400', title: 'Machine Learning', department: 'CS', status: 'DRAFT', teacher: 1, fee: 900, seats: 12, schedule: 'To be decided' },
  { code: 'LANG-200', title: 'French B1', department: 'LANG', status: 'DRAFT', teacher: 2, fee: 320, seats: 14, schedule: 'Tue 18:00–20:00' },
  { code: 'MATH-090', title: 'Geometry (2024 syllabus)', department: 'MATH', status: 'ARCHIVED', teacher: 0, fee: 400, seats: 12, schedule: 'Mon 09:00–12:00' },
  { code: 'CS-090', title: 'Office Software', department: 'CS', status: 'ARCHIVED', teacher: 1, fee: 200, seats: 20, schedule: 'Sat 09:00–11:00' },
  { code: 'LANG-090', title: 'German A1 (old)', department: 'LANG', status: 'ARCHIVED', teacher: 2, fee: 260, seats: 14, schedule: 'Thu 18:00–20:00' },
  { code: 'BUS-090', title: 'Typing and Shorthand', department: 'BUS', status: 'ARCHIVED', teacher: 3, fee: 120, seats: 20, schedule: 'Fri 09:00–11:00' },
];

async function roleId(records: Records, name: string): Promise<string | undefined> {
  const [role] = await records.find('core.role', { filters: [eq('name', name)], limit: 1 });
  return role?.id;
}

/** A login of the organization with one role (the demo users of other roles come from the demo seeding). */
async function staffUser(records: Records, domain: string, name: string, role: string, active = true): Promise<{ id: string; email: string }> {
  const email = `${slug(name)}@${domain}`;
  const user = await records.create('core.user', { email, name, password: DEMO_PASSWORD, is_active: active });
  const id = await roleId(records, `institute.${role}`);
  if (id) await records.create('core.role_assignment', { user: user.id, role: id });
  return { id: user.id, email };
}

export async function seedInstitute(ctx: SeedContext): Promise<void> {
  const { records, usersByRole } = ctx;
  const r = rng(ctx.organization.slug.length * 104_729);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)];
  const domain = `${ctx.organization.slug}.demo`;

  // Departments.
  const departments = new Map<string, RecordData>();
  for (const [code, name] of [['MATH', 'Mathematics'], ['CS', 'Computer Science'], ['LANG', 'Languages'], ['BUS', 'Business Studies']]) {
    departments.set(code, await records.create('institute.department', { code, name, description: `The ${name} department.` }));
  }

  // Staff: the demo users of each role, three more teachers, and one teacher still waiting for approval.
  const teachers: { id: string; email: string }[] = [];
  const demoTeacher = usersByRole.get('institute.teacher');
  if (demoTeacher) teachers.push(demoTeacher);
  for (const name of ['Ingrid Solberg', 'Tariq Hassan', 'Mei Lin Tan']) teachers.push(await staffUser(records, domain, name, 'teacher'));
  while (teachers.length < 4) teachers.push(await staffUser(records, domain, `Extra Teacher ${teachers.length}`, 'teacher'));
  const teacherDepartments = ['MATH', 'CS', 'LANG', 'BUS'];
  for (const [i, teacher] of teachers.entries()) {
    await records.create('institute.staff_profile', {
      name: i === 0 && demoTeacher ? 'Demo Teacher' : (await records.get('core.user', teacher.id)).name,
      user: teacher.id,
      role: 'teacher',
      department: departments.get(teacherDepartments[i])!.id,
      position: i === 0 ? 'Senior lecturer' : 'Lecturer',
      hired_on: day(-900 + i * 120),
      salary: 4200 + i * 150,
      status: 'ACTIVE',
    });
  }
  for (const [role, position] of [['hr', 'HR officer'], ['finance', 'Accountant'], ['sales', 'Outreach coordinator']] as const) {
    const user = usersByRole.get(`institute.${role}`);
    if (!user) continue;
    await records.create('institute.staff_profile', { name: `Demo ${role === 'hr' ? 'HR' : role}`, user: user.id, role, position, hired_on: day(-600), salary: 3600, status: 'ACTIVE' });
  }
  // Created PENDING: the profile's hook holds the login until an admin approves it.
  const pending = await staffUser(records, domain, 'New Teacher', 'teacher');
  await records.create('institute.staff_profile', { name: 'New Teacher', user: pending.id, role: 'teacher', department: departments.get('CS')!.id, position: 'Lecturer (probation)', status: 'PENDING' });
  await records.update('institute.department', departments.get('MATH')!.id, { head: teachers[0].id });
  await records.update('institute.department', departments.get('CS')!.id, { head: teachers[1].id });

  // Schools and students; the demo student login gets the first student record.
  const schools: RecordData[] = [];
  for (const [name, city, status] of [['Riverside High School', 'Northbridge', 'partner'], ['St. Anne College', 'Northbridge', 'partner'], ['Lakeview Secondary', 'Eastport', 'lead'], ['Hilltop Academy', 'Westfield', 'lead'], ['Old Mill School', 'Eastport', 'inactive']]) {
    schools.push(
      await records.create('institute.school', {
        name,
        city,
        status,
        contact_name: `${pick(FIRST)} ${pick(LAST)}`,
        contact_email: `office@${slug(name)}.example.org`,
        contact_phone: `+1 555 01${String(schools.length).padStart(2, '0')}`,
        owner: usersByRole.get('institute.sales')?.id ?? null,
      }),
    );
  }
  const demoStudent = usersByRole.get('institute.student');
  const students: RecordData[] = [];
  const studentCount = ctx.size === 'demo' ? 24 : 16;
  for (let i = 0; i < studentCount; i++) {
    const own = i === 0 && demoStudent;
    const name = own ? 'Demo Student' : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    students.push(
      await records.create('institute.student', {
        name,
        student_number: `S-2026-${String(i + 1).padStart(4, '0')}`,
        user: own ? demoStudent.id : null,
        email: own ? demoStudent.email : `${slug(name)}${i}@student.example.org`,
        phone: `+1 555 2${String(i).padStart(3, '0')}`,
        date_of_birth: `${2004 + (i % 6)}-0${1 + (i % 9)}-1${i % 9}`,
        school: schools[i % 4].id,
        guardian_name: i % 3 === 0 ? `${pick(FIRST)} ${LAST[(i * 7) % LAST.length]}` : null,
        guardian_phone: i % 3 === 0 ? `+1 555 3${String(i).padStart(3, '0')}` : null,
        notes: i === 3 ? 'Needs a seat near the board.' : null,
      }),
    );
  }

  // Courses in every state.
  const courses = new Map<string, RecordData>();
  for (const spec of COURSES) {
    const live = spec.status === 'ACTIVE' || spec.status === 'ARCHIVED';
    courses.set(
      spec.code,
      await records.create('institute.course', {
        code: spec.code,
        title: spec.title,
        description: `${spec.title}: lectures, exercises and a final exam.`,
        teacher: teachers[spec.teacher].id,
        department: departments.get(spec.department)!.id,
        fee: spec.fee,
        max_seats: spec.seats,
        schedule: spec.schedule,
        location: `Room ${spec.department}-${1 + (spec.code.length % 4)}0${spec.teacher + 1}`,
        starts_on: spec.status === 'ARCHIVED' ? day(-400) : spec.status === 'ACTIVE' ? day(-30) : day(45),
        ends_on: spec.status === 'ARCHIVED' ? day(-280) : spec.status === 'ACTIVE' ? day(60) : day(150),
        status: spec.status,
        published_at: live ? at(spec.status === 'ARCHIVED' ? -420 : -40) : null,
      }),
    );
  }

  // Enrollments: the demo teacher's ACTIVE courses have applications, enrolled and rejected students;
  // MATH-150 is exactly full. The demo student is enrolled in two courses and has applied to a third.
  const enrolled = new Map<string, RecordData[]>();
  const enroll = async (course: RecordData, student: RecordData, status: string): Promise<void> => {
    await records.create('institute.enrollment', { course: course.id, student: student.id, status, note: status === 'APPLIED' ? 'I would like to join this course.' : null, decided_at: status === 'APPLIED' ? null : at(-25) });
    if (status === 'ENROLLED') enrolled.set(course.id, [...(enrolled.get(course.id) ?? []), student]);
  };
  const plan: [string, number[], number[], number[]][] = [
    // course, enrolled students, applied, rejected (indexes into students)
    ['MATH-101', [0, 1, 2, 3, 4, 5, 6], [7, 8], [9]],
    ['MATH-201', [0, 10, 11, 12, 13], [14], [15]],
    ['MATH-150', [1, 5, 9, 13], [2], []],
    ['MATH-301', [6, 7], [0, 12], [3]],
    ['CS-101', [2, 4, 8, 10, 14], [1], []],
    ['CS-210', [3, 11, 15], [], [5]],
    ['LANG-110', [1, 7, 12], [9], []],
    ['BUS-100', [5, 6, 13], [], []],
    ['MATH-090', [2, 3, 8], [], []],
  ];
  for (const [code, yes, applied, rejected] of plan) {
    const course = courses.get(code)!;
    for (const i of yes) if (students[i]) await enroll(course, students[i], 'ENROLLED');
    for (const i of applied) if (students[i]) await enroll(course, students[i], 'APPLIED');
    for (const i of rejected) if (students[i]) await enroll(course, students[i], 'REJECTED');
  }

  // Attendance: three past sessions per ACTIVE course of the demo teacher, and one today waiting for its roll call.
  for (const code of ['MATH-101', 'MATH-201', 'MATH-150']) {
    const course = courses.get(code)!;
    for (const [w, topic] of [[-21, 'Introduction'], [-14, 'Exercises'], [-7, 'Review']] as const) {
      const session = await records.create('institute.attendance_session', { course: course.id, date: day(w), topic: `${course.title}: ${topic}` });
      for (const student of enrolled.get(course.id) ?? []) {
        await records.create('institute.attendance_record', { session: session.id, student: student.id, present: r() > 0.15, note: null });
      }
    }
  }
  await records.create('institute.attendance_session', { course: courses.get('MATH-101')!.id, date: day(0), topic: 'Algebra Foundations: Quadratic equations' });

  // Exams and marks.
  for (const code of ['MATH-101', 'MATH-201', 'CS-101', 'MATH-090']) {
    const course = courses.get(code)!;
    const exam = await records.create('institute.exam', { course: course.id, title: `${course.title}: midterm`, date: day(code === 'MATH-090' ? -300 : -10), max_marks: 100 });
    for (const student of enrolled.get(course.id) ?? []) {
      await records.create('institute.mark', { exam: exam.id, student: student.id, marks: Math.round(35 + r() * 65), remarks: null });
    }
  }
  await records.create('institute.exam', { course: courses.get('MATH-101')!.id, title: 'Algebra Foundations: final', date: day(50), max_marks: 100 });

  // Invoices for enrolled students: most paid in full, some partly, some overdue.
  let n = 0;
  for (const [courseId, list] of enrolled) {
    const course = [...courses.values()].find((c) => c.id === courseId)!;
    for (const student of list) {
      n++;
      const invoice = await records.create('institute.fee_invoice', {
        student: student.id,
        course: course.id,
        description: `Tuition: ${String(course.title)}`,
        amount: course.fee,
        due_date: day(n % 4 === 0 ? -5 : n % 4 === 1 ? 20 : -25),
      });
      const fee = Number(course.fee);
      if (n % 4 === 2 || n % 4 === 3) {
        // Paid: the payments settle the invoice (status PAID, paid_at) through the payment hook.
        await records.create('institute.payment', { invoice: invoice.id, amount: fee, paid_on: day(-20), method: pick(['card', 'bank_transfer', 'cash', 'online']), reference: `RCPT-${1000 + n}` });
      } else if (n % 8 === 1) {
        await records.create('institute.payment', { invoice: invoice.id, amount: Math.round(fee * 40) / 100, paid_on: day(-3), method: 'cash', reference: `RCPT-${1000 + n}` });
      }
    }
  }

  // Notices for different audiences, one scheduled and one draft.
  const notices: [string, string, Record<string, boolean>, string | null][] = [
    ['Welcome to the new term', 'Classes start on Monday. Check your timetable in the course list.', { to_students: true, to_teachers: true }, day(-30)],
    ['Fee payment reminder', 'Tuition invoices are due by the end of the month.', { to_students: true, to_finance: true }, day(-6)],
    ['Staff meeting on Friday', 'All staff: 15:00 in the main hall.', { to_teachers: true, to_hr: true, to_finance: true, to_sales: true }, day(-2)],
    ['Open day for schools', 'Partner schools visit us next month; sales will coordinate.', { to_sales: true, to_teachers: true }, day(0)],
    ['Exam timetable', 'The final exam timetable will be published soon.', { to_students: true }, day(7)],
    ['Draft: holiday schedule', 'Not published yet.', { to_students: true, to_teachers: true }, null],
  ];
  for (const [title, body, audience, published] of notices) {
    await records.create('institute.notice', { title, body, ...audience, published_on: published });
  }

  // Course sign-ups from schools, with contact history.
  const salesUser = usersByRole.get('institute.sales')?.id ?? null;
  const activeCodes = COURSES.filter((c) => c.status === 'ACTIVE').map((c) => c.code);
  const signups: RecordData[] = [];
  for (let i = 0; i < 10; i++) {
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    signups.push(
      await records.create('institute.course_signup', {
        name,
        email: `${slug(name)}${i}@mail.example.org`,
        phone: `+1 555 4${String(i).padStart(3, '0')}`,
        course: courses.get(activeCodes[i % activeCodes.length])!.id,
        school: schools[i % schools.length].id,
        status: ['NEW', 'NEW', 'CONTACTED', 'CONVERTED', 'LOST'][i % 5],
        student: i % 5 === 3 ? students[(i + 16) % students.length].id : null,
        note: i % 3 === 0 ? 'Asked about evening classes.' : null,
      }),
    );
  }
  for (let i = 0; i < 12; i++) {
    const signup = i % 2 === 0 ? signups[i % signups.length] : null;
    await records.create('institute.contact', {
      school: signup ? signup.school : schools[i % schools.length].id,
      signup: signup?.id ?? null,
      contacted_at: at(-40 + i * 3),
      channel: ['call', 'email', 'visit', 'meeting'][i % 4],
      contacted_by: salesUser,
      summary: signup ? `Followed up on ${String(signup.name)}'s sign-up` : ['Presented the course catalogue', 'Agreed on an open day', 'Sent the price list', 'Discussed a partnership'][i % 4],
      details: null,
      next_action_on: i % 3 === 0 ? day(7 + i) : null,
    });
  }

  // Hiring.
  const posts: RecordData[] = [];
  for (const [title, department, status] of [['Lecturer in Computer Science', 'CS', 'OPEN'], ['Language Teacher (Spanish)', 'LANG', 'OPEN'], ['Accounts Assistant', 'BUS', 'CLOSED']] as const) {
    posts.push(await records.create('institute.job_post', { title, department: departments.get(department)!.id, description: `We are hiring: ${title}.`, positions: 1, closes_on: day(status === 'OPEN' ? 30 : -10), status }));
  }
  const applicationStatuses = ['APPLIED', 'APPLIED', 'SHORTLISTED', 'REJECTED', 'APPLIED', 'SHORTLISTED', 'HIRED', 'REJECTED'];
  for (let i = 0; i < applicationStatuses.length; i++) {
    const name = `${FIRST[(i * 5 + 3) % FIRST.length]} ${LAST[(i * 3 + 1) % LAST.length]}`;
    await records.create('institute.job_application', {
      job_post: posts[applicationStatuses[i] === 'HIRED' ? 2 : i % 2].id,
      applicant_name: name,
      applicant_email: `${slug(name)}@applicant.example.org`,
      cv: `${name}: ${2 + (i % 9)} years of teaching experience.`,
      status: applicationStatuses[i],
    });
  }

  await seedApprovals(ctx);
}
