/**
 * Roll-up sums (`rollup` on a numeric field): the field is the sum of a field
 * of the children that match a condition, kept in each child's write
 * transaction by an atomic update of the parent — inserts, edits (also moving
 * a line to another parent or out of the condition) and deletes; 20 lines
 * inserted at once give the exact sum; nobody can write the field; a
 * computed field may read it; manifest mistakes are file#pointer problems.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../core/data/records.js';
import { ManifestError, RecordValidationError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { errorOf } from './support/errors.js';
import { rollupManifest, type Json } from './support/rollup-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const INVOICE = 'tills.invoice';
const LINE = 'tills.line';
let runtime: TestRuntime;
let org: Fixture;
let clerk: RecordService;

const invoice = async (reference: string): Promise<string> => String((await clerk.create(INVOICE, { reference })).id);
const sums = async (id: string): Promise<[number, number, number]> => {
  const r = await clerk.get(INVOICE, id);
  return [Number(r.charges), Number(r.credits), Number(r.balance)];
};

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(rollupManifest()), poolSize: 25 });
  org = await createFixtureOrg(runtime, 'tills', ['clerk']);
  clerk = await org.as('clerk');
}, 60_000);
afterAll(() => runtime?.dispose());

describe('a roll-up follows its children', () => {
  it('starts at 0 and adds the matching lines only; a computed field reads the sums', async () => {
    const id = await invoice('INV-1');
    expect(await sums(id)).toEqual([0, 0, 0]);
    await clerk.create(LINE, { invoice: id, kind: 'charge', amount: '100.10' });
    await clerk.create(LINE, { invoice: id, kind: 'charge', amount: '0.20' });
    await clerk.create(LINE, { invoice: id, kind: 'payment', amount: '50' });
    await clerk.create(LINE, { invoice: id, kind: 'note', amount: '999' });
    await clerk.create(LINE, { invoice: id, kind: 'charge' });
    // 100.10 + 0.20 is 100.30 exactly: numeric arithmetic, no float drift.
    expect(await sums(id)).toEqual([100.3, 50, 50.3]);
  });

  it('an edit moves the sums by the difference, also into or out of the condition and to another parent', async () => {
    const a = await invoice('INV-2');
    const b = await invoice('INV-3');
    const line = await clerk.create(LINE, { invoice: a, kind: 'charge', amount: '40' });
    await clerk.update(LINE, String(line.id), { amount: '45' });
    expect(await sums(a)).toEqual([45, 0, 45]);
    await clerk.update(LINE, String(line.id), { kind: 'discount' });
    expect(await sums(a)).toEqual([0, 45, -45]);
    await clerk.update(LINE, String(line.id), { kind: 'note' });
    expect(await sums(a)).toEqual([0, 0, 0]);
    await clerk.update(LINE, String(line.id), { kind: 'charge', invoice: b });
    expect(await sums(a)).toEqual([0, 0, 0]);
    expect(await sums(b)).toEqual([45, 0, 45]);
    await clerk.delete(LINE, String(line.id));
    expect(await sums(b)).toEqual([0, 0, 0]);
  });

  it('a child write that fails leaves the sum as it was (one transaction)', async () => {
    const id = await invoice('INV-4');
    await clerk.create(LINE, { invoice: id, kind: 'charge', amount: '10' });
    await expect(clerk.transaction(async (tx) => {
      await tx.create(LINE, { invoice: id, kind: 'charge', amount: '5' });
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(await sums(id)).toEqual([10, 0, 10]);
  });

  it('20 lines inserted at once give the exact sum', async () => {
    const id = await invoice('INV-5');
    const amounts = Array.from({ length: 20 }, (_v, i) => (i + 1) * 1.01);
    const results = await Promise.allSettled(amounts.map((amount) => clerk.create(LINE, { invoice: id, kind: 'charge', amount: amount.toFixed(2) })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    // 1.01 × (1 + … + 20) = 212.10
    expect(await sums(id)).toEqual([212.1, 0, 212.1]);
    const lines = await clerk.find(LINE, { filters: [{ field: 'invoice', op: 'eq', value: id }], limit: 100 });
    expect(lines.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0)).toBe(21210);
  });

  it('is read-only for everyone: a person is refused with a field error, a system value is ignored', async () => {
    const err = (await errorOf(clerk.create(INVOICE, { reference: 'INV-6', charges: 5 }))) as RecordValidationError;
    expect(err.fieldErrors.charges).toEqual({ message: 'is the sum of its lines and cannot be entered', type: 'readOnly' });
    const id = await invoice('INV-7');
    await clerk.create(LINE, { invoice: id, kind: 'charge', amount: '7' });
    const edit = (await errorOf(clerk.update(INVOICE, id, { charges: 5 }))) as RecordValidationError;
    expect(edit.fieldErrors.charges).toEqual({ message: 'is the sum of its lines and cannot be changed', type: 'readOnly' });
    // The system (seeds, imports) is not refused but cannot move it either: as with computed fields, its value is ignored.
    const system = await org.system();
    await system.update(INVOICE, id, { charges: 5, reference: 'INV-7b' });
    await system.create(INVOICE, { reference: 'INV-8', charges: 5 }).then(async (r) => expect(Number(r.charges)).toBe(0));
    expect(await sums(id)).toEqual([7, 0, 7]);
    expect(runtime.registry.entity(INVOICE)!.field.get('charges')!.readOnly).toBe(true);
  });
});

describe('manifest mistakes in a roll-up, with file and pointer', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function problemsOf(edit: (invoice: Json & { fields: Json[] }) => void): { problems: ManifestProblem[]; file: string } {
    const manifest = rollupManifest();
    edit((manifest.entities as (Json & { fields: Json[] })[])[0]);
    const dir = mkdtempSync(join(tmpdir(), 'ums-rollup-'));
    dirs.push(dir);
    const file = join(dir, 'tills.json');
    writeFileSync(file, JSON.stringify(manifest));
    try {
      loadRegistry({ dir });
    } catch (err) {
      if (err instanceof ManifestError) return { problems: err.problems, file };
      throw err;
    }
    throw new Error('the manifest loaded without problems');
  }

  it('an unknown child, a parent field that points elsewhere, a summed field that is not numeric, a non-numeric roll-up, a path in the condition', () => {
    const at = (fi: number, rest: string): string => `/entities/0/fields/${fi}${rest}`;
    const { problems, file } = problemsOf((inv) => {
      inv.fields[1].rollup = { entity: 'lines', parent: 'invoice', sum: 'amount' };
      inv.fields[2].rollup = { entity: 'line', parent: 'kind', sum: 'kind', where: { 'invoice.reference': 'x' } };
      inv.fields.push({ name: 'count', type: 'string', rollup: { entity: 'line', parent: 'invoice', sum: 'amount' } });
    });
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: at(1, '/rollup/entity'), message: 'unknown entity "lines"' },
      { file, pointer: at(2, '/rollup/parent'), message: 'field "kind" of tills.line must be a reference to tills.invoice' },
      { file, pointer: at(2, '/rollup/sum'), message: 'field "kind" of tills.line must be numeric (integer, decimal or money), not enum' },
      expect.objectContaining({ file, pointer: at(2, '/rollup/where/invoice.reference') }),
      { file, pointer: at(4, '/type'), message: 'a roll-up field is integer, decimal or money (got string)' },
    ]));
  });

  it('a roll-up with a default, or that is also computed', () => {
    const { problems, file } = problemsOf((inv) => {
      inv.fields[1].default = 3;
      inv.fields[2].computed = { $add: [1, 2] };
    });
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: '/entities/0/fields/1/rollup', message: 'a roll-up takes no default and is never required: it is 0 until a child counts' },
      { file, pointer: '/entities/0/fields/2/rollup', message: 'a field is either a roll-up, computed or a sequence' },
    ]));
  });
});
