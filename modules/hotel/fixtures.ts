/**
 * Valid test records for the generic test data generator (permission parity):
 * a reservation's check-out after its check-in and at least one adult (the
 * manifest's checks), and stays of one organization on distinct weeks so the
 * room's no-overlap constraint never refuses them. Tests only.
 */
import type { FixtureRecord } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const day = (offset: number): string => new Date(Date.UTC(2026, 0, 5) + offset * DAY_MS).toISOString().slice(0, 10);

export const hotelFixtures: Record<string, FixtureRecord> = {
  reservation: (_draft, { index }) => ({ check_in: day(index * 7), check_out: day(index * 7 + 1 + (index % 3)), adults: 1 + (index % 2) }),
};
