/** The parity suite runs once per system type; a system type whose modules have no file would go untested. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { loadRegistry } from '../core/manifest/index.js';

describe('permission parity coverage', () => {
  it('every system type that has modules has its tests/permission-parity-<type>.test.ts', () => {
    const registry = loadRegistry();
    const withModules = [...registry.systemTypes.keys()].filter((t) => registry.modules.some((m) => m.systemTypes.includes(t)));
    expect(withModules.length).toBeGreaterThan(1);
    const missing = withModules.filter((t) => !existsSync(new URL(`./permission-parity-${t}.test.ts`, import.meta.url)));
    expect(missing).toEqual([]);
  });
});
