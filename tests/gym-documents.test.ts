/**
 * The gym's documents, printed as the record actions they are and read back:
 * the membership card carries the member's name, plan and validity, and a QR
 * code that decodes to nothing but the member code (checked by counting the
 * painted squares against the matrix qrcode computes for that code); the
 * invoice prints its line and total. A member prints their own card and
 * invoice, nobody else's; a trainer prints neither.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { printDocumentFor } from '../core/documents/index.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { createGymWorld, type GymRole, type GymWorld } from './support/gym.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: GymWorld;
const actor = (role: GymRole) => w.org.users.get(role)!.actor;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createGymWorld(runtime);
}, 60_000);
afterAll(() => runtime?.dispose());

/** How many filled squares of one module's size a PDF paints: pdfkit writes each as `x y w h re`. */
function squares(pdf: Buffer, size: number): number {
  const raw = pdf.toString('latin1');
  const inflated: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      inflated.push(zlib.inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1'));
    } catch {
      inflated.push(m[1]);
    }
  }
  return inflated.join('\n').split('\n').filter((line) => {
    const parts = line.trim().split(/\s+/);
    return parts.length === 5 && parts[4] === 're' && Math.abs(Number(parts[2]) - size) < 0.01 && Math.abs(Number(parts[3]) - size) < 0.01;
  }).length;
}
describe('gym documents', () => {
  it('the membership card prints the member, the plan and the validity, and a QR code of the member code', async () => {
    const printed = await printDocumentFor(runtime, actor('gym.front_desk'), 'gym.membership', w.memberships.mia.id, 'print_card');
    const text = await pdfText(printed.content);
    for (const part of ['Membership card', 'Mia Member', String(w.members.mia.code), String(w.memberships.mia.number), 'Unlimited monthly', String(w.memberships.mia.start_date), String(w.memberships.mia.end_date)]) expect(text).toContain(part);
    const { modules } = QRCode.create(String(w.members.mia.code), { errorCorrectionLevel: 'M' });
    const dark = Array.from(modules.data).filter(Boolean).length;
    expect(squares(printed.content, 140 / (modules.size + 8))).toBe(dark);
  });

  it('the invoice prints its number, the member, the line and the total', async () => {
    const text = await pdfText((await printDocumentFor(runtime, actor('gym.front_desk'), 'gym.invoice', w.invoices.otto.id, 'print_invoice')).content);
    for (const part of ['Invoice', String(w.invoices.otto.number), 'Otto Other', '8 classes a month', '45.00']) expect(text).toContain(part);
    expect(text).toMatch(/Total\s*45\.00/);
  });

  it('a member prints their own card and invoice only; a trainer prints neither', async () => {
    await expect(printDocumentFor(runtime, actor('gym.member'), 'gym.membership', w.memberships.mia.id, 'print_card')).resolves.toBeDefined();
    await expect(printDocumentFor(runtime, actor('gym.member'), 'gym.invoice', w.invoices.mia.id, 'print_invoice')).resolves.toBeDefined();
    expect((await errorOf(printDocumentFor(runtime, actor('gym.member'), 'gym.invoice', w.invoices.otto.id, 'print_invoice'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('gym.member'), 'gym.membership', w.memberships.otto.id, 'print_card'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('gym.trainer'), 'gym.membership', w.memberships.mia.id, 'print_card'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});
