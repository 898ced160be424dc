/**
 * Parents behaviour a manifest cannot express: a link carries its guardian's
 * login (for rules within three hops), and the institute's alerts also reach
 * the guardians (hooks on the institute's entities, skipped where this module
 * is disabled). What a guardian may read is the manifest's rules.
 */
import { definePlugin } from '../../core/sdk.js';
import { enrollmentAlertHooks, invoiceAlertHooks } from './alerts.js';
import { guardianHooks, linkHooks } from './links.js';
import { seedParents } from './seed.js';

export { guardianLogins } from './alerts.js';

export default definePlugin({
  module: 'parents',
  hooks: {
    guardian: guardianHooks,
    student_guardian: linkHooks,
    'institute.enrollment': enrollmentAlertHooks,
    'institute.fee_invoice': invoiceAlertHooks,
  },
  seed: seedParents,
});
