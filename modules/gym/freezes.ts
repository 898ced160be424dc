/**
 * A freeze a manager approves (the manifest's `freeze` workflow allows only
 * the manager's role to take `approve`): the membership's end moves by the
 * frozen days, and the member's live bookings of classes inside the freeze are
 * cancelled through the booking workflow, so their credits come back and the
 * first waitlisted member of each class gets the place, in the approval's
 * transaction. Approved freezes of one membership cannot overlap (noOverlap).
 */
import { workflows, type WorkflowHook } from '../../core/sdk.js';
import { BOOKING, MEMBERSHIP, SESSION, addDays, all } from './memberships.js';

export const applyFreeze: WorkflowHook = async (ctx) => {
  const freeze = ctx.record;
  const system = ctx.records.asSystem('freeze');
  const membership = await system.lock(MEMBERSHIP, String(freeze.membership));
  if (membership.end_date) await system.update(MEMBERSHIP, membership.id, { end_date: addDays(String(membership.end_date), Number(freeze.days)) });
  const live = await all(system, BOOKING, [{ field: 'membership', op: 'eq', value: membership.id }, { field: 'status', op: 'in', value: ['booked', 'waitlisted'] }]);
  if (!live.length) return;
  const sessions = new Map((await system.getMany(SESSION, [...new Set(live.map((b) => String(b.session)))])).map((s) => [s.id, s]));
  const engine = await workflows(system);
  for (const booking of live) {
    const date = String(sessions.get(String(booking.session))?.date ?? '');
    if (date >= String(freeze.from_date) && date <= String(freeze.to_date)) await engine.run(BOOKING, booking.id, 'cancel', { comment: `Membership frozen from ${String(freeze.from_date)} to ${String(freeze.to_date)}` });
  }
};
