/**
 * How a record and a state are named in messages, history and mails: the
 * engine, the store and the notifier all say them, and must say them alike.
 */
import type { RecordData } from '../data/records.js';
import type { ResolvedEntity, ResolvedWorkflow } from '../manifest/index.js';

/** The record's title field, or the entity's label when the record has none. */
export function titleOf(entity: ResolvedEntity, record: RecordData): string {
  const title = record[entity.titleField];
  return title === null || title === undefined ? entity.label : String(title);
}

/** The state's label; an unknown state (a manifest changed since) shows its raw name. */
export function stateLabel(wf: ResolvedWorkflow, state: string): string {
  return wf.states.get(state)?.label ?? state;
}
