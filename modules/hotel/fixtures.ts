/**
 * Valid test records for the generic test data generator (permission parity):
 * a reservation's check-out after its check-in and at least one adult (the
 * manifest's checks), and stays of one organization on distinct weeks so the
 * room's no-overlap constraint never refuses them. Every other folio line is
 * a posted line on a folio of the guest login's own stays (found through the
 * role, not by position, so other modules' roles do not shift it), so the
 * guest's rule on posted lines has records on both sides. Tests only.
 */
import type { FixtureRecord, Records } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const day = (offset: number): string => new Date(Date.UTC(2026, 0, 5) + offset * DAY_MS).toISOString().slice(0, 10);

/** Folios of stays whose guest is the login holding the hotel.guest role. */
async function guestLoginFolios(records: Records): Promise<string[]> {
  const [role] = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'hotel.guest' }], limit: 1 });
  if (!role) return [];
  const holders = (await records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: role.id }], limit: 100 })).map((a) => a.user);
  if (!holders.length) return [];
  const guests = (await records.find('hotel.guest', { filters: [{ field: 'user', op: 'in', value: holders }], limit: 100 })).map((g) => g.id);
  if (!guests.length) return [];
  const stays = (await records.find('hotel.reservation', { filters: [{ field: 'guest', op: 'in', value: guests }], limit: 100 })).map((r) => r.id);
  if (!stays.length) return [];
  return (await records.find('hotel.folio', { filters: [{ field: 'reservation', op: 'in', value: stays }], limit: 100 })).map((f) => f.id);
}

export const hotelFixtures: Record<string, FixtureRecord> = {
  reservation: (_draft, { index }) => ({ check_in: day(index * 7), check_out: day(index * 7 + 1 + (index % 3)), adults: 1 + (index % 2) }),
  folio_line: async (_draft, { records, index }) => {
    if (index % 2) return {};
    const folios = await guestLoginFolios(records);
    return folios.length ? { folio: folios[(index / 2) % folios.length], status: 'posted' } : {};
  },
};
