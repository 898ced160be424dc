/**
 * Which fields an actor may read, from every read rule that applies: plain,
 * conditional and inverted ones. CASL answers one field of one record
 * (`can('read', record, field)`) correctly when it is given the full record;
 * what it answers for a type (`can('read', 'Type', field)`) is only "some
 * record may show it". This file keeps the two apart:
 *
 * - `fieldVisibility` (per principal and entity, computed once) says which
 *   fields some record may show (screens' columns, exports), which ones every
 *   readable record shows (decided by exactly the rules that decide the row, so
 *   no per-record work and safe to filter and sort on), which ones depend on
 *   the record, and what a read must select so that the per-record rules see
 *   every field their conditions test;
 * - `readableFieldsOf` is the answer for one record, matched on the full row
 *   (plus the reference paths RecordService.subjectOf loads). Only after it may
 *   fields be removed: matching a trimmed row hides fields whose rule tests a
 *   field the actor may not read (`read member where user = me, fields: [name]`).
 */
import { subject as caslSubject } from '@casl/ability';
import { conditionPaths, parseConditions, type ResolvedEntity } from '../manifest/index.js';
import type { Access } from './ability.js';

export interface FieldVisibility {
  /** Fields some record may show: columns of lists, details and exports. */
  some: ReadonlySet<string>;
  /** Fields every readable record shows: decided by the same rules as the row itself, so filters and sort may use them. */
  every: ReadonlySet<string>;
  /** `some` minus `every`: shown or hidden per record. */
  perRecord: ReadonlySet<string>;
  /** What a read selects: `every` when nothing depends on the record, else `some` plus every field a read condition tests. */
  select: readonly string[];
}

const readableCandidates = (entity: ResolvedEntity): string[] => entity.fields.filter((f) => f.type !== 'password').map((f) => f.name);

export function fieldVisibility(access: Access, entity: ResolvedEntity): FieldVisibility {
  const some = new Set<string>();
  const every = new Set<string>();
  if (access.moduleEnabled(entity)) {
    const rowRules = access.ability.rulesFor('read', entity.key);
    for (const name of readableCandidates(entity)) {
      const filter = access.rowFilter('read', entity, name);
      if (filter.kind === 'none') continue;
      some.add(name);
      // The same rules in the same order as for the row: the field's answer is the row's on every record.
      const fieldRules = access.ability.rulesFor('read', entity.key, name);
      const sameRules = fieldRules.length === rowRules.length && fieldRules.every((r, i) => r === rowRules[i]);
      if (filter.kind === 'all' || sameRules) every.add(name);
    }
  }
  const perRecord = new Set([...some].filter((n) => !every.has(n)));
  const select = new Set(perRecord.size ? some : every);
  if (perRecord.size) for (const name of testedFields(access, entity)) select.add(name);
  return { some, every, perRecord, select: readableCandidates(entity).filter((n) => select.has(n)) };
}

/** Fields of `entity` that some read condition looks at (a reference path counts as its reference field). */
function testedFields(access: Access, entity: ResolvedEntity): Set<string> {
  const out = new Set<string>();
  for (const rule of access.ability.possibleRulesFor('read', entity.key)) {
    const conditions = access.conditionsOf(rule);
    if (!conditions) continue;
    for (const { path } of conditionPaths(parseConditions(conditions, '', [], { interpolated: true }))) {
      const head = path.split('.')[0];
      if (entity.field.has(head)) out.add(head);
    }
  }
  return out;
}

/**
 * The fields this actor may read on this record. `subject` is the full record
 * as RecordService.subjectOf builds it (every field a condition tests, and the
 * reference paths); a record the actor may not read shows no field.
 */
export function readableFieldsOf(access: Access, entity: ResolvedEntity, subject: Record<string, unknown>): string[] {
  const visibility = access.fieldsOf(entity);
  if (!visibility.some.size) return [];
  const record = caslSubject(entity.key, { ...subject });
  return readableCandidates(entity).filter((name) => visibility.some.has(name) && access.ability.can('read', record, name));
}
