/**
 * Demo timetable: six classrooms, two weekly periods per ACTIVE course (each in
 * its own weekday and hour, so nothing is double-booked), and this week's
 * lessons with their attendance sessions, Monday to Sunday.
 */
import type { SeedContext } from '../../core/sdk.js';
import { generateLessons } from './jobs.js';
import { CLASSROOM, PERIOD } from './periods.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const hh = (n: number): string => String(n).padStart(2, '0');

export async function seedTimetable(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const rooms = [];
  for (const [name, building, seats] of [['A-101', 'Main building', 30], ['A-102', 'Main building', 30], ['B-201', 'Science wing', 24], ['B-202', 'Science wing', 24], ['Lab 1', 'Science wing', 16], ['Hall', 'Main building', 120]] as const) {
    rooms.push(await records.create(CLASSROOM, { name, building, seats }));
  }
  const courses = await records.find('institute.course', { filters: [{ field: 'status', op: 'eq', value: 'ACTIVE' }], sort: { field: 'code', direction: 'asc' }, limit: 100 });
  let slot = 0;
  for (const [c, course] of courses.entries()) {
    for (let k = 0; k < 2; k++, slot++) {
      // Slot n: weekday n % 5, hour 08:00 + 2 × ⌊n / 5⌋ (up to 18:00): every slot is its own, so no room or teacher is booked twice.
      const hour = 8 + 2 * (Math.floor(slot / 5) % 6);
      await records.create(PERIOD, { course: course.id, weekday: WEEKDAYS[slot % 5], start: `${hh(hour)}:00`, end: `${hh(hour + 1)}:30`, room: rooms[c % rooms.length].id, active: true });
    }
  }
  const now = new Date();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  await generateLessons(records, monday, 7);
}
