/**
 * Where a V8 heap snapshot's memory goes: self sizes summed by node type and by constructor /
 * string / code name, the largest first, and the scripts whose source strings are largest.
 * `npx tsx scripts/bench/heap-summary.ts <file.heapsnapshot> [top]`; also used by the bench.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] }; node_count: number };
  nodes: number[];
  strings: string[];
}

export interface HeapSummary {
  totalMb: number;
  byType: { type: string; mb: number; count: number }[];
  byName: { type: string; name: string; mb: number; count: number }[];
}

export function summariseHeap(file: string, top = 25): HeapSummary {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byType = new Map<string, { size: number; count: number }>();
  const byName = new Map<string, { type: string; name: string; size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const size = snap.nodes[i + sizeAt];
    total += size;
    const t = byType.get(type) ?? { size: 0, count: 0 };
    t.size += size;
    t.count++;
    byType.set(type, t);
    // Strings are grouped by their first characters (a source text is one huge string); others by name.
    const raw = snap.strings[snap.nodes[i + nameAt]] ?? '';
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? (size > 100_000 ? `${raw.slice(0, 60).replace(/\s+/g, ' ')}…` : '(strings under 100 KB)') : raw.slice(0, 80);
    const key = `${type}\u0000${name}`;
    const n = byName.get(key) ?? { type, name, size: 0, count: 0 };
    n.size += size;
    n.count++;
    byName.set(key, n);
  }
  const mb = (b: number): number => b / 2 ** 20;
  return {
    totalMb: mb(total),
    byType: [...byType].map(([type, v]) => ({ type, mb: mb(v.size), count: v.count })).sort((a, b) => b.mb - a.mb),
    byName: [...byName.values()].map((v) => ({ type: v.type, name: v.name, mb: mb(v.size), count: v.count })).sort((a, b) => b.mb - a.mb).slice(0, top),
  };
}

if (process.argv[1]?.endsWith('heap-summary.ts') || process.argv[1]?.endsWith('heap-summary.js')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: heap-summary.ts <file.heapsnapshot> [top]');
  const s = summariseHeap(file, Number(process.argv[3] ?? 30));
  console.log(`total self size ${s.totalMb.toFixed(1)} MB`);
  for (const t of s.byType) console.log(`  ${t.type.padEnd(22)} ${t.mb.toFixed(1).padStart(7)} MB  ${t.count}`);
  for (const n of s.byName) console.log(`  ${n.mb.toFixed(2).padStart(7)} MB  ${String(n.count).padStart(8)}  ${n.type}: ${n.name}`);
}
