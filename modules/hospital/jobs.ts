/**
 * The hospital's scheduled jobs (declared in module-manifests/hospital.json),
 * each per organization through the job's tenant-bound Records. Business dates
 * are UTC days of the run's start: a job's context does not carry the zone.
 */
import { enqueueMail, notify, RecordValidationError, workflows, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { ADMISSION, APPOINTMENT, INVOICE, LINE, OCCUPANCY, PATIENT } from './care.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

async function all(records: Records, key: string, filters: { field: string; op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte' | 'in'; value: unknown }[]): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters })) out.push(...page);
  return out;
}

/** Patients with a scheduled appointment tomorrow get one e-mail (and a notification with a login); reminded_at keeps a rerun from sending twice. */
export async function appointmentReminder(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const tomorrow = dayOf(new Date(ctx.now.getTime() + DAY_MS));
  const after = dayOf(new Date(ctx.now.getTime() + 2 * DAY_MS));
  const due = await all(records, APPOINTMENT, [
    { field: 'status', op: 'eq', value: 'scheduled' },
    { field: 'starts_at', op: 'gte', value: `${tomorrow}T00:00:00Z` },
    { field: 'starts_at', op: 'lt', value: `${after}T00:00:00Z` },
  ]);
  let sent = 0;
  for (const a of due) {
    if (a.reminded_at) continue;
    const [patient] = await records.getMany(PATIENT, [String(a.patient)]);
    const [doctor] = await records.getMany('hospital.practitioner', [String(a.practitioner)]);
    const when = String(a.starts_at).slice(0, 16).replace('T', ' ');
    const title = `Your appointment on ${when} UTC: ${String(a.number)}`;
    const body = `Dear ${String(patient?.name ?? 'patient')}, this is a reminder of your appointment with ${String(doctor?.name ?? 'your doctor')} on ${when} UTC (${String(a.number)}).`;
    if (patient?.email) await enqueueMail(records, { to: String(patient.email), template: 'notice', data: { name: String(patient.name), title, body } });
    if (patient?.user) await notify(records, { user: String(patient.user), title, body, about: { entity: APPOINTMENT, id: a.id } });
    await records.update(APPOINTMENT, a.id, { reminded_at: ctx.now.toISOString() });
    sent++;
  }
  return `${plural(sent, 'appointment reminder')} sent`;
}

/** Scheduled appointments that ended more than an hour ago without a check-in become no-shows, through the workflow (History names the job). */
export async function noShowMarking(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const late = await all(records, APPOINTMENT, [
    { field: 'status', op: 'eq', value: 'scheduled' },
    { field: 'ends_at', op: 'lt', value: new Date(ctx.now.getTime() - HOUR_MS).toISOString() },
  ]);
  const engine = await workflows(records);
  for (const a of late) await engine.run(APPOINTMENT, a.id, 'mark_no_show');
  return `${plural(late.length, 'appointment')} marked no-show`;
}

/**
 * Charges each bed occupied during the run's day at its ward's daily rate on
 * the admission's open invoice (opened if there is none). A bed already
 * charged for that day is left alone; two runs at once cannot both charge,
 * because the partial unique index on bed and day (uniqueWhen) refuses the second.
 */
export async function bedCharges(ctx: JobContext): Promise<string> {
  const { records } = ctx;
  const day = dayOf(ctx.now);
  const dayEnd = `${dayOf(new Date(ctx.now.getTime() + DAY_MS))}T00:00:00Z`;
  const occupied = (await all(records, OCCUPANCY, [{ field: 'occupied_from', op: 'lt', value: dayEnd }])).filter((o) => o.occupied_to === null || String(o.occupied_to) >= `${day}T00:00:00`);
  let charged = 0;
  let already = 0;
  for (const o of occupied) {
    if (await records.count(LINE, [{ field: 'bed', op: 'eq', value: o.bed }, { field: 'date', op: 'eq', value: day }, { field: 'kind', op: 'eq', value: 'bed_charge' }])) {
      already++;
      continue;
    }
    const [admission] = await records.getMany(ADMISSION, [String(o.admission)]);
    const [bed] = await records.getMany('hospital.bed', [String(o.bed)]);
    if (!admission || !bed) continue;
    const [ward] = await records.getMany('hospital.ward', [String(bed.ward)]);
    try {
      const invoice = await openInvoice(records, admission, day);
      await records.create(LINE, { invoice: invoice.id, kind: 'bed_charge', bed: bed.id, date: day, amount: Number(ward?.daily_rate ?? 0), description: `Bed ${String(bed.code)}, ${day}` });
      charged++;
    } catch (err) {
      // A run at the same moment charged this bed (or opened the invoice) first: the index kept it to one.
      if (!(err instanceof RecordValidationError)) throw err;
      already++;
    }
  }
  return `${plural(charged, 'bed')} charged for ${day}${already ? `, ${already} already charged` : ''}`;
}

/** The admission's open invoice, created when it has none (one open invoice per admission is a partial unique index). */
export async function openInvoice(records: Records, admission: RecordData, day: string): Promise<RecordData> {
  const [open] = await records.find(INVOICE, { filters: [{ field: 'admission', op: 'eq', value: admission.id }, { field: 'status', op: 'eq', value: 'open' }], limit: 1 });
  return open ?? (await records.create(INVOICE, { patient: admission.patient, admission: admission.id, date: day }));
}
