/**
 * Counts every SQL statement a process sends (and reports its CPU time): `pg.Client.prototype.query` is the
 * one door for TypeORM's pool, the session store's pool and plain pg.Pool users.
 * Loaded first in the benchmark's server processes; answers `stats`/`reset`
 * messages from the parent over IPC.
 */
import pg from 'pg';

export interface StatementStats {
  type: 'stats';
  statements: number;
  /** CPU time (user + system) this process has used since it started, in ms. */
  cpuMs: number;
  /** Statement text (whitespace collapsed, cut at 160 characters) → times sent. */
  byText: Record<string, number>;
}

let statements = 0;
let byText = new Map<string, number>();

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;
proto.query = function countedQuery(this: unknown, ...args: unknown[]): unknown {
  statements++;
  const first = args[0];
  const text = typeof first === 'string' ? first : typeof (first as { text?: unknown })?.text === 'string' ? (first as { text: string }).text : '(prepared)';
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  byText.set(key, (byText.get(key) ?? 0) + 1);
  return original.apply(this, args);
};

export function statementStats(): StatementStats {
  const cpu = process.cpuUsage();
  return { type: 'stats', statements, cpuMs: (cpu.user + cpu.system) / 1000, byText: Object.fromEntries(byText) };
}

export function resetStatementStats(): void {
  statements = 0;
  byText = new Map();
}

/** The IPC side: the parent asks for the counters, resets them or stops the process. */
export function answerParent(stop: () => Promise<void>): void {
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stats') process.send?.(statementStats());
    else if (message.type === 'reset') {
      resetStatementStats();
      process.send?.({ type: 'reset' });
    } else if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
}
