/**
 * The operator's view of jobs, through the CLI (called in-process, tests/support/cli.ts)
 * against a cloned, migrated test database: `jobs:run` runs a job at once and
 * prints its result, `jobs:list` shows it per organization, and a failing run
 * is visible with its error (`jobs:list --failed`, `jobs:failed`) and exits 1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { createFixtureOrg, createTestDatabase, type Fixture, type TestDatabase } from './support/runtime.js';
import { runCli, type CliResult } from './support/cli.js';

const DAY = 86_400_000;

let db: TestDatabase;
let runtime: Runtime;
let lib: Fixture;

function ums(...args: string[]): Promise<CliResult> {
  return runCli(args, { DATABASE_URL: db.url, JOBS_BACKEND: '', MONGODB_URL: '' });
}

async function overdueLoan(title: string, daysLate: number): Promise<string> {
  const librarian = await lib.as('librarian');
  const book = await librarian.create('library.book', { title, copies_total: 1 });
  const member = await librarian.create('library.member', { name: `Reader of ${title}`, card_number: `R-${Math.floor(Math.random() * 1e8)}` });
  const loan = await librarian.create('library.loan', { book: book.id, member: member.id });
  await librarian.runAction('library.loan', 'issue', loan.id);
  await (await lib.system()).update('library.loan', loan.id, { due_at: new Date(Date.now() - daysLate * DAY + 60_000).toISOString() });
  return loan.id;
}

const fineOf = async (id: string): Promise<unknown> => (await (await lib.system()).get('library.loan', id)).fine;
const lineOf = (stdout: string, ...parts: string[]): string | undefined => stdout.split('\n').find((l) => parts.every((p) => l.includes(p)));

beforeAll(async () => {
  db = await createTestDatabase();
  runtime = await createRuntime({ config: { databaseUrl: db.url, dataDir: '', embeddedPgPort: 0 }, poolSize: 4 });
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  await (await lib.system()).create('library.fine_setting', { loan_days: 7, daily_fine: 2, max_fine: 50 });
});

afterAll(async () => {
  await runtime?.close();
  await db?.drop();
});

describe('jobs from the command line', () => {
  let first: string;

  it('jobs:run runs a job now for one organization and prints its result', async () => {
    first = await overdueLoan('First Overdue', 3);
    const r = await ums('jobs:run', 'library.fine_accrual', '--org', lib.org.slug);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^library\\.fine_accrual @ ${lib.org.slug}: ok \\(\\d+ ms\\): 1 overdue loan, 1 fine updated$`, 'm'));
    expect(await fineOf(first)).toBe(6);
  }, 60_000);

  it('jobs:list shows every job per organization with its schedule and the last result', async () => {
    const r = await ums('jobs:list', '--org', lib.org.slug);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^JOB\s+ORGANIZATION\s+SCHEDULE\s+NEXT RUN\s+LAST RUN\s+LAST RESULT$/m);
    const accrual = lineOf(r.stdout, 'library.fine_accrual', lib.org.slug);
    expect(accrual).toMatch(/cron 0 1 \* \* \*\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+ok: 1 overdue loan, 1 fine updated$/);
    expect(lineOf(r.stdout, 'library.overdue_reminder', lib.org.slug)).toMatch(/never run$/);
    expect(lineOf(r.stdout, 'core.mail_delivery')).toMatch(/^core\.mail_delivery\s+-\s+every 10 seconds/);
  }, 60_000);

  it('a failing run exits 1, says so, and is listed with its error', async () => {
    // A real failure from the database: a constraint the accrued fine (2 × 4 days = 8) violates.
    await runtime.dataSource.query('ALTER TABLE library_loan ADD CONSTRAINT test_cap_fine CHECK (fine IS NULL OR fine <= 7) NOT VALID');
    const second = await overdueLoan('Second Overdue', 4);
    const r = await ums('jobs:run', 'library.fine_accrual', '--org', lib.org.slug);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`library\\.fine_accrual @ ${lib.org.slug}: FAILED \\(\\d+ ms\\): .*fine: is not an allowed value`));
    expect(r.stderr).toContain('error: 1 run of library.fine_accrual failed');
    expect(await fineOf(second)).toBeNull();

    const failed = await ums('jobs:list', '--failed');
    expect(failed.code).toBe(0);
    expect(lineOf(failed.stdout, 'library.fine_accrual', lib.org.slug)).toMatch(/FAILED: .*fine: is not an allowed value/);
    expect(lineOf(failed.stdout, 'library.overdue_reminder')).toBeUndefined();

    const history = await ums('jobs:failed');
    expect(history.code).toBe(0);
    expect(lineOf(history.stdout, 'library.fine_accrual', lib.org.slug, 'manual')).toMatch(/fine: is not an allowed value/);
  }, 120_000);

  it('an unknown job or --org on a core job is refused with a clear message', async () => {
    const unknown = await ums('jobs:run', 'library.nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No job "library\.nope" \(known: .*library\.fine_accrual/);
    const core = await ums('jobs:run', 'core.mail_delivery', '--org', lib.org.slug);
    expect(core.code).toBe(1);
    expect(core.stderr).toContain('core.mail_delivery is a core job for the whole installation: leave out --org.');
  }, 60_000);
});
