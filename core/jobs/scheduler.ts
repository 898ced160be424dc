/**
 * The job scheduler: agenda over the configured backend, one agenda job per
 * declared job — core and module jobs alike — and a run log operators read
 * with `jobs:list` / `jobs:failed`.
 *
 * A module job fires once for the installation and then runs for each
 * organization that has the module enabled and is active, paging through
 * them by keyset (organization-pages.ts), each run inside its own tenant wall
 * (a RecordService bound to that organization) and its own try/catch: one
 * organization's broken data fails that organization's run, recorded with its
 * error in the run log under its organization, and the others go on.
 * `jobs:list` and `jobs:failed` read those per-organization entries
 * (run-log.ts), so they keep one line per organization.
 *
 * Why not one agenda job per organization (the design before issue 17): at
 * 10,000 organizations that was 20,000 rows for the library alone, 207 s to
 * create them and 2.3 s every minute to keep them in step with the module
 * settings. Now the schedule sync (`core.schedule_sync`) only checks one row
 * per declared job, and a module enabled or disabled a moment ago is simply
 * in or out of the next firing's pages.
 *
 * Time zone: every job's schedule is read in the installation's time zone
 * (JOBS_TIMEZONE, default the server's), as before — organizations' own time
 * zones were never used for scheduling. Frappe evaluates a site's scheduled
 * job types in that site's one system time zone, shared by every company of
 * the site; UMS's organizations share an installation as ERPNext's companies
 * share a site, so they share its time zone too. A handler that needs an
 * organization's local date reads the organization's time zone itself.
 *
 * Exactly once per firing: agenda locks the job row (FOR UPDATE SKIP LOCKED),
 * so only one worker takes a firing, and moves its next run forward before
 * the run starts; a fan-out that lasts longer than the lock lifetime touches
 * the lock as it goes, so no second worker takes the row as "expired" while
 * the first is still working through the organizations.
 */
