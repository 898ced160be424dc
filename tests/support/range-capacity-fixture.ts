/**
 * A module built by code for capacities over a range: rooms of a type, where
 * unassigned holds of the type never outnumber its rooms on any night (the
 * limit is a count of other records, the rooms pointing at the type), and
 * desks with a number of seats, where the bookings covering any one instant
 * never outnumber the seats (the limit is a field of the parent).
 */
import type { Json } from './makerspace-fixture.js';

export function rangeCapacityManifest(): Json {
  return {
    id: 'inns',
    version: '1.0.0',
    label: 'Inns',
    systemTypes: [{ name: 'inns', label: 'Inns (range capacity fixture)' }],
    entities: [
      { name: 'room_type', titleField: 'code', fields: [{ name: 'code', type: 'string', required: true }] },
      {
        name: 'room',
        titleField: 'number',
        fields: [
          { name: 'number', type: 'string', required: true },
          { name: 'room_type', type: 'reference', target: 'room_type', required: true },
          { name: 'in_service', type: 'boolean', default: true },
        ],
      },
      {
        name: 'hold',
        fields: [
          { name: 'room_type', type: 'reference', target: 'room_type', required: true },
          { name: 'room', type: 'reference', target: 'room' },
          { name: 'check_in', type: 'date', required: true },
          { name: 'check_out', type: 'date', required: true },
          { name: 'status', type: 'enum', values: ['draft', 'confirmed', 'cancelled'], default: 'confirmed' },
        ],
        checks: [{ field: 'check_out', rule: { check_out: { $gt: { $field: 'check_in' } } }, message: 'must be after the check-in day' }],
        capacity: [
          {
            parent: 'room_type',
            limit: { count: 'room', by: 'room_type', when: { in_service: true } },
            range: ['check_in', 'check_out'],
            when: { room: null, status: { $in: ['draft', 'confirmed'] } },
            message: 'has no room left for the night of {point}: {taken} of {limit} rooms are held',
          },
        ],
      },
      { name: 'desk', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }, { name: 'seats', type: 'integer' }] },
      {
        name: 'seat_booking',
        fields: [
          { name: 'desk', type: 'reference', target: 'desk', required: true },
          { name: 'starts_at', type: 'datetime', required: true },
          { name: 'ends_at', type: 'datetime', required: true },
        ],
        capacity: [{ parent: 'desk', limit: 'seats', range: ['starts_at', 'ends_at'] }],
      },
    ],
    roles: [{ name: 'desk', label: 'Front desk' }],
    permissions: { desk: [{ action: 'manage', subject: ['room_type', 'room', 'hold', 'desk', 'seat_booking'] }] },
  };
}
