/**
 * The bookkeeping primitives of an entity (`ledger`, `balance`, `posting`,
 * `run`, `acyclic`, `guards`), resolved and cross-checked once at load: every field,
 * entity and transition they name exists and has the type it needs, so the
 * data layer (core/data/ledgers) never meets a half-declared one. Problems
 * are `file#/entities/<i>/<key>/…`.
 */
import type { ManifestProblem } from '../errors.js';
import { checkConditions } from './condition-checks.js';
import { lookupEntity } from './entities.js';
import type { ResolvedEntity, ResolvedField, ResolvedModule } from './model.js';

export interface ResolvedLedger {
  /** Balance entity key. */
  balance: string;
  quantity: string;
  date?: string;
  valuation?: ResolvedLedgerValuation;
  /** The balance field it moves when that is not the balance's quantity (`ordered`, `reserved`). */
  moves?: string;
  /** Further balances it keeps, keyed by fields that may be empty (a batch × warehouse balance): entity keys. */
  subBalances?: string[];
}

/** How a valued ledger values each movement (core/data/ledgers/valuation.ts). */
export interface ResolvedLedgerValuation {
  method: { fixed: 'average' | 'fifo' } | { key: string; entity: string; field: string; average: string; fifo: string };
  rate: string;
  value: string;
  incomingRate?: string;
  quantityAfter?: string;
}

export interface ResolvedBalance {
  keys: string[];
  quantity: string;
  nonNegative: boolean;
  /** A boolean field of a key's record that exempts its balances from nonNegative (`leave_type.allow_negative`). */
  negativeAllowedBy?: { key: string; entity: string; field: string };
  refusal?: string;
  /** The ledger entity that keeps it (set when a ledger names it). */
  ledger?: string;
  /** Ledgers that move its other numeric fields, by field (`{ ordered: 'inventory.stock_order_entry' }`). */
  movedBy?: Record<string, string>;
  /** A valued ledger's total value, rate and FIFO layers on the balance. */
  valuation?: { value: string; rate: string; layers?: string };
}

export interface ResolvedPostingMovement {
  /** `{ from: 'line' | 'document', field }`. */
  quantity: ValueSource;
  sign: 1 | -1;
  set: Record<string, ValueSource>;
  /** With a valued ledger: the rate of what comes in. */
  rate?: ValueSource;
}

export interface ValueSource {
  from: 'line' | 'document';
  field: string;
}

export interface ResolvedPosting {
  ledger: string;
  lines?: { entity: string; parent: string };
  /** The transition that posts from the draft states (its `from`). */
  post: string;
  /** Other transitions that post, from read-only states (an approval after a request). */
  postAlso: string[];
  reverse: string;
  date?: string;
  source?: string;
  movements: ResolvedPostingMovement[];
}

export interface ResolvedRun {
  period: string[];
  status: string;
  states: { draft: string; done: string; cancelled: string };
  action: { name: string; label: string };
  cancel?: { name: string; label: string };
  count?: string;
  creates: { entity: string; parent: string; for: { entity: string; field: string; where: Record<string, string | number | boolean | null> }; copy: Record<string, string> };
}

export type ResolvedAcyclic =
  | { kind: 'self'; field: string }
  | { kind: 'link'; from: string; to: string; target: string; hierarchy?: string };

/** A state a write may not leave the record in (conditions as written, checked at load). */
export interface ResolvedGuard {
  name?: string;
  field: string;
  refuse: Record<string, unknown>;
  /** Fields whose change is checked; undefined: every update. */
  on?: string[];
  message: string;
  /**
   * The guard reads only the parent its reference `field` points at (`order.status`): it holds for
   * deleting the record too (a line of a placed order is as read-only as its quantity). A guard on
   * the record's own state does not (a record deleted is left in no state).
   */
  holdsOnDelete: boolean;
  /**
   * It reads related records through `$some` (a parent's children): checked under the
   * entity's advisory lock (core/data/ledgers/record-guards.ts). One that reads only forward
   * references (a line's item) takes none, so it does not queue every write of the entity.
   */
  readsRelated: boolean;
}

