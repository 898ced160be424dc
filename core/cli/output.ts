/**
 * What a command line runs with: where it writes (results on stdout, errors
 * and progress on stderr, so `--json` output can be piped) and the
 * environment it reads (DATABASE_URL, DATA_DIR, MANIFEST_DIR…): the process's
 * own for the bin, the caller's for `runCli` in-process. Plus a plain-text
 * table for listings.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** `npm run ums -- <args>`, the way users are told to run a command. */
export const invocation = (args: string): string => `npm run ums -- ${args}`;

/** Left-aligned columns separated by two spaces; the header is underlined. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
