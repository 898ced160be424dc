/**
 * SQL statements per request, counted inside a server process (scripts/bench/statements.ts) over
 * `sample` sequential requests on one keep-alive connection, after the load: caches in their steady
 * state (the access cache's 5-s refresh is included when it falls in). Used by the list bench
 * (scripts/bench.ts) and the tenants bench (scripts/bench/tenants.ts). A module of its own because
 * statements.ts patches pg when it is loaded, which the load generator's process must not do.
 */
import http from 'node:http';
import { request } from './load.js';
import type { StatementStats } from './statements.js';

export interface CountedServer {
  ask<T>(type: 'stats' | 'reset'): Promise<T>;
}

/** Resets the server's counters, sends `sample` requests one after another (each must answer 200) and returns its counters. */
export async function countSequentialStatements(target: { server: CountedServer; url: string; headers: Record<string, string> }, sample: number): Promise<StatementStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await target.server.ask('reset');
    for (let i = 0; i < sample; i++) {
      const answer = await request(agent, target.url, target.headers);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status} from ${target.url}`);
    }
    return await target.server.ask<StatementStats>('stats');
  } finally {
    agent.destroy();
  }
}
