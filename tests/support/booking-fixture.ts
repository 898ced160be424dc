/**
 * A module built by code that uses every booking primitive: reservations of
 * rooms (sequence number, checks, computed nights and amount, noOverlap on the
 * room with `[)` ignoring cancelled ones), class sessions with bookings
 * (capacity with a waitlist, one live booking per member and session) and
 * tickets (capacity without overflow), and projects whose tasks are numbered
 * per project (`PRJ-1`, a scoped sequence).
 */
import type { Json } from './makerspace-fixture.js';

export const BOOKING_ROLES = ['desk', 'visitor'];

export function bookingManifest(): Json {
  return {
    id: 'stays',
    version: '1.0.0',
    label: 'Stays',
    systemTypes: [{ name: 'stays', label: 'Stays (booking fixture)' }],
    entities: [
      { name: 'room', titleField: 'number', fields: [{ name: 'number', type: 'string', required: true }, { name: 'floor', type: 'integer' }] },
      { name: 'guest', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }] },
      {
        name: 'reservation',
        titleField: 'number',
        fields: [
          { name: 'number', type: 'string', maxLength: 40, sequence: { pattern: 'RES-{YYYY}-{00000}' } },
          { name: 'room', type: 'reference', target: 'room', required: true },
          { name: 'guest', type: 'reference', target: 'guest' },
          { name: 'check_in', type: 'date', required: true },
          { name: 'check_out', type: 'date', required: true },
          { name: 'adults', type: 'integer', default: 1 },
          { name: 'rate', type: 'money' },
          { name: 'discount', type: 'decimal', scale: 2 },
          { name: 'nights', type: 'integer', computed: { $days: ['check_in', 'check_out'] } },
          { name: 'amount', type: 'money', computed: { $mul: [{ $days: ['check_in', 'check_out'] }, 'rate'] } },
          { name: 'per_adult', type: 'decimal', scale: 2, computed: { $div: [{ $sub: ['rate', 'discount'] }, 'adults'] } },
          { name: 'status', type: 'enum', values: ['draft', 'confirmed', 'checked_in', 'checked_out', 'cancelled'], default: 'confirmed' },
        ],
        checks: [
          { field: 'check_out', rule: { check_out: { $gt: { $field: 'check_in' } } }, message: 'must be after the check-in day' },
          { name: 'adults_range', field: 'adults', rule: { adults: { $gte: 1, $lte: 4 } }, message: 'must be between 1 and 4' },
        ],
        noOverlap: [{ key: ['room'], range: ['check_in', 'check_out'], bounds: '[)', when: { status: { $in: ['confirmed', 'checked_in'] } } }],
      },
      { name: 'session', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }, { name: 'capacity', type: 'integer', required: true }] },
      {
        name: 'booking',
        fields: [
          { name: 'session', type: 'reference', target: 'session', required: true },
          { name: 'member', type: 'reference', target: 'guest', required: true },
          { name: 'status', type: 'enum', values: ['booked', 'waitlisted', 'attended', 'cancelled'], default: 'booked' },
        ],
        capacity: [{ parent: 'session', limit: 'capacity', when: { status: { $in: ['booked', 'attended'] } }, overflow: { field: 'status', value: 'waitlisted', promoteTo: 'booked' } }],
        uniqueWhen: [{ fields: ['session', 'member'], when: { status: { $ne: 'cancelled' } } }],
      },
      {
        name: 'ticket',
        fields: [
          { name: 'session', type: 'reference', target: 'session', required: true },
          { name: 'holder', type: 'string', required: true },
        ],
        capacity: [{ parent: 'session', limit: 'capacity' }],
      },
      { name: 'practitioner', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }] },
      {
        name: 'appointment',
        titleField: 'patient',
        fields: [
          { name: 'practitioner', type: 'reference', target: 'practitioner', required: true },
          { name: 'patient', type: 'string', required: true },
          { name: 'starts_at', type: 'datetime', required: true },
          { name: 'ends_at', type: 'datetime', required: true },
          { name: 'status', type: 'enum', values: ['scheduled', 'checked_in', 'cancelled', 'no_show'], default: 'scheduled' },
        ],
        noOverlap: [{ key: ['practitioner'], range: ['starts_at', 'ends_at'], when: { status: { $nin: ['cancelled', 'no_show'] } } }],
      },
      { name: 'project', titleField: 'code', fields: [{ name: 'code', type: 'string', required: true }, { name: 'name', type: 'string' }] },
      {
        name: 'task',
        titleField: 'number',
        fields: [
          { name: 'project', type: 'reference', target: 'project', required: true },
          { name: 'number', type: 'string', required: true, sequence: { pattern: '{scope.code}-{0}', scope: 'project' } },
          { name: 'summary', type: 'string', required: true },
        ],
      },
    ],
    roles: [{ name: 'desk', label: 'Front desk' }, { name: 'visitor', label: 'Visitor' }],
    permissions: {
      desk: [{ action: 'manage', subject: ['room', 'guest', 'reservation', 'session', 'booking', 'ticket', 'practitioner', 'appointment', 'project', 'task'] }],
      // Books online and sees only their own reservations.
      visitor: [
        { action: 'read', subject: 'room' },
        { action: ['create', 'read'], subject: 'reservation', conditions: { created_by: '${user.id}' } },
      ],
    },
  };
}
