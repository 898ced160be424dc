/**
 * The write path of the booking primitives, called from records.ts: computed
 * values, checks and range sanity before the write (the same rules the CHECK
 * and EXCLUDE constraints hold, reported on the field they name), the capacity
 * count under a row lock on the parent, the write itself under a savepoint so a
 * lost race on an exclusion or partial unique index can still name the record
 * that won, and the promotion of the first overflow record when a place frees.
 */
import type { EntityManager } from 'typeorm';
import { fieldError, givenFieldError, RecordValidationError, type FieldErrors } from '../../errors.js';
import { inEveryLanguage, sentenceInLanguages } from '../../manifest/error-texts.js';
import { entityNoun, fieldNoun, joinedNouns } from '../../manifest/value-labels.js';
import { columnOf, constraintFields, type ResolvedCapacity, type ResolvedEntity, type ResolvedNoOverlap, type ResolvedUniqueWhen } from '../../manifest/index.js';
import { evaluateCondition, evaluateComputed, matchesWhen } from './condition-eval.js';
import { columnSql, conditionSql, rangeEnd, rangeSql, rangeType } from './constraint-sql.js';
import { fullPointQuery, limitCountQuery, pointText, rangeFullMessage } from './range-capacity.js';
import { timeSeconds } from '../../manifest/validation.js';
import { say } from '../../words.js';

export interface ConstraintScope {
  manager: EntityManager;
  organizationId: string;
  entityOf(key: string): ResolvedEntity;
  /** Every entity (a parent's limit may be any entity's capacity). */
  entities(): readonly ResolvedEntity[];
  /** The organization's time zone (a sequence's {YYYY}). */
  timeZone(): Promise<string>;
  /** Whether the actor may read that record (a conflict names only records the person could open). */
  readable(entity: ResolvedEntity, id: string): Promise<boolean>;
  /** Sets `values` on a record as the system, through the data layer (the capacity promotion). */
  promote(entity: ResolvedEntity, id: string, values: Record<string, unknown>): Promise<void>;
}

const present = (v: unknown): boolean => v !== null && v !== undefined;

/** Computed fields take the value their generated column will hold (hooks and checks after this see it). */
export function fillComputed(entity: ResolvedEntity, values: Record<string, unknown>): void {
  for (const f of entity.fields) if (f.computed) values[f.name] = evaluateComputed(f, values);
}

/** Checks that are false and ranges whose end comes before their start, as field errors. */
export function checkRecord(entity: ResolvedEntity, values: Record<string, unknown>): void {
  const errors: FieldErrors = {};
  for (const c of entity.constraints?.checks ?? []) {
    if (evaluateCondition(c.rule, entity, values) === false && !errors[c.field]) errors[c.field] = givenFieldError('check', sentenceInLanguages(entity, c.message));
  }
  for (const o of entity.constraints?.noOverlap ?? []) {
    const [start, end] = [values[o.range[0]], values[o.range[1]]];
    if (!present(start) || !present(end)) continue;
    const f = entity.field.get(o.range[0])!;
    const [a, b] =
      f.type === 'datetime' ? [Date.parse(String(start)), Date.parse(String(end))]
      : f.type === 'date' ? [String(start), String(end)]
      : f.type === 'time' ? [timeSeconds(String(start)) ?? Number.NaN, timeSeconds(String(end)) ?? Number.NaN]
      : [Number(start), Number(end)];
    if (a > b && !errors[o.range[1]]) errors[o.range[1]] = fieldError('range', 'cannot be before {field}', { field: fieldNoun(entity, o.range[0]) });
  }
  if (Object.keys(errors).length) throw new RecordValidationError(entity.key, errors);
}

const PARAM_CAST: Record<string, string> = { date: 'date', datetime: 'timestamptz', time: 'time', integer: 'integer', decimal: 'numeric', money: 'numeric' };

/**
 * The availability query: records whose span overlaps [start, end) for the same
 * key and that take the span (`when`). Written as the exclusion constraint's
 * own expression, so PostgreSQL answers it from that GiST index.
 */
