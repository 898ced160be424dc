/** The outbox screen's one action: an admin queues a failed mail again (e.g. after fixing the SMTP settings). */
import type { RecordService } from '../data/records.js';
import type { RecordActionDefinition } from '../plugins/types.js';

export const mailOutboxActions: RecordActionDefinition<RecordService>[] = [
  {
    name: 'retry',
    entity: 'mail_outbox',
    label: 'Send again',
    translations: { bn: { label: 'আবার পাঠান' } },
    icon: 'RefreshCw',
    confirm: 'Queue this mail for delivery again?',
    isAvailable: (record) => record.status === 'failed',
    handler: async (ctx, record) => {
      const updated = await ctx.records.update('core.mail_outbox', record.id, { status: 'queued', attempts: 0, next_attempt_at: new Date().toISOString() });
      return { message: 'The mail is queued again.', record: updated };
    },
  },
];
