/**
 * The hotel's nightly jobs (declared in module-manifests/hotel.json), each per
 * organization through the job's tenant-bound Records. Business dates are UTC
 * days of the run's start: a job's context does not carry the organization's zone.
 */
import { enqueueMail, notify, workflows, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { FOLIO, LINE, RESERVATION } from './folios.js';

const DAY_MS = 86_400_000;
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

async function all(records: Records, key: string, filters: { field: string; op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; value: unknown }[]): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters })) out.push(...page);
  return out;
}

/**
 * Posts tonight's room charge (the stay's rate) on the open folio of every
 * checked-in stay whose nights include tonight. A charge already there for that
 * folio and night is left alone; two audits at once cannot both post, because
 * the partial unique index (uniqueWhen) on folio and date refuses the second.
 */
export async function nightAudit(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const night = dayOf(ctx.now);
  const stays = await all(records, RESERVATION, [
    { field: 'status', op: 'eq', value: 'checked_in' },
    { field: 'check_in', op: 'lte', value: night },
    { field: 'check_out', op: 'gt', value: night },
  ]);
  const engine = await workflows(records);
  let posted = 0;
  let already = 0;
  for (const stay of stays) {
    const [folio] = await records.find(FOLIO, { filters: [{ field: 'reservation', op: 'eq', value: stay.id }, { field: 'status', op: 'eq', value: 'open' }], limit: 1 });
    if (!folio) continue;
    const existing = await records.count(LINE, [{ field: 'folio', op: 'eq', value: folio.id }, { field: 'date', op: 'eq', value: night }, { field: 'kind', op: 'eq', value: 'room_charge' }, { field: 'status', op: 'ne', value: 'voided' }]);
    if (existing) {
      already++;
      continue;
    }
    const line = await records.create(LINE, { folio: folio.id, kind: 'room_charge', description: `Room ${String(stay.number)}, night of ${night}`, date: night, amount: stay.rate });
    await engine.run(LINE, line.id, 'post');
    posted++;
  }
  return `${posted} room charge${posted === 1 ? '' : 's'} posted for ${night}${already ? `, ${already} already posted` : ''}`;
}

/** Confirmed reservations whose arrival day is past become no-shows, through the workflow (History names the job). */
export async function noShowMarking(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const late = await all(records, RESERVATION, [
    { field: 'status', op: 'eq', value: 'confirmed' },
    { field: 'check_in', op: 'lt', value: dayOf(ctx.now) },
  ]);
  const engine = await workflows(records);
  for (const r of late) await engine.run(RESERVATION, r.id, 'mark_no_show');
  return `${late.length} reservation${late.length === 1 ? '' : 's'} marked no-show`;
}

/** Guests arriving tomorrow get one e-mail (and a notification with a login); reminded_at keeps a rerun from sending twice. */
export async function arrivalReminder(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const tomorrow = dayOf(new Date(ctx.now.getTime() + DAY_MS));
  const arriving = await all(records, RESERVATION, [
    { field: 'status', op: 'eq', value: 'confirmed' },
    { field: 'check_in', op: 'eq', value: tomorrow },
  ]);
  let sent = 0;
  for (const r of arriving) {
    if (r.reminded_at) continue;
    const guest = await records.get('hotel.guest', String(r.guest));
    const text = `Dear ${String(guest.name)}, we look forward to welcoming you on ${String(r.check_in)} (reservation ${String(r.number)}, ${String(r.nights)} night${Number(r.nights) === 1 ? '' : 's'}).`;
    const title = `Your stay from ${String(r.check_in)}: ${String(r.number)}`;
    if (guest.email) await enqueueMail(records, { to: String(guest.email), template: 'notice', data: { name: String(guest.name), title, body: text } });
    if (guest.user) await notify(records, { user: String(guest.user), title, body: text, about: { entity: RESERVATION, id: r.id } });
    await records.update(RESERVATION, r.id, { reminded_at: ctx.now.toISOString() });
    sent++;
  }
  return `${sent} arrival reminder${sent === 1 ? '' : 's'} sent`;
}
