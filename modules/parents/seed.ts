/**
 * Demo guardians for half of the students: the demo parent login
 * (parent@<org>.demo) follows the first two students (the first is the demo
 * student, so their attendance, marks, invoices and returned work show), and
 * every other student of the rest of the first half has a guardian without a
 * login (reached by the admin's invitation later). One notice is for parents.
 */
import type { SeedContext } from '../../core/sdk.js';

const RELATIONS = ['mother', 'father', 'guardian'] as const;

export async function seedParents(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const students = await records.find('institute.student', { sort: { field: 'student_number', direction: 'asc' }, limit: 1000 });
  const half = students.slice(0, Math.ceil(students.length / 2));
  const demo = ctx.usersByRole.get('parents.parent');
  if (demo && half.length) {
    const parent = await records.create('parents.guardian', { name: 'Demo Parent', user: demo.id, email: demo.email, phone: '+1 555 0300', relation: 'mother' });
    for (const child of half.slice(0, 2)) await records.create('parents.student_guardian', { student: child.id, guardian: parent.id });
  }
  for (const [i, child] of half.slice(2).entries()) {
    const family = String(child.name).split(' ').slice(-1)[0];
    const relation = RELATIONS[i % RELATIONS.length];
    const guardian = await records.create('parents.guardian', { name: `${relation === 'father' ? 'Sam' : 'Alex'} ${family}`, email: `family.${family.toLowerCase().replace(/[^a-z]+/g, '')}${i}@parents.example.org`, phone: `+1 555 03${String(i + 1).padStart(2, '0')}`, relation });
    await records.create('parents.student_guardian', { student: child.id, guardian: guardian.id });
  }
  await records.create('institute.notice', {
    title: 'Parents’ evening next Thursday',
    body: 'Meet the teachers from 17:00 to 20:00 in the main hall. Reports are handed out on the evening.',
    to_parents: true,
    published_on: new Date().toISOString().slice(0, 10),
  });
}
