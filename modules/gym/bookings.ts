/**
 * Class bookings and check-ins: what the manifest cannot say. The session's
 * capacity, the waitlist and its promotion, and one live booking per member
 * and session are the manifest's (`capacity`, `uniqueWhen`), held by
 * PostgreSQL. Here: a booking needs a membership covering the class's day
 * (the one expiring first is used), holds one class credit of a credit
 * membership from the moment it is made (booked or waitlisted) and gives it
 * back when cancelled; a check-in needs a covering membership too, marks its
 * booking attended and stamps the member's last visit.
 */
import { RecordValidationError, workflows, type EntityHooks, type RecordData } from '../../core/sdk.js';
import { BOOKING, CHECK_IN, CREDIT_ENTRY, MEMBER, MEMBERSHIP, PLAN, SESSION, coverFor, creditsOf, dayOf, moveCredits } from './memberships.js';

export const bookingHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    if (!values.session || !values.member) return; // the required-field errors say it
    const [session] = await ctx.records.asSystem('booking-session').getMany(SESSION, [String(values.session)]);
    if (!session) return;
    const cover = await coverFor(ctx.records, BOOKING, String(values.member), String(session.date), values.membership, true);
    values.membership = cover.membership.id;
  },
  async afterCreate(ctx, record) {
    const system = ctx.records.asSystem('booking-credit');
    const [membership] = await system.getMany(MEMBERSHIP, [String(record.membership)]);
    // A booking placed as cancelled (a seed, an import) never held a credit.
    if (!membership || record.status === 'cancelled') return;
    const plan = await system.get(PLAN, String(membership.plan));
    if (creditsOf(plan) !== null) await moveCredits(ctx.records, { membership: membership.id, credits: -1, date: dayOf(new Date()), reason: 'booking', booking: record.id });
  },
  async afterUpdate(ctx, { before, after }) {
    if (after.status !== 'cancelled' || before.status === 'cancelled') return;
    // Give back exactly what this booking took: a use without a return yet.
    const system = ctx.records.asSystem('booking-credit');
    const entries = await system.find(CREDIT_ENTRY, { filters: [{ field: 'booking', op: 'eq', value: after.id }], limit: 10 });
    const held = -entries.reduce((sum, e) => sum + Number(e.credits), 0);
    if (held > 0 && after.membership) await moveCredits(ctx.records, { membership: String(after.membership), credits: held, date: dayOf(new Date()), reason: 'cancellation', booking: after.id });
  },
};

export const checkInHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    if (!values.member) return;
    values.time ??= new Date().toISOString();
    const time = new Date(String(values.time));
    if (Number.isNaN(time.getTime())) return; // the field's own validation reports it
    let booking: RecordData | undefined;
    if (values.booking) {
      [booking] = await ctx.records.asSystem('check-in-booking').getMany(BOOKING, [String(values.booking)]);
      if (booking && String(booking.member) !== String(values.member)) {
        throw new RecordValidationError(CHECK_IN, { booking: { message: 'is a booking of another member', type: 'reference' } });
      }
    }
    const cover = await coverFor(ctx.records, CHECK_IN, String(values.member), dayOf(time), booking?.membership, false);
    values.membership = cover.membership.id;
  },
  async afterCreate(ctx, record) {
    if (record.booking) {
      const system = ctx.records.asSystem('check-in-booking');
      const booking = await system.get(BOOKING, String(record.booking));
      if (booking.status !== 'booked') {
        throw new RecordValidationError(CHECK_IN, { booking: { message: `is ${String(booking.status)}, not booked: only a booked place can be attended`, type: 'state' } });
      }
      await (await workflows(ctx.records)).run(BOOKING, booking.id, 'attend');
    }
    await ctx.records.asSystem('check-in-visit').update(MEMBER, String(record.member), { last_check_in: record.time, nudged_at: null });
  },
};