export function overlapQuery(entity: ResolvedEntity, o: ResolvedNoOverlap): string {
  const start = entity.field.get(o.range[0])!;
  const cast = PARAM_CAST[start.type];
  const title = entity.field.get(entity.titleField);
  const where = [
    'r.organization_id = $1',
    ...o.key.map((k, i) => `${columnSql(entity, k, 'r')} = $${i + 2}`),
    `${rangeSql(entity, o, 'r')} && ${rangeType(start)}(${rangeEnd(start, `$${o.key.length + 2}::${cast}`)}, ${rangeEnd(start, `$${o.key.length + 3}::${cast}`)}, '${o.bounds}')`,
    ...(o.when ? [conditionSql(o.when, entity, 'r')] : []),
    `r.id IS DISTINCT FROM $${o.key.length + 4}::uuid`,
  ];
  return `SELECT r.id, ${title ? `r."${columnOf(title)}"` : 'r.id'}::text AS title, ${columnSql(entity, o.range[0], 'r')} AS "start", ${columnSql(entity, o.range[1], 'r')} AS "end"
    FROM "${entity.table}" r WHERE ${where.join(' AND ')} ORDER BY ${columnSql(entity, o.range[0], 'r')} LIMIT 1`;
}

/** The field error naming the record that holds the span, or undefined when none does. */
async function overlapError(scope: ConstraintScope, entity: ResolvedEntity, o: ResolvedNoOverlap, values: Record<string, unknown>, id: string | undefined): Promise<RecordValidationError | undefined> {
  if (!matchesWhen(o.when, entity, values) || o.key.some((k) => !present(values[k]))) return undefined;
  const params = [scope.organizationId, ...o.key.map((k) => values[k]), values[o.range[0]] ?? null, values[o.range[1]] ?? null, id ?? null];
  const [hit]: { id: string; title: string; start: unknown; end: unknown }[] = await scope.manager.query(overlapQuery(entity, o), params);
  if (!hit) return undefined;
  const keyField = entity.field.get(o.key[0])!;
  let keyTitle = String(values[o.key[0]]);
  if (keyField.type === 'reference') {
    const target = scope.entityOf(keyField.target!);
    const tf = target.field.get(target.titleField);
    const [row]: { title: string }[] = await scope.manager.query(`SELECT ${tf ? `"${columnOf(tf)}"` : 'id'}::text AS title FROM "${target.table}" WHERE organization_id = $1 AND id = $2`, [scope.organizationId, values[o.key[0]]]);
    if (row) keyTitle = row.title;
  }
  const zone = await scope.timeZone();
  const start = hit.start === null ? inEveryLanguage('the start') : pointText(hit.start, zone);
  const end = hit.end === null ? inEveryLanguage('open end') : pointText(hit.end, zone);
  // Someone who may not open the other record (a guest booking online) learns the span, not whose it is.
  const vars = { field: fieldNoun(entity, o.key[0], true), key: keyTitle, start, end };
  const error = o.message
    ? givenFieldError('overlap', sentenceInLanguages(entity, o.message))
    : (await scope.readable(entity, hit.id))
      ? fieldError('overlap', '{field} {key} is taken by {entity} {holder} from {start} to {end}', { ...vars, entity: entityNoun(entity), holder: hit.title })
      : fieldError('overlap', '{field} {key} is taken from {start} to {end}', vars);
  return new RecordValidationError(entity.key, { [o.key[0]]: error }, error.words ?? error.message);
}

/**
 * Before the write: a span another record holds is refused with that record's
 * name (the exclusion constraint decides races). An edit that touches neither
 * the key, the range nor what `when` reads cannot start a conflict.
 */
export async function checkOverlaps(scope: ConstraintScope, entity: ResolvedEntity, values: Record<string, unknown>, id?: string, before?: Record<string, unknown>): Promise<void> {
  for (const o of entity.constraints?.noOverlap ?? []) {
    const read = [...o.key, ...o.range, ...(o.when ? constraintFields(o.when) : [])];
    if (before && read.every((n) => before[n] === values[n])) continue;
    const error = await overlapError(scope, entity, o, values, id);
    if (error) throw error;
  }
}

