/**
 * Background jobs: declared in module manifests (`jobs`) with handlers in the
 * module's plugin, plus the core's own; scheduled with agenda on PostgreSQL
 * (or MongoDB) and run per organization that has the module enabled.
 */
export { resolveJobs, type CoreJob, type DeclaredJob, type ModuleJob } from './declarations.js';
export { describeSchedule, scheduleProblem, type JobSchedule } from './schedule.js';
export { JobScheduler, SCHEDULE_SYNC_JOB, type FanOutSummary, type FailedRun, type JobStatus, type LastRun, type ReconcileSummary, type RunOutcome, type SchedulerOptions } from './scheduler.js';
export { startWorker, type Worker } from './worker.js';
export { onShutdownSignal } from './shutdown.js';
export type { CoreJobHandler, JobContext, JobHandler, JobLog, JobOrganization } from './types.js';
