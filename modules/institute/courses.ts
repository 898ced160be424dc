/**
 * Courses: a teacher proposing a course without naming its teacher teaches it;
 * and only a DRAFT course can be deleted by anyone (a course that was submitted
 * or published has approvals, enrollments and attendance behind it: archive it).
 * Which states the edit form may change is the course workflow's (manifest).
 */
import { UmsError, type EntityHooks } from '../../core/sdk.js';
import { idOf, isPerson } from './helpers.js';

export const courseHooks: EntityHooks = {
  beforeCreate(ctx, values) {
    if (isPerson(ctx.actor) && !idOf(values.teacher) && ctx.records.hasRole('teacher')) values.teacher = ctx.actor.userId;
  },
  beforeDelete(ctx, course) {
    if (isPerson(ctx.actor) && course.status !== 'DRAFT') {
      throw new UmsError('CONFLICT', `Only a draft course can be deleted; "${String(course.title)}" is ${String(course.status).toLowerCase()}: archive it instead.`, { entity: ctx.entity.key, field: 'status' });
    }
  },
};
