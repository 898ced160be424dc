/**
 * Runs (manifest `run`): the declared record action creates one payslip per
 * active employee in one transaction and says how many; it runs once per
 * run record (twice at once included); two runs for one period, created at
 * once, give exactly one (a partial unique index); cancelling removes what
 * the run created and frees the period for a new run.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { errorOf } from './support/errors.js';
import { stockroomDir } from './support/ledger-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const RUN = 'stockroom.payroll_run';
const SLIP = 'stockroom.payslip';
const dir = stockroomDir();
let runtime: TestRuntime;
let org: Fixture;
let keeper: RecordService;

const slipsOf = async (run: string): Promise<Record<string, unknown>[]> => keeper.find(SLIP, { filters: [{ field: 'run', op: 'eq', value: run }], limit: 1000 });

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: loadRegistry({ dir }), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'stockroom', ['keeper']);
  keeper = await org.as('keeper');
  for (const [name, status, base] of [['Ana', 'ACTIVE', 3000], ['Ben', 'ACTIVE', 2500], ['Cem', 'ACTIVE', 2800], ['Dee', 'LEFT', 2000]] as const) {
    await keeper.create('stockroom.employee', { name, status, base });
  }
}, 60_000);

afterAll(async () => {
  await runtime?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a run', () => {
  it('is a record action on the run entity, with its cancel action', () => {
    const actions = runtime.plugins.actionsFor(runtime.registry.entity(RUN)!).map((a) => [a.name, a.label]);
    expect(actions).toEqual([['create_slips', 'Create payslips'], ['cancel_run', 'Cancel run']]);
  });

  it('creates one payslip per active employee in one transaction and reports the count', async () => {
    const run = await keeper.create(RUN, { period_start: '2026-01-01', period_end: '2026-01-31' });
    expect(run.status).toBe('DRAFT');
    const result = await keeper.runAction(RUN, 'create_slips', run.id);
    expect(result.message).toBe('Create payslips: 3 payslips created.');
    expect(result.record).toMatchObject({ status: 'DONE', slips: 3 });
    const slips = await slipsOf(run.id);
    expect(slips.map((s) => Number(s.base)).sort()).toEqual([2500, 2800, 3000]);
    // Once: a second run of the same record is refused and creates nothing.
    const again = await errorOf(keeper.runAction(RUN, 'create_slips', run.id));
    expect(again.code).toBe('CONFLICT');
    expect(await slipsOf(run.id)).toHaveLength(3);
  });

  it('two runs of one run record at once create its payslips once', async () => {
    const run = await keeper.create(RUN, { period_start: '2026-02-01', period_end: '2026-02-28' });
    const results = await Promise.allSettled([keeper.runAction(RUN, 'create_slips', run.id), keeper.runAction(RUN, 'create_slips', run.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as { code: string }).code).toBe('CONFLICT');
    expect(await slipsOf(run.id)).toHaveLength(3);
  });

  it('a payslip that fails rolls the whole run back', async () => {
    const run = await keeper.create(RUN, { period_start: '2026-03-01', period_end: '2026-03-31' });
    // A payslip for this run already exists for Ana: the unique (run, employee) refuses the run's own.
    const [ana] = await keeper.find('stockroom.employee', { filters: [{ field: 'name', op: 'eq', value: 'Ana' }] });
    await keeper.create(SLIP, { run: run.id, employee: ana.id, base: 1 });
    expect((await errorOf(keeper.runAction(RUN, 'create_slips', run.id))).code).toBe('VALIDATION_FAILED');
    expect(await slipsOf(run.id)).toHaveLength(1);
    expect((await keeper.get(RUN, run.id)).status).toBe('DRAFT');
  });
});

describe('one run per period', () => {
  it('two runs for one period created at once: exactly one, the other refused on the period', async () => {
    const results = await Promise.allSettled([1, 2].map(() => keeper.create(RUN, { period_start: '2026-04-01', period_end: '2026-04-30' })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const err = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as RecordValidationError;
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(err.fieldErrors.period_start.message).toMatch(/already a payroll run for this period/);
    expect(await keeper.count(RUN, [{ field: 'period_start', op: 'eq', value: '2026-04-01' }])).toBe(1);
  });

  it('cancelling removes what the run created, and the period can be run again', async () => {
    const [run] = await keeper.find(RUN, { filters: [{ field: 'period_start', op: 'eq', value: '2026-04-01' }] });
    await keeper.runAction(RUN, 'create_slips', run.id);
    expect(await slipsOf(run.id)).toHaveLength(3);
    const cancelled = await keeper.runAction(RUN, 'cancel_run', run.id);
    expect(cancelled.message).toBe('Cancel run: 3 payslips removed.');
    expect(cancelled.record).toMatchObject({ status: 'CANCELLED', slips: 0 });
    expect(await slipsOf(run.id)).toHaveLength(0);
    const again = await keeper.create(RUN, { period_start: '2026-04-01', period_end: '2026-04-30' });
    expect((await keeper.runAction(RUN, 'create_slips', again.id)).message).toBe('Create payslips: 3 payslips created.');
  });

  it('the status is the run\'s own: people cannot set it', async () => {
    const err = (await errorOf(keeper.create(RUN, { period_start: '2026-05-01', period_end: '2026-05-31', status: 'DONE' }))) as RecordValidationError;
    expect(err.fieldErrors.status.type).toBe('readOnly');
  });
});
