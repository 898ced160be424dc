/** Helpers for tests of files: PDF text laid out by position (unpdf, i.e. PDF.js), and raw HTTP with a signed-in cookie. */
import { extractTextItems } from 'unpdf';

/** One column of the text grid, in points: about one Helvetica character at 10 pt. */
const COLUMN = 5;

/**
 * The text of a PDF laid out as `pdftotext -layout` does, in plain JavaScript
 * (no system package): per page, the text runs that share a baseline form one
 * line, left to right, each starting at the column its x position gives (so
 * table cells stay apart by at least one space); pages end with a form feed.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { items } = await extractTextItems(new Uint8Array(pdf));
  return items.map((page) => `${pageLines(page).join('\n')}\n\f`).join('');
}

type TextRun = { str: string; x: number; y: number; width: number; fontSize: number };

function pageLines(runs: TextRun[]): string[] {
  const lines: { y: number; size: number; runs: TextRun[] }[] = [];
  for (const run of runs.filter((r) => r.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x)) {
    // Runs of different sizes on one visual line (a title beside a name) have baselines a few points apart.
    const line = lines.find((l) => Math.abs(l.y - run.y) < Math.min(l.size, run.fontSize) / 2);
    if (line) line.runs.push(run);
    else lines.push({ y: run.y, size: run.fontSize, runs: [run] });
  }
  const left = Math.min(...runs.map((r) => r.x));
  return lines.map(({ runs: line }) => {
    let text = '';
    let end = -Infinity;
    for (const run of line.sort((a, b) => a.x - b.x)) {
      const touching = run.x - end < run.fontSize * 0.15;
      const column = Math.round((run.x - left) / COLUMN);
      text = touching ? text + run.str.trimStart() : text.padEnd(text ? Math.max(column, text.length + 1) : column) + run.str.trimStart();
      end = run.x + run.width;
    }
    return text.trimEnd();
  });
}

export async function fetchAs(baseUrl: string, cookie: string | undefined, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('cookie', cookie);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  return fetch(`${baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
}