const NUMERIC = new Set(['integer', 'decimal', 'money']);

interface Ctx {
  m: ResolvedModule;
  entities: Map<string, ResolvedEntity>;
  visible: Set<string>;
  problems: ManifestProblem[];
}

function problem(ctx: Ctx, pointer: string, message: string): void {
  ctx.problems.push({ file: ctx.m.file, pointer, message });
}

/** A field of `entity` by name; reports it under `pointer` when missing or of the wrong kind. */
function fieldOf(ctx: Ctx, entity: ResolvedEntity, name: string, pointer: string, need?: (f: ResolvedField) => string | undefined): ResolvedField | undefined {
  const f = entity.field.get(name);
  if (!f) {
    problem(ctx, pointer, `unknown field "${name}" of ${entity.key}`);
    return undefined;
  }
  const wrong = need?.(f);
  if (wrong) {
    problem(ctx, pointer, `field "${name}" of ${entity.key} ${wrong}`);
    return undefined;
  }
  return f;
}

const numeric = (f: ResolvedField): string | undefined => (NUMERIC.has(f.type) ? undefined : `must be numeric (integer, decimal or money), not ${f.type}`);

function entityRef(ctx: Ctx, ref: string, pointer: string): ResolvedEntity | undefined {
  const e = lookupEntity(ref, ctx.m.id, ctx.entities, ctx.visible);
  if (!e) problem(ctx, pointer, `unknown entity "${ref}"`);
  return e;
}

/** Resolves the primitives of every entity of the module (after references and workflows are linked). */
export function resolvePrimitives(m: ResolvedModule, entities: Map<string, ResolvedEntity>, visible: Set<string>, problems: ManifestProblem[]): void {
  const ctx: Ctx = { m, entities, visible, problems };
  // Balances first: ledgers check their keys against them.
  m.entities.forEach((entity, i) => {
    const raw = m.manifest.entities[i];
    if (raw.balance) entity.balance = resolveBalance(ctx, entity, raw.balance, `${entity.pointer}/balance`);
    if (raw.acyclic) entity.acyclic = resolveAcyclic(ctx, entity, raw.acyclic, `${entity.pointer}/acyclic`);
    if (raw.guards?.length) entity.guards = resolveGuards(ctx, entity, raw.guards, `${entity.pointer}/guards`);
  });
  m.entities.forEach((entity, i) => {
    const raw = m.manifest.entities[i];
    if (raw.ledger) entity.ledger = resolveLedger(ctx, entity, raw.ledger, `${entity.pointer}/ledger`);
  });
  m.entities.forEach((entity, i) => {
    const raw = m.manifest.entities[i];
    if (raw.posting) entity.posting = resolvePosting(ctx, entity, raw.posting, `${entity.pointer}/posting`);
    if (raw.run) entity.run = resolveRun(ctx, entity, raw.run, `${entity.pointer}/run`);
  });
}

type Raw<K extends 'ledger' | 'balance' | 'posting' | 'run' | 'acyclic' | 'guards'> = NonNullable<ResolvedModule['manifest']['entities'][number][K]>;

