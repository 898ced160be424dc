/**
 * The hotel's documents, printed as the record actions they are and read back
 * as text: the front desk prints a stay's confirmation and registration card,
 * the folio lists the posted lines with their sign and the balance; a guest
 * prints their own folio and nobody else's; housekeeping prints nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { printDocumentFor } from '../core/documents/index.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { createHotelWorld, type HotelRole, type HotelWorld } from './support/hotel.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: HotelWorld;
const actor = (role: HotelRole) => w.org.users.get(role)!.actor;
const year = new Date().getFullYear();

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHotelWorld(runtime);
  await w.system.create('hotel.folio_line', { folio: w.folio.id, kind: 'payment', description: 'Card deposit', date: String(w.reservations.ownInHouse.check_in), amount: 50, status: 'posted' });
}, 60_000);
afterAll(() => runtime?.dispose());

describe('hotel documents', () => {
  it('the confirmation prints the guest, the RES number, the room type, the dates, the nights and the total', async () => {
    const printed = await printDocumentFor(runtime, actor('hotel.front_desk'), 'hotel.reservation', w.reservations.otherConfirmed.id, 'confirmation');
    expect(printed.number).toBe(`CF-${year}-000001`);
    const text = await pdfText(printed.content);
    for (const part of ['Reservation confirmation', 'Otto Other', String(w.reservations.otherConfirmed.number), 'Double', '103', 'Nights', '2', '240.00']) expect(text).toContain(part);
  });

  it('the registration card prints the guest’s nationality and ID document for the signature', async () => {
    const text = await pdfText((await printDocumentFor(runtime, actor('hotel.front_desk'), 'hotel.reservation', w.reservations.ownInHouse.id, 'registration_card')).content);
    for (const part of ['Registration card', 'Grace Guest', 'Ghana', 'passport P1234567', 'signature']) expect(text).toContain(part);
  });

  it('the folio lists posted lines only, payments negative, and the balance', async () => {
    const text = await pdfText((await printDocumentFor(runtime, actor('hotel.accountant'), 'hotel.folio', w.folio.id, 'print_folio')).content);
    expect(text).toContain('Night 1');
    expect(text).toContain('Card deposit');
    expect(text).toContain('-50.00');
    expect(text).not.toContain('Minibar');
    expect(text).toMatch(/Balance\s*70\.00/);
  });

  it('a guest prints their own folio; housekeeping cannot print a folio or a confirmation', async () => {
    await expect(printDocumentFor(runtime, actor('hotel.guest'), 'hotel.folio', w.folio.id, 'print_folio')).resolves.toBeDefined();
    expect((await errorOf(printDocumentFor(runtime, actor('hotel.housekeeping'), 'hotel.folio', w.folio.id, 'print_folio'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('hotel.housekeeping'), 'hotel.reservation', w.reservations.otherConfirmed.id, 'confirmation'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('hotel.guest'), 'hotel.reservation', w.reservations.otherConfirmed.id, 'confirmation'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});
