/**
 * Translates a parsed condition tree into a parameterised SQL boolean
 * expression. Identifiers come from validated manifests (^[a-z][a-z0-9_]*$);
 * every value is a bound parameter. Each hop of a path is an
 * organization-scoped sub-select: a reference (`member.user`) becomes
 * `member_id IN (SELECT id …)`, a reverse reference under `$some` becomes
 * `EXISTS (SELECT 1 … WHERE child.ref_id = parent.id …)`.
 */
import { columnOf, DATE_ONLY, resolvePath, resolveRelated, serverTimeZone, startOfDay, SYSTEM_FIELDS, type ConditionNode, type PathStep, type Registry, type ResolvedEntity, type Scalar } from '../manifest/index.js';

export class SqlParams {
  readonly values: unknown[] = [];
  private aliases = 0;
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** A table alias no other part of this query uses (sub-selects of paths). */
  alias(): string {
    return `"h${++this.aliases}"`;
  }
}

const ident = (name: string): string => `"${name}"`;

export function columnForPath(entity: ResolvedEntity, name: string): string {
  if ((SYSTEM_FIELDS as readonly string[]).includes(name)) return name;
  const field = entity.field.get(name);
  if (!field) throw new Error(`unknown field ${name} on ${entity.key}`);
  return columnOf(field);
}

function compare(column: string, op: string, value: Scalar | Scalar[], params: SqlParams): string {
  switch (op) {
    case '$eq':
      return value === null ? `${column} IS NULL` : `${column} = ${params.add(value)}`;
    case '$ne':
      return value === null ? `${column} IS NOT NULL` : `${column} IS DISTINCT FROM ${params.add(value)}`;
    case '$in':
    case '$nin': {
      const list = value as Scalar[];
      const nonNull = list.filter((v) => v !== null);
      const hasNull = nonNull.length !== list.length;
      const parts: string[] = [];
      if (nonNull.length) parts.push(`${column} = ANY(${params.add(nonNull)})`);
      if (hasNull) parts.push(`${column} IS NULL`);
      const positive = parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
      // CASL's $nin matches a missing value; NOT(... = ANY) would be NULL for a NULL column.
      return op === '$in' ? positive : `(${positive}) IS NOT TRUE`;
    }
    default: {
      const sqlOp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
      if (!sqlOp) throw new Error(`unsupported operator ${op}`);
      return `${column} ${sqlOp} ${params.add(value)}`;
    }
  }
}

export interface SqlScope {
  registry: Registry;
  organizationId: string;
  /** The organization's time zone: a date compared with a date-time column means the start of that day there. */
  timeZone?: string;
  /**
   * The viewer's read scope of a `$related` entity on `alias` (tenant wall and row rules; it throws
   * FORBIDDEN when the fields compared are hidden from them). Without it (a permission rule being
   * compiled) a `$related` cannot be translated, and says so rather than match anything.
   */
  relatedScope?: (entity: ResolvedEntity, alias: string, params: SqlParams, fields: readonly string[]) => string[];
  /** The record the whole condition is about, for `{ "$field": … }`; set by the outermost call. */
  root?: { entity: ResolvedEntity; alias: string };
}

/** The fields a condition compares on `entity` itself (not through a path): what a `$related` reveals of the joined entity. */
function ownFields(node: ConditionNode, out: string[] = []): string[] {
  if (node.kind === 'and' || node.kind === 'or') node.items.forEach((n) => ownFields(n, out));
  else if (node.kind === 'not') ownFields(node.item, out);
  else if (node.kind === 'compare' || node.kind === 'compareField') out.push(node.path.split('.')[0]);
  else if (node.kind === 'some') out.push(node.path.split('.')[0]);
  return out;
}