function resolveBalance(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'balance'>, p: string): ResolvedBalance | undefined {
  const ok = [
    ...raw.keys.map((k, i) => fieldOf(ctx, entity, k, `${p}/keys/${i}`, (f) => (f.required ? undefined : 'must be required (a balance key cannot be empty)'))),
    fieldOf(ctx, entity, raw.quantity, `${p}/quantity`, numeric),
  ].every(Boolean);
  if (raw.keys.includes(raw.quantity)) problem(ctx, `${p}/quantity`, 'the quantity cannot also be a key');
  // The ledger's upsert writes the keys and the quantity only: any other required field needs a default.
  for (const f of entity.fields) {
    if (f.required && f.default === undefined && f.name !== raw.quantity && !raw.keys.includes(f.name)) problem(ctx, `${f.pointer}/required`, `a balance is created by its ledger with its keys and quantity only: "${f.name}" needs a default or must be optional`);
  }
  if (raw.refusal) {
    for (const [, name] of raw.refusal.matchAll(/\{(\w+)\}/g)) {
      if (name !== 'quantity' && !raw.keys.includes(name)) problem(ctx, `${p}/refusal`, `{${name}} is not a key of the balance (keys: ${raw.keys.join(', ')}; or {quantity})`);
    }
  }
  let valuation: ResolvedBalance['valuation'];
  if (raw.valuation) {
    const v = raw.valuation;
    const own = (name: string, key: string): void => {
      if (name === raw.quantity || raw.keys.includes(name)) problem(ctx, `${p}/valuation/${key}`, `"${name}" is the balance's quantity or a key`);
    };
    const fine = [
      fieldOf(ctx, entity, v.value, `${p}/valuation/value`, numeric),
      fieldOf(ctx, entity, v.rate, `${p}/valuation/rate`, numeric),
      v.layers === undefined ? true : fieldOf(ctx, entity, v.layers, `${p}/valuation/layers`, (f) => (f.type === 'json' ? undefined : `must be a json field (the FIFO layers), not ${f.type}`)),
    ].every(Boolean);
    own(v.value, 'value');
    own(v.rate, 'rate');
    if (v.layers) own(v.layers, 'layers');
    if (fine) valuation = { value: v.value, rate: v.rate, layers: v.layers };
  }
  const negativeAllowedBy = raw.negativeAllowedBy === undefined ? undefined : resolveExemption(ctx, entity, raw, `${p}/negativeAllowedBy`);
  if (raw.negativeAllowedBy !== undefined && !negativeAllowedBy) return undefined;
  return ok ? { keys: raw.keys, quantity: raw.quantity, nonNegative: raw.nonNegative ?? false, negativeAllowedBy, refusal: raw.refusal, valuation } : undefined;
}

/** `"<key>.<field>"`: a reference key of the balance and a boolean field of its target. */
function resolveExemption(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'balance'>, p: string): ResolvedBalance['negativeAllowedBy'] {
  const [key, field] = raw.negativeAllowedBy!.split('.');
  if (!raw.nonNegative) {
    problem(ctx, p, 'only a nonNegative balance can be allowed to go negative');
    return undefined;
  }
  if (!raw.keys.includes(key)) {
    problem(ctx, p, `"${key}" is not a key of the balance (keys: ${raw.keys.join(', ')})`);
    return undefined;
  }
  const ref = fieldOf(ctx, entity, key, p, (f) => (f.type === 'reference' && f.target !== 'core.user' ? undefined : 'must be a reference to an entity of a module'));
  const target = ref ? ctx.entities.get(ref.target!) : undefined;
  if (!target) return undefined;
  const flag = fieldOf(ctx, target, field, p, (f) => (f.type === 'boolean' ? undefined : `must be a boolean, not ${f.type}`));
  return flag ? { key, entity: target.key, field } : undefined;
}

function resolveLedger(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'ledger'>, p: string): ResolvedLedger | undefined {
  const balance = entityRef(ctx, raw.balance, `${p}/balance`);
  const quantity = fieldOf(ctx, entity, raw.quantity, `${p}/quantity`, numeric);
  const date = raw.date === undefined ? true : fieldOf(ctx, entity, raw.date, `${p}/date`, (f) => (f.type === 'date' ? undefined : `must be a date field, not ${f.type}`));
  if (!balance || !quantity || !date) return undefined;
  if (!balance.balance) {
    problem(ctx, `${p}/balance`, `${balance.key} does not declare "balance" (its keys and quantity)`);
    return undefined;
  }
  if (raw.moves !== undefined) {
    if (raw.subBalances) problem(ctx, `${p}/subBalances`, `a ledger that moves "${raw.moves}" keeps no further balances: declare them on the ledger of ${balance.key}'s quantity`);
    return resolveSecondaryLedger(ctx, entity, balance, raw, p);
  }
  if (balance.balance.ledger) {
    problem(ctx, `${p}/balance`, `${balance.key} is already kept by the ledger ${balance.balance.ledger}`);
    return undefined;
  }
  if (!keysMatch(ctx, entity, balance, p)) return undefined;
  // A wrongly declared valuation is reported and left out; the ledger itself stands (no second problem on every posting).
  const valuation = resolveValuation(ctx, entity, balance, raw, p) ?? undefined;
  balance.balance.ledger = entity.key;
  const subBalances = raw.subBalances ? resolveSubBalances(ctx, entity, balance, raw.subBalances, `${p}/subBalances`) : undefined;
  return { balance: balance.key, quantity: raw.quantity, date: raw.date, valuation, ...(subBalances?.length ? { subBalances } : {}) };
}