import { hostname } from 'node:os';
// Types only: agenda itself is imported when a scheduler opens, so the server's start reaches the login page
// before it loads (the in-process worker opens its scheduler after the HTTP server listens).
import type { Agenda, Job, JobLogEntry, JobWithState } from 'agenda';
import type { JobsConfig } from '../../config/index.js';
import { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { RecordValidationError, UmsError } from '../errors.js';
import { listOrganizations } from '../tenancy/index.js';
import { openBackend, type JobsBackend } from './backend.js';
import { resolveJobs, type CoreJob, type DeclaredJob, type ModuleJob } from './declarations.js';
import { repeatInterval, scheduleProblem } from './schedule.js';
import type { JobLog, JobOrganization } from './types.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';
import { log as logger } from '../log.js';
import { crossTenant } from '../db/cross-tenant.js';
import { organizationPages, ORGANIZATION_PAGE_SIZE } from './organization-pages.js';
import { lastRunOf, lastRunsByOrganization, type LastRun, type RunMeta, type RunStatus, type RunTrigger } from './run-log.js';

export type { LastRun, RunTrigger } from './run-log.js';

export interface RunOutcome {
  job: string;
  organization?: JobOrganization;
  status: RunStatus;
  message: string;
  error?: Error;
  durationMs: number;
}

export interface JobStatus {
  job: DeclaredJob;
  /** Undefined for a core job (the whole installation). */
  organization?: JobOrganization;
  /** False when no agenda job exists for it yet (no worker or command has synchronised the schedules). */
  scheduled: boolean;
  /** The module is disabled for the organization (its line stays while it has run history). */
  disabled: boolean;
  /** The job's firing is in progress (for a module job: for all its organizations). */
  running: boolean;
  nextRunAt?: Date;
  lastRunAt?: Date;
  last?: LastRun;
}

export interface FailedRun {
  at: Date;
  job: string;
  organization?: string;
  error: string;
  trigger?: RunTrigger;
}

export interface ReconcileSummary {
  created: number;
  rescheduled: number;
  /** Rows of jobs no longer declared, duplicates, and the per-organization rows of the design before issue 17. */
  removed: number;
}

/** What one firing of a module job did, over all the organizations it paged through. */
export interface FanOutSummary {
  organizations: number;
  ok: number;
  failed: number;
  skipped: number;
  pages: number;
}

export interface SchedulerOptions {
  config: JobsConfig;
  /** worker: processes due jobs (LISTEN/NOTIFY on); command: reads the schedule and runs jobs on demand. */
  role: 'worker' | 'command';
  /** The core's own jobs (mail delivery, expiry); tests pass their own. */
  coreJobs?: CoreJob[];
  log?: (line: string) => void;
  /** Run-log entries older than this are dropped by the schedule sync. */
  logRetentionDays?: number;
  /** Organizations per page when a module job fires (tests make it small to cross page boundaries). */
  organizationPageSize?: number;
}

/** Rows of the design before issue 17 carried their organization; today's rows carry nothing. */
interface RunData {
  organizationId?: string;
}

export const SCHEDULE_SYNC_JOB = 'core.schedule_sync';

/** The error as operators read it: a record validation error names its fields, since a job has no form to show them on. */
function errorOf(err: unknown): Error {
  if (err instanceof RecordValidationError) {
    const fields = Object.entries(err.fieldErrors).map(([field, e]) => `${field === '_record' ? '' : `${field}: `}${e.message}`);
    const error = new Error(`${err.message} (${err.where.entity ?? 'record'}: ${fields.join('; ')})`);
    error.stack = err.stack;
    return error;
  }
  return err instanceof Error ? err : new Error(String(err));
}

interface RunContext {
  jobId?: string;
  trigger: RunTrigger;
  organizationId?: string;
  /** The organization came from this firing's page (module enabled, status active): not asked again per organization. */
  fromPage?: boolean;
}

export class JobScheduler {
  readonly jobs: DeclaredJob[];
  private readonly byKey: Map<string, DeclaredJob>;
  private readonly log: (line: string) => void;
  private reconciling: Promise<ReconcileSummary> | undefined;
  private started = false;
  /** Set by close(): a firing in progress stops between two organizations instead of running on after the backend closed. */
  private stopping = false;
  /** Scheduled runs in progress, by agenda job id: close() lets them finish, then releases their locks. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly runtime: Runtime,
    private readonly agenda: Agenda,
    private readonly store: JobsBackend,
    private readonly options: SchedulerOptions,
    moduleJobs: ModuleJob[],
    coreJobs: CoreJob[],
  ) {
    this.log = options.log ?? ((line) => logger().info(line));
    const sync: CoreJob = {
      key: SCHEDULE_SYNC_JOB,
      module: 'core',
      name: 'schedule_sync',
      label: 'Job schedules follow the manifests',
      description: 'Creates, reschedules and removes the agenda job of each declared job after the manifests changed; drops old run-log entries.',
      schedule: { every: options.config.reconcileEvery },
      source: 'core/jobs/scheduler.ts',
      scope: 'installation',
      handler: async () => {
        const s = await this.reconcile();
        const changes = Object.entries(s).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
        return changes.length ? changes.join(', ') : 'no changes';
      },
    };
    this.jobs = [...coreJobs, sync, ...moduleJobs];
    this.byKey = new Map(this.jobs.map((j) => [j.key, j]));
  }

  /**
   * Resolves the declared jobs (a ManifestError lists every problem), opens the
   * backend and defines each job with agenda. Nothing runs until start().
   */
  static async open(runtime: Runtime, options: SchedulerOptions): Promise<JobScheduler> {
    const moduleJobs = resolveJobs(runtime.registry, runtime.plugins);
    const coreJobs = options.coreJobs ?? (await import('./core-jobs.js')).coreJobs();
    const { config } = options;
    if (config.backend !== 'postgres' && config.backend !== 'mongodb') throw new UmsError('BAD_REQUEST', `JOBS_BACKEND must be "postgres" (the default) or "mongodb", not "${String(config.backend)}".`);
    for (const [variable, every] of [['JOBS_RECONCILE_EVERY', config.reconcileEvery], ['JOBS_PROCESS_EVERY', config.processEvery]]) {
      const bad = scheduleProblem({ every });
      if (bad) throw new UmsError('BAD_REQUEST', `${variable}: ${bad}`);
    }
    const log = options.log ?? ((line: string) => logger().info(line));
    const { Agenda } = await import('agenda');
    const store = await openBackend({ kind: config.backend, databaseUrl: runtime.database.url, mongodbUrl: config.mongodbUrl, notifications: options.role === 'worker', log });
    const agenda = new Agenda({
      backend: store.backend,
      name: `ums-${options.role}@${hostname()}:${process.pid}`,
      processEvery: config.processEvery,
      defaultLockLifetime: config.lockLifetimeMs,
    });
    try {
      await store.connected();
    } catch (err) {
      await store.close();
      throw err;
    }
    const scheduler = new JobScheduler(runtime, agenda, store, options, moduleJobs, coreJobs);
    scheduler.define();
    return scheduler;
  }

  job(key: string): DeclaredJob | undefined {
    return this.byKey.get(key);
  }

  private define(): void {
    // agenda throws from its EventEmitter when 'error' has no listener; a processing error is logged instead.
    this.agenda.on('error', (err: Error) => this.log(`[jobs] scheduler error: ${err.message}`));
    for (const job of this.jobs) {
      this.agenda.define(
        job.key,
        async (agendaJob: Job<RunData>) => {
          const jobId = String(agendaJob.attrs._id);
          if (job.scope === 'installation') {
            const running = this.execute(job, undefined, { jobId, trigger: 'schedule' });
            this.inFlight.set(jobId, running);
            const outcome = await running.finally(() => this.inFlight.delete(jobId));
            // Rethrown so agenda also records failedAt/failReason on its row.
            if (outcome.status === 'failed') throw outcome.error;
            return;
          }
          // A module job: each organization's failure is its own run-log entry, not the firing's.
          const running = this.fanOut(job, { jobId, touch: () => agendaJob.touch() });
          this.inFlight.set(jobId, running);
          await running.finally(() => this.inFlight.delete(jobId));
        },
        { lockLifetime: this.options.config.lockLifetimeMs },
      );
    }
  }

  /** Synchronises the schedules, then processes due jobs until close(). */
  async start(): Promise<void> {
    if (this.options.role !== 'worker') throw new UmsError('INTERNAL', 'Only a worker scheduler processes jobs.');
    await this.reconcile();
    await this.agenda.start();
    this.started = true;
    this.log(`[jobs] worker started on ${this.store.describe}: ${this.jobs.length} declared jobs`);
  }

  // ── Schedules ────────────────────────────────────────────────────────────

  /** Makes the agenda jobs match the declared jobs: one row each. Serialised within this process. */
  reconcile(): Promise<ReconcileSummary> {
    const previous = this.reconciling ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.reconcileOnce());
    this.reconciling = next;
    return next;
  }

  /**
   * O(declared jobs), whatever the number of organizations: it reads the
   * declared jobs' rows (one each, plus — once, after the upgrade — the
   * per-organization rows of the design before issue 17, which it removes)
   * and writes only what differs.
   */
  private async reconcileOnce(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = { created: 0, rescheduled: 0, removed: 0 };
    const timezone = this.options.config.timezone;
    const rows = await this.rows(this.jobs.filter((j) => j.key !== SCHEDULE_SYNC_JOB || this.options.role === 'worker').map((j) => j.key));
    // Deterministic choice of the row to keep when two processes created the same one at once.
    rows.sort((a, b) => Number(!a.lastRunAt) - Number(!b.lastRunAt) || String(a._id).localeCompare(String(b._id)));
    const kept = new Map<string, JobWithState<RunData>>();
    const drop: string[] = [];
    for (const row of rows) {
      // A row per organization is the design before issue 17: its organizations now come from the pages.
      if (row.data?.organizationId !== undefined || kept.has(row.name)) drop.push(String(row._id));
      else kept.set(row.name, row);
    }
    if (drop.length) summary.removed += await this.agenda.cancel({ ids: drop });
    for (const job of this.jobs) {
      // The sync schedules itself only from a worker: a command would otherwise leave a row no worker may ever run.
      if (job.key === SCHEDULE_SYNC_JOB && this.options.role !== 'worker') continue;
      const row = kept.get(job.key);
      const interval = repeatInterval(job.schedule);
      if (row && !row.disabled && String(row.repeatInterval) === interval && (row.repeatTimezone ?? undefined) === timezone) continue;
      // A 'single' agenda job per declared job: the upsert keeps an existing next run, so restarts do not delay it.
      await this.agenda.every(interval, job.key, undefined, { timezone });
      if (row) summary.rescheduled++;
      else summary.created++;
    }
    // The agenda tables are ours alone: a job no manifest declares any more would otherwise wait there forever.
    summary.removed += await this.agenda.cancel({ notNames: this.jobs.map((j) => j.key) });
    const retention = this.options.logRetentionDays ?? 30;
    await this.store.logger.clearLogs({ to: new Date(Date.now() - retention * 86_400_000) });
    return summary;
  }

  private async rows(names: string[]): Promise<JobWithState<RunData>[]> {
    if (!names.length) return [];
    const { jobs } = await this.agenda.queryJobs({ names, includeDisabled: true });
    return jobs as JobWithState<RunData>[];
  }

  // ── Running ──────────────────────────────────────────────────────────────

  /**
   * One firing of a module job: its run for every organization with the
   * module enabled and active, page by page, one after the other (a worker
   * shares its two cores with the server; runs in parallel would contend for
   * the same pool). Each run is recorded on its own; none stops the others.
   */
  private async fanOut(job: ModuleJob, run: { jobId?: string; touch?: () => Promise<void> }): Promise<FanOutSummary> {
    const summary: FanOutSummary = { organizations: 0, ok: 0, failed: 0, skipped: 0, pages: 0 };
    const started = Date.now();
    // Well inside the lock lifetime, so agenda never sees this firing as expired while it works.
    const touchEvery = Math.max(this.options.config.lockLifetimeMs / 4, 50);
    let touched = Date.now();
    for await (const page of organizationPages(this.runtime, job.module, this.options.organizationPageSize ?? ORGANIZATION_PAGE_SIZE)) {
      summary.pages++;
      for (const organization of page) {
        if (this.stopping) {
          // The next run was moved forward when this firing started: the organizations not reached wait for the next firing.
          this.log(`[jobs] ${job.key}: stopped after ${summary.organizations} organization${summary.organizations === 1 ? '' : 's'}: the worker is stopping; the others run at the next firing`);
          return summary;
        }
        const outcome = await this.execute(job, organization, { jobId: run.jobId, trigger: 'schedule', organizationId: organization.id, fromPage: true });
        summary.organizations++;
        summary[outcome.status === 'failed' ? 'failed' : outcome.status === 'skipped' ? 'skipped' : 'ok']++;
        if (run.touch && Date.now() - touched >= touchEvery) {
          await run.touch();
          touched = Date.now();
        }
      }
    }
    if (summary.organizations) {
      this.log(`[jobs] ${job.key}: ran for ${summary.organizations} organization${summary.organizations === 1 ? '' : 's'} (${summary.ok} ok, ${summary.failed} failed, ${summary.skipped} skipped) in ${Date.now() - started} ms`);
    }
    return summary;
  }

  private async organizationStatus(id: string): Promise<string | undefined> {
    const rows: { status: string }[] = await crossTenant(this.runtime.dataSource, 'organization-registry', (owner) => owner.query(`SELECT status FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [id]));
    return rows[0]?.status;
  }

  /** One run of one job (for one organization), recorded in the run log whatever happens. */
  private async execute(job: DeclaredJob, organization: JobOrganization | undefined, run: RunContext): Promise<RunOutcome> {
    const startedAt = new Date();
    const where = organization ? `${job.key} @ ${organization.slug}` : job.key;
    const log = this.jobLog(where);
    let outcome: Omit<RunOutcome, 'durationMs'>;
    try {
      const status = job.scope === 'organization' && organization && !run.fromPage ? await this.organizationStatus(organization.id) : 'active';
      if (job.scope === 'installation') {
        outcome = { job: job.key, status: 'ok', message: (await job.handler({ runtime: this.runtime, log, now: startedAt })) || 'done' };
      } else if (!organization) {
        outcome = { job: job.key, status: 'skipped', message: `organization ${run.organizationId ?? '?'} no longer exists` };
      } else if (status !== 'active') {
        // org:suspend / org:archive: its data stays as it was, so its jobs wait until org:resume.
        outcome = { job: job.key, organization, status: 'skipped', message: `${organization.slug} is ${status ?? 'deleted'}` };
      } else if (!(await this.runtime.access.enabledModules(organization.id)).has(job.module)) {
        // The module was disabled since this firing read its page (or before a manual run).
        outcome = { job: job.key, organization, status: 'skipped', message: `the ${job.module} module is disabled for ${organization.slug}` };
      } else {
        const records = RecordService.forSystem(this.runtime, organization.id, `job:${job.key}`).forModule(job.module);
        const summary = await job.handler({ records, organization, log, job: job.key, now: startedAt });
        outcome = { job: job.key, organization, status: 'ok', message: summary || 'done' };
      }
    } catch (err) {
      const error = errorOf(err);
      outcome = { job: job.key, organization, status: 'failed', message: error.message, error };
      log.error(`failed: ${error.message}`);
    }
    const result: RunOutcome = { ...outcome, durationMs: Date.now() - startedAt.getTime() };
    const meta: RunMeta = { organizationId: organization?.id ?? run.organizationId, organization: organization?.slug, status: result.status, trigger: run.trigger };
    const entry: Omit<JobLogEntry, '_id'> = {
      timestamp: new Date(),
      level: result.status === 'failed' ? 'error' : result.status === 'skipped' ? 'warn' : 'info',
      event: result.status === 'failed' ? 'fail' : 'complete',
      jobId: run.jobId,
      jobName: job.key,
      message: result.message,
      duration: result.durationMs,
      error: result.error?.message,
      meta: { ...meta },
    };
    try {
      await this.store.logger.log(entry);
    } catch (err) {
      this.log(`[jobs] ${where}: the run log could not be written: ${errorOf(err).message}`);
    }
    return result;
  }

  private jobLog(where: string): JobLog {
    return {
      info: (m) => this.log(`[jobs] ${where}: ${m}`),
      warn: (m) => this.log(`[jobs] ${where}: warning: ${m}`),
      error: (m) => this.log(`[jobs] ${where}: error: ${m}`),
    };
  }

  /**
   * Runs a job now, in this process, and waits for it: for one organization
   * (`orgSlug`) or for every organization with the module enabled (suspended
   * ones are reported as skipped). The schedules are synchronised first so
   * the run is logged against the job's row.
   */
  async runNow(key: string, orgSlug?: string): Promise<RunOutcome[]> {
    const job = this.byKey.get(key);
    if (!job) throw new UmsError('NOT_FOUND', `No job "${key}" (known: ${this.jobs.map((j) => j.key).join(', ')}).`);
    if (job.scope === 'installation' && orgSlug) throw new UmsError('BAD_REQUEST', `${key} is a core job for the whole installation: leave out --org.`);
    await this.reconcile();
    const [row] = await this.rows([job.key]);
    const jobId = row ? String(row._id) : undefined;
    if (job.scope === 'installation') return [await this.execute(job, undefined, { jobId, trigger: 'manual' })];
    // Manual runs are an operator's: O(organizations) is fine here, and a suspended organization is named as skipped.
    const organizations = (await listOrganizations(this.runtime)).filter((o) => !orgSlug || o.slug === orgSlug);
    if (orgSlug && !organizations.length) throw new UmsError('NOT_FOUND', `No organization with slug "${orgSlug}".`);
    const targets = organizations.filter((o) => o.modules.includes(job.module));
    if (orgSlug && !targets.length) throw new UmsError('MODULE_DISABLED', `The ${job.module} module is not enabled for ${orgSlug}.`);
    const outcomes: RunOutcome[] = [];
    for (const o of targets) outcomes.push(await this.execute(job, { id: o.id, name: o.name, slug: o.slug }, { jobId, trigger: 'manual', organizationId: o.id }));
    return outcomes;
  }

  /** Fires a module job as the worker would, in this process (the bench and tests time it without waiting for the schedule). */
  fire(key: string): Promise<FanOutSummary> {
    const job = this.byKey.get(key);
    if (!job || job.scope !== 'organization') throw new UmsError('NOT_FOUND', `No module job "${key}".`);
    return this.fanOut(job, {});
  }

  // ── What operators see ───────────────────────────────────────────────────

  /**
   * Every declared job, per organization for module jobs: schedule state and
   * the last recorded run. A module job's line for an organization appears
   * while the module is enabled there, or while it has run history there.
   */
  async status(): Promise<JobStatus[]> {
    const organizations = await listOrganizations(this.runtime);
    const rows = await this.rows(this.jobs.map((j) => j.key));
    const out: JobStatus[] = [];
    for (const job of this.jobs) {
      const row = rows.find((r) => r.name === job.key && r.data?.organizationId === undefined);
      const scheduled = { scheduled: !!row, running: row?.state === 'running', nextRunAt: row && !row.disabled && row.nextRunAt ? row.nextRunAt : undefined };
      if (job.scope === 'installation') {
        const [entry] = row ? (await this.store.logger.getLogs({ jobId: String(row._id), limit: 1 })).entries : [];
        const last = entry ? lastRunOf(entry) : undefined;
        const lastRunAt = [row?.lastRunAt, last?.at].filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0];
        out.push({ job, organization: undefined, ...scheduled, disabled: !!row?.disabled, lastRunAt, last });
        continue;
      }
      const lastRuns = await lastRunsByOrganization(this.store.logger, job.key, new Set(organizations.map((o) => o.id)));
      for (const o of organizations) {
        const enabled = o.modules.includes(job.module);
        const last = lastRuns.get(o.id);
        // Organizations without the module and without history are not this job's business.
        if (!enabled && !last) continue;
        out.push({ job, organization: { id: o.id, name: o.name, slug: o.slug }, ...scheduled, nextRunAt: enabled ? scheduled.nextRunAt : undefined, disabled: !enabled, lastRunAt: last?.at, last });
      }
    }
    return out;
  }

  /** The most recent failed runs, newest first, with their error. */
  async failures(limit = 20): Promise<FailedRun[]> {
    const { entries } = await this.store.logger.getLogs({ event: 'fail', limit });
    return entries.map((e) => {
      const meta = (e.meta ?? {}) as Partial<RunMeta>;
      return { at: new Date(e.timestamp), job: e.jobName, organization: meta.organization ?? meta.organizationId, error: e.error ?? e.message, trigger: meta.trigger };
    });
  }

  /**
   * Stops processing and closes the backend. agenda's stop() unlocks the jobs
   * this worker had locked but not started, and leaves running ones locked
   * until their lock expires; so the runs in progress are given time to
   * finish, and their locks are released for another worker whatever happened.
   */
  async close(drainMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.started) {
      await this.agenda.stop(false);
      const running = [...this.inFlight.entries()];
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
      await Promise.race([Promise.allSettled(running.map(([, run]) => run)), timeout]);
      clearTimeout(timer);
      // Past the bound: said, so an operator knows the run was cut off (the process ends without it; what it had not committed is rolled back).
      const unfinished = running.filter(([id]) => this.inFlight.has(id)).length;
      if (unfinished) this.log(`[jobs] ${unfinished} job run${unfinished === 1 ? '' : 's'} still running after ${drainMs / 1000} s: stopped without waiting, unlocked for another worker`);
      if (running.length) await this.agenda.db.unlockJobs(running.map(([id]) => id));
    }
    this.started = false;
    await this.store.close();
  }
}
