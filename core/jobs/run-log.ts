/**
 * The run log as operators read it. A module job is one agenda job for all
 * organizations, so the per-organization lines of `jobs:list` come from the
 * run log: every run of a job for one organization is one entry whose meta
 * carries that organization's id and slug (written by JobScheduler.execute).
 */
import type { JobLogEntry, JobLogger } from 'agenda';

export type RunTrigger = 'schedule' | 'manual';
export type RunStatus = 'ok' | 'failed' | 'skipped';

export interface RunMeta {
  organizationId?: string;
  organization?: string;
  status: RunStatus;
  trigger: RunTrigger;
}

export interface LastRun {
  at: Date;
  status: RunStatus;
  message: string;
  error?: string;
  trigger?: RunTrigger;
}

export function lastRunOf(entry: JobLogEntry): LastRun {
  const meta = (entry.meta ?? {}) as Partial<RunMeta>;
  const status: RunStatus = meta.status ?? (entry.event === 'fail' ? 'failed' : 'ok');
  return { at: new Date(entry.timestamp), status, message: entry.message, error: entry.error, trigger: meta.trigger };
}

const LOG_PAGE = 1000;

/**
 * The newest run of `jobName` per organization, for the organizations in
 * `wanted`. Reads the job's entries newest first (agenda_logs has an index on
 * (job_name, timestamp)) and stops as soon as every wanted organization has
 * one, or after `maxEntries`: one firing writes one entry per organization,
 * so the last firing's entries are normally all it reads. An organization
 * whose last run is older than that shows "never run" — said rather than
 * scanning a month of history for it.
 */
export async function lastRunsByOrganization(logger: JobLogger, jobName: string, wanted: ReadonlySet<string>, maxEntries = Math.max(10 * wanted.size, 10_000)): Promise<Map<string, LastRun>> {
  const found = new Map<string, LastRun>();
  for (let offset = 0; found.size < wanted.size && offset < maxEntries; offset += LOG_PAGE) {
    const { entries } = await logger.getLogs({ jobName, event: ['complete', 'fail'], limit: LOG_PAGE, offset, sort: 'desc' });
    for (const entry of entries) {
      const id = (entry.meta as Partial<RunMeta> | undefined)?.organizationId;
      if (id && wanted.has(id) && !found.has(id)) found.set(id, lastRunOf(entry));
    }
    if (entries.length < LOG_PAGE) break;
  }
  return found;
}