/**
 * A ledger's further balances (`"subBalances": ["batch_balance"]`): each a balance no other ledger
 * keeps, not valued, whose keys are fields of the ledger of the same type (optional there: a
 * movement without a batch leaves the batch balances alone).
 */
function resolveSubBalances(ctx: Ctx, entity: ResolvedEntity, main: ResolvedEntity, raw: string[], p: string): string[] {
  const out: string[] = [];
  raw.forEach((key, i) => {
    const sub = entityRef(ctx, key, `${p}/${i}`);
    if (!sub) return;
    if (!sub.balance) return void problem(ctx, `${p}/${i}`, `${sub.key} does not declare "balance" (its keys and quantity)`);
    if (sub.key === main.key) return void problem(ctx, `${p}/${i}`, `${sub.key} is this ledger's balance already`);
    if (sub.balance.ledger) return void problem(ctx, `${p}/${i}`, `${sub.key} is already kept by the ledger ${sub.balance.ledger}`);
    if (sub.balance.valuation) return void problem(ctx, `${p}/${i}`, `${sub.key} declares "valuation": a further balance keeps a quantity only`);
    let ok = true;
    for (const k of sub.balance.keys) {
      const theirs = sub.field.get(k)!;
      ok &&= Boolean(fieldOf(ctx, entity, k, `${p}/${i}`, (f) => (f.type !== theirs.type || f.target !== theirs.target ? `must have the type of ${sub.key}.${k} (${theirs.type}${theirs.target ? ` → ${theirs.target}` : ''})` : undefined)));
    }
    if (!ok) return;
    sub.balance.ledger = entity.key;
    out.push(sub.key);
  });
  return out;
}

/** Keys of a ledger that match its balance's (same name, type and target; required). */
function keysMatch(ctx: Ctx, entity: ResolvedEntity, balance: ResolvedEntity, p: string): boolean {
  let ok = true;
  for (const key of balance.balance!.keys) {
    const theirs = balance.field.get(key)!;
    const mine = fieldOf(ctx, entity, key, `${p}/balance`, (f) =>
      f.type !== theirs.type || f.target !== theirs.target ? `must have the type of ${balance.key}.${key} (${theirs.type}${theirs.target ? ` → ${theirs.target}` : ''})` : !f.required ? 'must be required (it is a key of the balance)' : undefined,
    );
    ok &&= Boolean(mine);
  }
  return ok;
}