const counts = (c: ResolvedCapacity, entity: ResolvedEntity, record: Record<string, unknown> | undefined): boolean =>
  record !== undefined && present(record[c.parent]) && matchesWhen(c.when, entity, record);

/** Whether a write makes the record take a place it did not hold: created, moved into `when`, to another parent, or (over a range) to other points. */
const claimsPlace = (c: ResolvedCapacity, entity: ResolvedEntity, values: Record<string, unknown>, before?: Record<string, unknown>): boolean =>
  counts(c, entity, values) && !(counts(c, entity, before) && before![c.parent] === values[c.parent] && (c.range?.fields ?? []).every((f) => String(before![f]) === String(values[f])));

/** Locks the parent row (every writer of its children queues here) and returns its limit and how many places are taken. */
async function placesOf(scope: ConstraintScope, entity: ResolvedEntity, c: ResolvedCapacity, parentId: unknown, exceptId?: string): Promise<{ limit: number | null; taken: number } | undefined> {
  const parent = scope.entityOf(c.parentEntity);
  const limitField = c.limit ? parent.field.get(c.limit) : undefined;
  let [row]: { limit: number | null }[] = await scope.manager.query(
    `SELECT ${limitField ? `"${columnOf(limitField)}"` : 'NULL::int'} AS "limit" FROM "${parent.table}" WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
    [scope.organizationId, parentId],
  );
  if (!row) return undefined;
  // A counted limit is read after the lock, in a statement of its own (a fresh snapshot sees every write that queued before ours).
  if (c.limitCount) [row] = await scope.manager.query(limitCountQuery(scope.entityOf(c.limitCount.entity), c), [scope.organizationId, parentId]);
  if (c.range) return { limit: row.limit, taken: 0 };
  const [{ taken }]: { taken: number }[] = await scope.manager.query(
    `SELECT count(*)::int AS taken FROM "${entity.table}" r WHERE r.organization_id = $1 AND ${columnSql(entity, c.parent, 'r')} = $2${c.when ? ` AND ${conditionSql(c.when, entity, 'r')}` : ''} AND r.id IS DISTINCT FROM $3::uuid`,
    [scope.organizationId, parentId, exceptId ?? null],
  );
  return { limit: row.limit, taken };
}

/** Over a range: refused on the parent field naming the first point (night) of the span that has no place left. */
async function claimRange(scope: ConstraintScope, entity: ResolvedEntity, c: ResolvedCapacity, values: Record<string, unknown>, before?: Record<string, unknown>): Promise<void> {
  const [start, end] = c.range!.fields.map((f) => values[f]);
  if (!present(start) || !present(end)) return;
  const places = await placesOf(scope, entity, c, values[c.parent]);
  if (!places || places.limit === null) return;
  const [full]: { point: unknown; taken: number }[] = await scope.manager.query(fullPointQuery(entity, c), [scope.organizationId, values[c.parent], start, end, before ? String(before.id) : null, places.limit]);
  if (!full) return;
  const parent = scope.entityOf(c.parentEntity);
  const point = pointText(full.point, await scope.timeZone());
  throw capacityError(entity, parent, c, sentenceInLanguages(entity, c.message ?? RANGE_FULL, (template) => rangeFullMessage(template, point, full.taken, places.limit!)));
}

/**
 * Before the write: a record that starts taking a place (created, or moved into
 * `when` or to another parent) needs a free one. When there is none, a new
 * record with an `overflow` gets the overflow value (waitlisted), and so does an
 * updated one when the overflow says `onUpdate`; otherwise the write is refused
 * on the parent field. Every parent is
 * locked first, in one order (table, id), so two writes that need the same two
 * parents queue instead of deadlocking.
 */
export async function claimCapacity(scope: ConstraintScope, entity: ResolvedEntity, values: Record<string, unknown>, before?: Record<string, unknown>): Promise<void> {
  const claims = (entity.constraints?.capacity ?? []).filter((c) => claimsPlace(c, entity, values, before));
  const parents = new Map(claims.map((c) => [`${scope.entityOf(c.parentEntity).table}\u0000${String(values[c.parent])}`, c] as const));
  for (const key of [...parents.keys()].sort()) {
    const c = parents.get(key)!;
    await scope.manager.query(`SELECT 1 FROM "${scope.entityOf(c.parentEntity).table}" WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [scope.organizationId, values[c.parent]]);
  }
  for (const c of claims) {
    if (c.range) {
      await claimRange(scope, entity, c, values, before);
      continue;
    }
    const places = await placesOf(scope, entity, c, values[c.parent], before ? String(before.id) : undefined);
    if (!places || places.limit === null || places.taken < places.limit) continue;
    if (c.overflow && (!before || c.overflow.onUpdate)) {
      values[c.overflow.field] = c.overflow.value;
      continue;
    }
    const parent = scope.entityOf(c.parentEntity);
    throw capacityError(entity, parent, c, sentenceInLanguages(entity, c.message ?? FULL, (template) => rangeFullMessage(template, '', places.taken, places.limit!)));
  }
}

