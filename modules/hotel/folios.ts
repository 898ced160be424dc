/**
 * Folios: one open folio per stay (opened at check-in; the manifest's
 * uniqueWhen holds it), a balance kept from the posted lines, and the
 * check-out rule that the balance is zero. The balance is plugin code only
 * because the manifest has no roll-up (sum of children) primitive yet.
 */
import { UmsError, type EntityHooks, type RecordData, type Records, type WorkflowHook } from '../../core/sdk.js';

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

/**
 * Recomputes the folio's balance from its lines with the folio row locked, so
 * a line posted while a check-out reads the balance waits for it (and the
 * other way round): a sum, not a delta, so a missed update cannot drift it.
 */
export async function refreshBalance(records: Records, folioId: string): Promise<number> {
  const system = records.asSystem('folio-balance');
  return system.transaction(async (tx) => {
    const folio = await tx.lock(FOLIO, folioId);
    const lines: RecordData[] = [];
    for await (const page of tx.findPages(LINE, { filters: [{ field: 'folio', op: 'eq', value: folioId }] })) lines.push(...page);
    const balance = balanceOf(lines);
    if (cents(folio.balance) !== cents(balance)) await tx.update(FOLIO, folioId, { balance });
    return balance;
  });
}

/** Whether a line's change can move its folio's balance. */
const counts = (line: RecordData): boolean => line.status === 'posted';

/**
 * The balance follows the lines on every path (the posting workflow, imports,
 * seeds, jobs). The folio is locked before a line is inserted: the insert's
 * foreign key would otherwise share-lock it first, and two lines posted at
 * once would deadlock upgrading that lock in refreshBalance.
 */
export const folioLineHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    if (typeof values.folio !== 'string') return;
    const system = ctx.records.asSystem('folio-balance');
    // Unknown ids are reported by reference validation, after the hooks.
    if ((await system.getMany(FOLIO, [values.folio])).length) await system.lock(FOLIO, values.folio);
  },
  async afterCreate(ctx, line) {
    if (counts(line)) await refreshBalance(ctx.records, String(line.folio));
  },
  async afterUpdate(ctx, { before, after }) {
    if (!counts(before) && !counts(after)) return;
    await refreshBalance(ctx.records, String(after.folio));
    if (before.folio !== after.folio) await refreshBalance(ctx.records, String(before.folio));
  },
  async afterDelete(ctx, line) {
    if (counts(line)) await refreshBalance(ctx.records, String(line.folio));
  },
};

/** Check-in opens the stay's folio (one open folio per reservation: the manifest's uniqueWhen). */
export const openFolio: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('folio');
  const open = await system.find(FOLIO, { filters: [{ field: 'reservation', op: 'eq', value: ctx.record.id }, { field: 'status', op: 'eq', value: 'open' }], limit: 1 });
  if (!open.length) await system.create(FOLIO, { reservation: ctx.record.id, name: 'Guest folio', balance: 0 });
};

/**
 * Check-out: every open folio of the stay must be settled (refusing rolls the
 * transition back); they are closed, and the room goes to housekeeping as dirty.
 */
export const settleAndRelease: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('check-out');
  const folios = await system.find(FOLIO, { filters: [{ field: 'reservation', op: 'eq', value: ctx.record.id }, { field: 'status', op: 'eq', value: 'open' }], limit: 100 });
  for (const folio of folios) {
    const balance = await refreshBalance(system, folio.id);
    if (cents(balance) !== 0) {
      throw new UmsError('CONFLICT', `${String(ctx.record.number)} cannot check out: its folio has a balance of ${balance.toFixed(2)}; post a payment (or a refund) until it is 0.00.`, { entity: FOLIO, field: 'balance' });
    }
    await system.update(FOLIO, folio.id, { status: 'closed' });
  }
  if (ctx.record.room) await system.update(ROOM, String(ctx.record.room), { housekeeping_status: 'dirty' });
};