/** A ledger that moves another numeric field of a balance (`"moves": "ordered"`): not its quantity, not valued, one per field. */
function resolveSecondaryLedger(ctx: Ctx, entity: ResolvedEntity, balance: ResolvedEntity, raw: Raw<'ledger'>, p: string): ResolvedLedger | undefined {
  const spec = balance.balance!;
  const moves = raw.moves!;
  const field = fieldOf(ctx, balance, moves, `${p}/moves`, (f) =>
    !['integer', 'decimal', 'money'].includes(f.type) ? `must be a number field of ${balance.key}, not ${f.type}`
      : f.computed || f.rollup ? 'must be a stored field (not computed or a roll-up)'
        : moves === spec.quantity ? `is the balance's quantity: leave "moves" out to keep it`
          : spec.keys.includes(moves) || [spec.valuation?.value, spec.valuation?.rate].includes(moves) ? 'is a key or a valuation field of the balance' : undefined,
  );
  if (!field) return undefined;
  if (raw.valuation) problem(ctx, `${p}/valuation`, `a ledger that moves "${moves}" is not valued: only the ledger of the balance's quantity may declare "valuation"`);
  if (spec.movedBy?.[moves]) {
    problem(ctx, `${p}/moves`, `${balance.key}.${moves} is already moved by the ledger ${spec.movedBy[moves]}`);
    return undefined;
  }
  if (!keysMatch(ctx, entity, balance, p)) return undefined;
  spec.movedBy = { ...spec.movedBy, [moves]: entity.key };
  return { balance: balance.key, quantity: raw.quantity, date: raw.date, moves };
}

/** A valued ledger: its fields, the balance's, and where the method comes from. Null when it is declared wrongly. */
function resolveValuation(ctx: Ctx, entity: ResolvedEntity, balance: ResolvedEntity, raw: Raw<'ledger'>, p: string): ResolvedLedgerValuation | undefined | null {
  const v = raw.valuation;
  const spec = balance.balance!;
  if (!v) {
    if (spec.valuation) problem(ctx, `${p}/balance`, `${balance.key} declares "valuation": the ledger must declare "valuation" too (its method, rate and value fields)`);
    return spec.valuation ? null : undefined;
  }
  const vp = `${p}/valuation`;
  if (!spec.valuation) {
    problem(ctx, vp, `${balance.key} does not declare "valuation" (the value and rate it keeps)`);
    return null;
  }
  const own = (name: string | undefined, key: string): boolean => {
    if (name === undefined) return true;
    const f = fieldOf(ctx, entity, name, `${vp}/${key}`, numeric);
    if (f && (name === raw.quantity || spec.keys.includes(name))) {
      problem(ctx, `${vp}/${key}`, `"${name}" is the ledger's quantity or a key`);
      return false;
    }
    return Boolean(f);
  };
  let ok = [own(v.rate, 'rate'), own(v.value, 'value'), own(v.incomingRate, 'incomingRate'), own(v.quantityAfter, 'quantityAfter')].every(Boolean);
  let method: ResolvedLedgerValuation['method'] | undefined;
  // A method named by a key's record can be FIFO for some balances.
  const fifo = typeof v.method === 'string' ? v.method === 'fifo' : true;
  if (typeof v.method === 'string') {
    method = { fixed: v.method };
  } else {
    const m = v.method;
    const key = spec.keys.includes(m.key) ? balance.field.get(m.key) : undefined;
    if (!key || key.type !== 'reference' || !key.target) problem(ctx, `${vp}/method/key`, `"${m.key}" is not a reference key of ${balance.key} (keys: ${spec.keys.join(', ')})`);
    const target = key?.target ? ctx.entities.get(key.target) : undefined;
    const field = target ? fieldOf(ctx, target, m.field, `${vp}/method/field`, (f) => (f.type === 'enum' ? undefined : `must be an enum, not ${f.type}`)) : undefined;
    for (const k of ['average', 'fifo'] as const) if (field?.values && !field.values.includes(m[k])) problem(ctx, `${vp}/method/${k}`, `"${m[k]}" is not one of ${field.values.join(', ')}`);
    if (target && field) method = { key: m.key, entity: target.key, field: m.field, average: m.average, fifo: m.fifo };
  }
  if (fifo && !spec.valuation.layers) {
    problem(ctx, `${vp}/method`, `FIFO keeps layers: ${balance.key}'s "valuation" needs "layers" (a json field)`);
    ok = false;
  }
  return ok && method ? { method, rate: v.rate, value: v.value, incomingRate: v.incomingRate, quantityAfter: v.quantityAfter } : null;
}

