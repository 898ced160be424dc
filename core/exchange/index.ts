/**
 * Files in and out of UMS: list exports (CSV, XLSX) of exactly what the user
 * may see, and all-or-nothing CSV imports validated like the create form. Both
 * go through the user's RecordService; the HTTP routes are
 * core/admin/file-routes.ts, the admin buttons core/admin/export-actions.ts.
 */
export { exportColumns, exportRecords, writeExportRows, isExportFormat, guardFormula, unguardFormula, EXPORT_FORMATS, type ExportColumn, type ExportFormat, type ExportQuery } from './export.js';
export { importCsv, importTarget, type ImportReport, type RejectedRow } from './import.js';
