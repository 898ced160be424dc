/**
 * PDFs in the language of who prints them: the header, the labels, dates and amounts are Bengali (bn-BD
 * digits) for a user who chose Bengali (or whose organization did), English for one who chose English.
 * The text is read back from the generated PDF; Bengali is compared by its consonants (see
 * documents-unicode-fonts: extraction returns pre-base vowel signs before their consonant).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { printDocumentFor, renderDocumentBuffer } from '../core/documents/index.js';
import type { RecordData } from '../core/data/records.js';
import { pdfText } from './support/files.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

const squash = (s: string): string => s.replace(/\s+/g, '');
const consonants = (s: string): string => squash(s).replace(/[\u09BE-\u09CD\u09D7]/g, '');
/** Labels whose consonants extraction keeps (a reph, as in শিক্ষার্থী, comes back without its র; a conjunct such as ম্ব as another code point). */
const BENGALI_LABELS = ['ফি রসিদ', 'পরিশোধের তারিখ', 'মোট পরিশোধ', 'পরিমাণ', 'নং'];

let runtime: TestRuntime;
let world: InstituteWorld;
let payment: RecordData;

const setLanguage = (userId: string, language: string | null): Promise<unknown> => runtime.dataSource.query('UPDATE core_user SET language = $2 WHERE id = $1', [userId, language]);
const print = async (): Promise<string> => pdfText((await printDocumentFor(runtime, world.fixture.users.get('finance')!.actor, 'institute.payment', String(payment.id), 'fee_receipt')).content);

beforeAll(async () => {
  runtime = await createTestRuntime();
  world = await createInstituteWorld(runtime);
  const finance = await world.as('finance');
  const invoice = await finance.create('institute.fee_invoice', { student: world.student.id, course: world.courses.active.id, amount: 1250, due_date: '2026-10-01', description: 'Tuition' });
  payment = await finance.create('institute.payment', { invoice: invoice.id, amount: 1250, paid_on: '2026-09-20', method: 'cash', reference: 'UTR-1' });
});
afterAll(async () => {
  await runtime?.dispose();
});

it('a Bengali reader’s receipt has Bengali labels, a Bengali date and Bengali digits; an English reader’s has English', async () => {
  await setLanguage(world.userId('finance'), 'bn');
  const bn = await print();
  for (const label of BENGALI_LABELS) expect(consonants(bn)).toContain(consonants(label));
  // The amount in bn-BD digits: extraction returns a digit run in its own order, so its characters are compared.
  expect(squash(bn)).toMatch(/[১২৫০,.]{8}/);
  expect(squash(bn)).not.toContain('1,250.00');
  // The payment date as বাংলা date (২০ সেপ্টেম্বর, ২০২৬), not 2026-09-20.
  expect(consonants(bn)).toContain('২০সপ');
  expect(squash(bn)).toContain('২০২৬');
  expect(bn).not.toContain('2026-09-20');
  expect(bn).not.toMatch(/Total paid|Student:|Paid on|Fee receipt|Amount/);
  expect(bn).toContain('Stella Student'); // the data itself stays as written

  await setLanguage(world.userId('finance'), 'en');
  const en = await print();
  for (const label of ['Fee receipt', 'Student', 'Paid on', 'Total paid', '1,250.00', '2026-09-20']) expect(en).toContain(label);
  expect(en).not.toMatch(/[\u0980-\u09FF]/);
});

it('a reader who chose no language gets the organization’s', async () => {
  await setLanguage(world.userId('finance'), null);
  await runtime.dataSource.query("UPDATE core_organization SET language = 'bn' WHERE id = $1", [world.fixture.org.id]);
  const text = await print();
  expect(consonants(text)).toContain(consonants('মোট পরিশোধ'));
  await runtime.dataSource.query("UPDATE core_organization SET language = 'en' WHERE id = $1", [world.fixture.org.id]);
});

it('a template without a language prints English, and the Bengali face is what prints the Bengali labels', async () => {
  const input = { organization: { name: 'Org' }, number: 'FR-1', issuedAt: new Date('2026-03-04T10:00:00Z'), data: { student: { name: 'A' }, items: [{ label: 'Tuition', amount: 5 }], paidOn: '2026-03-01' } };
  const en = await pdfText(await renderDocumentBuffer('fee_receipt', input));
  expect(en).toContain('Total paid');
  const pdf = await renderDocumentBuffer('fee_receipt', { ...input, language: 'bn' });
  expect(pdf.toString('latin1')).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansBengali/);
  const bn = squash(await pdfText(pdf));
  expect(bn).toContain('২০২৬'); // the dates in Bengali digits
  expect(bn).not.toMatch(/2026-03-0[14]/);
});
