/**
 * Valid test records for the generic test data generator (permission parity):
 * appointments on distinct hours (no practitioner is double-booked) with the
 * end after the start, vitals in range, bed occupancies already ended (one
 * open occupancy per bed), admissions mostly discharged (one active per
 * patient), invoices without an admission (one open per admission) and bed
 * charges on distinct days. Tests only.
 */
import type { FixtureRecord } from '../../core/sdk.js';

const HOUR_MS = 3_600_000;
const at = (hours: number): string => new Date(Date.UTC(2026, 0, 5, 8) + hours * HOUR_MS).toISOString();

export const hospitalFixtures: Record<string, FixtureRecord> = {
  appointment: (_draft, { index }) => ({ starts_at: at(index), ends_at: at(index + 0.5) }),
  vital_sign: (_draft, { index }) => ({ temperature: 36.5 + (index % 3) / 10, pulse: 60 + index, bp_systolic: 120, bp_diastolic: 80, weight: 70 }),
  prescription_line: (_draft, { index }) => ({ days: 1 + (index % 10) }),
  bed_occupancy: (_draft, { index }) => ({ occupied_from: at(index * 24), occupied_to: at(index * 24 + 12) }),
  admission: (_draft, { index }) => ({ status: index % 4 === 0 ? 'admitted' : 'discharged' }),
  invoice: () => ({ admission: null }),
  invoice_line: (_draft, { index }) => ({ date: new Date(Date.UTC(2026, 0, 5) + index * 86_400_000).toISOString().slice(0, 10) }),
};
