/**
 * Formulas written as text ("base * 0.4", "(base + hra) * 0.12"), parsed into
 * the computed-field expression tree of the manifest (ExpressionNode: numbers,
 * names, + − × ÷) and evaluated by the same evaluator computed fields use, so
 * there is one arithmetic with one rule for division by zero (no value). A
 * small recursive-descent parser, never eval: only numbers, names, the four
 * operators, unary minus and parentheses are accepted; anything else is an
 * error naming the position. Names are variables the caller binds (a salary
 * structure binds `base` and its components' abbreviations).
 */
import type { ExpressionNode } from '../manifest/index.js';
import { evaluateRaw } from './constraints/condition-eval.js';

/** Long enough for any real salary rule, short enough that a pathological input cannot make parsing slow. */
const MAX_LENGTH = 500;
const MAX_DEPTH = 40;

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

export interface ParsedFormula {
  node: ExpressionNode;
  /** The names it reads, in lower case, each once, in order of first use. */
  names: string[];
}

type Token = { kind: 'num'; value: number; at: number } | { kind: 'name'; value: string; at: number } | { kind: 'op'; value: string; at: number };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d+)?|\.\d+)/.exec(text.slice(i));
    if (num) {
      out.push({ kind: 'num', value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      out.push({ kind: 'name', value: name[0].toLowerCase(), at: i });
      i += name[0].length;
      continue;
    }
    if ('+-*/()'.includes(c)) {
      out.push({ kind: 'op', value: c, at: i });
      i++;
      continue;
    }
    throw new FormulaError(`"${c}" at position ${i + 1} is not allowed: a formula has numbers, names, + - * / and parentheses`);
  }
  return out;
}

/** Parses a formula; throws FormulaError with a message a person can act on. */
export function parseFormula(text: string): ParsedFormula {
  if (text.length > MAX_LENGTH) throw new FormulaError(`a formula has at most ${MAX_LENGTH} characters`);
  const list = tokens(text);
  if (!list.length) throw new FormulaError('the formula is empty');
  const names: string[] = [];
  let pos = 0;
  const peek = (): Token | undefined => list[pos];
  const where = (t: Token | undefined): string => (t ? `at position ${t.at + 1}` : 'at the end');
  const isOp = (t: Token | undefined, ops: string): t is Token & { kind: 'op' } => t?.kind === 'op' && ops.includes(t.value);
  const binary = (next: (d: number) => ExpressionNode, ops: string, depth: number): ExpressionNode => {
    let left = next(depth);
    while (isOp(peek(), ops)) {
      const op = list[pos++].value;
      const right = next(depth);
      const key = ({ '+': '$add', '-': '$sub', '*': '$mul', '/': '$div' } as const)[op as '+' | '-' | '*' | '/'];
      left = { kind: 'arith', op: key, items: [left, right] };
    }
    return left;
  };
  const expr = (depth: number): ExpressionNode => {
    if (depth > MAX_DEPTH) throw new FormulaError(`the formula nests more than ${MAX_DEPTH} levels deep`);
    return binary((d) => binary(factor, '*/', d), '+-', depth);
  };
  function factor(depth: number): ExpressionNode {
    const t = peek();
    if (!t) throw new FormulaError('the formula ends where a number or a name was expected');
    pos++;
    if (t.kind === 'num') return { kind: 'number', value: t.value };
    if (t.kind === 'name') {
      if (!names.includes(t.value)) names.push(t.value);
      return { kind: 'field', field: t.value };
    }
    if (t.value === '(') {
      const inner = expr(depth + 1);
      if (!isOp(peek(), ')')) throw new FormulaError(`a ")" is missing ${where(peek())}`);
      pos++;
      return inner;
    }
    // Unary minus as 0 − x, plus as itself: the tree keeps the four operators only.
    if (t.value === '-') return { kind: 'arith', op: '$sub', items: [{ kind: 'number', value: 0 }, factor(depth + 1)] };
    if (t.value === '+') return factor(depth + 1);
    throw new FormulaError(`"${t.value}" ${where(t)} where a number or a name was expected`);
  }
  const node = expr(0);
  if (pos < list.length) throw new FormulaError(`unexpected "${String(list[pos].value)}" ${where(list[pos])}`);
  return { node, names };
}

/** The formula's value with these names bound (lower case); null when a name is unbound or a division is by zero. */
export function evaluateFormula(node: ExpressionNode, values: Readonly<Record<string, number>>): number | null {
  const raw = evaluateRaw(node, values);
  return raw === null || !Number.isFinite(raw) ? null : raw;
}
