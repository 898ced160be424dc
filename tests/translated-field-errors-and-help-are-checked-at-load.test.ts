/**
 * A manifest's translated field errors (translations.<lang>.errors, by English text) and help texts
 * (translations.<lang>.help, by field name) name what is there: a key that matches no message of the
 * entity's checks, guards, constraints or balance refusal, or no field with a help text, is a typo that
 * would silently stay English; a {placeholder} the English never fills would reach the reader as typed.
 * Each is refused at load with its pointer; a correct translation loads.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { stockroomDir, stockroomManifest, type Json } from './support/ledger-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const REFUSAL = 'Only {quantity} of item {item} in {warehouse}';

/** The stockroom fixture whose stock balance has `bn` as its Bengali (and its item a help text), and what its load reports. */
function problemsWith(bn: Json): ManifestProblem[] {
  const manifest = stockroomManifest();
  const entities = manifest.entities as (Json & { name: string; fields: Json[] })[];
  const balance = entities.find((e) => e.name === 'stock_balance')!;
  balance.fields = balance.fields.map((f) => (f.name === 'reserved' ? { ...f, help: 'Held for a use not issued yet' } : f));
  balance.translations = { bn };
  const dir = stockroomDir(manifest);
  dirs.push(dir);
  try {
    loadRegistry({ dir });
  } catch (err) {
    if (err instanceof ManifestError) return err.problems;
    throw err;
  }
  return [];
}

const messages = (problems: ManifestProblem[]): string[] => problems.map((p) => `${p.pointer}: ${p.message}`);

describe('translated field errors and help texts are checked at load', () => {
  it('a correct translation of the refusal and of a help text loads', () => {
    expect(problemsWith({ errors: { [REFUSAL]: '{warehouse}-এ পণ্য {item}-এর মাত্র {quantity} আছে' }, help: { reserved: 'এখনও দেওয়া হয়নি এমন ব্যবহারের জন্য রাখা' } })).toEqual([]);
  });

  it('an error translation of a message the entity does not have is refused', () => {
    expect(messages(problemsWith({ errors: { 'Only {quantity} left': 'মাত্র {quantity} বাকি' } }))).toEqual([
      expect.stringMatching(/\/translations\/bn\/errors: "Only \{quantity\} left" is no message of stockroom\.stock_balance's checks, guards, constraints or balance refusal$/),
    ]);
  });

  it('a placeholder the English never fills is refused', () => {
    expect(messages(problemsWith({ errors: { [REFUSAL]: '{warehouse}-এ {sku}-এর মাত্র {quantity} আছে' } }))).toEqual([
      expect.stringMatching(/\/translations\/bn\/errors: the bn text of "Only \{quantity\} of item \{item\} in \{warehouse\}" has \{sku\}, which the English does not fill in$/),
    ]);
  });

  it('a help text of a field that has none, or of no field, is refused', () => {
    expect(messages(problemsWith({ help: { qty: 'পরিমাণ', colour: 'রং' } }))).toEqual([
      expect.stringMatching(/\/translations\/bn\/help\/qty: "qty" is no field of stockroom\.stock_balance with a help text$/),
      expect.stringMatching(/\/translations\/bn\/help\/colour: "colour" is no field of stockroom\.stock_balance with a help text$/),
    ]);
  });
});
