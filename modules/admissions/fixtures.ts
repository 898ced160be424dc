/**
 * Valid test records for the generic test data generator (permission parity):
 * a cycle open now with its age limits in order, and an applicant whose age
 * fits. Tests only.
 */
import type { FixtureRecord } from '../../core/sdk.js';

const DAY_MS = 86_400_000;
const at = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();

export const admissionsFixtures: Record<string, FixtureRecord> = {
  admission_cycle: (_draft, { index }) => ({ seats: 2 + index, opens_at: at(-10 - index), closes_at: at(30 + index), min_age: index % 2 ? null : 10, max_age: index % 2 ? null : 80 }),
  application: (_draft, { index }) => ({ date_of_birth: new Date(Date.now() - (20 + (index % 10)) * 365.25 * DAY_MS).toISOString().slice(0, 10) }),
};
