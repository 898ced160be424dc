/**
 * Demo data: room types, rooms, guests and reservations spread over 60 days
 * either side of today, in the states a real hotel has them (checked out and
 * settled, in house with tonight's charges, confirmed, drafts without a room,
 * cancelled, no-shows), the guest login's own stays, and one large discount
 * waiting for the manager's approval. Deterministic per organization.
 */
import { workflows, type RecordData, type Records, type SeedContext } from '../../core/sdk.js';
import { FOLIO, LINE, RESERVATION } from './folios.js';
import { dayOf } from './jobs.js';

const DAY_MS = 86_400_000;
const FIRST = ['Ana', 'Kwame', 'Mei', 'Lars', 'Priya', 'Tomás', 'Aisha', 'Jonas', 'Yuki', 'Olga', 'Diego', 'Fatima', 'Noah', 'Leila', 'Ivan', 'Grace', 'Omar', 'Sofia', 'Hiro', 'Elena'];
const LAST = ['Okafor', 'Lindqvist', 'Chen', 'Haddad', 'Novak', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Mensah', 'Rossi', 'Nakamura', 'Fischer', 'Adeyemi', 'Dubois', 'Khan'];
const NATIONS = ['France', 'Ghana', 'Japan', 'Sweden', 'India', 'Brazil', 'Germany', 'Canada', 'Nigeria', 'Italy'];
const CHANNELS = ['direct', 'phone', 'website', 'ota', 'walk_in'];
const TYPES = [
  { code: 'SGL', name: 'Single', base_rate: 80, max_adults: 1 },
  { code: 'DBL', name: 'Double', base_rate: 120, max_adults: 2 },
  { code: 'TWN', name: 'Twin', base_rate: 115, max_adults: 2 },
  { code: 'FAM', name: 'Family room', base_rate: 170, max_adults: 4 },
  { code: 'STE', name: 'Suite', base_rate: 290, max_adults: 3 },
];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)];
const day = (offset: number): string => dayOf(new Date(Date.now() + offset * DAY_MS));

/** `nights` and `gap` (days between stays of a room) are ranges [min, max]: long enough that the stays reach from -span to +span at about 70 % occupancy. */
interface Sizes { types: number; rooms: number; guests: number; reservations: number; span: number; nights: [number, number]; gap: [number, number] }
const SIZES: Record<SeedContext['size'], Sizes> = {
  demo: { types: 5, rooms: 60, guests: 500, reservations: 400, span: 60, nights: [7, 22], gap: [0, 5] },
  small: { types: 2, rooms: 6, guests: 12, reservations: 16, span: 10, nights: [1, 4], gap: [0, 3] },
};

/** Posts a line as the system (seeds may place records in any state). */
async function post(records: Records, folio: string, kind: string, date: string, amount: number, description: string): Promise<void> {
  await records.create(LINE, { folio, kind, date, amount, description, status: 'posted' });
}

/** A stay that has begun: its folio with the room charges of the nights so far; a finished one is paid and closed. */
async function folioFor(records: Records, stay: RecordData, today: string): Promise<void> {
  const folio = await records.create(FOLIO, { reservation: stay.id, name: 'Guest folio' });
  const start = Date.parse(String(stay.check_in));
  let charged = 0;
  for (let t = start; t < Date.parse(String(stay.check_out)) && dayOf(new Date(t)) < today; t += DAY_MS) {
    await post(records, folio.id, 'room_charge', dayOf(new Date(t)), Number(stay.rate), `Room charge, night of ${dayOf(new Date(t))}`);
    charged += Number(stay.rate);
  }
  if (stay.status === 'checked_out') {
    await post(records, folio.id, 'payment', String(stay.check_out), charged, 'Card payment at check-out');
    await records.update(FOLIO, folio.id, { status: 'closed' });
  }
}

