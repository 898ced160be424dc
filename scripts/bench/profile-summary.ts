/**
 * Summarises a V8 CPU profile (`npm run bench -- --cpu-prof` writes the app
 * server's into .bench/profiles/): self time by package or UMS folder, the
 * top functions by self time, and the inclusive time of a few named frames
 * (JSON.stringify, the tenant scope, CASL), so "where the time went" is read
 * off a file rather than guessed.
 *
 *   npx tsx scripts/bench/profile-summary.ts .bench/profiles/<file>.cpuprofile [--top=30]
 */
import { readFileSync } from 'node:fs';

interface Frame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: Frame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top=30]');
const top = Number(rest.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** Where a frame's code lives: an npm package, a UMS folder, node's own, or V8's (GC, idle, program). */
function area(frame: Frame): string {
  const url = frame.url;
  if (!url) return `(${frame.functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  const ums = /\/(core\/[^/]+|modules\/[^/]+|scripts)\//.exec(url);
  return ums ? ums[1] : url;
}

const sum = new Map<string, number>();
const fn = new Map<string, number>();
for (const [id, t] of self) {
  const frame = byId.get(id)!.callFrame;
  sum.set(area(frame), (sum.get(area(frame)) ?? 0) + t);
  const key = `${frame.functionName || '(anonymous)'} ${area(frame)}:${frame.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
}
const pct = (t: number): string => `${((t / total) * 100).toFixed(1).padStart(5)} %`;
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${pct(idle)} idle\n\nSelf time by area:`);
for (const [k, t] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
console.log('\nTop functions (self):');
for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);

/** Inclusive time of frames whose name matches, counting each sample once even under recursion. */
function inclusive(match: (f: Frame) => boolean): number {
  let t = 0;
  for (const [id, ms] of self) {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      if (match(byId.get(n)!.callFrame)) {
        t += ms;
        break;
      }
    }
  }
  return t;
}
console.log('\nInclusive:');
const named: [string, (f: Frame) => boolean][] = [
  ['JSON.stringify', (f) => f.functionName === 'stringify' && !f.url],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['pg (driver)', (f) => /node_modules\/pg(-protocol)?\//.test(f.url)],
  ['typeorm', (f) => /node_modules\/typeorm\//.test(f.url)],
  ['@casl', (f) => /node_modules\/@casl\//.test(f.url)],
  ['express + middleware', (f) => /node_modules\/(express|router|body-parser|express-session)\//.test(f.url)],
  ['adminjs', (f) => /node_modules\/adminjs\//.test(f.url)],
  ['pino (request log)', (f) => /node_modules\/(pino|pino-http|sonic-boom)\//.test(f.url)],
  ['core/data', (f) => f.url.includes('/core/data/')],
  ['core/access', (f) => f.url.includes('/core/access/')],
  ['core/api', (f) => f.url.includes('/core/api/')],
  ['core/admin', (f) => f.url.includes('/core/admin/')],
];
for (const [name, match] of named) console.log(`  ${pct(inclusive(match))}  ${name}`);
