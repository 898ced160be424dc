/**
 * Sends a fuzz request and checks what every answer must hold:
 *  - no 5xx;
 *  - no stack trace or internal detail in the body (file paths, node_modules,
 *    TypeORM/PostgreSQL error text);
 *  - nothing partially written: after a read or a refused write, every entity
 *    table of every organization is unchanged (row count and checksum);
 *    a write that succeeded changed its own organization only, and the stored
 *    row passes the record validation and holds what was sent.
 * `fuzz` runs a property with the configured seed and count; a failure names
 * the seed and the shrunk request.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from '@jest/globals';
import { validateRecord } from '../../../core/manifest/validation.js';
import type { RecordData } from '../../../core/data/records.js';
import { FUZZ_SEED, runsFor } from './settings.js';
import { ANONYMOUS, changedTables, systemRecords, type FuzzWorld } from './world.js';
import type { FuzzRequest } from './requests.js';

/** What an answer must never contain: stack frames, source paths, driver and SQL error text. */
export const LEAK = /\n\s+at |\bat (?:\/|file:|node:)|node_modules|\.[cm]?[jt]s:\d+:\d+|QueryFailedError|TypeORMError|EntityNotFound|EntityMetadata|violates (?:not-null|foreign key|check|unique|exclusion) constraint|invalid input (?:syntax|value) for|syntax error at or near|duplicate key value|out of range for type|value too long for type|current transaction is aborted|invalid byte sequence|unsupported Unicode escape|stack depth limit|Maximum call stack|Cannot read propert|is not a function|is not defined|undefined \(reading|ECONNREFUSED|\bSQLSTATE\b/;

export interface Answer {
  status: number;
  type: string;
  text: string;
  json?: Record<string, unknown>;
}

export async function send(world: FuzzWorld, r: FuzzRequest): Promise<Answer> {
  const cookie = r.as === ANONYMOUS ? undefined : r.org.cookies.get(r.as);
  const res = await fetch(`${world.server.url}${r.path}`, {
    method: r.method,
    headers: { accept: 'application/json', ...(cookie ? { cookie } : {}), ...r.headers },
    body: r.body === undefined || r.method === 'GET' || r.method === 'HEAD' ? undefined : typeof r.body === 'string' ? r.body : new Uint8Array(r.body),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const type = res.headers.get('content-type') ?? '';
  const binary = /pdf|spreadsheet|octet-stream/.test(type);
  const text = binary ? '' : await res.text();
  if (binary) await res.arrayBuffer();
  let json: Record<string, unknown> | undefined;
  if (type.includes('json')) {
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, type, text, json };
}

/** Whether the request was refused: an error status, an error notice, or form errors. */
export function refused(a: Answer): boolean {
  if (a.status >= 300) return true;
  const j = a.json;
  if (!j) return false;
  const notice = j.notice as { type?: string } | undefined;
  const errors = (j.record as { errors?: Record<string, unknown> } | undefined)?.errors;
  return notice?.type === 'error' || Boolean(j.error) || Boolean(errors && Object.keys(errors).length);
}

export class FuzzFinding extends Error {}

function fail(what: string, r: FuzzRequest, a: Answer): never {
  throw new FuzzFinding(`${what}\n  request: ${String((r as unknown as Record<symbol, () => string>)[fc.toStringMethod]())}\n  answer: ${a.status} ${a.text.slice(0, 600)}`);
}

/** The stored row a successful form write left: valid by the manifest, and holding the text that was sent. */
async function checkStored(world: FuzzWorld, r: FuzzRequest, a: Answer): Promise<void> {
  const form = r.form!;
  const params = (a.json?.record as { params?: Record<string, unknown> } | undefined)?.params;
  const id = form.id ?? (typeof params?.id === 'string' ? params.id : undefined);
  if (!id) return; // a GET-like answer (e.g. AdminJS showing the form again) has no record to check
  const stored: RecordData | undefined = (await systemRecords(world, r.org).getMany(form.entity.key, [id]))[0];
  if (!stored) return fail(`a write answered success but no ${form.entity.key} ${id} is stored in the organization`, r, a);
  const values = Object.fromEntries(form.entity.fields.filter((f) => f.type !== 'password').map((f) => [f.name, stored[f.name]]));
  const errors = validateRecord(form.entity, values);
  if (Object.keys(errors).length) return fail(`a stored ${form.entity.key} does not pass its own validation: ${JSON.stringify(errors)}`, r, a);
  for (const f of form.entity.fields) {
    const sent = form.values[f.name];
    if (f.readOnly || typeof sent !== 'string' || !['string', 'text', 'email', 'phone', 'url', 'enum'].includes(f.type)) continue;
    const got = stored[f.name];
    // An empty text clears the field; anything else is stored as sent, trimmed (never cut short or rewritten).
    if (sent.trim() === '' ? got !== null && got !== '' && got !== undefined : got !== sent.trim() && got !== undefined) {
      // The field may not be writable for this actor (field rules): then it must be unchanged, which the test cannot tell apart here.
      if (got === sent) continue;
      return fail(`${form.entity.key}.${f.name} was stored as ${JSON.stringify(String(got).slice(0, 80))}, not as sent`, r, a);
    }
  }
}

/** Sends `r` and checks every invariant above; throws a FuzzFinding naming the broken one. */
export async function sendAndCheck(world: FuzzWorld, r: FuzzRequest): Promise<Answer> {
  const before = world.lastSnapshot ?? (await world.snapshot());
  world.lastSnapshot = undefined; // taken again after this request, whatever happens
  const a = await send(world, r);
  if (a.status >= 500) fail(`answered ${a.status}`, r, a);
  if (LEAK.test(a.text)) fail(`the answer shows internal detail (${LEAK.exec(a.text)![0]})`, r, a);
  const t0 = performance.now();
  const after = await world.snapshot();
  snapshotMs += performance.now() - t0;
  world.lastSnapshot = after;
  const changed = changedTables(before, after);
  const reading = r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS';
  if (changed.length && (reading || refused(a))) fail(`${reading ? 'a read' : 'a refused write'} changed ${changed.join(', ')}`, r, a);
  const foreign = changed.filter((k) => !k.startsWith(`${r.org.fixture.org.id}:`));
  if (foreign.length) fail(`a write changed another organization's tables: ${foreign.join(', ')}`, r, a);
  if (r.form && !refused(a)) await checkStored(world, r, a);
  return a;
}

const SURVEY = process.env.FUZZ_SURVEY === '1';
const findings = new Map<string, string>();
const tally = new Map<string, number>();
let snapshotMs = 0;
/** Writes the findings of a FUZZ_SURVEY run, one per kind, to FUZZ_SURVEY_FILE (default: the OS temp folder). */
export function writeSurvey(name: string): void {
  if (!SURVEY) return;
  const file = process.env.FUZZ_SURVEY_FILE ?? join(tmpdir(), `fuzz-survey-${name}.txt`);
  const answers = [...tally.entries()].sort().map(([k, n]) => `${n}\t${k}`).join('\n');
  writeFileSync(file, `${[...findings.values()].join('\n\n') || 'no findings'}\n\nanswers:\n${answers}\n\nsnapshots: ${Math.round(snapshotMs)} ms\n`);
}

/** Runs `arb` through `sendAndCheck` `weight × FUZZ_RUNS` times with the fixed seed; fails with the seed and the shrunk request. */
export async function fuzz(world: FuzzWorld, arb: fc.Arbitrary<FuzzRequest>, weight = 1, check: (r: FuzzRequest, a: Answer) => void | Promise<void> = () => undefined): Promise<void> {
  const numRuns = runsFor(weight);
  const result = await fc.check(
    fc.asyncProperty(arb, async (r) => {
      try {
        const a = await sendAndCheck(world, r);
        if (SURVEY) {
          const why = process.env.FUZZ_SURVEY_WHY ? ` ${String((a.json?.notice as { message?: string } | undefined)?.message ?? '').slice(0, 60)} ${Object.keys((a.json?.record as { errors?: object } | undefined)?.errors ?? {}).join(',')}` : '';
          const key = `${r.label.split(' as ')[0].split(' ').slice(0, -1).join(' ')}${why ? ` ${r.label.split(' as ')[1]?.split(' ')[0]}` : ''} → ${a.status}${refused(a) ? ' refused' : ''}${why}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
        await check(r, a);
      } catch (err) {
        // FUZZ_SURVEY=1 (a developer's run): list every finding instead of stopping at the first.
        if (!SURVEY || !(err instanceof FuzzFinding)) throw err;
        const [what, request = ''] = err.message.split('\n');
        const key = `${what.replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 100)} | ${request.split(' as ')[0].split(' ').slice(-2).join(' ')}`;
        if (!findings.has(key)) findings.set(key, err.message.slice(0, 1500));
      }
    }),
    { seed: FUZZ_SEED, numRuns, endOnFailure: process.env.FUZZ_SHRINK === 'off', ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) },
  );
  if (result.failed) {
    const message = fc.defaultReportMessage(result) ?? 'failed';
    const why = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(
      `fuzz failed (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${process.env.FUZZ_RUNS ?? 'default'}); the shrunk request alone: FUZZ_SEED=${FUZZ_SEED} FUZZ_PATH=${result.counterexamplePath ?? ''}\n${why}\n\n${message}`,
    );
  }
  if (!process.env.FUZZ_PATH) expect(result.numRuns).toBe(numRuns);
}
