/**
 * The job scheduler: agenda over the configured backend, one agenda job per
 * (declared module job, organization with the module enabled) plus one per
 * core job, and a run log operators read with `jobs:list` / `jobs:failed`.
 *
 * Why one agenda job per organization rather than one job that fans out over
 * the organizations at run time: each organization then has its own next run,
 * last run, lock and failure (one tenant's broken data fails that tenant's
 * row, visibly, and does not delay or hide the others), and `jobs:list` maps
 * one row to one line. The cost is keeping the rows in step with module
 * settings: `reconcile()` runs at start and then as the core job
 * `core.schedule_sync` (JOBS_RECONCILE_EVERY), and every run checks again
 * that the module is still enabled, so a module disabled a moment ago is
 * skipped even before its row is disabled.
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

export type RunTrigger = 'schedule' | 'manual';

export interface RunOutcome {
  job: string;
  organization?: JobOrganization;
  status: 'ok' | 'failed' | 'skipped';
  message: string;
  error?: Error;
  durationMs: number;
}

export interface LastRun {
  at: Date;
  status: RunOutcome['status'];
  message: string;
  error?: string;
  trigger?: RunTrigger;
}

export interface JobStatus {
  job: DeclaredJob;
  /** Undefined for a core job (the whole installation). */
  organization?: JobOrganization;
  /** False when no agenda job exists for it yet (no worker or command has synchronised the schedules). */
  scheduled: boolean;
  /** The agenda job is disabled: the module was disabled for the organization. */
  disabled: boolean;
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
  enabled: number;
  disabled: number;
  rescheduled: number;
  removed: number;
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
}

interface RunData {
  organizationId?: string;
}

