/**
 * Approving a room change: the old allocation is vacated and the new one
 * opened in the transition's transaction, so the student is never in two
 * rooms nor in none. The new room's `capacity` rule counts the beds when the
 * new allocation is written; a full room refuses the write, which rolls the
 * whole approval back with the reason on the room.
 */
import { UmsError, type WorkflowHookContext } from '../../core/sdk.js';
import { ALLOCATION, isoDay, ROOM_CHANGE } from './rooms.js';

export async function moveAllocation(ctx: WorkflowHookContext): Promise<void> {
  // The approver may be the other hostel's warden, who cannot edit this allocation: the move is the system's, audited as hostel:room-change.
  const system = ctx.records.asSystem('room-change');
  const old = await system.lock(ALLOCATION, String(ctx.record.allocation));
  if (old.status !== 'active') throw new UmsError('CONFLICT', 'The allocation of this request is no longer active: reject the request instead.', { entity: ROOM_CHANGE, field: 'allocation' });
  const today = isoDay();
  await system.update(ALLOCATION, old.id, { status: 'vacated', to: today < String(old.from) ? String(old.from) : today });
  // The fee was invoiced with the first allocation: the move carries the invoice over and makes no new one.
  const opened = await system.create(ALLOCATION, { student: old.student, room: ctx.record.requested_room, from: today < String(old.from) ? String(old.from) : today, status: 'active', invoice: old.invoice ?? null });
  await ctx.records.update(ROOM_CHANGE, ctx.record.id, { new_allocation: opened.id });
}
