/**
 * Hostel records that carry what a rule needs one reference hop away: a room's
 * title, an allocation's hostel (the warden's rule reads `hostel.warden`), a
 * room change's student and the two hostels it moves between. The counts the
 * rules depend on (beds taken, one active allocation per student) are the
 * manifest's `capacity` and `uniqueWhen`, held by PostgreSQL.
 */
import { RecordValidationError, type EntityHooks, type HookContext, type RecordData } from '../../core/sdk.js';

export const HOSTEL = 'hostel.hostel';
export const ROOM = 'hostel.room';
export const ALLOCATION = 'hostel.allocation';
export const ROOM_CHANGE = 'hostel.room_change';
const INVOICE = 'institute.fee_invoice';

export const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** One record read past the actor's rules (a reference the actor cannot see is reported by validation). */
async function systemGet(ctx: HookContext, key: string, id: string | null): Promise<RecordData | null> {
  if (!id) return null;
  const [row] = await ctx.records.asSystem('rooms').getMany(key, [id]);
  return row ?? null;
}

async function roomTitle(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  const hostel = await systemGet(ctx, HOSTEL, idOf(values.hostel));
  values.title = hostel ? `${String(hostel.name)} · ${String(values.number ?? '')}` : String(values.number ?? '');
}

export const roomHooks: EntityHooks = {
  beforeCreate: (ctx, values) => roomTitle(ctx, values),
  beforeUpdate: (ctx, change) => roomTitle(ctx, change.values),
};

/** The allocation's hostel and title follow its room and student, whatever the input says. */
async function allocationDerived(ctx: HookContext, values: Record<string, unknown>): Promise<RecordData | null> {
  const room = await systemGet(ctx, ROOM, idOf(values.room));
  const student = await systemGet(ctx, 'institute.student', idOf(values.student));
  values.hostel = room ? room.hostel : null;
  if (room && student) values.title = `${String(student.name)} · ${String(room.title)}`;
  return room;
}

/** Today's date (UTC) plus `days`, as YYYY-MM-DD. */
export const isoDay = (days = 0, from = new Date()): string => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export const allocationHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    const room = await allocationDerived(ctx, values);
    if (!room || values.status !== 'active' || idOf(values.invoice)) return;
    // The hostel's fee becomes an institute fee invoice, in the allocation's transaction (refused allocation: no invoice).
    const hostel = await systemGet(ctx, HOSTEL, idOf(room.hostel));
    const fee = Number(hostel?.fee ?? 0);
    if (!hostel || !(fee > 0)) return;
    const from = typeof values.from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values.from) ? new Date(`${values.from}T00:00:00Z`) : new Date();
    const invoice = await ctx.records.asSystem('hostel-fee').create(INVOICE, {
      student: values.student,
      description: `Hostel fee: ${String(room.title)}`,
      amount: hostel.fee,
      due_date: isoDay(14, from),
    });
    values.invoice = invoice.id;
  },
  async beforeUpdate(ctx, change) {
    await allocationDerived(ctx, change.values);
    // Moving out: the day of leaving is recorded.
    if (change.changed.includes('status') && change.values.status === 'vacated' && !change.values.to) change.values.to = isoDay();
  },
};

const roomChangeError = (field: string, message: string): RecordValidationError =>
  new RecordValidationError(ROOM_CHANGE, { [field]: { message, type: 'roomChange' } }, message);

/** A request names an active allocation and another room; it carries the student and both hostels. */
async function roomChangeDerived(ctx: HookContext, values: Record<string, unknown>): Promise<void> {
  const allocation = await systemGet(ctx, ALLOCATION, idOf(values.allocation));
  const room = await systemGet(ctx, ROOM, idOf(values.requested_room));
  if (!allocation || !room) return;
  if (allocation.status !== 'active') throw roomChangeError('allocation', 'is not active: only a current allocation can move');
  if (String(allocation.room) === String(room.id)) throw roomChangeError('requested_room', 'is the room of this allocation already');
  const student = await systemGet(ctx, 'institute.student', idOf(allocation.student));
  values.student = allocation.student;
  values.from_hostel = allocation.hostel;
  values.to_hostel = room.hostel;
  values.between_hostels = String(allocation.hostel) !== String(room.hostel);
  values.title = `${String(student?.name ?? '')}: ${String(allocation.title ?? '').split(' · ').slice(1).join(' · ')} → ${String(room.title)}`;
}

export const roomChangeHooks: EntityHooks = {
  beforeCreate: (ctx, values) => roomChangeDerived(ctx, values),
  async beforeUpdate(ctx, change) {
    if (change.changed.includes('allocation') || change.changed.includes('requested_room')) await roomChangeDerived(ctx, change.values);
  },
};
