/**
 * The one entry for module code (modules/<id>/**): every contract a plugin is
 * written against and every constructor it may call. Module files import
 * nothing else from the project (`npm run lint` enforces it), so the runtime
 * behind these contracts can change without touching a module.
 *
 *   import { definePlugin, UmsError, type Records } from '../../core/sdk.js';
 *   export default definePlugin({ module: 'library', hooks: { … }, actions: [ … ], jobs: { … }, seed });
 */
import { serviceOf } from './data/records.js';
import { WorkflowEngine, type HistoryItem, type RunOptions, type RunResult, type WorkflowAction } from './workflow/index.js';
import type { RecordData, Records } from './data/contract.js';

// ── Plugins: hooks, actions, workflow hooks, jobs, seeds ───────────────────
export { definePlugin } from './plugins/types.js';
export type {
  ActionResult,
  EntityHooks,
  FixtureRecord,
  HookContext,
  ModulePlugin,
  RecordActionDefinition,
  SeedContext,
  UpdateChange,
  WorkflowHook,
  WorkflowHookContext,
} from './plugins/types.js';
export type { JobContext, JobHandler, JobLog, JobOrganization } from './jobs/types.js';

// ── Data: the scoped record service and its types ──────────────────────────
export type { Records, RecordData, FieldFilter, FilterOp, ListQuery } from './data/contract.js';
export type { Actor } from './data/actor.js';
export type { ResolvedEntity, ResolvedField } from './manifest/index.js';

// ── Formulas: text arithmetic over named values, parsed into the computed-field expression tree ──
export { parseFormula, evaluateFormula, FormulaError, type ParsedFormula } from './data/formula.js';

// ── Errors: a code, where (entity/field) and a human message ───────────────
export { UmsError, RecordValidationError, forbidden, notFound, conflict, type FieldErrors, type UmsErrorCode } from './errors.js';

// ── Documents, mail, notifications ─────────────────────────────────────────
export { documentAction, type DocumentActionOptions } from './documents/actions.js';
export type { Amount, AmountLine, FeeReceiptData, FineReceiptData, PayslipData, ReportCardData, ReportCardLine, StayData, StayConfirmationData, FolioData, FolioLineData, ProjectStatusData, TimesheetData, MembershipCardData, InvoiceData, LeaveLetterData } from './documents/kinds.js';
export type { PurchaseOrderData, StockEntryDocumentData, StockLine, StockValuationData } from './documents/stock.js';
export type { DischargeSummaryData, LabReportData, PatientHeading, PatientInvoiceData, PrescriptionData } from './documents/clinical.js';
export { enqueueMail, type MailRequest } from './mail/outbox.js';
export { notify, type NotificationInput } from './mail/notify.js';

// ── Files ──────────────────────────────────────────────────────────────────
/** Bytes made by code stored as a file of a file field, as an upload is (type, size, quota); set the field to the id to attach it. */
export { storeFile } from './files/store-file.js';

// ── Demo data ──────────────────────────────────────────────────────────────
export { DEMO_PASSWORD } from '../config/index.js';
/** Sample files for demo seeds: a one-page PDF and a plain PNG. */
export { demoPdf, demoPng } from './files/demo-files.js';

// ── Workflows ──────────────────────────────────────────────────────────────
export type { HistoryItem, RunOptions, RunResult, WorkflowAction } from './workflow/index.js';

/** What a plugin (a seed, a job) may do with a record's workflow: the same engine the admin's buttons use. */
export interface Workflows {
  /** Takes a transition (or gives an approval / a rejection) as the Records' actor; refused unless the manifest allows it. */
  run(entity: string, id: string, action: string, options?: RunOptions): Promise<RunResult>;
  /** The workflow actions this actor may take on the record now. */
  available(entity: string, record: RecordData): Promise<WorkflowAction[]>;
  /** Requests, approvals, rejections and transitions of a record, oldest first. */
  history(entity: string, id: string): Promise<HistoryItem[]>;
}

/** The workflow engine acting as the Records' actor, in its transaction. */
export function workflows(records: Records): Promise<Workflows> {
  return WorkflowEngine.for(serviceOf(records));
}