interface RunMeta {
  organizationId?: string;
  organization?: string;
  status: RunOutcome['status'];
  trigger: RunTrigger;
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

export class JobScheduler {
  readonly jobs: DeclaredJob[];
  private readonly byKey: Map<string, DeclaredJob>;
  private readonly log: (line: string) => void;
  private reconciling: Promise<ReconcileSummary> | undefined;
  private started = false;
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
      label: 'Job schedules follow module settings',
      description: 'Creates, enables and disables the per-organization jobs after modules are enabled or disabled; drops old run-log entries.',
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
          const organizationId = agendaJob.attrs.data?.organizationId;
          const organization = job.scope === 'organization' && organizationId ? await this.organization(organizationId) : undefined;
          const jobId = String(agendaJob.attrs._id);
          const running = this.execute(job, organization, { jobId, trigger: 'schedule', organizationId });
          this.inFlight.set(jobId, running);
          const outcome = await running.finally(() => this.inFlight.delete(jobId));
          // Rethrown so agenda also records failedAt/failReason on its row.
          if (outcome.status === 'failed') throw outcome.error;
        },
        { lockLifetime: this.options.config.lockLifetimeMs },
      );
    }
  }

  /** Synchronises the schedules, then processes due jobs until close(). */
  async start(): Promise<void> {
    if (this.options.role !== 'worker') throw new UmsError('INTERNAL', 'Only a worker scheduler processes jobs.');
    for (const job of this.jobs) {
      if (job.scope !== 'installation') continue;
      // A 'single' agenda job per core job: the upsert keeps an existing next run, so restarts do not delay it.
      await this.agenda.every(repeatInterval(job.schedule), job.key, undefined, { timezone: this.options.config.timezone });
    }
    await this.reconcile();
    await this.agenda.start();
    this.started = true;
    this.log(`[jobs] worker started on ${this.store.describe}: ${this.jobs.length} declared jobs`);
  }

  // ── Schedules ────────────────────────────────────────────────────────────

  /** Makes the agenda jobs match the organizations' enabled modules. Serialised within this process. */
  reconcile(): Promise<ReconcileSummary> {
    const previous = this.reconciling ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.reconcileOnce());
    this.reconciling = next;
    return next;
  }

  private async reconcileOnce(): Promise<ReconcileSummary> {
    const summary: ReconcileSummary = { created: 0, enabled: 0, disabled: 0, rescheduled: 0, removed: 0 };
    const moduleJobs = this.jobs.filter((j): j is ModuleJob => j.scope === 'organization');
    const organizations = await listOrganizations(this.runtime);
    // By id: one look-up per agenda row (Array.find made this quadratic, ~1 s of CPU a minute at 10,000 organizations).
    const organizationById = new Map(organizations.map((o) => [o.id, o]));
    const rows = await this.rows(moduleJobs.map((j) => j.key));
    const timezone = this.options.config.timezone;
    // Deterministic choice of the row to keep when two processes created the same one at once.
    rows.sort((a, b) => Number(!a.lastRunAt) - Number(!b.lastRunAt) || String(a._id).localeCompare(String(b._id)));
    const seen = new Set<string>();
    for (const row of rows) {
      const job = this.byKey.get(row.name) as ModuleJob;
      const organizationId = row.data?.organizationId;
      const id = `${row.name}|${organizationId}`;
      const organization = organizationId ? organizationById.get(organizationId) : undefined;
      if (seen.has(id) || !organization) {
        summary.removed += await this.agenda.cancel({ id: String(row._id) });
        continue;
      }
      seen.add(id);
      const wanted = organization.modules.includes(job.module);
      if (!wanted) {
        if (!row.disabled) summary.disabled += await this.agenda.disable({ id: String(row._id) });
        continue;
      }
      if (row.disabled) summary.enabled += await this.agenda.enable({ id: String(row._id) });
      if (String(row.repeatInterval) !== repeatInterval(job.schedule) || (row.repeatTimezone ?? undefined) !== timezone) {
        const { state: _state, ...attrs } = row;
        const { Job } = await import('agenda');
        await new Job<RunData>(this.agenda, { ...attrs, data: row.data, type: 'normal', disabled: false }).repeatEvery(repeatInterval(job.schedule), { timezone }).save();
        summary.rescheduled++;
      }
    }
    for (const job of moduleJobs) {
      for (const organization of organizations) {
        if (!organization.modules.includes(job.module) || seen.has(`${job.key}|${organization.id}`)) continue;
        await this.agenda
          .create<RunData>(job.key, { organizationId: organization.id })
          .repeatEvery(repeatInterval(job.schedule), { timezone })
          .unique({ 'data.organizationId': organization.id }, { insertOnly: true })
          .save();
        summary.created++;
      }
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

  private async organization(id: string): Promise<JobOrganization | undefined> {
    const rows: JobOrganization[] = await crossTenant(this.runtime.dataSource, 'organization-registry', (owner) => owner.query(`SELECT id, name, slug FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [id]));
    return rows[0];
  }

  private async organizationStatus(id: string): Promise<string | undefined> {
    const rows: { status: string }[] = await crossTenant(this.runtime.dataSource, 'organization-registry', (owner) => owner.query(`SELECT status FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [id]));
    return rows[0]?.status;
  }

  /** One run of one job (for one organization), recorded in the run log whatever happens. */
  private async execute(job: DeclaredJob, organization: JobOrganization | undefined, run: { jobId?: string; trigger: RunTrigger; organizationId?: string }): Promise<RunOutcome> {
    const startedAt = new Date();
    const where = organization ? `${job.key} @ ${organization.slug}` : job.key;
    const log = this.jobLog(where);
    let outcome: Omit<RunOutcome, 'durationMs'>;
    try {
      if (job.scope === 'installation') {
        outcome = { job: job.key, status: 'ok', message: (await job.handler({ runtime: this.runtime, log, now: startedAt })) || 'done' };
      } else if (!organization) {
        outcome = { job: job.key, status: 'skipped', message: `organization ${run.organizationId ?? '?'} no longer exists` };
      } else if ((await this.organizationStatus(organization.id)) !== 'active') {
        // org:suspend / org:archive: its data stays as it was, so its jobs wait until org:resume.
        outcome = { job: job.key, organization, status: 'skipped', message: `${organization.slug} is ${await this.organizationStatus(organization.id)}` };
      } else if (!(await this.runtime.access.enabledModules(organization.id)).has(job.module)) {
        // The module was disabled since the schedules were last synchronised.
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
   * (`orgSlug`) or for every organization with the module enabled. The
   * schedules are synchronised first so the run is logged against its row.
   */
  async runNow(key: string, orgSlug?: string): Promise<RunOutcome[]> {
    const job = this.byKey.get(key);
    if (!job) throw new UmsError('NOT_FOUND', `No job "${key}" (known: ${this.jobs.map((j) => j.key).join(', ')}).`);
    if (job.scope === 'installation') {
      if (orgSlug) throw new UmsError('BAD_REQUEST', `${key} is a core job for the whole installation: leave out --org.`);
      if (job.key !== SCHEDULE_SYNC_JOB) await this.agenda.every(repeatInterval(job.schedule), job.key, undefined, { timezone: this.options.config.timezone });
      const [row] = await this.rows([job.key]);
      return [await this.execute(job, undefined, { jobId: row ? String(row._id) : undefined, trigger: 'manual' })];
    }
    await this.reconcile();
    const organizations = (await listOrganizations(this.runtime)).filter((o) => !orgSlug || o.slug === orgSlug);
    if (orgSlug && !organizations.length) throw new UmsError('NOT_FOUND', `No organization with slug "${orgSlug}".`);
    const targets = organizations.filter((o) => o.modules.includes(job.module));
    if (orgSlug && !targets.length) throw new UmsError('MODULE_DISABLED', `The ${job.module} module is not enabled for ${orgSlug}.`);
    const rows = await this.rows([job.key]);
    const outcomes: RunOutcome[] = [];
    for (const o of targets) {
      const row = rows.find((r) => r.data?.organizationId === o.id);
      outcomes.push(await this.execute(job, { id: o.id, name: o.name, slug: o.slug }, { jobId: row ? String(row._id) : undefined, trigger: 'manual', organizationId: o.id }));
    }
    return outcomes;
  }

  // ── What operators see ───────────────────────────────────────────────────

  /** Every declared job, per organization for module jobs: schedule state and the last recorded run. */
  async status(): Promise<JobStatus[]> {
    const organizations = await listOrganizations(this.runtime);
    const rows = await this.rows(this.jobs.map((j) => j.key));
    const out: JobStatus[] = [];
    for (const job of this.jobs) {
      const mine = rows.filter((r) => r.name === job.key);
      if (job.scope === 'installation') {
        out.push(await this.statusOf(job, undefined, mine[0]));
        continue;
      }
      for (const o of organizations) {
        const row = mine.find((r) => r.data?.organizationId === o.id);
        // Organizations without the module and without history are not this job's business.
        if (!row && !o.modules.includes(job.module)) continue;
        out.push(await this.statusOf(job, { id: o.id, name: o.name, slug: o.slug }, row));
      }
    }
    return out;
  }

  private async statusOf(job: DeclaredJob, organization: JobOrganization | undefined, row: JobWithState<RunData> | undefined): Promise<JobStatus> {
    const [entry] = row ? (await this.store.logger.getLogs({ jobId: String(row._id), limit: 1 })).entries : [];
    const last = entry ? lastRunOf(entry) : undefined;
    const lastRunAt = [row?.lastRunAt, last?.at].filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0];
    return {
      job,
      organization,
      scheduled: !!row,
      disabled: !!row?.disabled,
      running: row?.state === 'running',
      nextRunAt: row && !row.disabled && row.nextRunAt ? row.nextRunAt : undefined,
      lastRunAt,
      last,
    };
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

function lastRunOf(entry: JobLogEntry): LastRun {
  const meta = (entry.meta ?? {}) as Partial<RunMeta>;
  const status: RunOutcome['status'] = meta.status ?? (entry.event === 'fail' ? 'failed' : 'ok');
  return { at: new Date(entry.timestamp), status, message: entry.message, error: entry.error, trigger: meta.trigger };
}
