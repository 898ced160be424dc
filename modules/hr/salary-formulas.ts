/**
 * Salary structure lines: each component is a fixed amount, a % of the
 * assignment's base pay, or a formula over `base` and the abbreviations of
 * the structure's other components ("base * 0.4", "(base + HRA) * 0.12"),
 * parsed by the SDK's formula parser (the computed-field expression tree,
 * never eval). A line is checked when it is saved, so a payroll run never
 * meets a formula it cannot evaluate: exactly one of amount, % and formula;
 * a formula that parses; names that are `base` or a component already in the
 * structure; and no cycle (HRA from PF and PF from HRA), checked under the
 * structure's row lock so two concurrent saves cannot close one together.
 * Names are matched without regard to case, as people write them both ways.
 */
import { FormulaError, RecordValidationError, UmsError, evaluateFormula, parseFormula, type EntityHooks, type RecordData, type Records } from '../../core/sdk.js';

const LINE = 'hr.salary_structure_line';
const BASE = 'base';

const has = (v: unknown): boolean => v !== null && v !== undefined && v !== '';
const refuse = (field: string, message: string, type = 'formula'): RecordValidationError => new RecordValidationError(LINE, { [field]: { message, type } }, message);

async function linesOf(records: Records, structure: string): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(LINE, { filters: [{ field: 'structure', op: 'eq', value: structure }] }, 500)) out.push(...page);
  return out;
}

/** The structure's components by lower-case abbreviation, with the names each one's formula reads. */
interface Node {
  abbreviation: string;
  reads: string[];
}

/** A path from `start` back to itself through formula reads, or undefined. */
function cycleFrom(start: string, graph: Map<string, Node>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (at: string, path: string[]): string[] | undefined => {
    for (const next of graph.get(at)?.reads ?? []) {
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

async function checkLine(records: Records, values: Record<string, unknown>, selfId?: string): Promise<void> {
  const given = (['amount', 'percent_of_base', 'formula'] as const).filter((f) => has(values[f]));
  if (given.length === 0) throw refuse('amount', 'give an amount, a % of base or a formula', 'required');
  if (given.length > 1) throw refuse(given[1], `give one of an amount, a % of base or a formula, not ${given.join(' and ')}`, 'exclusive');
  if (!has(values.formula) || typeof values.structure !== 'string' || typeof values.component !== 'string') return;
  let reads: string[];
  try {
    reads = parseFormula(String(values.formula)).names;
  } catch (e) {
    if (e instanceof FormulaError) throw refuse('formula', e.message);
    throw e;
  }
  const system = records.asSystem('salary-formulas');
  // The check reads the structure's other lines and then lets this one be written: two saves that are each fine but
  // together close a cycle (HRA from PF while PF becomes HRA's) must not both pass. The structure's row lock, held to
  // commit, queues every formula save of one structure, so the second checks against the first's committed line.
  await system.lock('hr.salary_structure', values.structure);
  const others = (await linesOf(system, values.structure)).filter((l) => l.id !== selfId && l.component !== values.component);
  const components = new Map((await system.getMany('hr.salary_component', [values.component, ...others.map((l) => String(l.component))])).map((c) => [c.id, c]));
  const abbr = (id: unknown): string => String(components.get(String(id))?.abbreviation ?? '').toLowerCase();
  const own = abbr(values.component);
  if (reads.includes(own)) throw refuse('formula', `the formula of ${String(components.get(values.component)?.abbreviation)} reads itself`);
  const graph = new Map<string, Node>(others.map((l) => [abbr(l.component), { abbreviation: String(components.get(String(l.component))?.abbreviation), reads: has(l.formula) ? safeNames(String(l.formula)) : [] }]));
  const known = [...graph.values()].map((n) => n.abbreviation).sort();
  for (const name of reads) {
    if (name === BASE || graph.has(name)) continue;
    throw refuse('formula', `unknown name "${name}": a formula reads base and the abbreviations of this structure's other components (${known.length ? known.join(', ') : 'none yet'})`);
  }
  graph.set(own, { abbreviation: String(components.get(values.component)?.abbreviation), reads });
  const cycle = cycleFrom(own, graph);
  if (cycle) throw refuse('formula', `a cycle: ${cycle.map((n) => graph.get(n)?.abbreviation ?? n).join(' → ')} (each reads the next)`);
}

/** The names a stored formula reads; a stored one always parsed when it was saved. */
function safeNames(formula: string): string[] {
  try {
    return parseFormula(formula).names;
  } catch {
    return [];
  }
}

export const salaryStructureLineHooks: EntityHooks = {
  async beforeCreate(ctx, values) {
    await checkLine(ctx.records, values);
  },
  async beforeUpdate(ctx, change) {
    await checkLine(ctx.records, change.values, change.before.id);
  },
};

export interface StructureLine {
  component: RecordData;
  line: RecordData;
}

/**
 * The full-month amount of each line of a structure for a base pay, by
 * component id: formulas are evaluated in the order they read each other
 * (a formula reads the other components' full-month amounts, as Frappe HRMS
 * evaluates them before proration), rounded to cents.
 */
export function structureAmounts(lines: StructureLine[], base: number): Map<string, number> {
  const byAbbr = new Map(lines.map((l) => [String(l.component.abbreviation).toLowerCase(), l]));
  const done = new Map<string, number>();
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  const amountOf = (l: StructureLine, stack: string[]): number => {
    const id = l.component.id;
    const known = done.get(id);
    if (known !== undefined) return known;
    const name = String(l.component.abbreviation);
    let amount: number;
    if (has(l.line.amount)) amount = Number(l.line.amount);
    else if (has(l.line.formula)) {
      if (stack.includes(id)) throw new UmsError('CONFLICT', `Salary component ${name}: its formula reads itself through ${stack.length} others.`, { entity: LINE, field: 'formula' });
      const { node, names } = parseFormula(String(l.line.formula));
      const bound: Record<string, number> = { [BASE]: base };
      for (const n of names) {
        const dep = byAbbr.get(n);
        if (n !== BASE && dep) bound[n] = amountOf(dep, [...stack, id]);
      }
      const value = evaluateFormula(node, bound);
      if (value === null) throw new UmsError('CONFLICT', `Salary component ${name}: the formula "${String(l.line.formula)}" gives no value (a name not in the structure, or a division by zero).`, { entity: LINE, field: 'formula' });
      amount = value;
    } else amount = (base * Number(l.line.percent_of_base ?? 0)) / 100;
    const rounded = round2(amount);
    done.set(id, rounded);
    return rounded;
  };
  for (const l of lines) amountOf(l, []);
  return done;
}