/** A `YYYY-MM-DD` literal compared with a timestamp column: the instant that day starts in the zone. */
export function zonedLiteral(value: Scalar | Scalar[], timeZone: string): Scalar | Scalar[] {
  const one = (v: Scalar): Scalar => (typeof v === 'string' && DATE_ONLY.test(v) ? startOfDay(v, timeZone).toISOString() : v);
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** Wraps `inner` (an expression on the last hop's alias) in one organization-scoped sub-select per hop. */
function throughSteps(steps: PathStep[], alias: string, params: SqlParams, scope: SqlScope, inner: (alias: string) => string): string {
  if (!steps.length) return inner(alias);
  const [step, ...rest] = steps;
  const a = params.alias();
  const org = `${a}.organization_id = ${params.add(scope.organizationId)}`;
  if (step.kind === 'forward') {
    return `${alias}.${ident(step.field.column)} IN (SELECT ${a}.id FROM ${ident(step.to.table)} ${a} WHERE ${org} AND ${throughSteps(rest, a, params, scope, inner)})`;
  }
  return `EXISTS (SELECT 1 FROM ${ident(step.to.table)} ${a} WHERE ${org} AND ${a}.${ident(step.field.column)} = ${alias}.id AND ${throughSteps(rest, a, params, scope, inner)})`;
}

/** `alias` is the already-quoted alias of `entity`'s table in the outer query. */
export function conditionToSql(node: ConditionNode, entity: ResolvedEntity, alias: string, params: SqlParams, scope: SqlScope): string {
  if (!scope.root) scope = { ...scope, root: { entity, alias } };
  switch (node.kind) {
    case 'and':
      return node.items.length ? `(${node.items.map((n) => conditionToSql(n, entity, alias, params, scope)).join(' AND ')})` : 'TRUE';
    case 'or':
      return node.items.length ? `(${node.items.map((n) => conditionToSql(n, entity, alias, params, scope)).join(' OR ')})` : 'FALSE';
    case 'not':
      // CASL's $not is true when the inner condition does not match, including on NULLs.
      return `(${conditionToSql(node.item, entity, alias, params, scope)}) IS NOT TRUE`;
    case 'compare': {
      const path = resolvePath(scope.registry, entity, node.path, 'compare');
      if (typeof path === 'string') throw new Error(path);
      const isTimestamp = path.field ? path.field.type === 'datetime' : path.leaf === 'created_at' || path.leaf === 'updated_at';
      const value = isTimestamp ? zonedLiteral(node.value, scope.timeZone ?? serverTimeZone()) : node.value;
      return throughSteps(path.steps, alias, params, scope, (a) => compare(`${a}.${ident(columnForPath(path.owner, path.leaf))}`, node.op, value, params));
    }
    case 'some': {
      const path = resolvePath(scope.registry, entity, node.path, 'some');
      if (typeof path === 'string') throw new Error(path);
      return throughSteps(path.steps, alias, params, scope, (a) => conditionToSql(node.item, path.owner, a, params, scope));
    }
    case 'compareField': {
      const path = resolvePath(scope.registry, entity, node.path, 'compare');
      if (typeof path === 'string') throw new Error(path);
      const root = scope.root!;
      const other = `${root.alias}.${ident(columnForPath(root.entity, node.field))}`;
      const sqlOp = { $eq: '=', $ne: 'IS DISTINCT FROM', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[node.op];
      // A NULL on either side is not true, as with a literal; $ne, as there, is true against a NULL.
      return throughSteps(path.steps, alias, params, scope, (a) => `${a}.${ident(columnForPath(path.owner, path.leaf))} ${sqlOp} ${other}`);
    }
    case 'related': {
      const related = resolveRelated(scope.registry, entity, node.entity, node.on);
      if ('problem' in related) throw new Error(related.problem);
      if (!scope.relatedScope) throw new Error('$related is translated only where the viewer\'s read scope of the joined entity is known (dashboard cards)');
      const a = params.alias();
      const where = [
        ...scope.relatedScope(related.target, a, params, [...Object.keys(node.on), ...ownFields(node.item)]),
        ...related.pairs.map((p) => `${a}.${ident(p.joined)} = ${alias}.${ident(p.own)}`),
        conditionToSql(node.item, related.target, a, params, scope),
      ];
      return `EXISTS (SELECT 1 FROM ${ident(related.target.table)} ${a} WHERE ${where.join(' AND ')})`;
    }
  }
}
