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

/**
 * The state's label; an unknown state (a manifest changed since) shows its raw name. With an entity and a
 * language other than English, the manifest's translation of the status value (`translations.<lang>.values`).
 */
export function stateLabel(wf: ResolvedWorkflow, state: string, entity?: ResolvedEntity, language = 'en'): string {
  return (language !== 'en' ? entity?.translations[language]?.values?.[wf.field]?.[state] : undefined) ?? wf.states.get(state)?.label ?? state;
}

/** The entity's label in `language` (translations.<lang>.label), else English. */
export const entityLabelIn = (entity: ResolvedEntity, language: string): string => (language !== 'en' ? entity.translations[language]?.label : undefined) ?? entity.label;

/** A workflow action's (transition's or reject's) label in `language` (translations.<lang>.actions), else English. */
export const actionLabelIn = (entity: ResolvedEntity, action: { name: string; label: string }, language: string): string => (language !== 'en' ? entity.translations[language]?.actions?.[action.name] : undefined) ?? action.label;

/** An approval step's label in `language` (translations.<lang>.steps, by step name), else English. */
export const stepLabelIn = (entity: ResolvedEntity, step: { name: string; label: string }, language: string): string => (language !== 'en' ? entity.translations[language]?.steps?.[step.name] : undefined) ?? step.label;
