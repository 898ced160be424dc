/**
 * The hotel's documents: a reservation confirmation, the registration card
 * the guest signs at check-in, and the folio (the guest's bill). Each is read
 * as the printing user, so what they may not see stays off the paper; each is
 * offered to whoever may run its action (front desk and manager through
 * `manage`, the accountant the folio).
 */
import { documentAction, type FolioData, type RecordData, type Records, type StayData } from '../../core/sdk.js';
import { LINE, RESERVATION } from './folios.js';

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));
const num = (v: unknown): number | undefined => (v === null || v === undefined || v === '' ? undefined : Number(v));
/** What a posted line does to the balance, as the folio's own balance counts it. */
const SIGN: Record<string, number> = { room_charge: 1, service: 1, refund: 1, payment: -1, discount: -1 };

async function stayOf(records: Records, stay: RecordData): Promise<StayData> {
  const [guest] = await records.getMany('hotel.guest', [String(stay.guest)]);
  const [type] = await records.getMany('hotel.room_type', [String(stay.room_type)]);
  const [room] = stay.room ? await records.getMany('hotel.room', [String(stay.room)]) : [];
  const id = [text(guest?.id_document_type)?.replace(/_/g, ' '), text(guest?.id_document_number)].filter(Boolean).join(' ');
  return {
    guest: { name: text(guest?.name) ?? '', email: text(guest?.email), phone: text(guest?.phone), nationality: text(guest?.nationality), idDocument: id || undefined },
    reservation: text(stay.number) ?? stay.id,
    roomType: text(type?.name),
    room: text(room?.number),
    checkIn: String(stay.check_in),
    checkOut: String(stay.check_out),
    nights: num(stay.nights),
    adults: num(stay.adults),
    rate: num(stay.rate),
    amount: num(stay.amount),
  };
}

export const stayConfirmation = documentAction({
  name: 'confirmation',
  entity: 'reservation',
  label: 'Confirmation',
  translations: { bn: { label: 'বুকিং নিশ্চিতকরণ' } },
  kind: 'stay_confirmation',
  icon: 'FileText',
  isAvailable: (stay) => ['confirmed', 'checked_in'].includes(String(stay.status)),
  async build(ctx, stay) {
    return { ...(await stayOf(ctx.records, stay)), channel: text(stay.channel)?.replace(/_/g, ' ') };
  },
});

export const registrationCard = documentAction({
  name: 'registration_card',
  entity: 'reservation',
  label: 'Registration card',
  translations: { bn: { label: 'নিবন্ধন কার্ড' } },
  kind: 'registration_card',
  icon: 'FileText',
  isAvailable: (stay) => ['confirmed', 'checked_in', 'checked_out'].includes(String(stay.status)),
  build: (ctx, stay) => stayOf(ctx.records, stay),
});

export const folioDocument = documentAction({
  name: 'print_folio',
  entity: 'folio',
  label: 'Print folio',
  translations: { bn: { label: 'হিসাব প্রিন্ট করুন' } },
  kind: 'folio',
  icon: 'FileText',
  async build(ctx, folio): Promise<FolioData> {
    const [stay] = await ctx.records.getMany(RESERVATION, [String(folio.reservation)]);
    const lines: RecordData[] = [];
    for await (const page of ctx.records.findPages(LINE, { filters: [{ field: 'folio', op: 'eq', value: folio.id }, { field: 'status', op: 'eq', value: 'posted' }], sort: { field: 'date', direction: 'asc' } })) lines.push(...page);
    const base: StayData = stay ? await stayOf(ctx.records, stay) : { guest: { name: '' }, reservation: String(folio.reservation), checkIn: '', checkOut: '' };
    return {
      ...base,
      status: text(folio.status),
      lines: lines.map((l) => ({ date: String(l.date), description: String(l.description), amount: (SIGN[String(l.kind)] ?? 0) * Number(l.amount) })),
    };
  },
});

export const hotelDocuments = [stayConfirmation, registrationCard, folioDocument];
