/**
 * The library's daily jobs (declared in module-manifests/library.json):
 * overdue reminders and fine accrual. Both run per organization through the
 * job's tenant-bound Records, and both compute fines with the same
 * function as the return action, so the fine a member is told about is the
 * fine they pay (modules/library/fines.ts).
 */
import { enqueueMail, notify, type JobContext, type RecordData, type Records } from '../../core/sdk.js';
import { fineSetting, overdueFine } from './fines.js';

const PAGE = 500;
/** A daily job that runs a little early or late (or is run by hand) must not remind twice in a day. */
const REMIND_AGAIN_AFTER_MS = 20 * 3_600_000;

/** Issued loans whose due date has passed, page by page (the filter does not change while we update fines or reminder times). */
async function* overdueLoans(records: Records, now: Date): AsyncGenerator<RecordData[]> {
  const filters = [
    { field: 'status', op: 'eq' as const, value: 'issued' },
    { field: 'due_at', op: 'lte' as const, value: now.toISOString() },
  ];
  for (let offset = 0; ; offset += PAGE) {
    const page = await records.find('library.loan', { filters, sort: { field: 'id', direction: 'asc' }, limit: PAGE, offset });
    if (page.length) yield page;
    if (page.length < PAGE) return;
  }
}

const money = (n: number): string => n.toFixed(2);

const dueForReminder = (loan: RecordData, now: Date): boolean =>
  now.getTime() - (loan.reminded_at ? new Date(String(loan.reminded_at)).getTime() : 0) >= REMIND_AGAIN_AFTER_MS;

export async function fineAccrual(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const setting = await fineSetting(ctx);
  let overdue = 0;
  let updated = 0;
  for await (const page of overdueLoans(records, now)) {
    for (const loan of page) {
      overdue++;
      const fine = overdueFine(new Date(String(loan.due_at)), now, setting);
      if (fine === Number(loan.fine ?? 0)) continue;
      await records.update('library.loan', loan.id, { fine });
      updated++;
    }
  }
  return `${overdue} overdue loan${overdue === 1 ? '' : 's'}, ${updated} fine${updated === 1 ? '' : 's'} updated`;
}

export async function overdueReminder(ctx: JobContext): Promise<string> {
  const { records, now } = ctx;
  const setting = await fineSetting(ctx);
  const byMember = new Map<string, RecordData[]>();
  for await (const page of overdueLoans(records, now)) {
    for (const loan of page) {
      if (!dueForReminder(loan, now)) continue;
      const member = String(loan.member);
      byMember.set(member, [...(byMember.get(member) ?? []), loan]);
    }
  }
  let reminded = 0;
  let notifications = 0;
  let mails = 0;
  const unreachable: string[] = [];
  for (const [memberId, loans] of byMember) {
    const member = await records.get('library.member', memberId);
    const books = new Map((await records.getMany('library.book', [...new Set(loans.map((l) => String(l.book)))])).map((b) => [b.id, b]));
    const userId = typeof member.user === 'string' ? member.user : undefined;
    // The member's own address first; a member with a login but no address of their own is mailed at the login's.
    const address = typeof member.email === 'string' && member.email ? member.email : userId ? String((await records.get('core.user', userId)).email ?? '') : '';
    if (!userId && !address) {
      unreachable.push(String(member.name));
      continue;
    }
    const items = loans.map((loan) => {
      const fine = overdueFine(new Date(String(loan.due_at)), now, setting);
      return { loan, title: String(books.get(String(loan.book))?.title ?? 'a book'), dueDate: String(loan.due_at).slice(0, 10), fine: fine > 0 ? money(fine) : undefined };
    });
    // One transaction per member: the notifications, the queued mail and the reminder times commit together or not at all.
    await records.transaction(async (tx) => {
      // Locked (in id order, as listed) and read again: a second run at the same moment, such as
      // jobs:run next to the schedule, waits here and then finds these loans reminded or returned.
      const current: typeof items = [];
      for (const item of items) {
        const loan = await tx.lock('library.loan', item.loan.id);
        if (loan.status === 'issued' && dueForReminder(loan, now)) current.push(item);
      }
      if (!current.length) return;
      if (userId) {
        for (const item of current) {
          await notify(tx, {
            user: userId,
            title: `Overdue: ${item.title}`,
            body: `"${item.title}" was due back on ${item.dueDate}${item.fine ? `; the fine so far is ${item.fine}` : ''}. Please return it as soon as you can.`,
            about: { entity: 'library.loan', id: item.loan.id },
          });
          notifications++;
        }
      }
      if (address) {
        await enqueueMail(tx, { to: address, template: 'overdue_reminder', data: { name: String(member.name), items: current.map(({ title, dueDate, fine }) => ({ title, dueDate, fine })) } });
        mails++;
      }
      for (const item of current) await tx.update('library.loan', item.loan.id, { reminded_at: now.toISOString() });
      reminded++;
    });
  }
  if (unreachable.length) ctx.log.warn(`no login and no e-mail address for ${unreachable.join(', ')}: not reminded`);
  return `${reminded} member${reminded === 1 ? '' : 's'} reminded (${notifications} notification${notifications === 1 ? '' : 's'}, ${mails} mail${mails === 1 ? '' : 's'})${unreachable.length ? `, ${unreachable.length} without a login or e-mail address` : ''}`;
}
