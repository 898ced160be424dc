/**
 * `jobs:list`, `jobs:run` and `jobs:failed`: what the background jobs are
 * doing per organization, running one now (in this process, waiting for it),
 * and the recent failures with their error. They read the same agenda store
 * as the worker, whether or not the worker runs.
 */
import { UmsError } from '../errors.js';
import type { JobScheduler, JobStatus, RunOutcome } from '../jobs/index.js';
import { stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { plural, table, type CliIo } from './output.js';
import { withRuntime } from './runtime.js';

async function withScheduler<T>(io: CliIo, fn: (scheduler: JobScheduler) => Promise<T>): Promise<T> {
  const [{ readConfig }, { JobScheduler }, { installationJobs }] = await Promise.all([import('../../config/index.js'), import('../jobs/index.js'), import('../ops/installation-jobs.js')]);
  return withRuntime(io, { migrate: true }, async (runtime) => {
    const scheduler = await JobScheduler.open(runtime, { config: readConfig(io.env).jobs, role: 'command', coreJobs: installationJobs(), log: (line) => io.err(line) });
    try {
      return await fn(scheduler);
    } finally {
      await scheduler.close();
    }
  });
}

/** Minutes are enough for operators; local time, as the server logs it. */
const when = (d: Date | undefined): string => {
  if (!d) return '-';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

// Not imported from core/jobs: commands load the scheduler (agenda, cron-parser) only when they run.
const scheduleText = (s: JobStatus['job']['schedule']): string => ('cron' in s ? `cron ${s.cron}` : `every ${s.every}`);

function resultText(s: JobStatus): string {
  if (!s.scheduled) return 'not scheduled yet (starts with the worker)';
  const state = s.running ? 'RUNNING; ' : s.disabled ? 'module disabled; ' : '';
  if (!s.last) return `${state}never run`;
  const prefix = s.last.status === 'failed' ? 'FAILED: ' : s.last.status === 'skipped' ? 'skipped: ' : 'ok: ';
  return `${state}${prefix}${s.last.status === 'failed' ? (s.last.error ?? s.last.message) : s.last.message}`;
}

const statusJson = (s: JobStatus): Record<string, unknown> => ({
  job: s.job.key,
  label: s.job.label,
  organization: s.organization?.slug ?? null,
  schedule: s.job.schedule,
  scheduled: s.scheduled,
  disabled: s.disabled,
  running: s.running,
  nextRunAt: s.nextRunAt?.toISOString() ?? null,
  lastRunAt: s.lastRunAt?.toISOString() ?? null,
  last: s.last ? { ...s.last, at: s.last.at.toISOString() } : null,
});

const jobsList = defineCommand({
  name: 'jobs:list',
  summary: 'List the background jobs per organization: schedule, next run, last run and its result or error',
  options: {
    org: { type: 'string', value: '<slug>', description: 'Only this organization (core jobs are always shown)' },
    failed: { type: 'boolean', description: 'Only jobs whose last run failed' },
    json: { type: 'boolean', description: 'Print JSON instead of a table' },
  },
  details: 'Module jobs run once per organization that has the module enabled; core jobs (organization "-") run once for the installation.',
  examples: ['jobs:list', 'jobs:list --org library --failed'],
  async run({ io, values }) {
    const org = stringOption(values, 'org');
    await withScheduler(io, async (scheduler) => {
      const rows = (await scheduler.status())
        .filter((s) => !org || !s.organization || s.organization.slug === org)
        .filter((s) => values.failed !== true || s.last?.status === 'failed');
      if (values.json === true) {
        io.out(JSON.stringify(rows.map(statusJson), null, 2));
        return;
      }
      if (!rows.length) {
        io.out(values.failed === true ? 'No job whose last run failed.' : 'No jobs.');
        return;
      }
      io.out(table(
        ['JOB', 'ORGANIZATION', 'SCHEDULE', 'NEXT RUN', 'LAST RUN', 'LAST RESULT'],
        rows.map((s) => [s.job.key, s.organization?.slug ?? '-', scheduleText(s.job.schedule), when(s.nextRunAt), when(s.lastRunAt), resultText(s)]),
      ));
    });
  },
});

const jobsFailed = defineCommand({
  name: 'jobs:failed',
  summary: 'Show the most recent failed job runs with their error',
  options: {
    limit: { type: 'string', value: '<n>', description: 'How many (default 20)' },
    json: { type: 'boolean', description: 'Print JSON instead of a table' },
  },
  examples: ['jobs:failed', 'jobs:failed --limit 50'],
  async run({ io, values }) {
    const limit = Number(stringOption(values, 'limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1) throw new UmsError('BAD_REQUEST', '--limit must be a positive whole number.');
    await withScheduler(io, async (scheduler) => {
      const failures = await scheduler.failures(limit);
      if (values.json === true) {
        io.out(JSON.stringify(failures.map((f) => ({ ...f, at: f.at.toISOString() })), null, 2));
        return;
      }
      if (!failures.length) {
        io.out('No failed job runs recorded.');
        return;
      }
      io.out(table(['WHEN', 'JOB', 'ORGANIZATION', 'HOW', 'ERROR'], failures.map((f) => [when(f.at), f.job, f.organization ?? '-', f.trigger ?? '-', f.error])));
    });
  },
});

const outcomeLine = (o: RunOutcome): string =>
  `${o.job}${o.organization ? ` @ ${o.organization.slug}` : ''}: ${o.status === 'failed' ? 'FAILED' : o.status} (${o.durationMs} ms): ${o.message}`;

const jobsRun = defineCommand({
  name: 'jobs:run',
  summary: 'Run a job now and wait for it, for one organization or every organization with its module',
  positionals: { names: ['job'] },
  options: {
    org: { type: 'string', value: '<slug>', description: 'Only this organization (module jobs)' },
  },
  details: 'The run is recorded like a scheduled one (jobs:list shows it); the exit code is 1 when a run failed.',
  examples: ['jobs:run library.overdue_reminder --org library', 'jobs:run core.mail_delivery'],
  async run({ io, values, positionals }) {
    const [key] = positionals;
    const org = stringOption(values, 'org');
    await withScheduler(io, async (scheduler) => {
      const outcomes = await scheduler.runNow(key, org);
      if (!outcomes.length) io.out(`${key}: no organization has the ${scheduler.job(key)?.module ?? ''} module enabled; nothing ran.`);
      for (const o of outcomes) io.out(outcomeLine(o));
      const failed = outcomes.filter((o) => o.status === 'failed').length;
      if (failed) throw new UmsError('INTERNAL', `${plural(failed, 'run')} of ${key} failed (see above; jobs:failed lists them).`);
    });
  },
});

export const jobsCommands: Command[] = [jobsList, jobsRun, jobsFailed];