function source(ctx: Ctx, text: string, doc: ResolvedEntity, line: ResolvedEntity | undefined, pointer: string): ValueSource | undefined {
  const [head, rest] = text.startsWith('line.') ? ['line', text.slice(5)] : ['document', text];
  const on = head === 'line' ? line : doc;
  if (!on) {
    problem(ctx, pointer, `"${text}" names a line field, but the posting declares no "lines"`);
    return undefined;
  }
  return fieldOf(ctx, on, rest, pointer) ? { from: head as 'line' | 'document', field: rest } : undefined;
}

function resolvePosting(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'posting'>, p: string): ResolvedPosting | undefined {
  const ledger = entityRef(ctx, raw.ledger, `${p}/ledger`);
  if (ledger && !ledger.ledger) problem(ctx, `${p}/ledger`, `${ledger.key} does not declare "ledger"`);
  const wf = ctx.m.workflows.find((w) => w.entity === entity.key);
  if (!wf) problem(ctx, p, `a posting document needs a workflow (draft → submitted → cancelled) on ${entity.key}`);
  const posts = typeof raw.post === 'string' ? [raw.post] : raw.post;
  posts.forEach((name, i) => {
    if (wf && !wf.transitions.some((t) => t.name === name)) problem(ctx, typeof raw.post === 'string' ? `${p}/post` : `${p}/post/${i}`, `no transition "${name}" in the workflow ${wf.key}`);
  });
  if (wf && !wf.transitions.some((t) => t.name === raw.reverse)) problem(ctx, `${p}/reverse`, `no transition "${raw.reverse}" in the workflow ${wf.key}`);
  const line = raw.lines ? entityRef(ctx, raw.lines.entity, `${p}/lines/entity`) : undefined;
  if (line && raw.lines) fieldOf(ctx, line, raw.lines.parent, `${p}/lines/parent`, (f) => (f.type === 'reference' && f.target === entity.key ? undefined : `must be a reference to ${entity.key}`));
  if (raw.date !== undefined) fieldOf(ctx, entity, raw.date, `${p}/date`, (f) => (f.type === 'date' ? undefined : `must be a date field, not ${f.type}`));
  if (!ledger?.ledger || !wf) return undefined;
  if (raw.source !== undefined) fieldOf(ctx, ledger, raw.source, `${p}/source`, (f) => (f.type === 'reference' && f.target === entity.key ? undefined : `must be a reference to ${entity.key}`));
  const keys = ctx.entities.get(ledger.ledger.balance)!.balance!.keys;
  const movements = raw.movements.map((mv, i): ResolvedPostingMovement | undefined => {
    const mp = `${p}/movements/${i}`;
    const quantity = source(ctx, mv.quantity, entity, line, `${mp}/quantity`);
    const set: Record<string, ValueSource> = {};
    for (const [target, text] of Object.entries(mv.set)) {
      if (!fieldOf(ctx, ledger, target, `${mp}/set/${target}`)) continue;
      if (target === ledger.ledger!.quantity || target === raw.source || target === ledger.ledger!.date) problem(ctx, `${mp}/set/${target}`, `"${target}" is filled by the posting itself`);
      const s = source(ctx, text, entity, line, `${mp}/set/${target}`);
      if (s) set[target] = s;
    }
    for (const k of keys) if (!(k in mv.set)) problem(ctx, `${mp}/set`, `the balance key "${k}" is not set`);
    let rate: ValueSource | undefined;
    if (mv.rate !== undefined) {
      const reported = ctx.problems.some((x) => x.pointer.startsWith(`${ledger.pointer}/ledger/`) || x.pointer.startsWith(`${ctx.entities.get(ledger.ledger!.balance)!.pointer}/balance/valuation`));
      if (!ledger.ledger!.valuation?.incomingRate && !reported) problem(ctx, `${mp}/rate`, `${ledger.key} has no "valuation" with an "incomingRate" field to write the rate to`);
      else if (ledger.ledger!.valuation?.incomingRate) rate = source(ctx, mv.rate, entity, line, `${mp}/rate`);
    }
    return quantity ? { quantity, sign: mv.sign ?? 1, set, rate } : undefined;
  });
  if (movements.some((m) => !m)) return undefined;
  return { ledger: ledger.key, lines: line && raw.lines ? { entity: line.key, parent: raw.lines.parent } : undefined, post: posts[0], postAlso: posts.slice(1), reverse: raw.reverse, date: raw.date, source: raw.source, movements: movements as ResolvedPostingMovement[] };
}

