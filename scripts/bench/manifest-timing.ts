/**
 * Child process of `npm run bench` (run compiled, fresh process): how long
 * loading + validating every manifest takes. "cold" includes importing
 * core/manifest (which compiles the JSON Schema with AJV) and the first
 * loadRegistry(); "warm" is the median of 20 further loadRegistry() calls.
 * The *CpuMs figures are this process's own CPU time (user + system) over the
 * same spans: on a shared machine wall time mostly measures the neighbours.
 */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const t0 = performance.now();
const c0 = cpuMs();
const { loadRegistry } = await import('../../core/manifest/index.js');
const imported = performance.now();
const cImported = cpuMs();
const registry = loadRegistry();
const first = performance.now();
const cFirst = cpuMs();
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
    importCpuMs: cImported - c0,
    firstLoadCpuMs: cFirst - cImported,
    coldCpuMs: cFirst - c0,
    warmMedianMs: (runs[9] + runs[10]) / 2,
    modules: registry.modules.length,
    entities: registry.entities.length,
  }),
);
