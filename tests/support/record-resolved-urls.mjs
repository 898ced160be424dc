// Module hook for deferred-imports-child.ts (tests only): appends every URL an import resolves to, to RESOLVED_LOG.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.RESOLVED_LOG) appendFileSync(process.env.RESOLVED_LOG, `${result.url}\n`);
  return result;
}
