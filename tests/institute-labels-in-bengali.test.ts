/**
 * Every institute entity carries Bengali labels (manifest `translations.bn`) for itself, each of its
 * fields, each value of its enum fields and each action of its workflow, which the admin's Bengali
 * locale shows (labels, properties, `values.<field>.<value>` for badges, actions).
 */
import { expect, it } from '@jest/globals';
import { bengaliTranslations } from '../core/admin/locale-bn.js';
import { classNameOf } from '../core/data/entity-schemas.js';
import { loadRegistry } from '../core/manifest/index.js';
import { enumLabels } from '../core/manifest/value-labels.js';

const BENGALI = /[\u0980-\u09FF]/;
const registry = loadRegistry();
type Bn = { labels: Record<string, string>; resources: Record<string, { properties: Record<string, string>; actions: Record<string, string>; values: Record<string, Record<string, string>> }> };
const bn = bengaliTranslations(registry) as unknown as Bn;
const id = (key: string): string => classNameOf(registry.entity(key)!);

it("the institute's main entities and their fields have Bengali labels", () => {
  expect(bn.labels[id('institute.student')]).toBe('শিক্ষার্থীরা');
  expect(bn.labels[id('institute.course')]).toBe('কোর্সসমূহ');
  expect(bn.resources[id('institute.course')].properties.teacher).toBe('শিক্ষক');
});

it('every institute entity, field, enum value and workflow action has a Bengali label', () => {
  const missing: string[] = [];
  const entities = registry.entities.filter((e) => e.module === 'institute');
  expect(entities.length).toBeGreaterThanOrEqual(17);
  for (const e of entities) {
    const t = bn.resources[id(e.key)];
    if (!BENGALI.test(bn.labels[id(e.key)] ?? '')) missing.push(e.key);
    for (const f of e.fields) {
      if (!BENGALI.test(t?.properties[f.name] ?? '')) missing.push(`${e.key}.${f.name}`);
      if (f.type === 'enum') for (const v of f.values ?? []) if (!BENGALI.test(t?.values[f.name]?.[v] ?? '')) missing.push(`${e.key}.${f.name}=${v}`);
    }
    for (const tr of registry.workflow(e.key)?.transitions ?? []) {
      for (const name of [tr.name, tr.approval?.reject?.name].filter((n): n is string => Boolean(n))) if (!BENGALI.test(t?.actions[name] ?? '')) missing.push(`${e.key} action ${name}`);
    }
  }
  expect(missing).toEqual([]);
});

it('an enum value reads in Bengali where labels are computed on the server (exports, badges)', () => {
  const course = registry.entity('institute.course')!;
  const status = course.field.get('status')!;
  expect(enumLabels(registry, course, status, 'bn').get('PENDING')?.label).toBe('অনুমোদনের অপেক্ষায়');
  expect(enumLabels(registry, course, status).get('PENDING')?.label).not.toMatch(BENGALI);
});

it("every dashboard card of the institute's modules has a Bengali label", () => {
  const modules = registry.modules.filter((m) => m.systemTypes.includes('institute'));
  expect(modules.length).toBeGreaterThanOrEqual(7);
  const missing = modules.flatMap((m) => m.dashboard.filter((c) => !BENGALI.test(c.translations.bn?.label ?? '')).map((c) => `${c.id} ${c.label}`));
  expect(missing).toEqual([]);
  expect(registry.modules.find((m) => m.id === 'institute')!.dashboard[0].translations.bn?.label).toBe('সক্রিয় কোর্স');
});
