/**
 * A hotel organization built by code: one user per hotel role, two room types,
 * rooms in each housekeeping state, two guests (one with the guest login and an
 * ID, one without an ID), and reservations of both in the states that matter
 * to the role rules, with a folio and posted lines for the stay in house.
 */
import type { RecordData, RecordService } from '../../core/data/records.js';
import { createFixtureOrg, type Fixture } from './runtime.js';
import type { Runtime } from '../../core/runtime.js';

export const HOTEL_ROLES = ['hotel.front_desk', 'hotel.housekeeping', 'hotel.manager', 'hotel.accountant', 'hotel.guest'] as const;
export type HotelRole = (typeof HOTEL_ROLES)[number];

export const DAY_MS = 86_400_000;
export const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

export interface HotelWorld {
  org: Fixture;
  system: RecordService;
  as(role: HotelRole): Promise<RecordService>;
  types: { double: RecordData; suite: RecordData };
  rooms: { clean: RecordData; dirty: RecordData; inspected: RecordData; outOfOrder: RecordData };
  guests: { own: RecordData; other: RecordData };
  /** own* belong to the guest login's guest; other* to the other guest. */
  reservations: { ownInHouse: RecordData; ownDraft: RecordData; otherConfirmed: RecordData; otherCancelled: RecordData };
  folio: RecordData;
  lines: { charge: RecordData; pending: RecordData };
}

export async function createHotelWorld(runtime: Runtime): Promise<HotelWorld> {
  const org = await createFixtureOrg(runtime, 'hotel', [...HOTEL_ROLES]);
  const system = await org.system();
  const double = await system.create('hotel.room_type', { code: 'DBL', name: 'Double', base_rate: 120, max_adults: 2 });
  const suite = await system.create('hotel.room_type', { code: 'STE', name: 'Suite', base_rate: 300, max_adults: 3 });
  const room = (number: string, housekeeping_status: string, type = double) => system.create('hotel.room', { number, floor: Number(number[0]), room_type: type.id, housekeeping_status });
  const rooms = { clean: await room('101', 'clean'), dirty: await room('102', 'dirty'), inspected: await room('103', 'inspected'), outOfOrder: await room('201', 'out_of_order', suite) };
  const own = await system.create('hotel.guest', { name: 'Grace Guest', email: 'grace@example.org', id_document_type: 'passport', id_document_number: 'P1234567', nationality: 'Ghana', user: org.users.get('hotel.guest')!.id });
  const other = await system.create('hotel.guest', { name: 'Otto Other', email: 'otto@example.org', nationality: 'Sweden' });
  const stay = (guest: RecordData, values: Record<string, unknown>) => system.create('hotel.reservation', { guest: guest.id, room_type: double.id, adults: 1, rate: 120, ...values });
  const reservations = {
    ownInHouse: await stay(own, { room: rooms.clean.id, check_in: day(-2), check_out: day(2), status: 'checked_in' }),
    ownDraft: await stay(own, { check_in: day(30), check_out: day(33), status: 'draft' }),
    otherConfirmed: await stay(other, { room: rooms.inspected.id, check_in: day(5), check_out: day(7), status: 'confirmed' }),
    otherCancelled: await stay(other, { room: rooms.inspected.id, check_in: day(5), check_out: day(6), status: 'cancelled' }),
  };
  const folio = await system.create('hotel.folio', { reservation: reservations.ownInHouse.id });
  const charge = await system.create('hotel.folio_line', { folio: folio.id, kind: 'room_charge', description: 'Night 1', date: day(-2), amount: 120, status: 'posted' });
  const pending = await system.create('hotel.folio_line', { folio: folio.id, kind: 'service', description: 'Minibar', date: day(-1), amount: 12.5 });
  return {
    org,
    system,
    as: (role) => org.as(role),
    types: { double, suite },
    rooms,
    guests: { own, other },
    reservations,
    folio,
    lines: { charge, pending },
  };
}
