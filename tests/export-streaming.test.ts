/**
 * A 100,000-row export streams: the server reads the rows in keyset pages of
 * at most 1,000 (never one query for everything, never an OFFSET re-read),
 * writes them as they come, and its heap does not grow with the export.
 * Every row arrives exactly once, also when all rows tie on the sort column.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { exportRecords } from '../core/exchange/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { sessionCookie, startTestServer, type TestServer } from './support/http.js';
import { fetchAs } from './support/files.js';

const ROWS = 100_000;
let runtime: TestRuntime;
let server: TestServer;
let lib: Fixture;
let cookie: string;
/** Row counts of each SELECT on library_book the application sends while a test watches. */
let bookReads: number[] | null = null;
let restoreClientQuery: (() => void) | undefined;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  const other = await createFixtureOrg(runtime, 'library', ['librarian']);
  // Fixture data in bulk (as the benchmark seeds): 100,000 books with a few hundred bytes each, and some of another organization.
  await runtime.dataSource.query(
    `INSERT INTO library_book (organization_id, title, authors, category, copies_total, copies_available, shelf)
     SELECT $1, 'Book ' || lpad(g::text, 6, '0'), repeat(chr(65 + g % 26), 400), 'fiction', 1, 1, 'S-' || (g % 50)
       FROM generate_series(1, ${ROWS}) g`,
    [lib.org.id],
  );
  await runtime.dataSource.query(`INSERT INTO library_book (organization_id, title, copies_total, copies_available) SELECT $1, 'Other ' || g, 1, 1 FROM generate_series(1, 500) g`, [other.org.id]);
  await runtime.dataSource.query('ANALYZE library_book');
  server = await startTestServer(runtime);
  cookie = await sessionCookie(server.url, lib.users.get('librarian')!.email, 'secret-123');

  // Every statement runs on a query runner (the data layer's reads in a short transaction of their own): count there.
  const createQueryRunner = runtime.dataSource.createQueryRunner.bind(runtime.dataSource);
  runtime.dataSource.createQueryRunner = ((mode?: 'master' | 'slave') => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner);
    runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
      const result: unknown = await (query as (s: string, p?: unknown[], u?: boolean) => Promise<unknown>)(sql, parameters, structured);
      if (bookReads && /FROM "library_book"/.test(sql) && Array.isArray(result)) bookReads.push(result.length);
      return result;
    }) as typeof runner.query;
    return runner;
  }) as typeof runtime.dataSource.createQueryRunner;
  // A tenant-scoped read outside a step skips the query runner: it is a query object given to the pg
  // client with its callback set (core/data/scoped-query.ts). Count those where they answer.
  const clientQuery = pg.Client.prototype.query;
  restoreClientQuery = () => { pg.Client.prototype.query = clientQuery; };
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const query = args[0] as { text?: unknown; callback?: (err: Error | null, res: { rows: unknown[] }) => void } | undefined;
    const answer = query?.callback;
    if (typeof query === 'object' && typeof query.text === 'string' && typeof answer === 'function') {
      const text = query.text;
      query.callback = (err, res) => {
        if (!err && bookReads && /FROM "library_book"/.test(text)) bookReads.push(res.rows.length);
        answer(err, res);
      };
    }
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof clientQuery;
}, 120_000);
afterAll(async () => {
  restoreClientQuery?.();
  await server?.close();
  await runtime?.dispose();
});

/** A full garbage collection, so that heapUsed is what is still referenced (V8's gc, reached without --expose-gc on the command line). */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const retainedHeap = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};

const title = (n: number): string => `Book ${String(n).padStart(6, '0')}`;

