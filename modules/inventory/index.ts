/**
 * Inventory: everything that keeps stock right is declared in the manifest
 * (the ledger, its non-negative balance, posting on submit and cancel, the
 * warehouse tree, entry and order numbers, the approval threshold). The
 * plugin adds serial numbers (one per unit, moved on submit and cancel), the
 * ordered-stock movements of purchase orders and their receipts, the
 * daily reorder check, the four PDFs and the demo data.
 */
import { definePlugin, type EntityHooks } from '../../core/sdk.js';
import { inventoryDocuments } from './documents.js';
import { batchExpiryAlerts, reorderCheck } from './jobs.js';
import { seedInventory } from './seed.js';
import { receiptAgainstOrder, trackOrderedStock } from './ordered.js';
import { moveSerialNumbers, serialLineHooks } from './serials.js';

/**
 * A stock entry posted (submitted, or approved) or cancelled: its serial numbers move and a receipt comes off its
 * order, in the transition's transaction. This runs as the status is written, before the engine posts the ledger
 * movements: what it reads is not done while the item's hot balance row is locked (tests/stock-posting-statement-count),
 * and every entry takes its serial locks before its balance locks, in one order.
 */
const stockEntryHooks: EntityHooks = {
  async afterUpdate(ctx, { before, after }) {
    const from = String(before.status);
    const to = String(after.status);
    if (from === to || (to !== 'SUBMITTED' && to !== 'CANCELLED')) return;
    const transition = to === 'SUBMITTED' ? 'submit' : 'cancel';
    await moveSerialNumbers(ctx.records.asSystem('serial-numbers'), after, transition, from);
    await receiptAgainstOrder(ctx.records.asSystem('ordered-stock'), after, transition, from);
  },
};

export default definePlugin({
  module: 'inventory',
  seed: seedInventory,
  jobs: { reorder_check: reorderCheck, batch_expiry_alerts: batchExpiryAlerts },
  hooks: { stock_entry: stockEntryHooks, stock_entry_line: serialLineHooks },
  workflowHooks: { track_ordered_stock: trackOrderedStock },
  actions: inventoryDocuments,
  // Test data (permission-parity): the generator fills each field on its own, so it can
  // pick one warehouse for both ends of an entry (the manifest's check refuses that) or a
  // movement that would take a balance below zero (the ledger refuses that); an entry is
  // made as a draft (a submitted one is posted, so only the workflow makes it).
  fixtures: {
    stock_entry: (draft, { index }) => {
      const entry: Record<string, unknown> = { ...draft, status: 'DRAFT' };
      if (entry.from_warehouse !== entry.to_warehouse) return entry;
      return index % 2 ? { ...entry, purpose: 'ISSUE', to_warehouse: null } : { ...entry, purpose: 'RECEIPT', from_warehouse: null };
    },
    // A ledger row written directly names no batch: a generated one would be any item's.
    stock_ledger_entry: (draft, { index }) => ({ ...draft, batch: null, quantity_change: 1 + (index % 7) }),
    // Batches are of batch-tracked items where there are some (the generator picks any item).
    batch: async (draft, { index, records }) => {
      const tracked = await records.find('inventory.item', { filters: [{ field: 'has_batch', op: 'eq', value: true }], sort: { field: 'sku', direction: 'asc' }, limit: 100 });
      return tracked.length ? { ...draft, item: tracked[index % tracked.length].id } : draft;
    },
    // The generator reads neither `checks` nor guards: quantity > 0; a batch-tracked item's line names one of its batches
    // (an item without one is swapped for an untracked item), an untracked item's none; an item with serial numbers gets one per unit.
    stock_entry_line: async (draft, { index, records }) => {
      const quantity = 1 + (index % 9);
      let item = draft.item ? await records.get('inventory.item', String(draft.item)) : undefined;
      let batch: unknown = null;
      if (item?.has_batch) {
        const [own] = await records.find('inventory.batch', { filters: [{ field: 'item', op: 'eq', value: item.id }], limit: 1 });
        if (own) batch = own.id;
        else [item] = await records.find('inventory.item', { filters: [{ field: 'has_batch', op: 'eq', value: false }], limit: 1 });
      }
      const serials = item?.has_serial ? Array.from({ length: quantity }, (_v, i) => `FX-${index}-${i + 1}`).join(', ') : null;
      return { ...draft, item: item?.id ?? draft.item, batch, quantity, serial_numbers: serials };
    },
    // Orders stay drafts (a purchaser's rules are about their drafts), and line i belongs to
    // order i, so the one order whose buyer is the purchaser gets a line too.
    purchase_order: (draft) => ({ ...draft, status: 'DRAFT' }),
    purchase_order_line: async (draft, { index, records }) => {
      const orders = await records.find('inventory.purchase_order', { sort: { field: 'created_at', direction: 'asc' }, limit: 1000 });
      return { ...draft, order: orders.length ? orders[index % orders.length].id : draft.order, quantity: 1 + (index % 9) };
    },
  },
});
