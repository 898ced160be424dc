/**
 * Timetable behaviour a manifest cannot express: the course's teacher as the default,
 * and the daily job that turns periods into lessons with attendance sessions.
 * Double-booking is refused by the manifest's constraints, in PostgreSQL.
 */
import { definePlugin } from '../../core/sdk.js';
import { timetableFixtures } from './fixtures.js';
import { generateLessonsJob } from './jobs.js';
import { periodHooks } from './periods.js';
import { seedTimetable } from './seed.js';

export { generateLessons, lessonFor, weekdayOf } from './jobs.js';

export default definePlugin({
  module: 'timetable',
  hooks: { period: periodHooks },
  jobs: { generate_lessons: generateLessonsJob },
  fixtures: timetableFixtures,
  seed: seedTimetable,
});
