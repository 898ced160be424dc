/**
 * Translates a parsed condition tree into a parameterised SQL boolean
 * expression. Identifiers come from validated manifests (^[a-z][a-z0-9_]*$);
 * every value is a bound parameter. A `reference.field` path becomes an
 * organization-scoped sub-select on the referenced table.
 */
import { columnOf, SYSTEM_FIELDS, type ConditionNode, type Registry, type ResolvedEntity, type Scalar } from '../manifest/index.js';

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
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
}

/** `alias` is the already-quoted alias of `entity`'s table in the outer query. */
export function conditionToSql(node: ConditionNode, entity: ResolvedEntity, alias: string, params: SqlParams, scope: SqlScope): string {
  switch (node.kind) {
    case 'and':
      return node.items.length ? `(${node.items.map((n) => conditionToSql(n, entity, alias, params, scope)).join(' AND ')})` : 'TRUE';
    case 'or':
      return node.items.length ? `(${node.items.map((n) => conditionToSql(n, entity, alias, params, scope)).join(' OR ')})` : 'FALSE';
    case 'not':
      // CASL's $not is true when the inner condition does not match, including on NULLs.
      return `(${conditionToSql(node.item, entity, alias, params, scope)}) IS NOT TRUE`;
    case 'compare': {
      const [head, leaf] = node.path.split('.');
      if (leaf === undefined) return compare(`${alias}.${ident(columnForPath(entity, head))}`, node.op, node.value, params);
      const ref = entity.field.get(head)!;
      const target = scope.registry.entity(ref.target!)!;
      const inner = compare(`t.${ident(columnForPath(target, leaf))}`, node.op, node.value, params);
      return `${alias}.${ident(ref.column)} IN (SELECT t.id FROM ${ident(target.table)} t WHERE t.organization_id = ${params.add(scope.organizationId)} AND ${inner})`;
    }
  }
}
