/**
 * PDFs print names in Bengali, Cyrillic and accented Latin: Noto Sans and Noto Sans Bengali are embedded
 * (no built-in Helvetica left) and chosen per run of text, and the names read back from the PDF.
 *
 * How Bengali is asserted: PDF text extraction (unpdf, as pdftotext) returns glyphs in visual order, so a
 * pre-base vowel sign comes back before its consonant ("রহিম" reads "রিহম"). A name without pre-base
 * signs ("সুমন দাস") must read back exactly; one with them ("রহিম") must read back with the same
 * consonants in the same order and the same vowel signs, wherever extraction puts them.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { renderDocumentBuffer } from '../core/documents/index.js';
import { textRuns } from '../core/documents/fonts.js';
import { pdfText } from './support/files.js';

const issuedAt = new Date('2026-03-04T10:00:00Z');
const squash = (s: string): string => s.replace(/\s+/g, '');
/** Bengali vowel signs (dependent vowels, U+09BE–U+09CC, U+09D7) and the virama (U+09CD). */
const VOWEL_SIGN = /[\u09BE-\u09CD\u09D7]/g;
const consonants = (s: string): string => squash(s).replace(VOWEL_SIGN, '');
const signs = (s: string): string => [...(s.match(VOWEL_SIGN) ?? [])].sort().join('');

/** Font names the PDF embeds (its /BaseFont entries, subset-prefixed as ABCDEF+NotoSans…). */
function baseFonts(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...new Set([...text.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1].replace(/^[A-Z]{6}\+/, '')))];
}

async function receipt(name: string, items: { label: string; amount: number }[] = [{ label: 'Tuition', amount: 100 }]): Promise<{ pdf: Buffer; text: string }> {
  const pdf = await renderDocumentBuffer('fee_receipt', {
    organization: { name: 'ঢাকা ইনস্টিটিউট' },
    number: 'FR-2026-000001',
    issuedAt,
    data: { student: { name, rollNumber: 'R-1', program: 'Programme' }, items, paidOn: '2026-03-01', method: 'Cash', currency: 'BDT' },
  });
  return { pdf, text: await pdfText(pdf) };
}

describe('Unicode PDFs', () => {
  it('split a mixed-script string into runs of the file that has their glyphs', () => {
    const runs = textRuns('Rahim রহিম Иван');
    expect(runs.map((r) => r.text)).toEqual(['Rahim ', 'রহিম', ' ', 'Иван']);
    expect(runs.map((r) => r.face.name)).toEqual([expect.stringMatching(/noto-sans-latin-400/), expect.stringMatching(/bengali-bengali-400/), expect.stringMatching(/noto-sans-latin-400/), expect.stringMatching(/noto-sans-cyrillic-400/)]);
    expect(textRuns('রহিম', { weight: 700, italic: true })[0].face.name).toMatch(/bengali-bengali-700/);
  });

  it('a Bengali name without pre-base vowel signs reads back exactly, and the organization in Bengali too', async () => {
    const { pdf, text } = await receipt('সুমন দাস');
    expect(squash(text)).toContain(squash('সুমন দাস'));
    expect(squash(text)).toContain(squash('ঢাকা'));
    const fonts = baseFonts(pdf);
    expect(fonts.some((f) => /NotoSansBengali/i.test(f))).toBe(true);
    expect(fonts.some((f) => /^Helvetica/.test(f))).toBe(false);
  });

  it('a Bengali name with pre-base vowel signs keeps its consonants in order and all its vowel signs', async () => {
    const name = 'রহিম উদ্দিন';
    const { text } = await receipt(name);
    const line = text.split('\n').find((l) => l.includes('Student'))!;
    const value = line.slice(line.indexOf('Student') + 'Student'.length);
    expect(consonants(value)).toBe(consonants(name));
    expect(signs(value)).toBe(signs(name));
  });

  it('Cyrillic, Greek and accented Latin names print and read back', async () => {
    for (const name of ['Мария Иванова', 'José Ñúñez', 'Łukasz Żółć', 'Σοφία Παπαδοπούλου']) {
      const { text } = await receipt(name, [{ label: `Fee for ${name}`, amount: 5 }]);
      expect(squash(text)).toContain(squash(name));
    }
  });

  it('the embedded fonts are subsets: a receipt stays small', async () => {
    const { pdf } = await receipt('সুমন দাস');
    // Only the glyphs used are embedded: the Bengali font file alone is larger than this whole receipt.
    const bengaliFile = statSync(createRequire(import.meta.url).resolve('@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff')).size;
    expect(pdf.length).toBeLessThan(bengaliFile);
  });
});
