/**
 * The institute's daily jobs (declared in module-manifests/institute.json):
 * low-attendance alerts per enrollment and overdue-fee alerts per invoice.
 * Each alert is a notification to the student's login (if any) and a mail
 * (to the student's own address, else their login's), written with the
 * alert time in one transaction; an enrollment or invoice is alerted again
 * only 7 days later. Both run through the job's tenant-bound Records.
 *
 * Handlers are function declarations on purpose: index.ts imports this file.
 */
import { enqueueMail, notify, type FieldFilter, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { eq } from './helpers.js';

const ENROLLMENT = 'institute.enrollment';
const ATTENDANCE = 'institute.attendance_record';
const INVOICE = 'institute.fee_invoice';
const PAGE = 500;
const DAY_MS = 86_400_000;

/** Fewer records than this say too little about a student's attendance. */
export const MIN_ATTENDANCE_RECORDS = 4;
/** Present share under which a student is alerted. */
export const MIN_ATTENDANCE_SHARE = 0.75;
/**
 * Days between two alerts of one enrollment or invoice, counted in calendar
 * days (UTC): a daily run that starts a few seconds earlier than last week's
 * still alerts on the 7th day, never sooner.
 */
export const ALERT_AGAIN_AFTER_DAYS = 7;

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
const money = (n: number): string => n.toFixed(2);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function alertDue(last: unknown, now: Date): boolean {
  if (last === null || last === undefined || last === '') return true;
  const lastDay = new Date(String(last));
  if (Number.isNaN(lastDay.getTime())) return true;
  return (Date.parse(dayOf(now)) - Date.parse(dayOf(lastDay))) / DAY_MS >= ALERT_AGAIN_AFTER_DAYS;
}

interface Recipient {
  name: string;
  userId?: string;
  address?: string;
}

/** Who a student's alerts go to; cached for one run. */
function recipients(records: Records): (studentId: string) => Promise<Recipient | undefined> {
  const cache = new Map<string, Recipient | undefined>();
  return async (studentId) => {
    if (cache.has(studentId)) return cache.get(studentId);
    const [student] = await records.getMany('institute.student', [studentId]);
    let recipient: Recipient | undefined;
    if (student) {
      const userId = typeof student.user === 'string' && student.user ? student.user : undefined;
      const own = typeof student.email === 'string' && student.email ? student.email : undefined;
      const [user] = !own && userId ? await records.getMany('core.user', [userId]) : [];
      const address = own ?? (typeof user?.email === 'string' && user.email ? user.email : undefined);
      recipient = { name: String(student.name), userId, address };
    }
    cache.set(studentId, recipient);
    return recipient;
  };
}

/** A count in Bengali digits, as the dashboard shows numbers to a Bengali reader. */
const bnNumber = (n: number): string => new Intl.NumberFormat('bn-BD').format(n);

interface Alert {
  title: string;
  body: string;
  /** The mail's title and body for a Bengali reader (the recipient's language decides which is sent). */
  bn: { title: string; body: string };
  /** The record alerted about, and its field that keeps the alert time. */
  entity: string;
  record: RecordData;
  stampField: string;
}

interface Tally {
  alerted: number;
  notifications: number;
  mails: number;
  unreachable: string[];
  failed: number;
}

const newTally = (): Tally => ({ alerted: 0, notifications: 0, mails: 0, unreachable: [], failed: 0 });

/**
 * The notification, the mail and the alert time: all or nothing. The record is
 * locked and its alert time read again first, so two runs at once alert once.
 * One alert that fails does not stop the others.
 */
async function deliver(ctx: JobContext, to: Recipient | undefined, alert: Alert, tally: Tally): Promise<void> {
  if (!to || (!to.userId && !to.address)) {
    tally.unreachable.push(to?.name ?? `student of ${alert.record.id}`);
    return;
  }
  try {
    const sent = await ctx.records.transaction(async (tx) => {
      const current = await tx.lock(alert.entity, alert.record.id);
      if (!alertDue(current[alert.stampField], ctx.now)) return false;
      if (to.userId) await notify(tx, { user: to.userId, title: alert.title, body: alert.body, about: { entity: alert.entity, id: alert.record.id } });
      if (to.address) await enqueueMail(tx, { to: to.address, template: 'notice', data: { name: to.name, title: { en: alert.title, bn: alert.bn.title }, body: { en: alert.body, bn: alert.bn.body } } });
      await tx.update(alert.entity, alert.record.id, { [alert.stampField]: ctx.now.toISOString() });
      return true;
    });
    if (!sent) return;
  } catch (err) {
    tally.failed++;
    ctx.log.warn(`${alert.entity} ${alert.record.id}: alert not sent: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  tally.alerted++;
  if (to.userId) tally.notifications++;
  if (to.address) tally.mails++;
}

function summary(tally: Tally, what: string): string {
  const parts = [`${plural(tally.alerted, what)} alerted (${plural(tally.notifications, 'notification')}, ${plural(tally.mails, 'mail')})`];
  if (tally.unreachable.length) parts.push(`${tally.unreachable.length} without a login or e-mail address`);
  if (tally.failed) parts.push(`${tally.failed} failed`);
  return parts.join(', ');
}

function warnUnreachable(ctx: JobContext, tally: Tally): void {
  if (tally.unreachable.length) ctx.log.warn(`no login and no e-mail address for ${[...new Set(tally.unreachable)].join(', ')}: not alerted`);
}

/** ENROLLED students of active courses present at under 75 % of at least 4 recorded sessions (excused ones left out). */
export async function attendanceAlert(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const recipientOf = recipients(records);
  const courses = new Map<string, RecordData | undefined>();
  const tally = newTally();
  for await (const page of records.findPages(ENROLLMENT, { filters: [eq('status', 'ENROLLED')], sort: { field: 'id', direction: 'asc' } }, PAGE)) {
    for (const enrollment of page) {
      if (!alertDue(enrollment.attendance_alerted_at, now)) continue;
      const courseId = String(enrollment.course);
      if (!courses.has(courseId)) courses.set(courseId, (await records.getMany('institute.course', [courseId]))[0]);
      const course = courses.get(courseId);
      // A finished (archived) course's attendance can no longer improve.
      if (course?.status !== 'ACTIVE') continue;
      // Sessions missed on approved leave (excused) count neither way.
      const filters: FieldFilter[] = [eq('course', courseId), eq('student', enrollment.student), eq('excused', false)];
      const total = await records.count(ATTENDANCE, filters);
      if (total < MIN_ATTENDANCE_RECORDS) continue;
      const present = await records.count(ATTENDANCE, [...filters, eq('present', true)]);
      if (present / total >= MIN_ATTENDANCE_SHARE) continue;
      const name = `${String(course.code)} ${String(course.title)}`;
      await deliver(
        ctx,
        await recipientOf(String(enrollment.student)),
        {
          title: `Low attendance: ${name}`,
          body: `You were present at ${present} of ${total} recorded sessions of ${name} (${Math.round((present / total) * 100)} %), below the ${MIN_ATTENDANCE_SHARE * 100} % expected.`,
          bn: {
            title: `কম উপস্থিতি: ${name}`,
            body: `${name}-এর ${bnNumber(total)}টি নথিভুক্ত ক্লাসের মধ্যে আপনি ${bnNumber(present)}টিতে উপস্থিত ছিলেন (${bnNumber(Math.round((present / total) * 100))} %), প্রত্যাশিত ${bnNumber(MIN_ATTENDANCE_SHARE * 100)} %-এর কম।`,
          },
          entity: ENROLLMENT,
          record: enrollment,
          stampField: 'attendance_alerted_at',
        },
        tally,
      );
    }
  }
  warnUnreachable(ctx, tally);
  return summary(tally, 'enrollment');
}

/** PENDING invoices whose due date is before today (UTC). */
export async function feeOverdue(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const recipientOf = recipients(records);
  const tally = newTally();
  // Dates compare as days: due before today is due on yesterday or earlier.
  const yesterday = dayOf(new Date(now.getTime() - DAY_MS));
  const filters: FieldFilter[] = [eq('status', 'PENDING'), { field: 'due_date', op: 'lte', value: yesterday }];
  for await (const page of records.findPages(INVOICE, { filters, sort: { field: 'id', direction: 'asc' } }, PAGE)) {
    for (const invoice of page) {
      if (!alertDue(invoice.overdue_alerted_at, now)) continue;
      const payments = await records.find('institute.payment', { filters: [eq('invoice', invoice.id)], limit: 1000 });
      const paid = payments.reduce((sum, p) => sum + Number(p.amount ?? 0), 0);
      const amount = Number(invoice.amount ?? 0);
      const what = `${String(invoice.number)}${invoice.description ? ` (${String(invoice.description)})` : ''}`;
      await deliver(
        ctx,
        await recipientOf(String(invoice.student)),
        {
          title: `Fee overdue: ${String(invoice.number)}`,
          body: `Invoice ${what} of ${money(amount)} was due on ${String(invoice.due_date)}; ${money(Math.max(0, amount - paid))} is still to be paid.`,
          bn: {
            title: `ফি বকেয়া: ${String(invoice.number)}`,
            body: `চালান ${what} (${money(amount)}) পরিশোধের শেষ তারিখ ছিল ${String(invoice.due_date)}; এখনও ${money(Math.max(0, amount - paid))} পরিশোধ বাকি।`,
          },
          entity: INVOICE,
          record: invoice,
          stampField: 'overdue_alerted_at',
        },
        tally,
      );
    }
  }
  warnUnreachable(ctx, tally);
  return summary(tally, 'invoice');
}
