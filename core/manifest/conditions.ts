/**
 * The condition grammar of permission rules and dashboard cards: a small,
 * allow-listed subset of CASL's MongoDB query language. Both the manifest
 * validator and the access compiler walk conditions with this one function, so
 * what validates is exactly what the SQL translator and CASL understand.
 */
export const COMPARISON_OPERATORS = ['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const PLACEHOLDERS = ['user.id', 'user.organizationId', 'user.email', 'now', 'today'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type Scalar = string | number | boolean | null;

export type ConditionNode =
  | { kind: 'and'; items: ConditionNode[] }
  | { kind: 'or'; items: ConditionNode[] }
  | { kind: 'not'; item: ConditionNode }
  | { kind: 'compare'; path: string; op: ComparisonOperator; value: Scalar | Scalar[]; pointer: string };

export interface ConditionProblem {
  pointer: string;
  message: string;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const PLACEHOLDER_RE = /\$\{([^}]*)\}/g;

const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Placeholder names used in a value, e.g. `${user.id}` → `user.id`. */
export function placeholdersIn(value: string): string[] {
  return [...value.matchAll(PLACEHOLDER_RE)].map((m) => m[1]);
}

/**
 * Parses a condition object into a tree. Problems (unknown operator, bad
 * value, unknown placeholder) are collected with JSON pointers relative to `base`.
 * `interpolated`: placeholders were already replaced, so values are data (an
 * e-mail address may contain `${`) and are not checked for placeholders.
 */
export function parseConditions(
  conditions: unknown,
  base: string,
  problems: ConditionProblem[],
  options: { interpolated?: boolean } = {},
): ConditionNode {
  const checkPlaceholders = options.interpolated ? () => undefined : checkPlaceholderNames;
  if (typeof conditions !== 'object' || conditions === null || Array.isArray(conditions)) {
    problems.push({ pointer: base, message: 'conditions must be an object' });
    return { kind: 'and', items: [] };
  }
  const items: ConditionNode[] = [];
  for (const [key, value] of Object.entries(conditions)) {
    const pointer = `${base}/${escapePointer(key)}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        problems.push({ pointer, message: `${key} takes a non-empty array of conditions` });
        continue;
      }
      const children = value.map((v, i) => parseConditions(v, `${pointer}/${i}`, problems, options));
      items.push({ kind: key === '$and' ? 'and' : 'or', items: children });
    } else if (key === '$not') {
      items.push({ kind: 'not', item: parseConditions(value, pointer, problems, options) });
    } else if (key.startsWith('$')) {
      problems.push({ pointer, message: `unknown operator "${key}" (allowed: $and, $or, $not, ${COMPARISON_OPERATORS.join(', ')})` });
    } else if (isScalar(value)) {
      checkPlaceholders(value, pointer, problems);
      items.push({ kind: 'compare', path: key, op: '$eq', value, pointer });
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const ops = Object.entries(value as Record<string, unknown>);
      if (ops.length === 0) problems.push({ pointer, message: 'an operator object needs at least one operator' });
      for (const [op, operand] of ops) {
        const opPointer = `${pointer}/${escapePointer(op)}`;
        if (!(COMPARISON_OPERATORS as readonly string[]).includes(op)) {
          problems.push({ pointer: opPointer, message: `unknown operator "${op}" (allowed: ${COMPARISON_OPERATORS.join(', ')})` });
          continue;
        }
        const isList = op === '$in' || op === '$nin';
        if (isList ? !(Array.isArray(operand) && operand.every(isScalar)) : !isScalar(operand)) {
          problems.push({ pointer: opPointer, message: isList ? `${op} takes an array of values` : `${op} takes a single value` });
          continue;
        }
        for (const v of isList ? (operand as Scalar[]) : [operand as Scalar]) checkPlaceholders(v, opPointer, problems);
        items.push({ kind: 'compare', path: key, op: op as ComparisonOperator, value: operand as Scalar | Scalar[], pointer });
      }
    } else {
      problems.push({ pointer, message: 'a condition value must be a literal, a placeholder or an operator object' });
    }
  }
  return items.length === 1 ? items[0] : { kind: 'and', items };
}

function checkPlaceholderNames(value: Scalar, pointer: string, problems: ConditionProblem[]): void {
  if (typeof value !== 'string') return;
  for (const name of placeholdersIn(value)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push({ pointer, message: `unknown placeholder "\${${name}}" (known: ${PLACEHOLDERS.map((p) => `\${${p}}`).join(', ')})` });
    }
  }
}

/** Every comparison in a condition tree: the field path, where it is, and what it compares with. */
export function conditionPaths(
  node: ConditionNode,
  out: { path: string; pointer: string; op: ComparisonOperator; value: Scalar | Scalar[] }[] = [],
): { path: string; pointer: string; op: ComparisonOperator; value: Scalar | Scalar[] }[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.items.forEach((n) => conditionPaths(n, out));
      break;
    case 'not':
      conditionPaths(node.item, out);
      break;
    case 'compare':
      out.push({ path: node.path, pointer: node.pointer, op: node.op, value: node.value });
  }
  return out;
}

export interface PlaceholderValues {
  user: { id: string; organizationId: string; email: string };
  now: Date;
}

/**
 * Replaces placeholders in a raw condition object (before it reaches CASL, which
 * does not interpolate). A value that is exactly one placeholder keeps its type.
 */
export function interpolateConditions<T>(conditions: T, values: PlaceholderValues): T {
  const lookup = (name: string): string => {
    switch (name) {
      case 'user.id':
        return values.user.id;
      case 'user.organizationId':
        return values.user.organizationId;
      case 'user.email':
        return values.user.email;
      case 'now':
        return values.now.toISOString();
      case 'today':
        return values.now.toISOString().slice(0, 10);
      default:
        // Fail closed: validated manifests never get here, but an unknown name must not match anything.
        throw new Error(`unknown placeholder \${${name}}`);
    }
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('${') ? v.replace(PLACEHOLDER_RE, (_m, name: string) => lookup(name)) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(conditions) as T;
}
