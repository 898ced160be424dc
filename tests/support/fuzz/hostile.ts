/**
 * Hostile values for any field or parameter: wrong types, boundaries, NUL
 * bytes, very long strings, odd Unicode, deep JSON, injection-shaped text,
 * next to values that fit the field (so the deep paths are reached too).
 * Valid values are derived from the field definition alone.
 */
import fc from 'fast-check';
import type { ResolvedField } from '../../../core/manifest/index.js';

/** 100 KB of text: past every column's length, under every body limit but the sign-in form's. */
export const LONG_TEXT = 'x'.repeat(100 * 1024);

/** Numbers at and past every boundary a column or a parser has. */
export const BOUNDARY_NUMBERS = ['0', '-0', '-1', '1', '2147483647', '2147483648', '-2147483649', '4294967296', '9007199254740993', '1e300', '-1e300', '1e-300', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '1.', '.5', '1e', '٣', '１２'];

/** Strings each of which broke (or could break) something between the form and PostgreSQL. */
export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800', // a lone high surrogate
  'x\udfffy', // a lone low surrogate
  '\u202eevil\u202c', // right-to-left override
  '\u200f\u200e\u2066', // RTL/LTR marks, isolate
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  'আমার সোনার বাংলা', // Bengali
  'ক্ষ্ম', // Bengali conjunct with viramas
  '𝕌𝕄𝕊 🧪👩‍👩‍👧', // astral plane, ZWJ sequence
  '\ufeff\ufffe\uffff',
  '\r\n\t\u000b\u000c',
  "' OR '1'='1",
  "'; DROP TABLE library_book; --",
  '") OR ("1"="1',
  '%', '_', '\\', '\\\\%', '%00',
  '${user.id}', '{{7*7}}', '<script>alert(1)</script>',
  '[object Object]', 'undefined', 'null', 'true', '[]', '{}', '{"$ne":null}',
  '../../../../etc/passwd',
  '0000-00-00', '0000-01-01', '2026-02-30', '2026-13-45', '2026-01-01junk', '99999-01-01', '-2026-01-01', '2026-01-01T25:61', '1970-01-01T00:00:00+99:99', 'epoch', 'today',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'g0000000-0000-0000-0000-000000000000',
  '=cmd|"/c calc"!A1', '+1', '@SUM(A1)',
  // Times a time field must refuse as a field error (PostgreSQL would take some: 24:00, 9:30, 09:30+06).
  '24:00', '25:00', '12:60', '9:30', '09:30:60', '09:30:00.5', '09:30Z', '09:30+06', '0930',
  LONG_TEXT,
  ...BOUNDARY_NUMBERS,
];

/** Any text at all: the odd strings above, random (full Unicode) strings, and some long ones. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ODD_STRINGS), fc.constantFrom(...ODD_STRINGS)).map(([a, b]) => `${a}${b}`) },
  { weight: 1, arbitrary: fc.integer({ min: 250, max: 5000 }).map((n) => 'é'.repeat(n)) },
);

/** Objects nested `depth` levels (3,000 by default): JSON parsers, validators and SQL builders that recurse. */
export function deepJson(depth = 3000, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A value of another JSON type than a form sends (a form sends strings). */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 2 ** 31, 1e300, -1e300, [], {}, ['a', 'b'], { $ne: null }, { $gt: '' }, { from: 'x', to: 'y' }),
  fc.double(),
  fc.constant(deepJson(3000)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

const YEAR_MS = 365.25 * 86_400_000;
const isoDate = fc.integer({ min: -70, max: 130 }).map((y) => new Date(Date.UTC(1970, 0, 1) + y * YEAR_MS + 1e7));

/** Values the field is meant to take (for references: ids of the organization's records, and another's). */
export function validValue(f: ResolvedField, ids: (target: string) => string[]): fc.Arbitrary<string> {
  switch (f.type) {
    case 'integer': {
      const min = Math.max(f.min ?? -1000, -2147483648);
      return fc.integer({ min: Math.ceil(min), max: Math.min(f.max ?? min + 1000, 2147483647) }).map(String);
    }
    case 'decimal':
    case 'money': {
      const min = f.min ?? 0;
      return fc.double({ min, max: f.max ?? min + 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => n.toFixed(f.type === 'money' ? 2 : 3));
    }
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'date':
      return isoDate.map((d) => d.toISOString().slice(0, 10));
    case 'datetime':
      return isoDate.map((d) => d.toISOString());
    case 'time':
      // HH:MM, sometimes with seconds (the near misses are in ODD_STRINGS).
      return fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.integer({ min: 0, max: 59 })))
        .map(([h, m, s]) => [h, m, ...(s === null ? [] : [s])].map((n) => String(n).padStart(2, '0')).join(':'));
    case 'enum':
      return fc.constantFrom(...(f.values ?? ['x']));
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= (f.maxLength ?? 254));
    case 'phone':
      return fc.integer({ min: 1000000, max: 99999999 }).map((n) => `+1 555 ${n}`);
    case 'url':
      return fc.webUrl();
    case 'reference': {
      const pool = ids(f.target ?? '');
      return pool.length ? fc.constantFrom(...pool) : fc.uuid();
    }
    case 'json':
      return fc.constantFrom('[]', '{}', JSON.stringify([{ action: 'read', subject: 'all' }]), JSON.stringify(['admin']));
    case 'password':
      return fc.constantFrom('Fuzz-pa55word!', 'short');
    default: {
      const max = Math.min(f.maxLength ?? 60, 60);
      return fc.string({ minLength: Math.max(1, f.minLength ?? 1), maxLength: Math.max(max, f.minLength ?? 1) }).map((s) => (f.pattern ? s : s.trim() || 'v'));
    }
  }
}

/** A form value for the field: mostly hostile, sometimes what it takes. */
export function formValue(f: ResolvedField, ids: (target: string) => string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: validValue(f, ids) }, { weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: wrongType });
}

/** Keys a form should never be able to write, or that confuse parsers (prototype pollution, AdminJS's flattening). */
export const UNKNOWN_KEYS = ['id', 'organization_id', 'created_by', 'updated_by', 'created_at', 'version', '__proto__', 'constructor', 'prototype', '__proto__.polluted', 'constructor.prototype.polluted', 'title.0', 'a[b]', 'rules.0.action', '\u0000', '', 'x'.repeat(300), 'no_such_field'];

/** A short printable summary of a value for counter-examples (100 KB strings and 3,000-deep JSON stay readable). */
export function brief(value: unknown): string {
  const text = typeof value === 'string' ? value : (() => {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  })();
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 40))}…(${text.length} chars)` : JSON.stringify(text);
}
