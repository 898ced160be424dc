/**
 * A fixture module whose rules need to-many and multi-hop conditions, built by
 * code: the three cases (a parent reads their child's attendance, a
 * doctor reads patients they have appointments with, a storekeeper reads the
 * entries of warehouses they are assigned to), a three-hop comparison, `$some`
 * under `$not` and `$or`, and date placeholders against a date and a timestamp.
 */
type Json = Record<string, unknown>;

export const CARE_ROLES = ['parent', 'doctor', 'storekeeper', 'frontdesk'] as const;

export function careManifest(): Json {
  return {
    id: 'care',
    version: '1.0.0',
    label: 'Care',
    systemTypes: ['hospital'],
    entities: [
      { name: 'guardian', fields: [{ name: 'name', type: 'string', required: true }, { name: 'user', type: 'reference', target: 'core.user' }] },
      { name: 'student', fields: [{ name: 'name', type: 'string', required: true }, { name: 'grade', type: 'integer', min: 1, max: 12 }] },
      {
        name: 'student_guardian',
        fields: [
          { name: 'student', type: 'reference', target: 'student', required: true, inverse: 'guardians' },
          { name: 'guardian', type: 'reference', target: 'guardian' },
        ],
      },
      {
        name: 'attendance',
        fields: [
          { name: 'student', type: 'reference', target: 'student' },
          { name: 'day', type: 'date', required: true },
          { name: 'present', type: 'boolean' },
        ],
      },
      { name: 'practitioner', fields: [{ name: 'name', type: 'string', required: true }, { name: 'user', type: 'reference', target: 'core.user' }] },
      { name: 'patient', fields: [{ name: 'name', type: 'string', required: true }] },
      {
        name: 'appointment',
        fields: [
          { name: 'patient', type: 'reference', target: 'patient', inverse: 'appointments' },
          { name: 'practitioner', type: 'reference', target: 'practitioner' },
          { name: 'starts_at', type: 'datetime', required: true },
        ],
      },
      { name: 'warehouse', fields: [{ name: 'name', type: 'string', required: true }, { name: 'keeper', type: 'reference', target: 'guardian' }] },
      {
        name: 'assignment',
        fields: [
          { name: 'warehouse', type: 'reference', target: 'warehouse', required: true, inverse: 'assignments' },
          { name: 'user', type: 'reference', target: 'core.user' },
          { name: 'active', type: 'boolean' },
        ],
      },
      {
        name: 'stock_entry',
        fields: [
          { name: 'warehouse', type: 'reference', target: 'warehouse' },
          { name: 'quantity', type: 'integer', min: 0, max: 100 },
          { name: 'moved_on', type: 'date' },
        ],
      },
    ],
    roles: CARE_ROLES.map((name) => ({ name })),
    permissions: {
      parent: [
        // Three hops: attendance → student ← student_guardian → guardian.user.
        { action: 'read', subject: 'attendance', conditions: { 'student.guardians': { $some: { 'guardian.user': '${user.id}' } } } },
        { action: 'read', subject: 'student', conditions: { guardians: { $some: { 'guardian.user': '${user.id}' } } } },
        // Three forward hops; null on the way matches nothing, null at the end matches.
        { action: 'update', subject: 'stock_entry', conditions: { 'warehouse.keeper.user': null } },
        { action: 'delete', subject: 'stock_entry', conditions: { $not: { 'warehouse.keeper.user': '${user.id}' } } },
      ],
      doctor: [
        { action: 'read', subject: 'patient', conditions: { appointments: { $some: { 'practitioner.user': '${user.id}' } } } },
        { action: 'update', subject: 'patient', conditions: { $not: { appointments: { $some: { practitioner: { $ne: null } } } } } },
        { action: 'read', subject: 'appointment', conditions: { $or: [{ 'practitioner.user': '${user.id}' }, { 'patient.appointments': { $some: { 'practitioner.user': '${user.id}' } } }] } },
      ],
      storekeeper: [
        { action: 'read', subject: 'stock_entry', conditions: { 'warehouse.assignments': { $some: { user: '${user.id}', active: true } } } },
        { action: 'read', subject: 'stock_entry', conditions: { quantity: { $gte: 50 } } },
        { action: 'read', subject: 'stock_entry', conditions: { 'warehouse.assignments': { $some: { active: false } } }, inverted: true },
        { action: 'update', subject: 'warehouse', conditions: { assignments: { $some: { $or: [{ user: '${user.id}' }, { user: null }] } } } },
        { action: 'delete', subject: 'warehouse', conditions: { $not: { assignments: { $some: {} } } } },
      ],
      frontdesk: [
        { action: 'read', subject: 'appointment', conditions: { starts_at: { $gte: '${today}', $lt: '${tomorrow}' } } },
        { action: 'update', subject: 'appointment', conditions: { starts_at: { $gte: '${startOfWeek}', $lt: '${startOfWeek+1w}' } } },
        { action: 'read', subject: 'stock_entry', conditions: { moved_on: { $gte: '${today-7d}', $lte: '${today}' } } },
        { action: 'read', subject: 'attendance', conditions: { day: { $gte: '${startOfMonth}', $lt: '${startOfMonth+1m}' } } },
        { action: 'delete', subject: 'appointment', conditions: { starts_at: { $lt: '${now-2h}' } } },
      ],
    },
  };
}
