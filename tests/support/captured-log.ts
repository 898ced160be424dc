/** The process's log (pino) captured as parsed lines and raw text, for tests that check what is logged and what never is. */
import { Writable } from 'node:stream';
import { createLogger, useLogger } from '../../core/log.js';

export interface CapturedLog {
  lines: Record<string, unknown>[];
  raw: string[];
  /** Back to the default logger. */
  restore(): void;
}

export function captureLog(level: 'debug' | 'info'): CapturedLog {
  const captured: CapturedLog = { lines: [], raw: [], restore: () => useLogger(createLogger()) };
  useLogger(
    createLogger({
      level,
      destination: new Writable({
        write(chunk: Buffer, _enc, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
            captured.raw.push(line);
            captured.lines.push(JSON.parse(line) as Record<string, unknown>);
          }
          done();
        },
      }),
    }),
  );
  return captured;
}
