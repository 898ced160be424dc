/**
 * The password policy: long enough, and not guessable. Checked by the core
 * plugin's user hooks, so forms, the CLI, invitations and resets all go
 * through the same record validation and show the message on the password
 * field. Length (8+) is the manifest's minLength.
 *
 * Guessability comes from zxcvbn-ts (its common-password, name and English
 * dictionaries, keyboard graphs, dates and sequences) instead of a list of 50
 * passwords kept by hand: a password that is one of its common passwords gets
 * that message, and one it can guess in under a thousand tries (score 0: a
 * word with a digit, a date, a repeat) is too easy. The rules before it stay
 * as they were, with their messages.
 */
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** The packages are required on the first check, not imported at start: the dictionaries are about 1 MB of source V8 would hold from the first second. */
const requireLazily = createRequire(import.meta.url);
let estimator: ZxcvbnFactory | undefined;

/** Only the start is estimated: past this, length alone makes a password hard, and the cost grows with it. */
const ESTIMATED_LENGTH = 40;

/**
 * Built on first use (indexing the dictionaries takes about a second). At the default of 100 l33t
 * substitutions one random 20-character password took 1.4 s of CPU to estimate (measured on this
 * machine); at 4 it takes tens of milliseconds and still reads "p4ssw0rd" as "password".
 */
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  const { ZxcvbnFactory: Factory } = requireLazily('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = requireLazily('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = requireLazily('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  return (estimator = new Factory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations, l33tMaxSubstitutions: 4 }));
}

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm'];

/** Why the password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return 'is too easy to guess: use more different characters';
  if (SEQUENCES.some((s) => s.includes(lower) || [...s].reverse().join('').includes(lower))) return 'is a plain keyboard or letter sequence: choose another';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && lower.includes(local)) return 'must not contain your e-mail address';
  const result = zxcvbn().check(password.slice(0, ESTIMATED_LENGTH), email ? [email, local ?? ''] : []);
  const [only] = result.sequence;
  if (result.sequence.length === 1 && only.pattern === 'dictionary' && only.dictionaryName === 'passwords-common' && only.token.length === password.length) {
    return 'is one of the most common passwords: choose another';
  }
  if (result.score === 0) return 'is too easy to guess: choose a longer or less common one';
  return undefined;
}
