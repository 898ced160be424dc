/**
 * The password policy: long enough, and not one of the guesses every attacker
 * tries first. Checked by the core plugin's user hooks, so forms, the CLI,
 * invitations and resets all go through the same record validation and show
 * the message on the password field. Length (8+) is the manifest's minLength.
 */

/** Among the most common passwords of at least 8 characters in published breach lists. */
const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', '12345678', '123456789', '1234567890',
  '0123456789', '87654321', '11111111', '00000000', '12341234', '11223344', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty12',
  '1q2w3e4r', '1q2w3e4r5t', 'asdfghjk', 'asdfghjkl', 'zxcvbnm1', 'iloveyou', 'iloveyou1', 'sunshine', 'princess', 'football',
  'baseball', 'welcome1', 'welcome123', 'letmein1', 'abcdefgh', 'abcd1234', 'abc12345', 'admin123', 'administrator', 'trustno1',
  'superman', 'starwars', 'whatever', 'changeme', 'monkey123', 'dragon123', 'master123', 'secret123', 'computer', 'internet',
]);

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm'];

/** Why the password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return 'is too easy to guess: use more different characters';
  if (COMMON.has(lower)) return 'is one of the most common passwords: choose another';
  if (SEQUENCES.some((s) => s.includes(lower) || [...s].reverse().join('').includes(lower))) return 'is a plain keyboard or letter sequence: choose another';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && lower.includes(local)) return 'must not contain your e-mail address';
  return undefined;
}
