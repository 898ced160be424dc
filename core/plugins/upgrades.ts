/**
 * Module upgrade steps (ModulePlugin.upgrade): data changes per module version
 * that a schema migration cannot express. Each step runs once per organization
 * with the module enabled, as the system actor `upgrade:<module>@<version>`, in
 * one transaction that first claims the step (a unique row in
 * core_module_upgrade) and then runs it: a crash rolls both back, a second
 * `migrate` at the same time waits on the claim and skips it, so every
 * organization ends upgraded exactly once however often `migrate` is run.
 */
import type { EntityManager } from 'typeorm';
import { RecordService } from '../data/records.js';
import { MODULE_UPGRADE_TABLE } from '../data/entity-schemas.js';
import { ORGANIZATION_MODULE_TABLE, ORGANIZATION_TABLE, type Registry } from '../manifest/index.js';
import type { DataContext } from '../data/context.js';
import { compareVersions, type PluginRegistry } from './registry.js';
import { crossTenant } from '../db/cross-tenant.js';

interface UpgradeRuntime extends DataContext {
  registry: Registry;
  plugins: PluginRegistry;
}

export interface UpgradeStepRef {
  organization: { id: string; name: string; slug: string };
  module: string;
  version: string;
}

/** Steps not yet run, per organization with the module enabled, in version order (optionally of one organization). */
export async function pendingUpgrades(runtime: UpgradeRuntime, options: { organizationId?: string } = {}): Promise<UpgradeStepRef[]> {
  const pending: UpgradeStepRef[] = [];
  for (const [module, plugin] of runtime.plugins.byModule) {
    const versions = Object.keys(plugin.upgrade ?? {}).sort(compareVersions);
    if (!versions.length) continue;
    const organizations: { id: string; name: string; slug: string; done: string[] }[] = await crossTenant(runtime.dataSource, 'plugin-upgrades', (owner) => owner.query(
      `SELECT o.id, o.name, o.slug,
              coalesce((SELECT array_agg(u.version) FROM ${MODULE_UPGRADE_TABLE} u WHERE u.organization_id = o.id AND u.module_id = m.module_id), '{}') AS done
         FROM ${ORGANIZATION_TABLE} o JOIN ${ORGANIZATION_MODULE_TABLE} m ON m.organization_id = o.id AND m.module_id = $1 AND m.enabled
        WHERE $2::uuid IS NULL OR o.id = $2 ORDER BY o.slug`,
      [module, options.organizationId ?? null],
    ));
    for (const { done, ...organization } of organizations) {
      for (const version of versions) if (!done.includes(version)) pending.push({ organization, module, version });
    }
  }
  return pending;
}

/**
 * Runs every pending step (of one organization, when given), then records the
 * manifest version each organization's enabled modules are now at. A failing
 * step stops the run with the organization and step named; what ran before it stays.
 */
export async function runUpgrades(runtime: UpgradeRuntime, options: { organizationId?: string; log?: (line: string) => void } = {}): Promise<UpgradeStepRef[]> {
  const ran: UpgradeStepRef[] = [];
  for (const step of await pendingUpgrades(runtime, options)) {
    const run = runtime.plugins.byModule.get(step.module)!.upgrade![step.version];
    const records = RecordService.forSystem(runtime, step.organization.id, `upgrade:${step.module}@${step.version}`).forModule(step.module);
    try {
      const claimed = await records.transaction(async (tx) => {
        const rows: unknown[] = await tx.entityManager.query(
          `INSERT INTO ${MODULE_UPGRADE_TABLE} (organization_id, module_id, version, outcome) VALUES ($1, $2, $3, 'ran')
           ON CONFLICT (organization_id, module_id, version) DO NOTHING RETURNING id`,
          [step.organization.id, step.module, step.version],
        );
        if (!rows.length) return false;
        await run({ records: tx, organization: step.organization, version: step.version });
        return true;
      });
      if (claimed) {
        ran.push(step);
        options.log?.(`upgraded ${step.organization.slug}: ${step.module}@${step.version}`);
      }
    } catch (err) {
      throw new Error(`The upgrade step ${step.module}@${step.version} failed in organization "${step.organization.slug}" (nothing of it was kept; steps before it were): ${(err as Error).message}`, { cause: err });
    }
  }
  for (const module of runtime.registry.modules) {
    await crossTenant(runtime.dataSource, 'plugin-upgrades', (owner) => owner.query(
      `UPDATE ${ORGANIZATION_MODULE_TABLE} m SET version = $2
        WHERE m.module_id = $1 AND m.enabled AND m.version IS DISTINCT FROM $2 AND ($3::uuid IS NULL OR m.organization_id = $3)
          AND NOT EXISTS (SELECT 1 FROM unnest($4::text[]) v WHERE NOT EXISTS (SELECT 1 FROM ${MODULE_UPGRADE_TABLE} u WHERE u.organization_id = m.organization_id AND u.module_id = m.module_id AND u.version = v))`,
      [module.id, module.version, options.organizationId ?? null, Object.keys(runtime.plugins.byModule.get(module.id)?.upgrade ?? {})],
    ));
  }
  return ran;
}

/**
 * A new organization's data is born in the current shape: its modules start at
 * the manifest's version and their steps are recorded as skipped, so a later
 * `migrate` never runs them on it.
 */
export async function startAtCurrentVersions(runtime: UpgradeRuntime, manager: EntityManager, organizationId: string, modules: string[]): Promise<void> {
  for (const module of modules) {
    await manager.query(`UPDATE ${ORGANIZATION_MODULE_TABLE} SET version = $3 WHERE organization_id = $1 AND module_id = $2`, [organizationId, module, runtime.registry.module(module)?.version ?? null]);
    for (const version of Object.keys(runtime.plugins.byModule.get(module)?.upgrade ?? {})) {
      await manager.query(
        `INSERT INTO ${MODULE_UPGRADE_TABLE} (organization_id, module_id, version, outcome) VALUES ($1, $2, $3, 'skipped') ON CONFLICT DO NOTHING`,
        [organizationId, module, version],
      );
    }
  }
}
