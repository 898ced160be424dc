/**
 * Documents that post (`posting` on an entity with a workflow): taking the
 * `post` transition writes the document's ledger movements, `reverse` writes
 * the same movements with the opposite sign, both inside the transition's
 * transaction (a refused movement rolls the transition back). Movements are
 * written in balance-key order (core/data/ledgers/balances.ts) so that two
 * documents touching the same balances lock them in one order. Once a
 * document has left the states `post` starts from, it and its lines are
 * read-only for everyone but the engine.
 */
import { RecordService, type RecordData } from '../data/records.js';
import { balanceOrder, postingSettings } from '../data/ledgers/balances.js';
import { lockBalances } from '../data/ledgers/valuation.js';
import { forbidden, RecordValidationError } from '../errors.js';
import { columnOf, type Registry, type ResolvedEntity, type ResolvedPosting, type ResolvedWorkflow, type ValueSource } from '../manifest/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { HookContext } from '../plugins/types.js';
import { stateLabel } from './labels.js';

const negate = (v: string): string => (v.startsWith('-') ? v.slice(1) : `-${v}`);

/** One movement a document writes: the ledger row's values, the line it comes from, and whether it takes out. */
interface Movement {
  values: Record<string, unknown>;
  line: number;
  out: boolean;
}

/** The ledger movements of a document (in balance-key order), reversed for `reverse`. */
async function movementsOf(system: RecordService, doc: ResolvedEntity, record: RecordData, reverse: boolean): Promise<Movement[]> {
  const posting = doc.posting!;
  const registry = system.runtime.registry;
  const ledger = registry.entity(posting.ledger)!;
  const keys = registry.entity(ledger.ledger!.balance)!.balance!.keys;
  const incomingRate = ledger.ledger!.valuation?.incomingRate;
  const lines: (RecordData | undefined)[] = [];
  if (posting.lines) {
    for await (const page of system.findPages(posting.lines.entity, { filters: [{ field: posting.lines.parent, op: 'eq', value: record.id }] })) lines.push(...page);
  } else lines.push(undefined);
  const read = (s: ValueSource, line: RecordData | undefined): unknown => (s.from === 'line' ? line?.[s.field] : record[s.field]);
  const date = reverse || !posting.date ? (await postingSettings(system.entityManager, system.organizationId)).today : record[posting.date];
  const out: Movement[] = [];
  lines.forEach((line, index) => {
    for (const mv of posting.movements) {
      const values: Record<string, unknown> = {};
      for (const [target, s] of Object.entries(mv.set)) values[target] = read(s, line);
      // A movement whose balance is not named (a receipt has no source warehouse) does not apply.
      if (keys.some((k) => values[k] === null || values[k] === undefined)) continue;
      const raw = read(mv.quantity, line);
      if (raw === null || raw === undefined || Number(raw) === 0) continue;
      let quantity = String(raw);
      if (mv.sign === -1) quantity = negate(quantity);
      if (reverse) quantity = negate(quantity);
      values[ledger.ledger!.quantity] = quantity;
      if (ledger.ledger!.date) values[ledger.ledger!.date] = date;
      if (posting.source) values[posting.source] = record.id;
      const takes = quantity.startsWith('-');
      if (mv.rate && incomingRate && !takes) {
        const rate = read(mv.rate, line);
        if (rate !== null && rate !== undefined) values[incomingRate] = rate;
      }
      out.push({ values, line: index, out: takes });
    }
  });
  const order = (m: Movement): string => balanceOrder(ledger, registry, m.values);
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/**
 * With a valued ledger the balances are locked first (key order), then every
 * movement that takes out is written before those that put in, so an incoming
 * movement of a line that also took out (a transfer) carries the value that
 * left; a reversal puts back what the document's original movement took out.
 */
async function writeValued(system: RecordService, doc: ResolvedEntity, record: RecordData, movements: Movement[], reverse: boolean): Promise<void> {
  const posting = doc.posting!;
  const registry = system.runtime.registry;
  const ledger = registry.entity(posting.ledger)!;
  const valuation = ledger.ledger!.valuation!;
  const qtyField = ledger.ledger!.quantity;
  await lockBalances({ manager: system.entityManager, registry, organizationId: system.organizationId, userId: null }, ledger, movements.map((m) => m.values));
  const wentOut = new Map<number, { qty: number; value: number }>();
  for (const m of movements.filter((x) => x.out)) {
    const row = await createMovement(system, doc, posting, m.values);
    const sum = wentOut.get(m.line) ?? { qty: 0, value: 0 };
    wentOut.set(m.line, { qty: sum.qty - Number(row[qtyField]), value: sum.value - Number(row[valuation.value]) });
  }
  for (const m of movements.filter((x) => !x.out)) {
    const carried = reverse ? await originalOutgoing(system, ledger, posting, record, m.values) : wentOut.get(m.line);
    if (carried && carried.qty > 0) {
      const share = (carried.value * Number(m.values[qtyField])) / carried.qty;
      const scale = ledger.field.get(valuation.value)!.scale;
      m.values[valuation.value] = share.toFixed(scale);
    }
    await createMovement(system, doc, posting, m.values);
  }
}

/** What a document's own movements took out of one balance (a reversal puts that value back). */
async function originalOutgoing(system: RecordService, ledger: ResolvedEntity, posting: ResolvedPosting, record: RecordData, values: Record<string, unknown>): Promise<{ qty: number; value: number } | undefined> {
  if (!posting.source) return undefined;
  const keys = system.runtime.registry.entity(ledger.ledger!.balance)!.balance!.keys;
  const col = (name: string): string => `"${columnOf(ledger.field.get(name)!)}"`;
  const qty = col(ledger.ledger!.quantity);
  const where = keys.map((k, i) => `${col(k)} = $${i + 3}`).join(' AND ');
  const rows: { qty: string | null; value: string | null }[] = await system.entityManager.query(
    `SELECT (-sum(${qty}))::text AS qty, (-sum(${col(ledger.ledger!.valuation!.value)}))::text AS value FROM "${ledger.table}"
      WHERE organization_id = $1 AND ${col(posting.source)} = $2 AND ${where} AND ${qty} < 0`,
    [system.organizationId, record.id, ...keys.map((k) => values[k])],
  );
  return rows[0]?.qty ? { qty: Number(rows[0].qty), value: Number(rows[0].value) } : undefined;
}

async function createMovement(system: RecordService, doc: ResolvedEntity, posting: ResolvedPosting, values: Record<string, unknown>): Promise<RecordData> {
  try {
    return await system.create(posting.ledger, values);
  } catch (err) {
    throw asDocumentError(err, doc, posting);
  }
}

/**
 * Called by the engine after a document moved from `from` by transition
 * `transition`: posts or reverses its movements; returns how many were written.
 */
export async function postOnTransition(records: RecordService, doc: ResolvedEntity, transition: string, record: RecordData, from: string): Promise<number> {
  const posting = doc.posting;
  if (!posting || (transition !== posting.post && !posting.postAlso.includes(transition) && transition !== posting.reverse)) return 0;
  // A document cancelled before it was ever posted (a draft, or one waiting for the approval that posts it) has nothing to reverse.
  const wf = records.runtime.registry.workflow(doc.key)!;
  if (transition === posting.reverse && unpostedStates(wf, posting).includes(from)) return 0;
  // Ledger rows are the system's writing (the person authorised the transition); the audit log names the document.
  const system = RecordService.forSystem(records.runtime, records.organizationId, `posting:${doc.key}`, records.entityManager);
  const reverse = transition === posting.reverse;
  const movements = await movementsOf(system, doc, record, reverse);
  if (records.runtime.registry.entity(posting.ledger)!.ledger!.valuation) await writeValued(system, doc, record, movements, reverse);
  else for (const m of movements) await createMovement(system, doc, posting, m.values);
  return movements.length;
}

/** A ledger refusal ("Only 3 of item SKU-0042 in Main store", a backdated date) told on the document. */
function asDocumentError(err: unknown, doc: ResolvedEntity, posting: ResolvedPosting): unknown {
  if (!(err instanceof RecordValidationError)) return err;
  const [field, problem] = Object.entries(err.fieldErrors)[0] ?? [];
  if (!problem) return err;
  const onDate = posting.date && problem.type === 'backdated';
  const message = problem.type === 'balance' ? problem.message : `${field}: ${problem.message}`;
  return new RecordValidationError(doc.key, { [onDate ? posting.date! : '_record']: { message: problem.message, type: problem.type } }, message);
}

/** The states a posting document (and its lines) may be edited in: those its `post` transition starts from. */
function draftStates(wf: ResolvedWorkflow, posting: ResolvedPosting): string[] {
  return wf.transitions.find((t) => t.name === posting.post)?.from ?? [];
}

/** The states a document has not posted in yet: the draft states and those the other posting transitions start from. */
function unpostedStates(wf: ResolvedWorkflow, posting: ResolvedPosting): string[] {
  return [...draftStates(wf, posting), ...wf.transitions.filter((t) => posting.postAlso.includes(t.name)).flatMap((t) => t.from)];
}

function refuseUnlessDraft(ctx: HookContext<RecordService>, doc: ResolvedEntity, wf: ResolvedWorkflow, state: unknown, what: string): void {
  // The engine's own writes (the transition itself) move posted documents.
  if (ctx.records.actionName?.startsWith('workflow:')) return;
  if (draftStates(wf, doc.posting!).includes(String(state))) return;
  throw forbidden(`A ${doc.label.toLowerCase()} that is ${stateLabel(wf, String(state))} is posted and read-only: ${what}. Cancel it to reverse its movements.`, { entity: doc.key });
}

async function parentState(ctx: HookContext<RecordService>, doc: ResolvedEntity, wf: ResolvedWorkflow, id: unknown): Promise<unknown> {
  if (id === null || id === undefined) return undefined;
  const rows: { state: unknown }[] = await ctx.records.entityManager.query(`SELECT "${wf.field}" AS state FROM "${doc.table}" WHERE organization_id = $1 AND id = $2`, [ctx.records.organizationId, id]);
  return rows[0]?.state;
}

/** The read-only rule of posted documents and their lines, as core hooks (before the modules' own). */
export function installPostingHooks(registry: Registry, plugins: PluginRegistry): void {
  for (const doc of registry.entities) {
    const wf = doc.posting ? registry.workflow(doc.key) : undefined;
    if (!doc.posting || !wf) continue;
    plugins.addCoreHooks(doc.key, {
      beforeUpdate: (ctx, change) => refuseUnlessDraft(ctx, doc, wf, change.before[wf.field], 'it cannot be edited'),
      beforeDelete: (ctx, record) => refuseUnlessDraft(ctx, doc, wf, record[wf.field], 'it cannot be deleted'),
    });
    const lines = doc.posting.lines;
    if (!lines) continue;
    const guard = async (ctx: HookContext<RecordService>, parent: unknown): Promise<void> => {
      const state = await parentState(ctx, doc, wf, parent);
      if (state !== undefined) refuseUnlessDraft(ctx, doc, wf, state, 'its lines cannot be changed');
    };
    plugins.addCoreHooks(lines.entity, {
      beforeCreate: (ctx, values) => guard(ctx, values[lines.parent]),
      beforeUpdate: async (ctx, change) => {
        await guard(ctx, change.before[lines.parent]);
        await guard(ctx, change.values[lines.parent]);
      },
      beforeDelete: (ctx, record) => guard(ctx, record[lines.parent]),
    });
  }
}