function resolveRun(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'run'>, p: string): ResolvedRun | undefined {
  raw.period.forEach((f, i) => fieldOf(ctx, entity, f, `${p}/period/${i}`, (x) => (x.required ? undefined : 'must be required (the period names the run)')));
  const status = fieldOf(ctx, entity, raw.status, `${p}/status`, (f) => (f.type !== 'enum' ? `must be an enum, not ${f.type}` : !f.readOnly ? 'must be read-only (only the run moves it)' : undefined));
  if (status) {
    for (const [k, v] of Object.entries(raw.states)) if (!status.values?.includes(v)) problem(ctx, `${p}/states/${k}`, `"${v}" is not a value of ${entity.key}.${raw.status}`);
    if (status.default !== raw.states.draft) problem(ctx, `${p}/status`, `the status field's default must be the draft state "${raw.states.draft}"`);
  }
  if (raw.count !== undefined) fieldOf(ctx, entity, raw.count, `${p}/count`, (f) => (f.type === 'integer' ? undefined : `must be an integer, not ${f.type}`));
  // A workflow may share the status field when it takes over after the run: it starts in the draft state and
  // none of its transitions leads into the draft or done state (only the run's action moves the run there).
  const wf = ctx.m.workflows.find((w) => w.entity === entity.key && w.field === raw.status);
  if (wf) {
    const own = [raw.states.draft, raw.states.done];
    const fights = wf.initial !== raw.states.draft ? `its initial state must be the run's draft state "${raw.states.draft}"` : wf.transitions.filter((t) => own.includes(t.to)).map((t) => `its transition "${t.name}" leads to "${t.to}"`)[0];
    if (fights) problem(ctx, `${p}/status`, `the run moves its status from "${raw.states.draft}" to "${raw.states.done}" itself; the workflow ${wf.key} on the same field would fight it (${fights})`);
  }
  const child = entityRef(ctx, raw.creates.entity, `${p}/creates/entity`);
  const source = entityRef(ctx, raw.creates.for.entity, `${p}/creates/for/entity`);
  if (child) fieldOf(ctx, child, raw.creates.parent, `${p}/creates/parent`, (f) => (f.type === 'reference' && f.target === entity.key ? undefined : `must be a reference to ${entity.key}`));
  if (child && source) fieldOf(ctx, child, raw.creates.for.field, `${p}/creates/for/field`, (f) => (f.type === 'reference' && f.target === source.key ? undefined : `must be a reference to ${source.key}`));
  if (source) for (const f of Object.keys(raw.creates.for.where ?? {})) fieldOf(ctx, source, f, `${p}/creates/for/where/${f}`);
  for (const [to, from] of Object.entries(raw.creates.copy ?? {})) {
    if (child) fieldOf(ctx, child, to, `${p}/creates/copy/${to}`);
    if (source) fieldOf(ctx, source, from, `${p}/creates/copy/${to}`);
  }
  if (raw.cancel && raw.cancel.name === raw.action.name) problem(ctx, `${p}/cancel/name`, 'the cancel action needs a name of its own');
  if (!child || !source || !status) return undefined;
  const label = (a: { name: string; label?: string }): { name: string; label: string } => ({ name: a.name, label: a.label ?? a.name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) });
  return {
    period: raw.period,
    status: raw.status,
    states: raw.states,
    action: label(raw.action),
    cancel: raw.cancel ? label(raw.cancel) : undefined,
    count: raw.count,
    creates: { entity: child.key, parent: raw.creates.parent, for: { entity: source.key, field: raw.creates.for.field, where: raw.creates.for.where ?? {} }, copy: raw.creates.copy ?? {} },
  };
}

