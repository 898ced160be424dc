/**
 * One round trip for a tenant-scoped read: the statements that scope it
 * (optionally BEGIN, then the role and organization settings) travel in the
 * same write as the statement itself, as extended-protocol messages before
 * one Sync, and the answer is that statement's alone.
 *
 * Why this is safe: PostgreSQL runs every message up to a Sync in one
 * transaction (an implicit one without BEGIN), so `set_config(…, true)` holds
 * for the statement and ends with it; a statement that fails rolls the
 * settings back with it. node-postgres sends one query at a time and has no
 * way to write several statements in one go, so this is a `pg.Query` whose
 * `prepare` writes the scoping statements first and whose handlers swallow
 * their answers (CommandComplete, and set_config's one row).
 */
import pg from 'pg';
import { QueryFailedError } from 'typeorm';

/** The parts of node-postgres's protocol connection this writes to (pg/lib/connection.js). */
interface Wire {
  parse(config: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(config: { portal?: string; rows?: number }): void;
}

type QueryConfig = ConstructorParameters<typeof pg.Query>[0];
interface Handlers {
  prepare(connection: Wire): void;
  handleDataRow(msg: unknown): void;
  handleCommandComplete(msg: unknown, connection: unknown): void;
}
const base = pg.Query.prototype as unknown as Handlers;

class ScopedQuery extends pg.Query {
  /** Answers of the scoping statements still to come (each ends with one CommandComplete). */
  private pending: number;

  constructor(config: QueryConfig, readonly prelude: readonly string[]) {
    super(config);
    this.pending = prelude.length;
  }

  // Always the extended protocol: the scoping statements and this one must share one Sync.
  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: Wire): void {
    for (const text of this.prelude) {
      connection.parse({ text, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: [] });
      connection.execute({ portal: '' });
    }
    base.prepare.call(this, connection);
  }

  handleDataRow(msg: unknown): void {
    if (this.pending === 0) base.handleDataRow.call(this, msg);
  }

  handleCommandComplete(msg: unknown, connection: unknown): void {
    if (this.pending > 0) this.pending--;
    else base.handleCommandComplete.call(this, msg, connection);
  }
}

interface PgResult {
  command: string;
  rows: unknown[];
  rowCount: number | null;
}
type Callback = (err: Error | null, result: PgResult) => void;
interface PgClient {
  query(query: ScopedQuery): unknown;
}

/**
 * Runs `sql` on `client` after the `prelude` statements (no parameters; each
 * ends before the next starts, all in one round trip) and answers as TypeORM's
 * `QueryRunner.query` does: rows, or `[rows, count]` for UPDATE and DELETE;
 * a failure is TypeORM's QueryFailedError (the data layer reads its code).
 */
export async function queryAfter<T>(client: unknown, prelude: readonly string[], sql: string, parameters?: unknown[]): Promise<T> {
  const query = new ScopedQuery({ text: sql, values: parameters }, prelude);
  let result: PgResult;
  try {
    result = await new Promise<PgResult>((resolve, reject) => {
      (query as unknown as { callback: Callback }).callback = (err, res) => (err ? reject(err) : resolve(res));
      (client as PgClient).query(query);
    });
  } catch (err) {
    throw new QueryFailedError(sql, parameters, err as Error);
  }
  return (result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows) as T;
}
