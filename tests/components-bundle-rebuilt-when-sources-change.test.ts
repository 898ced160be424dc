/**
 * The components bundle is reused only while it is made of the same things: the same registered
 * components (a removed override must not linger in an old bundle) and the same source in their
 * folders (a helper a component imports counts, not only the component's own file).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentsFingerprint } from '../core/admin/bundle.js';
import { componentLoader } from '../core/admin/components.js';

describe('components bundle fingerprint', () => {
  it('changes when a component is added or removed, or a file beside a component changes, and not otherwise', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ums-components-'));
    try {
      writeFileSync(join(folder, 'probe.tsx'), 'export default () => null;\n');
      writeFileSync(join(folder, 'helper.ts'), 'export const a = 1;\n');
      const before = componentsFingerprint();
      expect(componentsFingerprint()).toBe(before);

      componentLoader.add('UmsFingerprintProbe', join(folder, 'probe.tsx'));
      const withProbe = componentsFingerprint();
      expect(withProbe).not.toBe(before);

      writeFileSync(join(folder, 'helper.ts'), 'export const a = 2;\n');
      const helperChanged = componentsFingerprint();
      expect(helperChanged).not.toBe(withProbe);

      delete (componentLoader as unknown as { components: Record<string, unknown> }).components.UmsFingerprintProbe;
      expect(componentsFingerprint()).toBe(before);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
