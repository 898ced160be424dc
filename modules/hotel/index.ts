/**
 * Hotel behaviour the manifest cannot express yet: check-in opens the folio
 * and check-out closes it when settled and sends the room to housekeeping.
 * Every invariant (no overlapping stays per room, dates, adults, one room
 * charge per folio and night, one open folio per stay, numbers) and the
 * folio's balance (roll-ups of its posted lines) are declared in
 * module-manifests/hotel.json and held by PostgreSQL.
 */
import { definePlugin } from '../../core/sdk.js';
import { hotelDocuments } from './documents.js';
import { hotelFixtures } from './fixtures.js';
import { openFolio, settleAndRelease } from './folios.js';
import { arrivalReminder, nightAudit, noShowMarking } from './jobs.js';
import { seedHotel } from './seed.js';

export default definePlugin({
  module: 'hotel',
  actions: hotelDocuments,
  workflowHooks: { openFolio, settleAndRelease },
  jobs: { night_audit: nightAudit, no_show_marking: noShowMarking, arrival_reminder: arrivalReminder },
  seed: seedHotel,
  fixtures: hotelFixtures,
});
