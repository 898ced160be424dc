/**
 * Mistakes in the bookkeeping primitives (`ledger`, `balance`, `posting`,
 * `run`, `acyclic`) stop the load, each as file#/json/pointer: problem, before
 * any database is touched; `manifest:validate` reports the same.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { stockroomDir, stockroomManifest, type Json } from './support/ledger-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Entity = Json & { name: string; fields: Json[] };

/** The fixture with one change made to it by `edit`, and the problems its load reports (with their entity index). */
function problemsAfter(edit: (entities: Entity[], manifest: Json) => void): { problems: ManifestProblem[]; file: string; index: (name: string) => number } {
  const manifest = stockroomManifest();
  const entities = manifest.entities as Entity[];
  edit(entities, manifest);
  const dir = stockroomDir(manifest);
  dirs.push(dir);
  const index = (name: string): number => entities.findIndex((e) => e.name === name);
  try {
    loadRegistry({ dir });
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return { problems: err.problems, file: join(dir, 'stockroom.json'), index };
  }
  throw new Error('the manifest loaded without problems');
}

const entity = (entities: Entity[], name: string): Entity => entities.find((e) => e.name === name)!;
const field = (entities: Entity[], e: string, f: string): Json => entity(entities, e).fields.find((x) => x.name === f)!;

describe('the fixture itself', () => {
  it('loads, with every primitive resolved', () => {
    const dir = stockroomDir();
    dirs.push(dir);
    const registry = loadRegistry({ dir });
    expect(registry.entity('stockroom.stock_balance')!.balance).toMatchObject({ keys: ['item', 'warehouse'], nonNegative: true, ledger: 'stockroom.stock_move' });
    expect(registry.entity('stockroom.stock_move')!.ledger).toEqual({ balance: 'stockroom.stock_balance', quantity: 'qty', date: 'posting_date' });
    expect(registry.entity('stockroom.payroll_run')!.run).toMatchObject({ creates: { entity: 'stockroom.payslip', for: { entity: 'stockroom.employee' } } });
    expect(registry.entity('stockroom.warehouse')!.acyclic).toEqual({ kind: 'self', field: 'parent' });
  });
});

