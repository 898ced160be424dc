/**
 * The documents job: prints what users queued for the background (large
 * documents), across all organizations, each as the user who asked. One
 * installation-wide agenda job, like mail delivery: the queue is a core table
 * with its own tenant column.
 */
import type { CoreJob } from '../jobs/index.js';
import { generatePendingDocuments } from './service.js';

export const DOCUMENTS_JOB = 'core.documents';

export function documentsJob(): CoreJob {
  return {
    key: DOCUMENTS_JOB,
    module: 'core',
    name: 'documents',
    label: 'Documents',
    description: 'Prints the PDF documents queued for the background, each as the user who asked for it.',
    // Someone is waiting for the file; idle runs are one indexed query.
    schedule: { every: '15 seconds' },
    source: 'core/documents/job.ts',
    scope: 'installation',
    handler: (ctx) => generatePendingDocuments(ctx),
  };
}
