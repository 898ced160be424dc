/** Dashboard cards from the manifests, for what the user may read, counted through the data layer. */
import type { CurrentAdmin, PageHandler } from 'adminjs';
import { componentLoader, componentSource } from './components.js';
import { classNameOf } from '../data/entity-schemas.js';
import type { Runtime } from '../runtime.js';
import { recordServiceFor } from './session-user.js';

export interface DashboardCardData {
  module: string;
  label: string;
  count: number;
  href: string;
}

export const DASHBOARD_COMPONENT = componentLoader.add('UmsDashboard', componentSource('admin/components/dashboard.tsx'));

export async function dashboardCards(runtime: Runtime, currentAdmin: CurrentAdmin | undefined, rootPath: string): Promise<DashboardCardData[]> {
  const records = await recordServiceFor(runtime, currentAdmin);
  const cards: DashboardCardData[] = [];
  for (const module of runtime.registry.modules) {
    for (const card of module.dashboard) {
      const entity = runtime.registry.entity(card.entity)!;
      if (!records.canOnType('read', entity.key)) continue;
      cards.push({
        module: module.label,
        label: card.label,
        count: await records.countMatching(entity.key, card.conditions),
        href: `${rootPath}/resources/${classNameOf(entity)}`,
      });
    }
  }
  return cards;
}

export function dashboardOptions(runtime: Runtime, rootPath: string): { component: string; handler: PageHandler } {
  return {
    component: DASHBOARD_COMPONENT,
    handler: async (_request, _response, context) => ({ cards: await dashboardCards(runtime, context.currentAdmin, rootPath) }),
  };
}
