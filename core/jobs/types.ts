/**
 * What a job handler is given and returns. Module handlers run once per
 * organization that has the module enabled, with a RecordService for a named
 * system actor (`job:<module>.<name>`) bound to that organization: tenant
 * isolation holds for jobs exactly as for requests.
 */
import type { Records } from '../data/contract.js';
import type { Runtime } from '../runtime.js';

export interface JobLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface JobOrganization {
  id: string;
  name: string;
  slug: string;
}

export interface JobContext {
  /** Tenant-bound, as the system actor `job:<module>.<name>`. */
  records: Records;
  organization: JobOrganization;
  log: JobLog;
  /** `<module>.<name>`, as shown by `jobs:list`. */
  job: string;
  /** When this run started: handlers compare due dates against it, not against a clock read later. */
  now: Date;
}

/** Returns a one-line summary for operators (`jobs:list`, `jobs:run`), e.g. "3 reminders sent". */
export type JobHandler = (ctx: JobContext) => Promise<string | void>;

/** A job of the core itself: runs once for the whole installation, not per organization. */
export type CoreJobHandler = (ctx: { runtime: Runtime; log: JobLog; now: Date }) => Promise<string | void>;
