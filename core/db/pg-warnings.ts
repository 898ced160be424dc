/**
 * TypeORM's schema builder (`getTables`, run by synchronize and by
 * migrations:generate) sends its catalogue queries with Promise.all on one pg
 * client once tables have exclusion constraints or generated columns. pg 8.23
 * queues them correctly but prints a deprecation notice (queueing ends in pg 9),
 * which reached the operator's `migrations:generate --check` output. The notice
 * is TypeORM's to fix; this drops that one message, nothing else. Revisit
 * before moving to pg 9.
 */
const QUEUED_QUERY_NOTICE = 'Calling client.query() when the client is already executing a query';

const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (text.startsWith(QUEUED_QUERY_NOTICE)) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
