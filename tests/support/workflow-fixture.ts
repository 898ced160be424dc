/**
 * A purchasing module built by code for the workflow tests: one workflow with
 * a record-relative starter, sequential steps (department head, then
 * manager AND director, then finance only above 5,000), a rejection path,
 * effects, and a second transition with parallel steps and an N-of-M quorum.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistry, type Registry } from '../../core/manifest/index.js';
import { definePlugin, type ModulePlugin } from '../../core/plugins/types.js';

export type Json = Record<string, unknown>;

export function purchasingManifest(changes: { version?: number; states?: string[]; managementQuorum?: unknown } = {}): Json {
  const states = changes.states ?? ['DRAFT', 'PENDING', 'APPROVED', 'ORDERED', 'REJECTED'];
  const stateDefs: Json[] = [
    { name: 'DRAFT', label: 'Draft' },
    { name: 'PENDING', label: 'Pending approval', editable: false },
    { name: 'APPROVED', label: 'Approved', editableBy: ['finance'] },
    { name: 'ORDERED', label: 'Ordered', terminal: true },
    { name: 'REJECTED', label: 'Rejected', terminal: true },
  ].filter((s) => states.includes(String(s.name)));
  return {
    id: 'purchasing',
    version: '1.0.0',
    label: 'Purchasing',
    systemTypes: ['inventory'],
    entities: [
      {
        name: 'department',
        titleField: 'name',
        fields: [
          { name: 'name', type: 'string', required: true },
          { name: 'head', type: 'reference', target: 'core.user' },
        ],
      },
      {
        name: 'purchase',
        titleField: 'title',
        fields: [
          { name: 'title', type: 'string', required: true },
          { name: 'amount', type: 'decimal', required: true, min: 0 },
          { name: 'department', type: 'reference', target: 'department', required: true },
          { name: 'status', type: 'enum', values: states, required: true },
          { name: 'approved_at', type: 'datetime', readOnly: true },
          { name: 'note', type: 'text' },
        ],
      },
    ],
    roles: [{ name: 'requester' }, { name: 'manager' }, { name: 'director' }, { name: 'finance' }, { name: 'staff' }],
    permissions: {
      requester: [
        { action: ['create', 'read', 'update', 'delete'], subject: 'purchase', conditions: { created_by: '${user.id}' } },
        { action: 'read', subject: 'department' },
      ],
      manager: [{ action: ['read', 'update'], subject: ['purchase', 'department'] }],
      director: [{ action: 'read', subject: ['purchase', 'department'] }],
      finance: [{ action: ['read', 'update'], subject: 'purchase' }, { action: 'read', subject: 'department' }],
      // Approvers read what they approve through their own rules (a department head is staff).
      staff: [{ action: 'read', subject: ['purchase', 'department'] }],
    },
    workflows: [
      {
        name: 'purchase',
        entity: 'purchase',
        version: changes.version ?? 1,
        field: 'status',
        initial: 'DRAFT',
        states: stateDefs,
        transitions: [
          { name: 'submit', label: 'Submit', from: 'DRAFT', to: 'PENDING', by: { relations: ['created_by'] } },
          {
            name: 'approve',
            label: 'Approve',
            from: 'PENDING',
            to: 'APPROVED',
            approval: {
              open: 'onEnter',
              mode: 'sequential',
              steps: [
                { name: 'head', label: 'Department head', approvers: { relations: ['department.head'] } },
                { name: 'management', label: 'Management', approvers: { roles: ['manager', 'director'] }, quorum: changes.managementQuorum ?? 'all' },
                { name: 'finance', label: 'Finance', approvers: { roles: ['finance'] }, when: { amount: { $gt: 5000 } } },
              ],
              reject: { name: 'reject', label: 'Reject', to: 'DRAFT' },
            },
            effects: { set: { approved_at: '${now}' }, notify: { relations: ['created_by'] }, message: '{title} was approved', hook: 'onApproved' },
          },
          {
            name: 'order',
            label: 'Place order',
            from: 'APPROVED',
            to: 'ORDERED',
            by: { roles: ['manager'] },
            approval: {
              mode: 'parallel',
              steps: [
                { name: 'finance_check', approvers: { roles: ['finance'] } },
                { name: 'board', approvers: { roles: ['director', 'manager'] }, quorum: { count: 2 } },
              ],
            },
          },
        ].filter((t) => states.includes(String(t.to))),
      },
    ],
  };
}

export const purchasingPlugin: ModulePlugin = definePlugin({
  module: 'purchasing',
  workflowHooks: {
    // Runs in the transition's transaction: proves hooks see the moved record and can write.
    onApproved: async (ctx) => {
      await ctx.records.update('purchasing.purchase', String(ctx.record.id), { note: `approved via ${ctx.transition} (${ctx.from} → ${ctx.to})` });
    },
  },
});

/** Core manifest + the given module manifests, loaded through the real loader. */
export function registryWith(...manifests: Json[]): Registry {
  const dir = mkdtempSync(join(tmpdir(), 'ums-wf-'));
  const files = manifests.map((m) => {
    const file = join(dir, `${String(m.id)}.json`);
    writeFileSync(file, JSON.stringify(m, null, 2));
    return file;
  });
  return loadRegistry({ files });
}
