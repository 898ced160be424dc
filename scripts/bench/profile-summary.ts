/**
 * Summarises a V8 CPU profile (`npm run bench -- --cpu-prof` writes the app
 * server's into .bench/profiles/): self time by package or UMS folder, the
 * top functions by self time, and the inclusive time of a few named frames
 * (JSON.stringify, the tenant scope, CASL), so "where the time went" is read
 * off a file rather than guessed.
 *
 *   npx tsx scripts/bench/profile-summary.ts .bench/profiles/<file>.cpuprofile [--top=30] [--serving=api|admin]
 *
 * `--serving=api|admin`: the bench's app serves the AdminJS list and the REST API list in turns
 * (windows of a second or more), so one profile holds both, and its start-up too. This keeps the
 * samples of the 200 ms slices in which that list was being served (a slice counts as the list
 * whose frames — adminjs's or core/api's record routes — it holds most of; a slice with neither,
 * idle or start-up, is left out), and prints the shares of the busy (non-idle) time of those slices.
 */
import { readFileSync } from 'node:fs';

interface Frame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: Frame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top=30]');
const top = Number(rest.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const serving = rest.find((a) => a.startsWith('--serving='))?.slice('--serving='.length);
if (serving !== undefined && serving !== 'api' && serving !== 'admin') throw new Error('--serving= takes api or admin');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Which list a sample's stack is serving, if it says (see --serving). */
const servingOf = new Map<number, 'api' | 'admin' | undefined>();
function listOf(id: number): 'api' | 'admin' | undefined {
  if (servingOf.has(id)) return servingOf.get(id);
  const url = byId.get(id)!.callFrame.url;
  const p = parent.get(id);
  const own = url.includes('node_modules/adminjs/') || url.includes('node_modules/@adminjs/') ? 'admin' : url.includes('/core/api/record-routes') ? 'api' : undefined;
  const found = own ?? (p === undefined ? undefined : listOf(p));
  servingOf.set(id, found);
  return found;
}
const SLICE_US = 200_000;
const keptSlice = new Map<number, boolean>();
if (serving) {
  const votes = new Map<number, { api: number; admin: number }>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const which = listOf(id);
    if (!which) return;
    const slice = Math.floor((at - profile.startTime) / SLICE_US);
    const v = votes.get(slice) ?? { api: 0, admin: 0 };
    v[which]++;
    votes.set(slice, v);
  });
  for (const [slice, v] of votes) keptSlice.set(slice, serving === 'api' ? v.api > v.admin : v.admin > v.api);
}
const self = new Map<number, number>();
{
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (serving && !keptSlice.get(Math.floor((at - profile.startTime) / SLICE_US))) return;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
}
const sampled = [...self.values()].reduce((a, b) => a + b, 0);
const idleTime = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
// With --serving, shares are of the busy time: the slices' idle differs with the machine's load, not with the code.
if (serving) for (const [id] of self) if (byId.get(id)!.callFrame.functionName === '(idle)') self.delete(id);
const total = serving ? sampled - idleTime : sampled;

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
const slices = [...keptSlice.values()].filter(Boolean).length;
console.log(serving
  ? `${file}, serving the ${serving === 'api' ? 'REST API' : 'AdminJS'} list: ${slices} slices of 200 ms, ${(sampled / 1e6).toFixed(1)} s sampled, ${((idleTime / sampled) * 100).toFixed(1)} % idle; shares below are of the ${(total / 1e6).toFixed(1)} s busy\n\nSelf time by area:`
  : `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${pct(idleTime)} idle\n\nSelf time by area:`);
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

/**
 * Self time grouped by what the work is for: each sample goes to the first frame, from the leaf
 * up, that names a group (a native leaf such as writev is named by itself; node's internals are
 * passed through to the code that called them).
 */
const GROUPS: [string, (f: Frame) => boolean][] = [
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['socket (write, read, HTTP framing)', (f) => (!f.url && /^(writev|writeBuffer|writeString|writeUtf8String|utf8Write|latin1Write|onStreamRead)$/.test(f.functionName)) || /^node:(net|_http_outgoing|_http_server|_http_common|stream)/.test(f.url)],
  // V8 inlines JSON.stringify into its caller: express's own stringify (res.json) is where it shows.
  ['JSON (stringify, parse)', (f) => (!f.url && (f.functionName === 'stringify' || f.functionName === 'parse')) || (f.functionName === 'stringify' && /node_modules\/express\/lib\/response/.test(f.url))],
  ['pg: parse answers (rows, dates)', (f) => /node_modules\/(pg-protocol|postgres-date|pg-types|postgres-array|postgres-interval)\//.test(f.url) || (/node_modules\/pg\/lib\/result/.test(f.url))],
  ['pg: send, pool', (f) => /node_modules\/(pg|pg-pool)\//.test(f.url) || f.url.includes('/core/data/scoped-query') || f.url.includes('/core/data/tenant-scope')],
  ['row normalising (query.ts, onlyFields, AdminJS records)', (f) => (f.url.includes('/core/data/query.ts') && /^normalise/.test(f.functionName)) || /^(onlyFields|shownOfReadable|shownRows|toRecord|sparse)$/.test(f.functionName) || /node_modules\/flat\//.test(f.url)],
  ['SQL build (reader, query, access/sql)', (f) => f.url.includes('/core/data/') || f.url.includes('/core/access/sql')],
  ['access / rules (core/access, CASL)', (f) => f.url.includes('/core/access/') || /node_modules\/@casl\//.test(f.url) || f.url.includes('/core/admin/request-context')],
  ['auth: JWT, session, user status', (f) => /node_modules\/(jose|express-session|cookie-signature|cookie)\//.test(f.url) || f.url.includes('/core/api/tokens') || f.url.includes('/core/auth/') || f.url.includes('/core/admin/session-user') || f.url === 'node:internal/crypto/hash' || f.url.startsWith('node:internal/crypto')],
  ['request log, metrics (pino, prom-client, core/ops)', (f) => /node_modules\/(pino|sonic-boom|prom-client|thread-stream)\//.test(f.url) || f.url.includes('/core/ops/') || f.url.includes('/core/log')],
  ['compression (zlib)', (f) => f.url.startsWith('node:zlib') || f.url.includes('/core/admin/compression')],
  ['AdminJS (actions, records, decorators)', (f) => /node_modules\/(adminjs|@adminjs|lodash)\//.test(f.url) || f.url.includes('/core/admin/')],
  ['express, router, middleware (core/api routes)', (f) => /node_modules\/(express|router|body-parser|type-is|finalhandler|send|qs|on-finished|mime-types|negotiator|accepts|content-type|raw-body|parseurl|path-to-regexp)\//.test(f.url) || f.url.includes('/core/api/') || f.url.includes('/core/server')],
  ['typeorm', (f) => /node_modules\/typeorm\//.test(f.url)],
  ['bench probe (statement counter)', (f) => f.url.includes('/scripts/')],
];
const grouped = new Map<string, number>();
for (const [id, t] of self) {
  let group = 'other (node internals, promises, V8)';
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const frame = byId.get(n)!.callFrame;
    const hit = GROUPS.find(([, match]) => match(frame));
    if (hit) {
      group = hit[0];
      break;
    }
  }
  grouped.set(group, (grouped.get(group) ?? 0) + t);
}
console.log('\nSelf time by purpose:');
for (const [k, t] of [...grouped].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(t)}  ${k}`);
