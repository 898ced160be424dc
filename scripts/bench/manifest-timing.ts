/**
 * Child process of `npm run bench` (run compiled, fresh process): how long
 * loading + validating every manifest takes. "cold" includes importing
 * core/manifest (which compiles the JSON Schema with AJV) and the first
 * loadRegistry(); "warm" is the median of 20 further loadRegistry() calls.
 */
const t0 = performance.now();
const { loadRegistry } = await import('../../core/manifest/index.js');
const imported = performance.now();
const registry = loadRegistry();
const first = performance.now();
const runs: number[] = [];
for (let i = 0; i < 20; i++) {
  const s = performance.now();
  loadRegistry();
  runs.push(performance.now() - s);
}
runs.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    importMs: imported - t0,
    firstLoadMs: first - imported,
    coldMs: first - t0,
    warmMedianMs: (runs[9] + runs[10]) / 2,
    modules: registry.modules.length,
    entities: registry.entities.length,
  }),
);
