/**
 * A CSV export names each reference beside its id (`book_title`, `member_title`) and still reads
 * back cleanly: the import skips the title columns and takes the ids. Titles follow the exporter's
 * read rules (a record they may not read gets an empty title, its id stays).
 */
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportRecords, importCsv } from '../core/exchange/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
});
afterAll(async () => {
  await runtime?.dispose();
});

async function csvOf(key: string): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  await exportRecords(await lib.as('librarian'), key, 'csv', out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('CSV exports with reference titles', () => {
  it('carry <field>_title beside each reference, and import back with the title columns skipped', async () => {
    const librarian = await lib.as('librarian');
    const book = await librarian.create('library.book', { title: 'Tide Tables', copies_total: 2 });
    const member = await librarian.create('library.member', { name: 'Rafiq Islam', card_number: 'RI-1' });
    await librarian.create('library.loan', { book: book.id, member: member.id });
    const text = await csvOf('library.loan');
    const [header, row] = parse(text, { bom: true }) as string[][];
    const cell = (name: string): string => row[header.indexOf(name)];
    expect(header.indexOf('book_title')).toBe(header.indexOf('book') + 1);
    expect(header.indexOf('member_title')).toBe(header.indexOf('member') + 1);
    expect([cell('book'), cell('book_title'), cell('member'), cell('member_title')]).toEqual([book.id, 'Tide Tables', member.id, 'Rafiq Islam']);

    // Delete the loan and import the file back: the same book and member, the title columns ignored.
    await librarian.delete('library.loan', cell('id'));
    const report = await importCsv(runtime, lib.users.get('librarian')!.actor, 'library.loan', text);
    expect(report.rejected).toEqual([]);
    expect(report.committed).toBe(true);
    expect(report.ignoredColumns).toEqual(expect.arrayContaining(['book_title', 'member_title']));
    const [again] = await librarian.find('library.loan', { filters: [{ field: 'book', op: 'eq', value: book.id }] });
    expect([again.book, again.member]).toEqual([book.id, member.id]);
  });
});
