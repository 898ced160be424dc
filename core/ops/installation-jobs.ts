/**
 * Every installation-wide job, the core's and those declared by the layers
 * above the jobs (the admin's background reports). Lower layers never import
 * higher ones, so the list is put together here, where both are visible; the
 * server, the worker and the jobs commands all pass it to the scheduler, so
 * each of them knows every job (a scheduler that lacked one would unschedule it).
 */
import { reportRunsJob } from '../admin/reports/runs.js';
import { coreJobs } from '../jobs/core-jobs.js';
import type { CoreJob } from '../jobs/declarations.js';

export const installationJobs = (): CoreJob[] => [...coreJobs(), reportRunsJob()];
