import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const mod = await tsImport('./stop-test-postgres.ts', import.meta.url);
  await mod.default();
}
