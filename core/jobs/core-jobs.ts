/**
 * The core's own jobs: they work across all organizations at once (the
 * outbox and the credential tables are core tables with their own tenant
 * column), so each is one agenda job for the installation.
 */
import { documentsJob } from '../documents/job.js';
import { deliverPendingMail, expireStaleCredentials } from '../mail/index.js';
import { deliverPendingWebhooks } from '../webhooks/delivery.js';
import { organizationPurgeJob } from '../tenancy/org-delete.js';
import { backupJob } from './backup-job.js';
import type { CoreJob } from './declarations.js';
import { sweepFiles } from '../data/files/files.js';
import { crossTenant } from '../db/cross-tenant.js';

export function coreJobs(): CoreJob[] {
  return [
    {
      key: 'core.mail_delivery',
      module: 'core',
      name: 'mail_delivery',
      label: 'Mail delivery',
      description: 'Sends queued mail from the outbox (SMTP_URL), with retries and backoff.',
      // Short: an invitation or a password-reset code should not wait long. Idle runs are one indexed query.
      schedule: { every: '10 seconds' },
      source: 'core/jobs/core-jobs.ts',
      scope: 'installation',
      handler: async ({ runtime }) => {
        const { sent, failed } = await deliverPendingMail(runtime);
        return `${sent} sent, ${failed} failed`;
      },
    },
    {
      key: 'core.credential_expiry',
      module: 'core',
      name: 'credential_expiry',
      label: 'Expiry of stale codes and invitations',
      description: 'Deletes expired or used one-time codes and invitation links, and old rate-limit traces.',
      schedule: { every: '15 minutes' },
      source: 'core/jobs/core-jobs.ts',
      scope: 'installation',
      handler: async ({ runtime }) => {
        const removed = await expireStaleCredentials(runtime);
        return `${removed} expired code${removed === 1 ? '' : 's'} or link${removed === 1 ? '' : 's'} removed`;
      },
    },
    {
      key: 'core.webhook_delivery',
      module: 'core',
      name: 'webhook_delivery',
      label: 'Webhook delivery',
      description: 'Sends queued webhook deliveries (signed, through the SSRF wall), with retries and backoff; disables a webhook after repeated failures.',
      schedule: { every: '10 seconds' },
      source: 'core/jobs/core-jobs.ts',
      scope: 'installation',
      handler: async ({ runtime }) => {
        const { delivered, failed, skipped } = await deliverPendingWebhooks(runtime);
        return `${delivered} delivered, ${failed} failed, ${skipped} skipped`;
      },
    },
    {
      key: 'core.file_sweep',
      module: 'core',
      name: 'file_sweep',
      label: 'File sweep',
      description: 'Removes uploaded files never attached to a record after 24 hours, and stored files whose record was deleted when removing them right after failed.',
      schedule: { every: '1 hour' },
      source: 'core/jobs/core-jobs.ts',
      scope: 'installation',
      handler: async ({ runtime }) => {
        const { released, removed } = await crossTenant(runtime.dataSource, 'jobs-scheduler', (owner) => sweepFiles(owner, runtime.files));
        return `${released} unattached file${released === 1 ? '' : 's'} released, ${removed} removed from storage`;
      },
    },
    // Declared next to the document service it drives (core/documents): prints documents queued for the background.
    documentsJob(),
    // Declared next to org:delete (core/tenancy/org-delete.ts): removes organizations whose grace period has ended.
    organizationPurgeJob(),
    backupJob(),
  ];
}
