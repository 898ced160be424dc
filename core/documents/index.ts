/**
 * The document service for module plugins: typed templates (fee receipt, fine
 * receipt, payslip, report card) rendered with pdfkit, numbered per
 * organization, kind and year, offered as record actions that download a PDF.
 *
 *   import { documentAction } from '../../core/documents/index.js';
 *   actions: [documentAction({ name: 'fee_receipt', entity: 'fee_payment', label: 'Fee receipt', kind: 'fee_receipt',
 *     build: async (ctx, payment) => ({ student: { name: … }, items: [ … ], paidOn: String(payment.paid_on) }) })]
 */
export * from './kinds.js';
export { renderDocument, renderDocumentBuffer, formatAmount } from './pdf.js';
export { documentAction, documentActionOf, isDocumentAction, printDocument, type DocumentActionDefinition, type DocumentActionOptions } from './actions.js';
export { formatDocumentNumber, type DocumentRow, type DocumentStatus } from './store.js';
export { documentState, generatePendingDocuments, printDocumentFor, queueDocument, storedDocumentFor, type DocumentState, type PrintedDocument } from './service.js';
export { documentRoutes, documentUrl } from './http.js';
export { documentsJob, DOCUMENTS_JOB } from './job.js';
