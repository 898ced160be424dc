/**
 * The institute's main entities carry Bengali labels (manifest `translations.bn`), which the admin's
 * Bengali locale shows: students, courses, enrollments, invoices, payments and departments.
 */
import { expect, it } from '@jest/globals';
import { bengaliTranslations } from '../core/admin/locale-bn.js';
import { classNameOf } from '../core/data/entity-schemas.js';
import { loadRegistry } from '../core/manifest/index.js';

it("the institute's main entities and their fields have Bengali labels", () => {
  const registry = loadRegistry();
  const bn = bengaliTranslations(registry) as unknown as { labels: Record<string, string>; resources: Record<string, { properties: Record<string, string> }> };
  const id = (key: string): string => classNameOf(registry.entity(key)!);
  expect(bn.labels[id('institute.student')]).toBe('শিক্ষার্থীরা');
  expect(bn.labels[id('institute.course')]).toBe('কোর্সসমূহ');
  expect(bn.resources[id('institute.course')].properties.teacher).toBe('শিক্ষক');
  for (const key of ['department', 'student', 'course', 'enrollment', 'fee_invoice', 'payment']) {
    expect(bn.labels[id(`institute.${key}`)]).toMatch(/[\u0980-\u09FF]/);
  }
});
