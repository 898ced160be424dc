/**
 * The statements the pg client is given while `run` runs, whichever way they
 * travel: a string with its values, or a query object (a tenant-scoped read
 * outside a step is one: core/data/scoped-query.ts). For tests that EXPLAIN
 * what the data layer really sent.
 */
import pg from 'pg';

export interface SentStatement {
  sql: string;
  params: unknown[];
}

export async function statementsSent(matches: (sql: string) => boolean, run: () => Promise<void>): Promise<SentStatement[]> {
  const sent: SentStatement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const query = typeof args[0] === 'string' ? { text: args[0], values: args[1] } : (args[0] as { text?: unknown; values?: unknown } | undefined);
    if (typeof query?.text === 'string' && matches(query.text)) sent.push({ sql: query.text, params: Array.isArray(query.values) ? query.values : [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}
