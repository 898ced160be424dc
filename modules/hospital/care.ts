/**
 * What the hospital's manifest cannot say by itself: the bed is freed at
 * discharge (its open occupancy ends when the discharge completes, never at
 * the order — Frappe Health freed it at the order), and an invoice's total is
 * the sum of its lines (no roll-up primitive yet). Every invariant (no
 * double-booked practitioner, one patient per bed, one active admission per
 * patient, one bed charge per bed and day, numbers) is declared in
 * module-manifests/hospital.json and held by PostgreSQL.
 */
import type { EntityHooks, RecordData, Records, WorkflowHook } from '../../core/sdk.js';

export const PATIENT = 'hospital.patient';
export const APPOINTMENT = 'hospital.appointment';
export const ADMISSION = 'hospital.admission';
export const OCCUPANCY = 'hospital.bed_occupancy';
export const INVOICE = 'hospital.invoice';
export const LINE = 'hospital.invoice_line';
export const LAB_TEST = 'hospital.lab_test';

/** Discharge completed (both clearances given, or nursing alone where billing is skipped): the admission's open bed occupancy ends now. */
export const freeBed: WorkflowHook = async (ctx) => {
  const system = ctx.records.asSystem('discharge');
  const open = await system.find(OCCUPANCY, { filters: [{ field: 'admission', op: 'eq', value: ctx.record.id }, { field: 'occupied_to', op: 'eq', value: null }], limit: 10 });
  const at = String(ctx.record.discharged_at ?? new Date().toISOString());
  for (const o of open) await system.update(OCCUPANCY, o.id, { occupied_to: at > String(o.occupied_from) ? at : new Date(Date.parse(String(o.occupied_from)) + 1000).toISOString() });
};

const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);

/** Recomputes the invoice total from its lines with the invoice row locked (a sum, not a delta, so it cannot drift). */
export async function refreshTotal(records: Records, invoiceId: string): Promise<number> {
  const system = records.asSystem('invoice-total');
  return system.transaction(async (tx) => {
    const invoice = await tx.lock(INVOICE, invoiceId);
    const lines: RecordData[] = [];
    for await (const page of tx.findPages(LINE, { filters: [{ field: 'invoice', op: 'eq', value: invoiceId }] })) lines.push(...page);
    const total = lines.reduce((sum, l) => sum + cents(l.amount), 0) / 100;
    if (cents(invoice.total) !== cents(total)) await tx.update(INVOICE, invoiceId, { total });
    return total;
  });
}

export const invoiceLineHooks: EntityHooks = {
  afterCreate: async (ctx, line) => void (await refreshTotal(ctx.records, String(line.invoice))),
  afterUpdate: async (ctx, { before, after }) => {
    await refreshTotal(ctx.records, String(after.invoice));
    if (before.invoice !== after.invoice) await refreshTotal(ctx.records, String(before.invoice));
  },
  afterDelete: async (ctx, line) => void (await refreshTotal(ctx.records, String(line.invoice))),
};