describe('refused primitives, with file and pointer', () => {
  it('a ledger whose balance entity declares no balance, and a ledger quantity that is not numeric', () => {
    const { problems, file, index } = problemsAfter((es) => {
      delete entity(es, 'stock_balance').balance;
      field(es, 'stock_move', 'qty').type = 'string';
    });
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `/entities/${index('stock_move')}/ledger/quantity`, message: 'field "qty" of stockroom.stock_move must be numeric (integer, decimal or money), not string' },
    ]));
    const { problems: p2 } = problemsAfter((es) => delete entity(es, 'stock_balance').balance);
    expect(p2.map((p) => p.message)).toContain('stockroom.stock_balance does not declare "balance" (its keys and quantity)');
  });

  it('a balance key that is optional, a refusal naming no key, a ledger key of another type', () => {
    const { problems, file, index } = problemsAfter((es) => {
      field(es, 'stock_balance', 'warehouse').required = false;
      (entity(es, 'stock_balance').balance as Json).refusal = 'Only {quantity} of {sku}';
    });
    const b = index('stock_balance');
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `/entities/${b}/balance/keys/1`, message: 'field "warehouse" of stockroom.stock_balance must be required (a balance key cannot be empty)' },
      { file, pointer: `/entities/${b}/balance/refusal`, message: '{sku} is not a key of the balance (keys: item, warehouse; or {quantity})' },
    ]));
    const typed = problemsAfter((es) => Object.assign(field(es, 'stock_move', 'warehouse'), { target: 'item' }));
    expect(typed.problems).toContainEqual({ file: typed.file, pointer: `/entities/${typed.index('stock_move')}/ledger/balance`, message: 'field "warehouse" of stockroom.stock_move must have the type of stockroom.stock_balance.warehouse (reference → stockroom.warehouse)' });
  });

  it('a required field of the balance that the ledger cannot fill', () => {
    const { problems, file, index } = problemsAfter((es) => entity(es, 'stock_balance').fields.push({ name: 'bin', type: 'string', required: true }));
    expect(problems).toEqual([{ file, pointer: `/entities/${index('stock_balance')}/fields/4/required`, message: 'a balance is created by its ledger with its keys and quantity only: "bin" needs a default or must be optional' }]);
  });

  it('a posting naming a transition its workflow lacks, a line field that does not exist, a key not set', () => {
    const { problems, file, index } = problemsAfter((es) => {
      const posting = entity(es, 'stock_entry').posting as Json & { movements: Json[] };
      posting.post = 'approve';
      posting.movements[0] = { quantity: 'line.amount', set: { item: 'line.item' } };
    });
    const p = `/entities/${index('stock_entry')}/posting`;
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `${p}/post`, message: 'no transition "approve" in the workflow stockroom.stock_entry' },
      { file, pointer: `${p}/movements/0/quantity`, message: 'unknown field "amount" of stockroom.stock_entry_line' },
      { file, pointer: `${p}/movements/0/set`, message: 'the balance key "warehouse" is not set' },
    ]));
  });

  it('a run whose status people could set, a child without a reference to the run', () => {
    const { problems, file, index } = problemsAfter((es) => {
      delete field(es, 'payroll_run', 'status').readOnly;
      (entity(es, 'payroll_run').run as Json & { creates: Json }).creates.parent = 'employee';
    });
    const p = `/entities/${index('payroll_run')}/run`;
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `${p}/status`, message: 'field "status" of stockroom.payroll_run must be read-only (only the run moves it)' },
      { file, pointer: `${p}/creates/parent`, message: 'field "employee" of stockroom.payslip must be a reference to stockroom.payroll_run' },
    ]));
  });

  it('negativeAllowedBy names a reference key of the balance and a boolean field of its record, on a nonNegative balance only', () => {
    const bad = (allowedBy: string, nonNegative = true): ManifestProblem[] =>
      problemsAfter((es) => {
        entity(es, 'item').fields.push({ name: 'allow_negative', type: 'boolean' });
        Object.assign(entity(es, 'stock_balance').balance as Json, { negativeAllowedBy: allowedBy, nonNegative });
      }).problems;
    const p = (problems: ManifestProblem[]): string[] => problems.map((x) => x.message);
    expect(p(bad('warehouse.allow_negative'))).toContain('unknown field "allow_negative" of stockroom.warehouse');
    expect(p(bad('item.name'))).toContain('field "name" of stockroom.item must be a boolean, not string');
    expect(p(bad('qty.allow_negative'))).toContain('"qty" is not a key of the balance (keys: item, warehouse)');
    expect(p(bad('item.allow_negative', false))).toContain('only a nonNegative balance can be allowed to go negative');
    expect(bad('item.name')[0].pointer).toBe(`/entities/${(stockroomManifest().entities as Entity[]).findIndex((e) => e.name === 'stock_balance')}/balance/negativeAllowedBy`);
  });

  it('a workflow may share a run\'s status only when it starts at the draft state and never leads back to draft or done', () => {
    const withWorkflow = (transitions: Json[]): ManifestProblem[] =>
      problemsAfter((es, m) => {
        field(es, 'payroll_run', 'status').values = ['DRAFT', 'DONE', 'APPROVED', 'CANCELLED'];
        (m.workflows as Json[]).push({
          name: 'payroll_run', entity: 'payroll_run', version: 1, field: 'status', initial: 'DRAFT',
          states: [{ name: 'DRAFT', label: 'Draft' }, { name: 'DONE', label: 'Done' }, { name: 'APPROVED', label: 'Approved' }, { name: 'CANCELLED', label: 'Cancelled', terminal: true }],
          transitions: [{ name: 'approve', from: 'DONE', to: 'APPROVED', by: { roles: ['keeper'] } }, ...transitions],
        });
      }).problems;
    const fights = withWorkflow([{ name: 'reopen', from: 'APPROVED', to: 'DONE', by: { roles: ['keeper'] } }]);
    expect(fights).toEqual([expect.objectContaining({ pointer: expect.stringMatching(/\/run\/status$/), message: expect.stringContaining('its transition "reopen" leads to "DONE"') })]);
    // Taking over after the run (approve, cancel) is fine: the manifest loads.
    expect(() => withWorkflow([{ name: 'cancel', from: ['DRAFT', 'DONE'], to: 'CANCELLED', by: { roles: ['keeper'] } }])).toThrow('the manifest loaded without problems');
  });

  it('an acyclic self-reference that points elsewhere, and a link whose ends point at different entities', () => {
    const { problems, file, index } = problemsAfter((es) => {
      entity(es, 'warehouse').fields.push({ name: 'item', type: 'reference', target: 'item' });
      entity(es, 'warehouse').acyclic = { field: 'item' };
      field(es, 'task_link', 'depends_on').target = 'item';
    });
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `/entities/${index('warehouse')}/acyclic/field`, message: 'field "item" of stockroom.warehouse must be a reference to stockroom.warehouse itself' },
      { file, pointer: `/entities/${index('task_link')}/acyclic/to`, message: '"task" and "depends_on" must point at the same entity (stockroom.task ≠ stockroom.item)' },
    ]));
  });

  it('an unknown key inside a primitive is a schema error at its pointer', () => {
    const { problems, file, index } = problemsAfter((es) => Object.assign(entity(es, 'stock_move').ledger as Json, { balances: 'x' }));
    expect(problems).toContainEqual(expect.objectContaining({ file, pointer: `/entities/${index('stock_move')}/ledger` }));
  });
});

