/** Dashboard cards from the manifests, for what the user may read, counted through the data layer. */
import type { CurrentAdmin, PageHandler } from 'adminjs';
import { componentLoader, componentSource } from './components.js';
import type { Runtime } from '../runtime.js';
import { accessOf, recordServiceFor, type AdminUser } from './session-user.js';
import { intlLocaleOf, languageOfUser } from './language.js';
import { CORE_MODULE_ID } from '../manifest/index.js';
import { UmsError } from '../errors.js';
import { cardData, type CardData } from './dashboard-cards.js';
import { currencyFor } from './formatting.js';

export const DASHBOARD_COMPONENT = componentLoader.add('UmsDashboard', componentSource('admin/components/dashboard.tsx'));

/**
 * The cards of every enabled module that the user may read and, where a card names roles, holds one of
 * them (a student does not see "Draft courses"). A card the user's field rules make impossible to compute
 * (a chart grouped by a field hidden from them) is left out rather than shown wrong.
 */
export async function dashboardCards(runtime: Runtime, currentAdmin: CurrentAdmin | undefined, rootPath: string): Promise<CardData[]> {
  const records = await recordServiceFor(runtime, currentAdmin);
  const roles = new Set(accessOf(runtime, currentAdmin)?.principal.roles ?? []);
  // Dates and numbers the cards carry as text follow the viewer's language (bn-BD: Bengali digits and month names).
  const viewer = currentAdmin as AdminUser | undefined;
  const language = viewer ? await languageOfUser(runtime, viewer.organizationId, viewer.id) : 'en';
  const locale = intlLocaleOf(language);
  const env = { registry: runtime.registry, rootPath, timeZone: await records.timeZone(), locale, language, currency: await currencyFor(records) };
  const cards: CardData[] = [];
  for (const module of runtime.registry.modules) {
    for (const card of module.dashboard) {
      const entity = runtime.registry.entity(card.entity)!;
      if (!records.canOnType('read', entity.key)) continue;
      if (card.roles && !card.roles.some((r) => roles.has(r))) continue;
      try {
        // The card's label in the viewer's language where the manifest gives one (`translations.bn.label`), else as written.
        cards.push({ module: module.translations[language]?.label ?? module.label, label: card.translations[language]?.label ?? card.label, id: card.id, locale, ...(await cardData(records, card, env)) });
      } catch (err) {
        if (err instanceof UmsError && err.code === 'FORBIDDEN') continue;
        throw err;
      }
    }
  }
  return cards;
}

/**
 * Why someone has nothing to work with, and whom to ask: no role at all, or an organization whose
 * system type brings no module. null when they have screens (an empty dashboard is then just empty).
 */
export interface EmptyReason {
  reason: 'no-role' | 'no-modules';
  message: string;
  admins: { name: string; email: string }[];
}

async function emptyReason(runtime: Runtime, currentAdmin: CurrentAdmin | undefined): Promise<EmptyReason | null> {
  const access = accessOf(runtime, currentAdmin);
  if (!access) return null;
  const domain = runtime.registry.modules.filter((m) => m.id !== CORE_MODULE_ID);
  const enabled = domain.filter((m) => access.principal.enabledModules.has(m.id));
  const reason = enabled.length === 0 ? 'no-modules' : access.principal.roles.length === 0 ? 'no-role' : null;
  if (!reason) return null;
  // Who the organization's admins are: looked up as the system (a person without a role may not read users).
  const system = (await recordServiceFor(runtime, currentAdmin)).asSystem('who-to-ask');
  const [adminRole] = await system.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'admin' }], limit: 1 });
  const assignments = adminRole ? await system.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: adminRole.id }], limit: 20 }) : [];
  const users = await system.getMany('core.user', assignments.map((a) => String(a.user)));
  const admins = users.filter((u) => u.is_active === true).map((u) => ({ name: String(u.name ?? ''), email: String(u.email) }));
  const message =
    reason === 'no-modules'
      ? 'Your organization has no modules yet: its system type brings none, so there are no screens to work with. An organization admin can enable a module (npm run ums -- module:enable), or your operator can change the system type.'
      : 'You have no role in this organization yet, so there is nothing you may see or do here. Ask an organization admin to give you a role (Organization → Role assignments).';
  return { reason, message, admins };
}

export function dashboardOptions(runtime: Runtime, rootPath: string): { component: string; handler: PageHandler } {
  return {
    component: DASHBOARD_COMPONENT,
    handler: async (_request, _response, context) => ({
      cards: await dashboardCards(runtime, context.currentAdmin, rootPath),
      empty: await emptyReason(runtime, context.currentAdmin),
    }),
  };
}
