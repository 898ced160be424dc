/**
 * A capacity over a range (`capacity` with `range`): the records that take a
 * place and cover one point of their span (a night, an instant) never
 * outnumber the parent's limit at that point — "unassigned reservations of a
 * room type never exceed its rooms on any night". The caller has locked the
 * parent row, so every writer of its children queues there; this asks
 * PostgreSQL, in one statement, for the first point of the new span that is
 * already full. The most records covering any point of a span is reached at
 * the start of one of them (each span includes its start), so only the new
 * span's start and the starts of the overlapping spans inside it are counted.
 */
import { columnOf, type ResolvedCapacity, type ResolvedEntity } from '../../manifest/index.js';
import { columnSql, conditionSql, rangeSql, rangeType } from './constraint-sql.js';

const PARAM_CAST: Record<string, string> = { date: 'date', datetime: 'timestamptz', integer: 'integer', decimal: 'numeric', money: 'numeric' };

/**
 * The first full point of a span: parameters $1 organization, $2 parent, $3
 * start, $4 end, $5 the record itself (left out on an update), $6 the limit.
 * Answers `point` (text for dates and numbers, a timestamp for date-times) and
 * `taken` there, or no row when every point has a free place.
 */
export function fullPointQuery(entity: ResolvedEntity, c: ResolvedCapacity): string {
  const range = c.range!;
  const start = entity.field.get(range.fields[0])!;
  const cast = PARAM_CAST[start.type];
  const span = rangeSql(entity, { range: range.fields, bounds: range.bounds }, 'r');
  const mine = `${rangeType(start)}($3::${cast}, $4::${cast}, '${range.bounds}')`;
  const point = start.type === 'datetime' ? 'p.point' : 'p.point::text';
  return `WITH others AS (
      SELECT ${span} AS span FROM "${entity.table}" r
       WHERE r.organization_id = $1 AND ${columnSql(entity, c.parent, 'r')} = $2${c.when ? ` AND ${conditionSql(c.when, entity, 'r')}` : ''}
         AND r.id IS DISTINCT FROM $5::uuid AND ${span} && ${mine}
    ), points AS (
      SELECT lower(${mine}) AS point
      UNION SELECT lower(o.span) FROM others o WHERE lower(o.span) > lower(${mine})
    )
    SELECT ${point} AS point, t.taken FROM points p
      CROSS JOIN LATERAL (SELECT count(*)::int AS taken FROM others o WHERE o.span @> p.point) t
     WHERE t.taken >= $6 ORDER BY p.point LIMIT 1`;
}

/** The parent's places when a count of other records bounds them (the rooms of a room type), read after the parent's lock. */
export function limitCountQuery(counted: ResolvedEntity, c: ResolvedCapacity): string {
  const lc = c.limitCount!;
  return `SELECT count(*)::int AS "limit" FROM "${counted.table}" x WHERE x.organization_id = $1 AND x."${columnOf(counted.field.get(lc.by)!)}" = $2${lc.when ? ` AND ${conditionSql(lc.when, counted, 'x')}` : ''}`;
}

/** A span's end or a point as the person reads it: the date, or the date and minute in the organization's time zone. */
export function pointText(v: unknown, timeZone: string): string {
  if (!(v instanceof Date)) return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.slice(0, 10)) ? v.slice(0, 10) : String(v);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(v).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A capacity's refusal (the manifest's message or "is full on {point}: {taken} of {limit} places are taken", in one language) with {point} {taken} {limit} filled in. */
export function rangeFullMessage(template: string, point: string, taken: number, limit: number): string {
  return template.replace(/\{(point|taken|limit)\}/g, (_m, k: string) => (k === 'point' ? point : String(k === 'taken' ? taken : limit)));
}