describe('further balances of a ledger (subBalances)', () => {
  const binBalance = (): Entity => ({
    name: 'bin_balance',
    fields: [
      { name: 'bin', type: 'string', required: true },
      { name: 'warehouse', type: 'reference', target: 'warehouse', required: true },
      { name: 'qty', type: 'decimal', required: true, default: 0 },
    ],
    balance: { keys: ['bin', 'warehouse'], quantity: 'qty', nonNegative: true },
  });

  it('one keyed by an optional field of the ledger resolves, and is kept by that ledger', () => {
    const manifest = stockroomManifest();
    const es = manifest.entities as Entity[];
    es.push(binBalance());
    entity(es, 'stock_move').fields.push({ name: 'bin', type: 'string' });
    (entity(es, 'stock_move').ledger as Json).subBalances = ['bin_balance'];
    const dir = stockroomDir(manifest);
    dirs.push(dir);
    const registry = loadRegistry({ dir });
    expect(registry.entity('stockroom.stock_move')!.ledger!.subBalances).toEqual(['stockroom.bin_balance']);
    expect(registry.entity('stockroom.bin_balance')!.balance!.ledger).toBe('stockroom.stock_move');
  });

  it("the ledger's own balance, or one whose key the ledger lacks, is refused at its pointer", () => {
    const { problems, file, index } = problemsAfter((es) => {
      es.push(binBalance());
      (entity(es, 'stock_move').ledger as Json).subBalances = ['bin_balance', 'stock_balance'];
    });
    const l = index('stock_move');
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `/entities/${l}/ledger/subBalances/0`, message: 'unknown field "bin" of stockroom.stock_move' },
      { file, pointer: `/entities/${l}/ledger/subBalances/1`, message: "stockroom.stock_balance is this ledger's balance already" },
    ]));
  });
});

describe('guards', () => {
  it('a guard naming an unknown field, a path that does not resolve, or a placeholder is refused with its pointer', () => {
    const { problems, file, index } = problemsAfter((es) => {
      entity(es, 'warehouse').guards = [
        { field: 'nope', refuse: { name: 'Closed' }, message: 'x' },
        { field: 'name', refuse: { 'parent.colour': 'red' }, message: 'x' },
        { field: 'name', refuse: { created_by: '${user.id}' }, message: 'x' },
      ];
    });
    const w = index('warehouse');
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: `/entities/${w}/guards/0/field`, message: 'unknown field "nope" of stockroom.warehouse' },
      expect.objectContaining({ file, pointer: expect.stringContaining(`/entities/${w}/guards/1/refuse`) }),
      { file, pointer: `/entities/${w}/guards/2/refuse`, message: 'a guard is about the data only: placeholders such as ${user.id} or ${today} are not allowed' },
    ]));
  });
});
