/**
 * Constraint conditions and computed expressions as SQL text. They end up in
 * DDL (CHECK, EXCLUDE … WHERE, partial unique indexes, generated columns), where
 * no parameter can be bound, so literals are written out: every one was checked
 * against its field's type at load (core/manifest/constraints.ts), identifiers
 * are manifest names (^[a-z][a-z0-9_]*$) and strings are quoted by doubling.
 * The same text serves the counts and lookups of the write path (with an alias).
 */
import { columnOf, type ConstraintNode, type ConstraintOperand, type ExpressionNode, type ResolvedEntity, type ResolvedField, type ResolvedNoOverlap, type Scalar } from '../../manifest/index.js';

const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export function columnSql(entity: ResolvedEntity, name: string, alias?: string): string {
  const col = `"${columnOf(entity.field.get(name)!)}"`;
  return alias ? `${alias}.${col}` : col;
}

function literalSql(f: ResolvedField, v: Scalar): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (f.type === 'date') return `${quote(v)}::date`;
  if (f.type === 'time') return `${quote(v)}::time without time zone`;
  if (f.type === 'datetime') return `${quote(new Date(v).toISOString())}::timestamp with time zone`;
  if (f.type === 'reference') return `${quote(v.toLowerCase())}::uuid`;
  return quote(v);
}

const operandSql = (entity: ResolvedEntity, f: ResolvedField, o: ConstraintOperand, alias?: string): string =>
  'field' in o ? columnSql(entity, o.field, alias) : literalSql(f, o.value);

const OPS = { $eq: '=', $ne: '<>', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

/** A SQL boolean with SQL's three-valued logic; evaluateCondition (condition-eval.ts) repeats it in memory. */
export function conditionSql(node: ConstraintNode, entity: ResolvedEntity, alias?: string): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      if (!node.items.length) return node.kind === 'and' ? 'true' : 'false';
      return `(${node.items.map((n) => conditionSql(n, entity, alias)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${conditionSql(node.item, entity, alias)})`;
    case 'cmp': {
      const f = entity.field.get(node.field)!;
      const col = columnSql(entity, node.field, alias);
      if (node.op === '$in' || node.op === '$nin') {
        return `(${col} ${node.op === '$in' ? 'IN' : 'NOT IN'} (${node.operands.map((o) => operandSql(entity, f, o, alias)).join(', ')}))`;
      }
      const o = node.operands[0];
      if ('value' in o && o.value === null) return `(${col} IS ${node.op === '$eq' ? '' : 'NOT '}NULL)`;
      return `(${col} ${OPS[node.op]} ${operandSql(entity, f, o, alias)})`;
    }
  }
}

/** The SQL of a computed field; division goes through numeric (PostgreSQL's integer division truncates) and by zero gives NULL. */
export function expressionSql(node: ExpressionNode, entity: ResolvedEntity, alias?: string): string {
  switch (node.kind) {
    case 'field':
      return columnSql(entity, node.field, alias);
    case 'number':
      return Number.isInteger(node.value) ? String(node.value) : `${node.value}::numeric`;
    case 'days':
      return `(${columnSql(entity, node.to, alias)} - ${columnSql(entity, node.from, alias)})`;
    case 'age':
      // Today in UTC, as the write path's evaluation (condition-eval.ts ageOn) takes it.
      return `date_part('year', age((now() AT TIME ZONE 'UTC')::date, ${columnSql(entity, node.from, alias)}))::integer`;
    case 'arith': {
      const parts = node.items.map((n) => expressionSql(n, entity, alias));
      if (node.op === '$div') return `(${parts[0]}::numeric / NULLIF(${parts[1]}, 0))`;
      return `(${parts.join({ $add: ' + ', $sub: ' - ', $mul: ' * ' }[node.op])})`;
    }
  }
}

/** PostgreSQL's range type for the ends' field type. */
export function rangeType(f: ResolvedField): string {
  return { date: 'daterange', datetime: 'tstzrange', time: 'tsrange', integer: 'int4range' }[f.type as string] ?? 'numrange';
}

/**
 * One end of a range as its range type takes it. PostgreSQL has no range of
 * times of day: a time becomes the timestamp of that time on one fixed day
 * (date + time is immutable, so an exclusion constraint and its GiST index can
 * hold it), which keeps the order and the overlaps of the times.
 */
export function rangeEnd(f: ResolvedField, sql: string): string {
  return f.type === 'time' ? `('2000-01-01'::date + ${sql})` : sql;
}

/** The span of a record as a range built from its two fields (the exclusion constraint's expression). */
export function rangeSql(entity: ResolvedEntity, o: Pick<ResolvedNoOverlap, 'range' | 'bounds'>, alias?: string): string {
  const start = entity.field.get(o.range[0])!;
  return `${rangeType(start)}(${rangeEnd(start, columnSql(entity, o.range[0], alias))}, ${rangeEnd(start, columnSql(entity, o.range[1], alias))}, ${quote(o.bounds)})`;
}
