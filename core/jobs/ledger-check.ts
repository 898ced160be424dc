/**
 * `<module>.ledger_check`, declared by the core for every module that has a
 * ledger (no manifest line, no plugin handler): nightly, per organization,
 * the ledger sums against the balances (core/data/ledgers/drift.ts). Drift
 * fails the run with what differs, so it shows in `jobs:list --failed` and
 * `jobs:failed`; a clean run says how many balances it checked.
 */
import { ledgerDrift } from '../data/ledgers/drift.js';
import { serviceOf } from '../data/records.js';
import { UmsError } from '../errors.js';
import type { ResolvedModule } from '../manifest/index.js';
import type { ModuleJob } from './declarations.js';

export const LEDGER_CHECK_JOB = 'ledger_check';

export function ledgerCheckJob(module: ResolvedModule): ModuleJob {
  return {
    key: `${module.id}.${LEDGER_CHECK_JOB}`,
    module: module.id,
    name: LEDGER_CHECK_JOB,
    label: 'Ledger check',
    description: 'Verifies that every balance equals the sum of its ledger movements, and reports any drift.',
    schedule: { cron: '30 2 * * *' },
    source: `core/jobs/ledger-check.ts (for the ledgers of ${module.file})`,
    scope: 'organization',
    handler: async (ctx) => {
      const records = serviceOf(ctx.records);
      const { checked, drift } = await ledgerDrift(records.entityManager, records.runtime.registry, ctx.organization.id, module.id);
      if (!drift.length) return `${checked} balance${checked === 1 ? '' : 's'} checked, no drift`;
      for (const d of drift) ctx.log.error(`${d.balance} ${JSON.stringify(d.key)}: ledger ${d.ledger} sums to ${d.ledgerSum}, balance is ${d.balance_quantity}${d.ledgerValue !== undefined ? `; values ${d.ledgerValue} vs ${d.balanceValue}` : ''}`);
      throw new UmsError('CONFLICT', `Ledger drift in ${drift.length} of ${checked} balances: ${drift.slice(0, 3).map((d) => `${d.balance} ${JSON.stringify(d.key)} ledger ${d.ledgerSum} ≠ balance ${d.balance_quantity}`).join('; ')}${drift.length > 3 ? '; …' : ''}`);
    },
  };
}
