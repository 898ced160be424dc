// Jest loads globalSetup outside its module system (no TS transform, no .js→.ts
// mapping), so the TypeScript implementation is loaded through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const mod = await tsImport('./start-test-postgres.ts', import.meta.url);
  await mod.default();
}