export async function seedHotel(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const size = SIZES[ctx.size];
  const r = rng(ctx.organization.slug.length * 104729);
  const today = day(0);
  const types = [];
  for (const t of TYPES.slice(0, size.types)) types.push(await records.create('hotel.room_type', t));
  const rooms = [];
  for (let i = 0; i < size.rooms; i++) {
    const floor = 1 + Math.floor(i / 12);
    rooms.push(await records.create('hotel.room', { number: `${floor}${String(1 + (i % 12)).padStart(2, '0')}`, floor, room_type: types[i % types.length].id, housekeeping_status: 'clean' }));
  }
  const guestUser = ctx.usersByRole.get('hotel.guest');
  const guests = [];
  for (let i = 0; i < size.guests; i++) {
    const name = i === 0 && guestUser ? 'Demo Guest' : `${pick(r, FIRST)} ${pick(r, LAST)}`;
    guests.push(
      await records.create('hotel.guest', {
        name,
        email: i === 0 && guestUser ? guestUser.email : `${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.')}.${i}@example.org`,
        phone: `+1 555 ${String(1000 + i).slice(-4)}`,
        nationality: pick(r, NATIONS),
        // A few guests have not shown an ID yet: they cannot be checked in until they do.
        id_document_type: i % 9 === 8 ? null : pick(r, ['passport', 'national_id', 'driving_licence']),
        id_document_number: i % 9 === 8 ? null : `ID${String(100000 + i * 37)}`,
        user: i === 0 && guestUser ? guestUser.id : null,
      }),
    );
  }
  // Stays laid end to end per room (so the no-overlap constraint holds), from span days ago to span days ahead.
  const outOfOrder = rooms[rooms.length - 1];
  const next = new Map(rooms.map((room) => [room.id, -size.span + Math.floor(r() * size.gap[1])]));
  let made = 0;
  for (let round = 0; made < size.reservations && round < 1000; round++) {
    for (const room of rooms) {
      if (made >= size.reservations || room === outOfOrder) continue;
      const start = next.get(room.id)!;
      if (start >= size.span) continue;
      const between = (range: [number, number]) => range[0] + Math.floor(r() * (range[1] - range[0] + 1));
      const nights = between(size.nights);
      next.set(room.id, start + nights + between(size.gap));
      const guest = made < 3 && guestUser ? guests[0] : guests[Math.floor(r() * guests.length)];
      const type = types.find((t) => t.id === room.room_type)!;
      const end = start + nights;
      const roll = r();
      // Arriving today: confirmed, not yet in; leaving today: still in house, so the dashboard has both.
      let status = end < 0 ? 'checked_out' : start < 0 ? 'checked_in' : 'confirmed';
      if (status === 'checked_out' && roll < 0.06) status = 'cancelled';
      else if (status === 'checked_out' && roll < 0.1) status = 'no_show';
      else if (status === 'confirmed' && roll < 0.08) status = 'cancelled';
      // Checked-in guests showed their ID.
      const who = status === 'checked_in' && !guest.id_document_number ? guests[0] : guest;
      const unassigned = status === 'confirmed' && roll > 0.9;
      const stay = await records.create(RESERVATION, {
        guest: who.id,
        room_type: type.id,
        room: unassigned ? null : room.id,
        check_in: day(start),
        check_out: day(end),
        adults: Math.min(Number(type.max_adults), 1 + Math.floor(r() * 2)),
        rate: Number(type.base_rate),
        channel: pick(r, CHANNELS),
        status: unassigned ? 'draft' : status,
      });
      made++;
      if (status === 'checked_in' || status === 'checked_out') await folioFor(records, stay, today);
    }
  }
  // Housekeeping's morning: yesterday's departures are dirty, one room is out of order.
  await records.update('hotel.room', outOfOrder.id, { housekeeping_status: 'out_of_order' });
  for (const room of rooms.slice(0, Math.max(1, Math.floor(rooms.length / 6)))) await records.update('hotel.room', room.id, { housekeeping_status: 'dirty' });
  await pendingDiscount(ctx, today);
}

/** A 15 % discount the front desk asked for: it waits in the manager's approvals inbox. */
async function pendingDiscount(ctx: SeedContext, today: string): Promise<void> {
  const desk = ctx.usersByRole.get('hotel.front_desk');
  const [folio] = await ctx.records.find(FOLIO, { filters: [{ field: 'status', op: 'eq', value: 'open' }], limit: 1 });
  if (!desk || !folio) return;
  const asDesk = await ctx.as(desk);
  const line = await asDesk.create(LINE, { folio: folio.id, kind: 'discount', date: today, amount: 20, discount_percent: 15, description: 'Noise complaint: 15 % off tonight' });
  await (await workflows(asDesk)).run(LINE, line.id, 'post_approved');
}
