/**
 * Runs (`run` on an entity): a record action that creates one child per
 * matching record of another entity (a payroll run: one payslip per active
 * employee), all in the action's one transaction, and reports how many; and
 * an optional cancel action that removes what the run created and marks it
 * cancelled. At most one run per period exists that is not cancelled: a
 * partial unique index on the period (core/data/ledgers/ddl.ts) decides it
 * in the database, so two runs created at once give exactly one. A run takes
 * its own row lock first, so running one record twice at once creates its
 * children once.
 *
 * Children are created and deleted as the acting user, through the same
 * record pipeline as any other write (permissions, hooks, validation, audit).
 */
import type { RecordData, RecordService } from '../data/records.js';
import { UmsError } from '../errors.js';
import type { Registry, ResolvedEntity, ResolvedRun } from '../manifest/index.js';
import type { PluginRegistry } from './registry.js';
import type { RecordActionDefinition } from './types.js';

const plural = (n: number, entity: ResolvedEntity): string => `${n} ${(n === 1 ? entity.label : entity.pluralLabel).toLowerCase()}`;

function runAction(entity: ResolvedEntity, run: ResolvedRun, childLabel: string): RecordActionDefinition<RecordService> {
  return {
    name: run.action.name,
    entity: entity.name,
    label: run.action.label,
    confirm: `${run.action.label}? One ${childLabel.toLowerCase()} is created for each matching record, once.`,
    isAvailable: (record) => record[run.status] === run.states.draft,
    handler: async (ctx, record) => {
      const records = ctx.records;
      const registry = records.runtime.registry;
      const child = registry.entity(run.creates.entity)!;
      const current = await records.lock(entity.key, record.id);
      if (current[run.status] !== run.states.draft) {
        throw new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} has already run (it is ${String(current[run.status])}); cancel it and start a new one to run again.`, { entity: entity.key });
      }
      const filters = Object.entries(run.creates.for.where).map(([field, value]) => ({ field, op: 'eq' as const, value }));
      let created = 0;
      for await (const page of records.findPages(run.creates.for.entity, { filters })) {
        for (const source of page) {
          const values: Record<string, unknown> = { [run.creates.parent]: record.id, [run.creates.for.field]: source.id };
          for (const [to, from] of Object.entries(run.creates.copy)) values[to] = source[from];
          await records.create(child.key, values);
          created++;
        }
      }
      const updated = await records.update(entity.key, record.id, { [run.status]: run.states.done, ...(run.count ? { [run.count]: created } : {}) });
      return { message: `${run.action.label}: ${plural(created, child)} created.`, record: updated };
    },
  };
}

function cancelAction(entity: ResolvedEntity, run: ResolvedRun, cancel: { name: string; label: string }): RecordActionDefinition<RecordService> {
  return {
    name: cancel.name,
    entity: entity.name,
    label: cancel.label,
    confirm: `${cancel.label}? Everything this ${entity.label.toLowerCase()} created is removed.`,
    isAvailable: (record) => record[run.status] !== run.states.cancelled,
    handler: async (ctx, record) => {
      const records = ctx.records;
      const child = records.runtime.registry.entity(run.creates.entity)!;
      const current = await records.lock(entity.key, record.id);
      if (current[run.status] === run.states.cancelled) throw new UmsError('CONFLICT', `This ${entity.label.toLowerCase()} is already cancelled.`, { entity: entity.key });
      // Ids first, then deletes: a page query over rows being deleted would skip some.
      const ids: string[] = [];
      for await (const page of records.asSystem('run-cancel').findPages(child.key, { filters: [{ field: run.creates.parent, op: 'eq', value: record.id }] })) ids.push(...page.map((r: RecordData) => r.id));
      for (const id of ids) await records.delete(child.key, id);
      const updated = await records.update(entity.key, record.id, { [run.status]: run.states.cancelled, ...(run.count ? { [run.count]: 0 } : {}) });
      return { message: `${cancel.label}: ${plural(ids.length, child)} removed.`, record: updated };
    },
  };
}

/** The record actions of every declared run, as core actions on the run's entity. */
export function installRunActions(registry: Registry, plugins: PluginRegistry): void {
  for (const entity of registry.entities) {
    if (!entity.run) continue;
    plugins.addCoreAction(entity, runAction(entity, entity.run, registry.entity(entity.run.creates.entity)!.label));
    if (entity.run.cancel) plugins.addCoreAction(entity, cancelAction(entity, entity.run, entity.run.cancel));
  }
}
