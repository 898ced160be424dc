/**
 * Hospital behaviour the manifest cannot express yet: the bed is freed when the
 * discharge completes, an invoice's total is the sum of its lines, the jobs
 * (reminders, no-shows, daily bed charges), documents and the demo seed.
 * Every invariant is declared in module-manifests/hospital.json and held by PostgreSQL.
 */
import { definePlugin } from '../../core/sdk.js';
import { freeBed, invoiceLineHooks } from './care.js';
import { hospitalDocuments } from './documents.js';
import { hospitalFixtures } from './fixtures.js';
import { appointmentReminder, bedCharges, noShowMarking } from './jobs.js';
import { seedHospital } from './seed.js';

export default definePlugin({
  module: 'hospital',
  actions: hospitalDocuments,
  hooks: { invoice_line: invoiceLineHooks },
  workflowHooks: { freeBed },
  jobs: { appointment_reminder: appointmentReminder, no_show_marking: noShowMarking, bed_charges: bedCharges },
  seed: seedHospital,
  fixtures: hospitalFixtures,
});
