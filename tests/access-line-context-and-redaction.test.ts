/**
 * The log's line object (core/log.ts lineObject, pino's log formatter since the mixin and pino's
 * wildcard redact were dropped for their cost): a line written inside a request carries the request's
 * id, organization and user; the access line, which names them itself, keeps its own fields in the
 * same order; secrets are censored at the top level and one level down, as `key` and `*.key` redact
 * paths did, without touching the caller's object; a line outside any request gets no context.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger, identifyRequest, attachRequestLog, runWithRequestLog, type RequestLogContext } from '../core/log.js';

function captured(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

const withoutTime = (raw: string): Record<string, unknown> => {
  const { time: _time, pid: _pid, ...rest } = JSON.parse(raw) as Record<string, unknown>;
  return rest;
};

describe('log lines', () => {
  it('a line deeper in a request names the request, its organization and user', () => {
    const { lines, logger } = captured();
    const request = {};
    const context: RequestLogContext = { requestId: 'req-00000001' };
    attachRequestLog(request, context);
    runWithRequestLog(context, () => {
      logger.info({ resource: 'LibraryBook' }, 'before sign-in is known');
      identifyRequest(request, 'org-1', 'user-1');
      logger.info({ resource: 'LibraryBook' }, 'after');
    });
    expect(lines.map(withoutTime)).toEqual([
      { level: 30, requestId: 'req-00000001', resource: 'LibraryBook', msg: 'before sign-in is known' },
      { level: 30, requestId: 'req-00000001', organizationId: 'org-1', userId: 'user-1', resource: 'LibraryBook', msg: 'after' },
    ]);
  });

  it('the access line is written as given, in its order, with no second context', () => {
    const { lines, logger } = captured();
    runWithRequestLog({ requestId: 'other-request-id', organizationId: 'org-x', userId: 'user-x' }, () =>
      logger.info({ requestId: 'req-00000002', organizationId: 'org-2', userId: 'user-2', method: 'GET', route: '/admin/api/resources/:resourceId/actions/:action', status: 200, ms: 17 }, 'request'),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\{"level":30,"time":"[^"]+","pid":\d+,"requestId":"req-00000002","organizationId":"org-2","userId":"user-2","method":"GET","route":"\/admin\/api\/resources\/:resourceId\/actions\/:action","status":200,"ms":17,"msg":"request"\}$/);
  });

  it('censors secret keys at the top level and one level down, leaving the caller’s object alone', () => {
    const { lines, logger } = captured();
    const body = { email: 'ada@example.org', password: 'Hunter-2-secret', name: 'Ada' };
    const logged = { token: 'tok-123456', user: body, headers: { authorization: 'Bearer abc', cookie: 'ums.sid=s%3Aabc', accept: 'json' }, count: 2 };
    logger.warn(logged, 'careless');
    expect(withoutTime(lines[0])).toEqual({
      level: 40,
      token: '[redacted]',
      user: { email: '[redacted]', password: '[redacted]', name: 'Ada' },
      headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'json' },
      count: 2,
      msg: 'careless',
    });
    for (const secret of ['ada@example.org', 'Hunter-2-secret', 'tok-123456', 'Bearer abc', 'ums.sid']) expect(lines[0]).not.toContain(secret);
    expect(logged.user).toBe(body);
    expect(body.password).toBe('Hunter-2-secret');
    expect(logged.token).toBe('tok-123456');
  });

  it('a line outside any request carries no request fields', () => {
    const { lines, logger } = captured();
    logger.info({ job: 'core.backup' }, 'job ran');
    expect(withoutTime(lines[0])).toEqual({ level: 30, job: 'core.backup', msg: 'job ran' });
  });
});
