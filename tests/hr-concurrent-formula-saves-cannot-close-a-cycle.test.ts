/**
 * The salary-formula check reads a structure's other lines before a line is
 * written. Two saves that are each fine alone but together close a cycle
 * (HRA becomes 0.1 × PF while PF becomes 0.5 × HRA) run at the same time:
 * exactly one is accepted and the other is refused with the cycle on its
 * formula field, because each save checks under the structure's row lock and
 * so sees the other's committed line. Several rounds, each on a fresh
 * structure, so an unlocked check (both saves reading the other's old amount)
 * would show up as two successes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { RecordValidationError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

const LINE = 'hr.salary_structure_line';
let runtime: TestRuntime;
let org: Fixture;
let payroll: RecordService;
const component: Record<string, string> = {};

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 10 });
  org = await createFixtureOrg(runtime, 'hr', ['payroll_officer']);
  payroll = await org.as('payroll_officer');
  for (const [name, abbreviation, kind] of [['House rent', 'HRA', 'EARNING'], ['Provident fund', 'PF', 'DEDUCTION']] as const) {
    component[abbreviation] = String((await payroll.create('hr.salary_component', { name, abbreviation, kind })).id);
  }
}, 120_000);

afterAll(async () => {
  await runtime?.dispose();
});

describe('two formula saves that together would close a cycle', () => {
  it('at the same time: exactly one is accepted, the other is refused on its formula with the cycle', async () => {
    for (let round = 0; round < 6; round++) {
      const structure = String((await payroll.create('hr.salary_structure', { name: `Race ${round}` })).id);
      const hra = await payroll.create(LINE, { structure, component: component.HRA, amount: 100 });
      const pf = await payroll.create(LINE, { structure, component: component.PF, amount: 50 });
      // Each alone is fine (the other is an amount); both together read each other.
      const results = await Promise.allSettled([
        payroll.update(LINE, String(hra.id), { amount: null, formula: 'PF * 0.1' }),
        payroll.update(LINE, String(pf.id), { amount: null, formula: 'HRA * 0.5' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(refused.reason).toBeInstanceOf(RecordValidationError);
      const errors = (refused.reason as RecordValidationError).fieldErrors;
      expect(Object.keys(errors)).toEqual(['formula']);
      expect(errors.formula.message).toMatch(/^a cycle: (HRA → PF → HRA|PF → HRA → PF) \(each reads the next\)$/);
      // What is stored has no cycle: one line reads the other, which is still an amount.
      const stored = await payroll.find(LINE, { filters: [{ field: 'structure', op: 'eq', value: structure }] });
      expect(stored.filter((l) => l.formula !== null && l.formula !== undefined)).toHaveLength(1);
      expect(stored.filter((l) => l.amount !== null && l.amount !== undefined)).toHaveLength(1);
    }
  }, 120_000);
});