function resolveAcyclic(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'acyclic'>, p: string): ResolvedAcyclic | undefined {
  if (raw.field !== undefined) {
    if (raw.from !== undefined || raw.to !== undefined || raw.hierarchy !== undefined) problem(ctx, p, '"field" (a self-reference) goes alone; "from"/"to"/"hierarchy" describe a link entity');
    const f = fieldOf(ctx, entity, raw.field, `${p}/field`, (x) => (x.type === 'reference' && x.target === entity.key ? undefined : `must be a reference to ${entity.key} itself`));
    return f ? { kind: 'self', field: f.name } : undefined;
  }
  if (raw.from === undefined || raw.to === undefined) {
    problem(ctx, p, 'give "field" (a self-reference) or both "from" and "to" (a link entity)');
    return undefined;
  }
  const from = fieldOf(ctx, entity, raw.from, `${p}/from`, (x) => (x.type === 'reference' ? undefined : `must be a reference, not ${x.type}`));
  const to = fieldOf(ctx, entity, raw.to, `${p}/to`, (x) => (x.type === 'reference' ? undefined : `must be a reference, not ${x.type}`));
  if (!from || !to) return undefined;
  if (from.target !== to.target) {
    problem(ctx, `${p}/to`, `"${raw.from}" and "${raw.to}" must point at the same entity (${from.target} ≠ ${to.target})`);
    return undefined;
  }
  const target = ctx.entities.get(from.target!);
  if (raw.hierarchy !== undefined && target) {
    if (!fieldOf(ctx, target, raw.hierarchy, `${p}/hierarchy`, (x) => (x.type === 'reference' && x.target === target.key ? undefined : `must be a reference to ${target.key} itself`))) return undefined;
  }
  return { kind: 'link', from: from.name, to: to.name, target: from.target!, hierarchy: raw.hierarchy };
}

function resolveGuards(ctx: Ctx, entity: ResolvedEntity, raw: Raw<'guards'>, p: string): ResolvedGuard[] {
  return raw.map((g, i) => {
    fieldOf(ctx, entity, g.field, `${p}/${i}/field`);
    g.on?.forEach((f, j) => fieldOf(ctx, entity, f, `${p}/${i}/on/${j}`));
    // A guard holds whoever writes (a seed, a job, a person): a placeholder would make it depend on the writer.
    if (/\$\{[^}]*\}/.test(JSON.stringify(g.refuse))) problem(ctx, `${p}/${i}/refuse`, 'a guard is about the data only: placeholders such as ${user.id} or ${today} are not allowed');
    // A guard is decided in SQL on the stored row, so it may compare a path with the record's own field (`batch.item` with `item`).
    else checkConditions(g.refuse, entity, ctx.entities, ctx.m.file, `${p}/${i}/refuse`, ctx.problems, { fieldOperands: true });
    return { name: g.name, field: g.field, refuse: g.refuse, on: g.on, message: g.message, holdsOnDelete: readsOnlyParent(entity, g.field, g.refuse), readsRelated: JSON.stringify(g.refuse).includes('"$some"') };
  });
}

/** The paths a condition reads (its keys other than $and, $or and $not). */
function conditionPaths(cond: unknown, out: string[] = []): string[] {
  if (Array.isArray(cond)) cond.forEach((c) => conditionPaths(c, out));
  else if (cond && typeof cond === 'object') {
    for (const [k, v] of Object.entries(cond)) {
      if (k === '$and' || k === '$or' || k === '$not') conditionPaths(v, out);
      else out.push(k);
    }
  }
  return out;
}

/** Whether every path of `refuse` goes through the reference `field` (and none compares with the record's own fields). */
function readsOnlyParent(entity: ResolvedEntity, field: string, refuse: Record<string, unknown>): boolean {
  if (entity.field.get(field)?.type !== 'reference') return false;
  const paths = conditionPaths(refuse);
  return paths.length > 0 && paths.every((p) => p.startsWith(`${field}.`)) && !JSON.stringify(refuse).includes('"$field"');
}
