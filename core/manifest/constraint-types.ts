/**
 * The resolved shape of the booking primitives a manifest declares on an
 * entity (checks, noOverlap, capacity, uniqueWhen) and on a field (computed,
 * sequence). Resolved once at load (constraints.ts); the data layer's
 * core/data/constraints/ turns them into DDL and write-path checks.
 */
import type { ComparisonOperator, Scalar } from './conditions.js';

/** An operand of a constraint condition: another field of the same record, or a literal. */
export type ConstraintOperand = { field: string } | { value: Scalar };

/** A condition on one record's own fields, evaluated by PostgreSQL in a constraint and in memory before the write. */
export type ConstraintNode =
  | { kind: 'and' | 'or'; items: ConstraintNode[] }
  | { kind: 'not'; item: ConstraintNode }
  | { kind: 'cmp'; field: string; op: ComparisonOperator; operands: ConstraintOperand[] };

export type ExpressionNode =
  | { kind: 'field'; field: string }
  | { kind: 'number'; value: number }
  | { kind: 'arith'; op: '$add' | '$sub' | '$mul' | '$div'; items: ExpressionNode[] }
  | { kind: 'days'; from: string; to: string }
  /** Whole years from a date field to today (UTC): read-time only, never a stored column (see isReadTime). */
  | { kind: 'age'; from: string };

/** A check's field error when its manifest gives none: UMS's sentence (core/words.ts), not the manifest's. */
export const DEFAULT_CHECK_MESSAGE = 'does not satisfy the rule';

export interface ResolvedCheck {
  constraint: string;
  field: string;
  rule: ConstraintNode;
  message: string;
}

export interface ResolvedNoOverlap {
  constraint: string;
  key: string[];
  range: [string, string];
  bounds: '[)' | '[]' | '(]' | '()';
  when?: ConstraintNode;
  message?: string;
}

export interface ResolvedCapacity {
  /** The reference field of this entity pointing at the parent. */
  parent: string;
  /** Entity key of the parent. */
  parentEntity: string;
  /** The parent's field holding the number of places (unset when `limitCount` bounds it). */
  limit?: string;
  /** Or: the number of records of another entity pointing at the parent (the rooms of a room type). */
  limitCount?: { entity: string; by: string; when?: ConstraintNode };
  /** With a range the count holds at every point of the span (each night), not overall. */
  range?: { fields: [string, string]; bounds: '[)' | '[]' };
  when?: ConstraintNode;
  overflow?: { field: string; value: string; promoteTo: string; onUpdate?: boolean };
  message?: string;
}

export interface ResolvedUniqueWhen {
  constraint: string;
  fields: string[];
  when: ConstraintNode;
  message?: string;
}

export interface EntityConstraints {
  checks: ResolvedCheck[];
  noOverlap: ResolvedNoOverlap[];
  capacity: ResolvedCapacity[];
  uniqueWhen: ResolvedUniqueWhen[];
}

export interface ResolvedSequence {
  pattern: string;
  /** A required reference field of the same entity: numbers count per referenced record. */
  scope?: string;
  /** The unique constraint holding the numbers. */
  constraint: string;
}
