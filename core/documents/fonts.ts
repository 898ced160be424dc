/**
 * Unicode text in PDFs: Noto Sans (Latin, accented Latin, Cyrillic, Greek, …) and Noto Sans Bengali,
 * embedded from the @fontsource packages (WOFF files, which pdfkit's fontkit reads and shapes), chosen
 * per run of text. Fontsource splits each family into files per script; which file covers which
 * characters is read from the package's own CSS (`unicode-range`), so no range table is kept here.
 *
 * `embedUnicodeFonts(doc)` makes a document's `font('Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique')`
 * choose a style instead of a built-in font, and its `text()` split the string into runs, each in the
 * file that has its glyphs (a Bengali name in a Latin sentence is two runs). Every layout keeps calling
 * pdfkit as before (core/documents/pdf.ts, and any layout added later) and prints any of these scripts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Doc = PDFKit.PDFDocument;

interface Face {
  /** The name it is registered under in a document (its file name). */
  name: string;
  file: string;
  weight: 400 | 700;
  italic: boolean;
  ranges: [number, number][];
}

interface Style {
  weight: 400 | 700;
  italic: boolean;
}

/** The built-in names the layouts use, as styles. */
const STYLES: Record<string, Style> = {
  Helvetica: { weight: 400, italic: false },
  'Helvetica-Bold': { weight: 700, italic: false },
  'Helvetica-Oblique': { weight: 400, italic: true },
  'Helvetica-BoldOblique': { weight: 700, italic: true },
};

const require = createRequire(import.meta.url);

/** The @font-face rules of one fontsource CSS file: each WOFF file with the characters it covers. */
function facesOf(pkg: string, css: string, weight: 400 | 700, italic: boolean): Face[] {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const text = readFileSync(join(dir, css), 'utf8');
  const faces: Face[] = [];
  for (const rule of text.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((part): [number, number] => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
    });
    faces.push({ name: file.replace(/\.woff$/, ''), file: join(dir, 'files', file), weight, italic, ranges });
  }
  return faces;
}

let loaded: Face[] | undefined;
/** Noto Sans first (its Latin file also covers spaces and punctuation), then Noto Sans Bengali (no italics: upright ones stand in). */
function faces(): Face[] {
  loaded ??= [
    ...facesOf('@fontsource/noto-sans', '400.css', 400, false),
    ...facesOf('@fontsource/noto-sans', '700.css', 700, false),
    ...facesOf('@fontsource/noto-sans', '400-italic.css', 400, true),
    ...facesOf('@fontsource/noto-sans', '700-italic.css', 700, true),
    ...['400', '700'].flatMap((w) => facesOf('@fontsource/noto-sans-bengali', `${w}.css`, Number(w) as 400 | 700, false).filter((f) => f.name.includes('-bengali-bengali-'))),
  ];
  return loaded;
}

const covers = (face: Face, cp: number): boolean => face.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

function facesFor(style: Style): Face[] {
  const all = faces();
  // Exact style first; scripts without it (Bengali has no italic) fall back to the upright face of the same weight.
  return [...all.filter((f) => f.weight === style.weight && f.italic === style.italic), ...all.filter((f) => f.weight === style.weight && !f.italic)];
}

/** The string cut where the covering file changes; a character another file covers too stays in the current run. */
export function textRuns(text: string, style: Style = STYLES.Helvetica): { face: Face; text: string }[] {
  const candidates = facesFor(style);
  const fallback = candidates.find((f) => covers(f, 0x41)) ?? candidates[0];
  const runs: { face: Face; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const current = runs[runs.length - 1];
    if (current && covers(current.face, cp)) {
      current.text += ch;
      continue;
    }
    const face = candidates.find((f) => covers(f, cp)) ?? current?.face ?? fallback;
    if (current && current.face === face) current.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}

type TextOptions = PDFKit.Mixins.TextOptions;

/** See the file comment: this document's font() and text() now print every script the embedded fonts cover. */
export function embedUnicodeFonts(doc: Doc): Doc {
  const registered = new Set<string>();
  const use = (face: Face): void => {
    if (!registered.has(face.name)) {
      doc.registerFont(face.name, face.file);
      registered.add(face.name);
    }
    originalFont(face.name);
  };
  const originalFont = doc.font.bind(doc) as (name: string) => Doc;
  const originalText = doc.text.bind(doc) as (text: string, x?: number | TextOptions, y?: number, options?: TextOptions) => Doc;
  const originalHeight = doc.heightOfString.bind(doc);
  let style: Style = STYLES.Helvetica;

  // The built-in names pick a style; any other name (a font a layout registered itself) is pdfkit's own font().
  doc.font = ((name: string, ...rest: unknown[]) => {
    const chosen = STYLES[name];
    if (!chosen) return (originalFont as (...a: unknown[]) => Doc)(name, ...rest);
    style = chosen;
    use(textRuns('A', style)[0].face);
    return doc;
  }) as Doc['font'];

  doc.text = ((value: unknown, x?: number | TextOptions, y?: number, options?: TextOptions) => {
    const text = value === undefined || value === null ? '' : String(value);
    const opts: TextOptions = (typeof x === 'object' ? x : options) ?? {};
    const at = typeof x === 'number' ? [x, y] : [];
    const runs = textRuns(text, style);
    if (runs.length <= 1) {
      if (runs[0]) use(runs[0].face);
      return at.length ? originalText(text, at[0], at[1], opts) : originalText(text, opts);
    }
    runs.forEach((run, i) => {
      use(run.face);
      const last = i === runs.length - 1;
      const o = { ...opts, continued: last ? (opts.continued ?? false) : true };
      if (i === 0 && at.length) originalText(run.text, at[0], at[1], o);
      else originalText(run.text, o);
    });
    use(runs[0].face);
    return doc;
  }) as Doc['text'];

  // Measured in the face of the string's longest run: close enough for the few mixed-script cells.
  doc.heightOfString = ((value: string, options?: TextOptions) => {
    const runs = textRuns(String(value ?? ''), style);
    const longest = runs.reduce<(typeof runs)[number] | undefined>((a, r) => (!a || r.text.length > a.text.length ? r : a), undefined);
    if (longest) use(longest.face);
    return originalHeight(value, options);
  }) as Doc['heightOfString'];
  return doc;
}
