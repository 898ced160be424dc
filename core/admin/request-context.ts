/**
 * Per-request facts AdminJS does not pass to resources (the client's IP, for
 * the audit log), kept in AsyncLocalStorage for the duration of one request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ ip?: string }>();

export const runWithRequestContext = <T>(ip: string | undefined, fn: () => T): T => storage.run({ ip }, fn);

export const requestIp = (): string | undefined => storage.getStore()?.ip;