describe('exporting 100,000 books', () => {
  it('streams the CSV over HTTP from pages of at most 1,000 rows, every row once and in order, without the heap growing with it', async () => {
    bookReads = [];
    const baseline = retainedHeap();
    let growth = 0;
    let rows = 0;
    let inOrder = true;
    let readsAtFirstRow = -1;
    let partial = '';
    const res = await fetchAs(server.url, cookie, '/admin/x/export/library.book.csv');
    expect(res.status).toBe(200);
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const lines = (partial + decoder.decode(value, { stream: true })).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        // TextDecoder drops the BOM: the header reads "id,…".
        if (line.startsWith('id,')) continue;
        if (++rows === 1) readsAtFirstRow = bookReads.length;
        // Titles are unique and the list sorts by title: row n must be "Book n", which proves none is missing or repeated.
        if (line.split(',')[1] !== title(rows)) inOrder = false;
        if (rows % 20_000 === 0) growth = Math.max(growth, retainedHeap() - baseline);
      }
    }
    const reads = bookReads;
    bookReads = null;

    expect(rows).toBe(ROWS);
    expect(inOrder).toBe(true);
    // Paged: many reads, none bigger than a page; bytes were on their way long before the last page was read.
    expect(Math.max(...reads)).toBeLessThanOrEqual(1000);
    expect(reads.length).toBeGreaterThanOrEqual(ROWS / 1000);
    expect(readsAtFirstRow).toBeLessThan(reads.length / 2);
    // What stays referenced while the export runs: holding its rows would be over 100 MB (≈ 100,000 × 0.5 KB of text, plus objects).
    expect(growth).toBeLessThan(32 * 1024 * 1024);
  }, 120_000);

  it('stops reading pages when the client goes away mid-download', async () => {
    bookReads = [];
    const controller = new AbortController();
    const res = await fetchAs(server.url, cookie, '/admin/x/export/library.book.csv', { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const readsAfterAbort = bookReads.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(bookReads.length).toBe(readsAfterAbort);
    expect(readsAfterAbort).toBeLessThan(ROWS / 1000);
    bookReads = null;
    // The server is fine afterwards.
    expect((await fetchAs(server.url, cookie, '/admin/x/export/library.book.csv?filters.title=Book 00001')).status).toBe(200);
  }, 60_000);

  it.each(['csv', 'xlsx'] as const)('a %s export whose output closes early fails at once instead of waiting forever', async (format) => {
    const sink: Writable = new Writable({
      write(_chunk, _encoding, done) {
        done();
        sink.destroy();
      },
    });
    await expect(exportRecords(await lib.as('librarian'), 'library.book', format, sink)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/cancelled/) });
  }, 30_000);

  it('writes every row exactly once when all rows tie on the sort column (then the id decides)', async () => {
    // The bulk insert gave all rows the same created_at.
    const [{ distinct }]: { distinct: number }[] = await runtime.dataSource.query('SELECT count(DISTINCT created_at)::int AS distinct FROM library_book WHERE organization_id = $1', [lib.org.id]);
    expect(distinct).toBe(1);
    let rows = 0;
    let descending = true;
    let previous = '\uffff';
    let partial = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const id = line.split(',')[0];
          if (id === '\ufeffid') continue;
          rows++;
          // Strictly decreasing ids: no row twice (uuids sort in PostgreSQL as their hex text does).
          if (!(id < previous)) descending = false;
          previous = id;
        }
        done();
      },
    });
    // One shelf (2,000 books) in pages of 150: many page boundaries inside one run of equal sort keys.
    const filters = [{ field: 'shelf', op: 'eq' as const, value: 'S-7' }];
    const written = await exportRecords(await lib.as('librarian'), 'library.book', 'csv', sink, { filters, sort: { field: 'created_at', direction: 'desc' }, pageSize: 150 });
    expect(written).toBe(ROWS / 50);
    expect(rows).toBe(ROWS / 50);
    expect(descending).toBe(true);
  }, 120_000);

  it('streams the XLSX from pages too, with the list filter applied', async () => {
    bookReads = [];
    const res = await fetchAs(server.url, cookie, '/admin/x/export/library.book.xlsx?filters.shelf=S-7&sortBy=title&direction=desc');
    expect(res.status).toBe(200);
    const body = await res.arrayBuffer();
    const reads = bookReads;
    bookReads = null;
    expect(Math.max(...reads)).toBeLessThanOrEqual(1000);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body);
    const sheet = workbook.worksheets[0];
    // Shelf S-7: every 50th book from number 7 on.
    expect(sheet.actualRowCount).toBe(ROWS / 50 + 1);
    expect(sheet.getRow(2).getCell(2).value).toBe(title(ROWS - 43));
    expect(sheet.getRow(ROWS / 50 + 1).getCell(2).value).toBe(title(7));
  }, 120_000);
});
