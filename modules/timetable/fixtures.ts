/**
 * Valid test records for the generic test data generator (permission parity):
 * periods that do not overlap (each in its own hour of the week) and lessons
 * that end after they start. Tests only.
 */
import type { FixtureRecord } from '../../core/sdk.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const hh = (n: number): string => String(n).padStart(2, '0');

export const timetableFixtures: Record<string, FixtureRecord> = {
  period: (_draft, { index }) => ({ weekday: WEEKDAYS[index % 7], start: `${hh(7 + Math.floor(index / 7))}:00`, end: `${hh(7 + Math.floor(index / 7))}:50`, active: true }),
  lesson: (_draft, { index }) => {
    const date = new Date(Date.UTC(2026, 0, 5 + index)).toISOString().slice(0, 10);
    return { date, starts_at: `${date}T09:00:00.000Z`, ends_at: `${date}T10:00:00.000Z` };
  },
};
