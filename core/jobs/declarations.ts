/**
 * Job declarations: the manifests' `jobs` sections linked to their plugin
 * handlers once at start. Everything that can be wrong (a missing handler, an
 * unreadable schedule, a duplicate name, a handler no job uses) is reported
 * together as `file#/jobs/<i>/…: problem`, before any job is scheduled.
 */
import { ManifestError, type ManifestProblem } from '../errors.js';
import { CORE_MODULE_ID, type Registry } from '../manifest/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import { scheduleProblem, type JobSchedule } from './schedule.js';
import type { CoreJobHandler, JobHandler } from './types.js';
import { ledgerCheckJob, LEDGER_CHECK_JOB } from './ledger-check.js';

interface DeclaredJobBase {
  /** `<module>.<name>`: the agenda job name and what operators type. */
  key: string;
  module: string;
  name: string;
  label: string;
  description?: string;
  schedule: JobSchedule;
  /** Where it was declared, for messages. */
  source: string;
  /** `<module>.<old name>` before a declared rename (manifest `renamedFrom`): migrations:generate moved its rows. */
  renamedFrom?: string;
}

/** Declared by a module: one run per organization that has the module enabled. */
export interface ModuleJob extends DeclaredJobBase {
  scope: 'organization';
  handler: JobHandler;
}

/** The core's own work (mail delivery, expiry): one run for the whole installation. */
export interface CoreJob extends DeclaredJobBase {
  scope: 'installation';
  handler: CoreJobHandler;
}

export type DeclaredJob = ModuleJob | CoreJob;

const label = (name: string): string => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Every module job with its handler; throws a ManifestError listing all problems. */
export function resolveJobs(registry: Registry, plugins: PluginRegistry): ModuleJob[] {
  const { jobs, problems } = declareJobs(registry, plugins);
  if (problems.length) throw new ManifestError(problems);
  return jobs;
}

/**
 * The module jobs and the problems of their declarations. Schedules are
 * always checked; handlers only for the modules `checkPluginOf` accepts
 * (manifest:validate: those whose plugin folder is there).
 */
export function declareJobs(registry: Registry, plugins: PluginRegistry, checkPluginOf: (moduleId: string) => boolean = () => true): { jobs: ModuleJob[]; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const jobs: ModuleJob[] = [];
  for (const module of registry.modules) {
    if (module.id === CORE_MODULE_ID) continue;
    const plugin = plugins.byModule.get(module.id);
    const handlers = plugin?.jobs ?? {};
    const used = new Set<string>();
    const names = new Set<string>();
    for (const [i, job] of (module.manifest.jobs ?? []).entries()) {
      const pointer = `/jobs/${i}`;
      if (names.has(job.name)) problems.push({ file: module.file, pointer: `${pointer}/name`, message: `duplicate job "${job.name}" in module ${module.id}` });
      names.add(job.name);
      const handlerName = job.handler ?? job.name;
      used.add(handlerName);
      const handler = Object.hasOwn(handlers, handlerName) ? handlers[handlerName] : undefined;
      if (!handler && checkPluginOf(module.id)) {
        const where = job.handler === undefined ? `${pointer}/name` : `${pointer}/handler`;
        const hint = job.handler === undefined ? ' (the job name; set "handler" to use another)' : '';
        problems.push({ file: module.file, pointer: where, message: `no handler "${handlerName}"${hint} in plugin of module ${module.id} (modules/${module.id}/index.ts, jobs)` });
      }
      if (job.renamedFrom !== undefined && (job.renamedFrom === job.name || module.manifest.jobs!.some((other) => other.name === job.renamedFrom))) {
        problems.push({ file: module.file, pointer: `${pointer}/renamedFrom`, message: `"${job.renamedFrom}" is still a job of this module: a renamed job's old name must be free` });
      }
      const bad = scheduleProblem(job.schedule);
      if (bad) problems.push({ file: module.file, pointer: `${pointer}/schedule`, message: bad });
      if (!handler || bad) continue;
      jobs.push({
        key: `${module.id}.${job.name}`,
        module: module.id,
        name: job.name,
        label: job.label ?? label(job.name),
        description: job.description,
        schedule: job.schedule.cron !== undefined ? { cron: job.schedule.cron } : { every: job.schedule.every! },
        source: `${module.file}#${pointer}`,
        renamedFrom: job.renamedFrom === undefined ? undefined : `${module.id}.${job.renamedFrom}`,
        scope: 'organization',
        handler,
      });
    }
    // Declared by the core for every module with a ledger: the nightly check of ledger sums against balances.
    if (module.entities.some((e) => e.ledger)) {
      if (names.has(LEDGER_CHECK_JOB)) problems.push({ file: module.file, pointer: '/jobs', message: `"${LEDGER_CHECK_JOB}" is the core's job for modules with ledgers; give the module's job another name` });
      else jobs.push(ledgerCheckJob(module));
    }
    // A handler no job names is almost always a typo on one side; it would never run.
    for (const name of Object.keys(handlers)) {
      if (!used.has(name) && checkPluginOf(module.id)) problems.push({ file: `modules/${module.id}/index.ts`, pointer: `/jobs/${name}`, message: `handler "${name}" is not used by any job in ${module.file}` });
    }
  }
  return { jobs, problems };
}
