/**
 * Statements planned against the live database and run as they are planned,
 * inside a transaction the caller rolls back (core/db/renames.ts,
 * core/db/retypes.ts): each step sees what the previous ones changed.
 */
import type { QueryRunner } from 'typeorm';
import { noNameRewrites, type NameRewrites } from './name-rewrites.js';

export interface Statement {
  query: string;
  parameters?: unknown[];
}

export interface DeclaredChangePlan {
  /** In the order they ran; `down` undoes them in reverse. */
  up: Statement[];
  down: Statement[];
  names: NameRewrites;
  problems: string[];
}

export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const literal = (v: string): string => `'${v.replace(/'/g, "''")}'`;

export class Planner {
  readonly plan: DeclaredChangePlan = { up: [], down: [], names: noNameRewrites(), problems: [] };
  /** Tables whose constraint and index names may now be stale. */
  readonly touched = new Set<string>();

  constructor(readonly runner: QueryRunner) {}

  async run(up: string, down: string): Promise<void> {
    await this.runner.query(up);
    this.plan.up.push({ query: up });
    this.plan.down.push({ query: down });
  }

  /** A statement the migration runs that has nothing to undo (a guard that raises when the data does not fit, a schema that may stay). */
  async guard(up: string): Promise<void> {
    await this.runner.query(up);
    this.plan.up.push({ query: up });
  }

  problem(where: { file: string; pointer: string }, message: string): void {
    this.plan.problems.push(`${where.file}#${where.pointer}: ${message}`);
  }

  async tables(): Promise<Set<string>> {
    const rows: { name: string }[] = await this.runner.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
    return new Set(rows.map((r) => r.name));
  }

  async columns(table: string): Promise<Set<string>> {
    const rows: { name: string }[] = await this.runner.query(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
      [table],
    );
    return new Set(rows.map((r) => r.name));
  }

  /** The CHECK constraint on exactly this column (an enum's list of values), with its definition. */
  async valueCheck(table: string, column: string): Promise<{ name: string; definition: string } | undefined> {
    const rows: { name: string; definition: string }[] = await this.runner.query(
      `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.conrelid = to_regclass($1) AND c.contype = 'c' AND a.attname = $2 AND cardinality(c.conkey) = 1`,
      [q(table), column],
    );
    return rows[0];
  }
}

