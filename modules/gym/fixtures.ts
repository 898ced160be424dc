/**
 * Valid test records for the generic test data generator (permission parity):
 * what the manifest's checks and the plugin's hooks ask beyond the field
 * definitions. A booking and a check-in need a membership covering their day,
 * so each gets a fresh unlimited membership of its member from that day.
 * Tests only.
 */
import type { FixtureRecord, Records } from '../../core/sdk.js';
import { MEMBERSHIP, PLAN, SESSION, addDays } from './memberships.js';

const day = (offset: number): string => addDays('2026-01-05', offset);

async function coverFrom(records: Records, member: unknown, date: string, index: number): Promise<string> {
  const plan = await records.create(PLAN, { name: `Fixture unlimited ${date} ${index} ${Math.random().toString(36).slice(2, 8)}`, kind: 'unlimited', months: 1, price: 0 });
  return (await records.create(MEMBERSHIP, { member, plan: plan.id, start_date: date, status: 'active' })).id;
}

export const gymFixtures: Record<string, FixtureRecord> = {
  plan: (_draft, { index }) => ({ months: 1 + (index % 12), classes_per_period: 4 + index }),
  membership: (_draft, { index }) => ({ start_date: day(index * 40), end_date: null, status: 'active' }),
  credit_entry: (_draft, { index }) => ({ credits: 1 + index, reason: 'adjustment', booking: null }),
  freeze: (_draft, { index }) => ({ from_date: day(index * 10), to_date: day(index * 10 + 3) }),
  class_schedule: (_draft, { index }) => ({ capacity: 10 + index, walk_in_places: index % 3 }),
  class_session: (_draft, { index }) => ({ date: day(index), starts_at: `${day(index)}T18:00:00.000Z`, ends_at: `${day(index)}T19:00:00.000Z`, capacity: 10 + index }),
  async booking(draft, { records, index }) {
    const session = await records.get(SESSION, String(draft.session));
    return { membership: await coverFrom(records, draft.member, String(session.date), index) };
  },
  async check_in(draft, { records, index }) {
    const time = `${day(index)}T09:00:00.000Z`;
    await coverFrom(records, draft.member, day(index), index);
    return { time, booking: null, membership: undefined };
  },
};
