/**
 * A plugin's record actions (definePlugin `actions`, documentAction) carry their Bengali label in code
 * (`translations.bn.label`, core/plugins/types.ts): AdminJS's Bengali translations label the action's button
 * with it, so a bn reader sees "ধার দিন" on a loan, not "Issue". An action without one keeps its English label.
 */
import { expect, it } from '@jest/globals';
import { bengaliTranslations } from '../core/admin/locale-bn.js';
import { classNameOf } from '../core/data/entity-schemas.js';
import { loadModules } from '../core/modules.js';

it("the Bengali labels of plugin actions are their translations", async () => {
  const { registry, plugins } = await loadModules({});
  // AdminJS types a resource's actions loosely (ResourceKey): read them as the plain map locale-bn.ts builds.
  const resources = bengaliTranslations(registry, (e) => plugins.actionsFor(e)).resources as Record<string, { actions?: Record<string, string> }> | undefined;
  const actionsOf = (entity: string): Record<string, string> => resources?.[classNameOf(registry.entity(entity)!)]?.actions ?? {};
  expect(actionsOf('library.loan')).toMatchObject({ issue: 'ধার দিন', return: 'ফেরত নিন' });
  expect(actionsOf('gym.membership').print_card).toBe('সদস্য কার্ড');
  expect(actionsOf('hotel.folio').print_folio).toBe('হিসাব প্রিন্ট করুন');
  // Without the plugins the same registry gives no label for them: the label comes from the action's definition.
  const bare = bengaliTranslations(registry).resources as Record<string, { actions?: Record<string, string> }> | undefined;
  expect(bare?.[classNameOf(registry.entity('library.loan')!)]?.actions?.issue).toBeUndefined();
});

it('every record action a module defines in code has a Bengali label', async () => {
  const { registry, plugins } = await loadModules({});
  // Run actions (manifest `run`) are made by core from the manifest, not defined in a plugin: not this test's concern.
  const runs = (e: { run?: { action: { name: string }; cancel?: { name: string } } }): string[] => (e.run ? [e.run.action.name, ...(e.run.cancel ? [e.run.cancel.name] : [])] : []);
  const missing = registry.entities.flatMap((e) => plugins.actionsFor(e).filter((a) => !a.translations?.bn?.label && !runs(e).includes(a.name)).map((a) => `${e.key}.${a.name}`));
  expect(missing).toEqual([]);
});
