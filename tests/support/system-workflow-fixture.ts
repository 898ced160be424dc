/**
 * A venue module built by code for the system-actor workflow tests: bookings
 * whose `close` only the system may take (a job closes past bookings), an
 * `archive` open to the system and to the desk, a `cancel` for the desk only,
 * and a `refund` whose approval the system may request but never give. The
 * plugin's jobs take those transitions through the workflow engine.
 */
// Written as module code is: through the Module SDK only.
import { definePlugin, workflows, type FieldFilter, type ModulePlugin, type Records } from '../../core/sdk.js';

export type Json = Record<string, unknown>;

export const BOOKING = 'venue.booking';

export function venueManifest(): Json {
  return {
    id: 'venue',
    version: '1.0.0',
    label: 'Venue',
    systemTypes: ['gym'],
    entities: [
      {
        name: 'booking',
        titleField: 'title',
        fields: [
          { name: 'title', type: 'string', required: true },
          { name: 'ends_at', type: 'datetime', required: true },
          { name: 'guest', type: 'reference', target: 'core.user' },
          { name: 'status', type: 'enum', values: ['BOOKED', 'CLOSED', 'CANCELLED', 'REFUNDED', 'ARCHIVED'], required: true },
          { name: 'closed_at', type: 'datetime', readOnly: true },
          { name: 'closed_by', type: 'reference', target: 'core.user', readOnly: true },
          { name: 'close_note', type: 'string', readOnly: true },
          { name: 'note', type: 'text' },
        ],
      },
    ],
    roles: [{ name: 'desk' }, { name: 'manager' }, { name: 'guest' }],
    permissions: {
      desk: [{ action: ['create', 'read', 'update'], subject: 'booking' }],
      manager: [{ action: 'read', subject: 'booking' }],
      guest: [{ action: 'read', subject: 'booking', conditions: { guest: '${user.id}' } }],
    },
    workflows: [
      {
        name: 'booking',
        entity: 'booking',
        version: 1,
        field: 'status',
        initial: 'BOOKED',
        states: [{ name: 'BOOKED' }, { name: 'CLOSED', editable: false }, { name: 'CANCELLED' }, { name: 'REFUNDED' }, { name: 'ARCHIVED', terminal: true }],
        transitions: [
          {
            name: 'close',
            label: 'Close',
            from: 'BOOKED',
            to: 'CLOSED',
            by: { system: true },
            when: { ends_at: { $lt: '${now}' } },
            effects: {
              set: { closed_at: '${now}', closed_by: '${user.id}', close_note: 'closed by ${user.id}' },
              notify: { relations: ['guest'] },
              message: '{title} is {state}',
              hook: 'onClosed',
            },
          },
          { name: 'cancel', label: 'Cancel', from: 'BOOKED', to: 'CANCELLED', by: { roles: ['desk'] } },
          { name: 'archive', label: 'Archive', from: ['CLOSED', 'REFUNDED'], to: 'ARCHIVED', by: { system: true, roles: ['desk'] } },
          {
            name: 'refund',
            label: 'Refund',
            from: 'CANCELLED',
            to: 'REFUNDED',
            by: { system: true },
            approval: { open: 'onRequest', steps: [{ name: 'manager', approvers: { roles: ['manager'] } }] },
          },
        ],
      },
    ],
    jobs: [
      // Hourly, but the tests run them with runNow; no worker is started.
      { name: 'close_past', schedule: { every: '1 hour' } },
      { name: 'cancel_stale', schedule: { every: '1 hour' } },
      { name: 'request_refunds', schedule: { every: '1 hour' } },
    ],
  };
}

/** Runs `action` on every booking in `status` as the job's system actor, through the engine. */
async function runOnAll(records: Records, status: string, action: string, extra: FieldFilter[] = []): Promise<number> {
  const due = await records.find(BOOKING, { filters: [{ field: 'status', op: 'eq', value: status }, ...extra], limit: 1000 });
  const engine = await workflows(records);
  for (const booking of due) await engine.run(BOOKING, String(booking.id), action);
  return due.length;
}

export const venuePlugin: ModulePlugin = definePlugin({
  module: 'venue',
  workflowHooks: {
    // Runs in the transition's transaction with the actor that took it.
    onClosed: async (ctx) => {
      const who = ctx.actor.kind === 'system' ? ctx.actor.reason : ctx.actor.email;
      await ctx.records.update(BOOKING, String(ctx.record.id), { note: `hook ran for ${who}` });
    },
  },
  jobs: {
    async close_past(ctx) {
      return `${await runOnAll(ctx.records, 'BOOKED', 'close', [{ field: 'ends_at', op: 'lte', value: ctx.now.toISOString() }])} closed`;
    },
    // `cancel` is the desk's: the engine refuses it to the job.
    async cancel_stale(ctx) {
      return `${await runOnAll(ctx.records, 'BOOKED', 'cancel')} cancelled`;
    },
    async request_refunds(ctx) {
      return `${await runOnAll(ctx.records, 'CANCELLED', 'refund')} refunds requested`;
    },
  },
});
