/**
 * `admissions.offer_expiry` (hourly): an offer older than its cycle's
 * `offer_days` is declined through the workflow as the job's system actor
 * (`decline` allows `by.system`), so History records it and the seat goes to
 * the first waitlisted application in the same transaction. Each offer is
 * its own transaction: one that fails does not stop the others, and an offer
 * already answered meanwhile is left alone (the engine's `from` check).
 */
import { workflows, type JobContext, type RecordData } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const APPLICATION = 'admissions.application';

export async function offerExpiry(ctx: JobContext): Promise<string> {
  const cycles = new Map<string, RecordData | undefined>();
  let expired = 0;
  let failed = 0;
  for await (const page of ctx.records.findPages(APPLICATION, { filters: [{ field: 'status', op: 'eq', value: 'offered' }, { field: 'offered_at', op: 'ne', value: null }] })) {
    for (const offer of page) {
      const cycleId = String(offer.cycle);
      if (!cycles.has(cycleId)) cycles.set(cycleId, (await ctx.records.getMany('admissions.admission_cycle', [cycleId]))[0]);
      const days = cycles.get(cycleId)?.offer_days;
      if (days === null || days === undefined) continue;
      const offeredAt = new Date(String(offer.offered_at instanceof Date ? offer.offered_at.toISOString() : offer.offered_at)).getTime();
      if (!(offeredAt + Number(days) * DAY_MS <= ctx.now.getTime())) continue;
      try {
        await ctx.records.transaction(async (tx) => (await workflows(tx)).run(APPLICATION, offer.id, 'decline', { comment: `The offer expired: not accepted within ${Number(days)} days.` }));
        expired++;
      } catch (err) {
        failed++;
        ctx.log.warn(`${APPLICATION} ${offer.id}: not expired: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return `${expired} offer${expired === 1 ? '' : 's'} expired${failed ? `, ${failed} failed` : ''}`;
}
