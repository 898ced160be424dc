/**
 * A module built by code that uses every bookkeeping primitive: a stock
 * ledger with a non-negative balance per item × warehouse, stock entries
 * (documents with lines) that post to it, a warehouse tree and task links
 * that must stay acyclic, and a payroll run that creates one payslip per
 * active employee, once per period. System type `stockroom`, declared inline.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Json = Record<string, unknown>;

export function stockroomManifest(): Json {
  return {
    id: 'stockroom',
    version: '1.0.0',
    label: 'Stockroom',
    systemTypes: [{ name: 'stockroom', label: 'Stockroom' }],
    entities: [
      { name: 'item', titleField: 'sku', fields: [{ name: 'sku', type: 'string', required: true, unique: true }, { name: 'name', type: 'string' }] },
      {
        name: 'warehouse',
        titleField: 'name',
        fields: [{ name: 'name', type: 'string', required: true }, { name: 'parent', type: 'reference', target: 'warehouse' }],
        acyclic: { field: 'parent' },
      },
      {
        name: 'stock_balance',
        fields: [
          { name: 'item', type: 'reference', target: 'item', required: true },
          { name: 'warehouse', type: 'reference', target: 'warehouse', required: true },
          { name: 'qty', type: 'decimal', required: true, default: 0 },
          // Not kept by the ledger: starts at its default when the first movement creates the balance.
          { name: 'reserved', type: 'decimal', required: true, default: 0 },
        ],
        balance: { keys: ['item', 'warehouse'], quantity: 'qty', nonNegative: true, refusal: 'Only {quantity} of item {item} in {warehouse}' },
      },
      {
        name: 'stock_move',
        fields: [
          { name: 'item', type: 'reference', target: 'item', required: true },
          { name: 'warehouse', type: 'reference', target: 'warehouse', required: true },
          { name: 'qty', type: 'decimal', required: true },
          { name: 'posting_date', type: 'date' },
          { name: 'entry', type: 'reference', target: 'stock_entry', onDelete: 'restrict' },
        ],
        ledger: { balance: 'stock_balance', quantity: 'qty', date: 'posting_date' },
      },
      {
        name: 'stock_entry',
        titleField: 'reference',
        fields: [
          { name: 'reference', type: 'string', required: true },
          { name: 'posting_date', type: 'date', required: true },
          { name: 'from_warehouse', type: 'reference', target: 'warehouse' },
          { name: 'to_warehouse', type: 'reference', target: 'warehouse' },
          { name: 'status', type: 'enum', values: ['DRAFT', 'SUBMITTED', 'CANCELLED'], required: true },
        ],
        posting: {
          ledger: 'stock_move',
          lines: { entity: 'stock_entry_line', parent: 'entry' },
          post: 'submit',
          reverse: 'cancel',
          date: 'posting_date',
          source: 'entry',
          movements: [
            { quantity: 'line.qty', sign: -1, set: { item: 'line.item', warehouse: 'from_warehouse' } },
            { quantity: 'line.qty', set: { item: 'line.item', warehouse: 'to_warehouse' } },
          ],
        },
      },
      {
        name: 'stock_entry_line',
        titleField: 'item',
        fields: [
          { name: 'entry', type: 'reference', target: 'stock_entry', required: true, onDelete: 'cascade' },
          { name: 'item', type: 'reference', target: 'item', required: true },
          { name: 'qty', type: 'decimal', required: true, min: 0.0001 },
        ],
      },
      { name: 'task', titleField: 'title', fields: [{ name: 'title', type: 'string', required: true }, { name: 'parent', type: 'reference', target: 'task' }] },
      {
        name: 'task_link',
        fields: [
          { name: 'task', type: 'reference', target: 'task', required: true, onDelete: 'cascade' },
          { name: 'depends_on', type: 'reference', target: 'task', required: true, onDelete: 'cascade' },
        ],
        acyclic: { from: 'task', to: 'depends_on', hierarchy: 'parent' },
      },
      { name: 'employee', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }, { name: 'status', type: 'enum', values: ['ACTIVE', 'LEFT'], required: true }, { name: 'base', type: 'money' }] },
      {
        name: 'payroll_run',
        titleField: 'period_start',
        fields: [
          { name: 'period_start', type: 'date', required: true },
          { name: 'period_end', type: 'date', required: true },
          { name: 'status', type: 'enum', values: ['DRAFT', 'DONE', 'CANCELLED'], required: true, readOnly: true, default: 'DRAFT' },
          { name: 'slips', type: 'integer', readOnly: true, default: 0 },
        ],
        run: {
          period: ['period_start', 'period_end'],
          status: 'status',
          states: { draft: 'DRAFT', done: 'DONE', cancelled: 'CANCELLED' },
          action: { name: 'create_slips', label: 'Create payslips' },
          cancel: { name: 'cancel_run', label: 'Cancel run' },
          count: 'slips',
          creates: { entity: 'payslip', parent: 'run', for: { entity: 'employee', field: 'employee', where: { status: 'ACTIVE' } }, copy: { base: 'base' } },
        },
      },
      {
        name: 'payslip',
        fields: [
          { name: 'run', type: 'reference', target: 'payroll_run', required: true },
          { name: 'employee', type: 'reference', target: 'employee', required: true },
          { name: 'base', type: 'money' },
        ],
        indexes: [{ fields: ['run', 'employee'], unique: true }],
      },
    ],
    roles: [{ name: 'keeper', label: 'Keeper' }],
    permissions: {
      keeper: [{ action: 'manage', subject: ['item', 'warehouse', 'stock_balance', 'stock_move', 'stock_entry', 'stock_entry_line', 'task', 'task_link', 'employee', 'payroll_run', 'payslip'] }],
    },
    workflows: [
      {
        name: 'stock_entry',
        entity: 'stock_entry',
        version: 1,
        field: 'status',
        initial: 'DRAFT',
        states: [{ name: 'DRAFT', label: 'Draft' }, { name: 'SUBMITTED', label: 'Submitted' }, { name: 'CANCELLED', label: 'Cancelled', terminal: true }],
        transitions: [
          { name: 'submit', label: 'Submit', from: 'DRAFT', to: 'SUBMITTED', by: { roles: ['keeper'] } },
          { name: 'cancel', label: 'Cancel', from: ['DRAFT', 'SUBMITTED'], to: 'CANCELLED', by: { roles: ['keeper'] } },
        ],
      },
    ],
  };
}

/** A manifest folder holding just this module (the shipped system types apply, plus its own). */
export function stockroomDir(manifest: Json = stockroomManifest()): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-stockroom-'));
  writeFileSync(join(dir, 'stockroom.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
