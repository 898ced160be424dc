/**
 * Folios: one open folio per stay (opened at check-in; the manifest's
 * uniqueWhen holds it) and the check-out rule that the balance is zero. The
 * balance itself is declared: `charges` and `credits` are roll-ups of the
 * posted lines, kept by the core in each line's own transaction with one
 * atomic UPDATE of the folio row, and `balance` is computed from them.
 */
import { UmsError, type RecordData, type Records, type WorkflowHook } from '../../core/sdk.js';

export const FOLIO = 'hotel.folio';
export const LINE = 'hotel.folio_line';
export const RESERVATION = 'hotel.reservation';
export const ROOM = 'hotel.room';

/** What a posted line does to the balance: charges and refunds add, payments and discounts take away. */
const SIGN: Record<string, number> = { room_charge: 1, service: 1, refund: 1, payment: -1, discount: -1 };

export const cents = (amount: unknown): number => Math.round(Number(amount ?? 0) * 100);

export function balanceOf(lines: RecordData[]): number {
  return lines.filter((l) => l.status === 'posted').reduce((sum, l) => sum + (SIGN[String(l.kind)] ?? 0) * cents(l.amount), 0) / 100;
}

/** The folio's balance, read with its row locked: a line posted meanwhile (its roll-up UPDATE locks the same row) waits for the check-out, or the check-out for it. */
export async function lockedBalance(records: Records, folioId: string): Promise<number> {
  const folio = await records.asSystem('folio-balance').lock(FOLIO, folioId);
  return cents(folio.balance) / 100;
}

/** Check-in opens the stay's folio (one open folio per reservation: the manifest's uniqueWhen). */
export const openFolio: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('folio');
  const open = await system.find(FOLIO, { filters: [{ field: 'reservation', op: 'eq', value: ctx.record.id }, { field: 'status', op: 'eq', value: 'open' }], limit: 1 });
  if (!open.length) await system.create(FOLIO, { reservation: ctx.record.id, name: 'Guest folio' });
};

/**
 * Check-out: every open folio of the stay must be settled (refusing rolls the
 * transition back); they are closed, and the room goes to housekeeping as dirty.
 */
export const settleAndRelease: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('check-out');
  const folios = await system.find(FOLIO, { filters: [{ field: 'reservation', op: 'eq', value: ctx.record.id }, { field: 'status', op: 'eq', value: 'open' }], limit: 100 });
  for (const folio of folios) {
    const balance = await lockedBalance(system, folio.id);
    if (cents(balance) !== 0) {
      throw new UmsError('CONFLICT', `${String(ctx.record.number)} cannot check out: its folio has a balance of ${balance.toFixed(2)}; post a payment (or a refund) until it is 0.00.`, { entity: FOLIO, field: 'balance' });
    }
    await system.update(FOLIO, folio.id, { status: 'closed' });
  }
  if (ctx.record.room) await system.update(ROOM, String(ctx.record.room), { housekeeping_status: 'dirty' });
};