const FULL = 'is full: {taken} of {limit} places are taken';
const RANGE_FULL = 'is full on {point}: {taken} of {limit} places are taken';

/** The refusal on the parent field, and as the whole record's message "This session is full: …". */
function capacityError(entity: ResolvedEntity, parent: ResolvedEntity, c: ResolvedCapacity, sentence: Record<string, string> & { en: string }): RecordValidationError {
  return new RecordValidationError(entity.key, { [c.parent]: givenFieldError('capacity', sentence) }, { text: 'This {entity} {sentence}.', vars: { entity: entityNoun(parent), sentence } });
}

/** Gives free places of a parent to its oldest overflow records, through the data layer (audited, hooks run). */
async function promote(scope: ConstraintScope, entity: ResolvedEntity, c: ResolvedCapacity, parentId: unknown): Promise<void> {
  if (!c.overflow) return;
  const places = await placesOf(scope, entity, c, parentId);
  if (!places) return;
  const free = places.limit === null ? Number.MAX_SAFE_INTEGER : places.limit - places.taken;
  if (free <= 0) return;
  const overflowColumn = columnSql(entity, c.overflow.field, 'r');
  const waiting: { id: string }[] = await scope.manager.query(
    `SELECT r.id FROM "${entity.table}" r WHERE r.organization_id = $1 AND ${columnSql(entity, c.parent, 'r')} = $2 AND ${overflowColumn} = $3
      ORDER BY r.created_at, r.id LIMIT ${Math.min(free, 1000)} FOR UPDATE`,
    [scope.organizationId, parentId, c.overflow.value],
  );
  for (const w of waiting) await scope.promote(entity, w.id, { [c.overflow.field]: c.overflow.promoteTo });
}

/** After an update or delete: a record that stopped taking a place hands it to the first overflow record, in this transaction. */
export async function releaseCapacity(scope: ConstraintScope, entity: ResolvedEntity, before: Record<string, unknown>, after?: Record<string, unknown>): Promise<void> {
  for (const c of entity.constraints?.capacity ?? []) {
    if (!counts(c, entity, before)) continue;
    if (counts(c, entity, after) && after![c.parent] === before[c.parent]) continue;
    await promote(scope, entity, c, before[c.parent]);
  }
}

/** After a parent's update: a raised limit fills the new places from the overflow. */
export async function parentLimitChanged(scope: ConstraintScope, parent: ResolvedEntity, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
  for (const child of scope.entities()) {
    for (const c of child.constraints?.capacity ?? []) {
      if (c.parentEntity !== parent.key || !c.overflow || !c.limit) continue;
      const [was, now] = [before[c.limit], after[c.limit]];
      if (now === null || (was !== null && Number(now) > Number(was))) await promote(scope, child, c, after.id);
    }
  }
}

const pgCode = (err: unknown): { code?: string; constraint?: string } => {
  const e = err as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  return e?.driverError ?? e ?? {};
};

/**
 * Runs the INSERT/UPDATE under a savepoint when the entity has an exclusion
 * constraint: the record that won a race is committed by the
 * time ours fails, so after rolling back to the savepoint it can be named.
 */
