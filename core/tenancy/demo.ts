/**
 * Demo organizations on an empty database: one per declared system type
 * ("Demo <label>", slug = the type with dashes for underscores), an admin and
 * one user per role its modules declare, and each module's demo data. Returns
 * the logins to print.
 */
import { DEMO_PASSWORD } from '../../config/index.js';
import { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { createOrganization, createUser, modulesForSystemType } from './index.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';
import { crossTenant } from '../db/cross-tenant.js';

export interface DemoLogin {
  organization: string;
  email: string;
  roles: string[];
}

export async function seedDemoIfEmpty(runtime: Runtime, options: { size?: 'demo' | 'small'; systemTypes?: readonly string[] } = {}): Promise<DemoLogin[] | undefined> {
  const [{ n }]: { n: number }[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`SELECT count(*)::int AS n FROM ${ORGANIZATION_TABLE}`));
  if (n > 0) return undefined;
  const logins: DemoLogin[] = [];
  for (const systemType of options.systemTypes ?? [...runtime.registry.systemTypes.keys()]) {
    const slug = systemType.replace(/_/g, '-');
    const { organization, admin } = await createOrganization(runtime, {
      name: `Demo ${runtime.registry.systemTypes.get(systemType)?.label ?? systemType}`,
      slug,
      systemType,
      admin: { email: `admin@${slug}.demo`, password: DEMO_PASSWORD, name: 'Demo admin' },
    });
    logins.push({ organization: slug, email: String(admin.email), roles: ['admin'] });
    const modules = modulesForSystemType(runtime, systemType);
    const usersByRole = new Map<string, { id: string; email: string }>();
    const emails = new Set<string>();
    for (const moduleId of modules) {
      for (const role of runtime.registry.module(moduleId)!.roles) {
        // `<role>@<org>.demo`; a second module's role of the same name gets `<module>-<role>@…`.
        const local = emails.has(role.name) ? `${role.module}-${role.name}` : role.name;
        emails.add(local);
        const email = `${local}@${slug}.demo`;
        const user = await createUser(runtime, slug, { email, password: DEMO_PASSWORD, name: `Demo ${role.label.toLowerCase()}`, roles: [role.key] });
        usersByRole.set(role.key, { id: user.id, email });
        logins.push({ organization: slug, email, roles: [role.key] });
      }
    }
    for (const moduleId of modules) {
      const plugin = runtime.plugins.byModule.get(moduleId);
      if (!plugin?.seed) continue;
      const records = RecordService.forSystem(runtime, organization.id, `seed:${moduleId}`).forModule(moduleId);
      await records.transaction((tx) =>
        plugin.seed!({
          records: tx,
          organization,
          usersByRole,
          size: options.size ?? 'demo',
          as: async (user) => (await RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: organization.id, email: user.email }, tx.entityManager)).forModule(moduleId),
        }),
      );
    }
  }
  return logins;
}