export async function guardedWrite<T>(scope: ConstraintScope, entity: ResolvedEntity, values: Record<string, unknown>, id: string | undefined, write: () => Promise<T>): Promise<T> {
  const c = entity.constraints;
  if (!c?.noOverlap.length) return write();
  await scope.manager.query('SAVEPOINT ums_constraint');
  try {
    const result = await write();
    await scope.manager.query('RELEASE SAVEPOINT ums_constraint');
    return result;
  } catch (err) {
    const { code, constraint } = pgCode(err);
    const overlap = code === '23P01' ? c.noOverlap.find((o) => o.constraint === constraint) : undefined;
    if (overlap) {
      await scope.manager.query('ROLLBACK TO SAVEPOINT ums_constraint');
      throw (await overlapError(scope, entity, overlap, values, id)) ?? err;
    }
    throw err;
  }
}

function uniqueWhenError(entity: ResolvedEntity, u: ResolvedUniqueWhen): RecordValidationError {
  const fields = joinedNouns(u.fields.map((n) => fieldNoun(entity, n)), inEveryLanguage(' and '));
  const state = describeWhen(entity, u);
  const error = u.message
    ? givenFieldError('unique', sentenceInLanguages(entity, u.message))
    : state
      ? fieldError('unique', 'another {entity} with the same {fields} already exists that is {state}', { entity: entityNoun(entity), fields, state })
      : fieldError('unique', 'another {entity} with the same {fields} already exists', { entity: entityNoun(entity), fields });
  return new RecordValidationError(entity.key, { [u.fields[0]]: error }, error.words ?? error.message);
}

/** "open", "active or scheduled", "not cancelled": what a plain `when` on one field asks for, in each language; undefined when it says more. */
function describeWhen(entity: ResolvedEntity, u: ResolvedUniqueWhen): Record<string, string> | undefined {
  const w = u.when;
  if (w.kind !== 'cmp' || !w.operands.every((o) => 'value' in o && typeof o.value === 'string')) return undefined;
  const raw = w.operands.map((o) => (o as { value: string }).value);
  const named = (v: string): Record<string, string> => {
    const out: Record<string, string> = { en: v.replace(/_/g, ' ') };
    for (const [lang, t] of Object.entries(entity.translations)) {
      const label = Object.values(t.values ?? {}).find((labels) => labels[v] !== undefined)?.[v];
      if (label) out[lang] = label;
    }
    return out;
  };
  const values = joinedNouns(raw.map(named), inEveryLanguage(' or '));
  if (w.op === '$eq' || w.op === '$in') return values;
  if (w.op === '$ne' || w.op === '$nin') return Object.fromEntries(Object.entries(values).map(([lang, v]) => [lang, say('not {value}', lang, { value: v })]));
  return undefined;
}

/** A constraint of the primitives that PostgreSQL reported, as the field error the person reads (db-errors.ts asks first). */
export function mapConstraintError(err: unknown, entity: ResolvedEntity): RecordValidationError | undefined {
  const { code, constraint } = pgCode(err);
  const c = entity.constraints;
  if (!c || !constraint) return undefined;
  if (code === '23514') {
    const check = c.checks.find((x) => x.constraint === constraint);
    if (check) return new RecordValidationError(entity.key, { [check.field]: givenFieldError('check', sentenceInLanguages(entity, check.message)) });
  }
  if (code === '23P01') {
    const o = c.noOverlap.find((x) => x.constraint === constraint);
    if (o) {
      const error = o.message
        ? givenFieldError('overlap', sentenceInLanguages(entity, o.message))
        : fieldError('overlap', 'overlaps another {entity} for the same {fields}', { entity: entityNoun(entity), fields: joinedNouns(o.key.map((k) => fieldNoun(entity, k)), inEveryLanguage(', ')) });
      return new RecordValidationError(entity.key, { [o.key[0]]: error });
    }
  }
  if (code === '23505') {
    const u = c.uniqueWhen.find((x) => x.constraint === constraint);
    if (u) return uniqueWhenError(entity, u);
    const seq = entity.fields.find((f) => f.sequence?.constraint === constraint);
    if (seq) return new RecordValidationError(entity.key, { [seq.name]: fieldError('unique', 'this number is already used; try again') });
  }
  return undefined;
}
