/**
 * How the admin's pages and bundles reach the browser:
 *  - AdminJS's scripts (React, the design system, the app, UMS's components) are served from memory,
 *    compressed once at start (Brotli and gzip, strongest settings), with a content hash in their URL:
 *    a URL with the current hash is cached for a year (`immutable`); any other gets `no-cache` and an
 *    ETag. Always AdminJS's production builds: its development builds are 26 MB of JavaScript per page
 *    and help only people working on AdminJS itself (the components bundle is built in production
 *    mode too, bundle.ts).
 *  - Every page AdminJS renders (the app and the sign-in page) is rewritten on its way out: no request
 *    to Google Fonts (system fonts instead), hashed script URLs, a favicon, and UMS's stylesheet
 *    (readable label contrast, narrow screens).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router as AdminRouter } from 'adminjs';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { acceptedEncoding, compressMax, type Encoding } from './compression.js';
import { withLanguage, type Language } from './language.js';
import { ADMIN_CSS, FAVICON_SVG } from './page-style.js';

const ASSETS = '/frontend/assets/';
const requireFrom = createRequire(import.meta.url);
/** The Bengali block and the joiners, as @fontsource/noto-sans-bengali's own CSS gives it. */
const BENGALI_RANGE = 'U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0,U+1CD2,U+1CD5-1CD6,U+1CD8,U+1CE1,U+1CEA,U+1CED,U+1CF2,U+1CF5-1CF7,U+200C-200D,U+20B9,U+25CC,U+A8F1';
const YEAR = 365 * 24 * 3600;

interface Asset {
  type: string;
  raw: Buffer;
  hash: string;
  /** The compressed body, made on first request and kept (memory, and a file beside the bundle). */
  encoded(encoding: Encoding): Promise<Buffer>;
}

const tmpDir = (): string => process.env.ADMIN_JS_TMP_DIR ?? '.adminjs';

/** AdminJS's asset list names the development builds unless NODE_ENV was production when it loaded: use the production file beside it. */
function productionFile(src: string): string {
  const production = src.replace(/\.development\.js$/, '.production.js');
  return existsSync(production) ? production : src;
}

function assetSources(): Map<string, { src: string; type: string }> {
  const out = new Map<string, { src: string; type: string }>();
  for (const a of AdminRouter.assets) {
    if (a.path.endsWith('.js')) out.set(a.path.slice(ASSETS.length), { src: productionFile(a.src), type: 'text/javascript; charset=utf-8' });
  }
  out.set('components.bundle.js', { src: join(tmpDir(), 'bundle.js'), type: 'text/javascript; charset=utf-8' });
  return out;
}

/**
 * AdminJS decides development or production for its bundler when it is first imported, so the
 * components bundle made at start carries an inline source map (1.5 MB of base64 once chart.js is
 * in it) that only a debugger reads: it is cut before the bundle is hashed and served.
 */
function withoutInlineSourceMap(raw: Buffer): Buffer {
  const text = raw.toString('utf8');
  const at = text.lastIndexOf('\n//# sourceMappingURL=data:');
  return at < 0 ? raw : Buffer.from(text.slice(0, at + 1), 'utf8');
}

/**
 * Brotli at its strongest takes seconds for AdminJS's 3 MB: done off the event loop, on first request
 * (every test starts a server; most never fetch a bundle), and kept on disk by content hash so a
 * restart with the same bundles reuses it.
 */
function asset(raw: Buffer, type: string): Asset {
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  const made = new Map<Encoding, Promise<Buffer>>();
  const make = async (encoding: Encoding): Promise<Buffer> => {
    const file = join(tmpDir(), 'compressed', `${hash}.${encoding}`);
    if (existsSync(file)) return readFile(file);
    const body = await compressMax(raw, encoding);
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.${process.pid}`, body);
      await rename(`${file}.${process.pid}`, file); // whole or absent, for another process reading it
    } catch {
      // A read-only folder only costs the next start the compression again.
    }
    return body;
  };
  return {
    type,
    raw,
    hash,
    encoded(encoding) {
      let body = made.get(encoding);
      if (!body) made.set(encoding, (body = make(encoding)));
      return body;
    },
  };
}

export interface PageAssets {
  /** Served below the admin's root, before AdminJS's router. */
  router: Router;
  /** An AdminJS page with fonts, scripts, favicon and stylesheet as described above. */
  rewrite(html: string): string;
  /** name → the asset as served (for measuring page weight). */
  assets: ReadonlyMap<string, Asset>;
  /**
   * `<link rel=preload>` of both Bengali faces, for pages of a Bengali reader: fetched only once text needs it, a
   * face arrived after React had laid out bold digits (the bell's count, a badge) and Chromium kept their boxes (tofu).
   */
  bengaliPreload: string;
}

/** Loads and compresses the bundles (call after bundleComponents). `root` is the admin's URL root. */
export function pageAssets(root: string): PageAssets {
  const assets = new Map<string, Asset>();
  for (const [name, { src, type }] of assetSources()) {
    if (existsSync(src)) assets.set(name, asset(withoutInlineSourceMap(readFileSync(src)), type));
  }
  // Bengali text needs a font most systems lack: Noto Sans Bengali from npm, fetched only by pages that show Bengali (unicode-range).
  const faces: string[] = [];
  for (const weight of ['400', '700']) {
    const name = `noto-sans-bengali-${weight}.woff2`;
    assets.set(name, asset(readFileSync(requireFrom.resolve(`@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-${weight}-normal.woff2`)), 'font/woff2'));
    faces.push(`@font-face { font-family: "Noto Sans Bengali"; font-style: normal; font-weight: ${weight}; font-display: swap; src: url(${root}${ASSETS}${name}?v=${assets.get(name)!.hash}) format("woff2"); unicode-range: ${BENGALI_RANGE}; }`);
  }
  assets.set('ums.css', asset(Buffer.from(`${faces.join('\n')}\n${ADMIN_CSS}`, 'utf8'), 'text/css; charset=utf-8'));
  assets.set('favicon.svg', asset(Buffer.from(FAVICON_SVG, 'utf8'), 'image/svg+xml'));
  const url = (name: string): string => `${root}${ASSETS}${name}?v=${assets.get(name)?.hash ?? ''}`;

  const router = express.Router();
  router.get(`${ASSETS}:name`, (req: Request, res: Response, next: NextFunction) => {
    const found = assets.get(req.params.name);
    if (!found) {
      next();
      return;
    }
    const etag = `"${found.hash}"`;
    res.setHeader('Content-Type', found.type);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', req.query.v === found.hash ? `public, max-age=${YEAR}, immutable` : 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const encoding = acceptedEncoding(req);
    (encoding ? found.encoded(encoding) : Promise.resolve(found.raw)).then((body) => {
      if (encoding) res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', String(body.length));
      if (req.method === 'HEAD') res.end();
      else res.end(body);
    }, next);
  });

  const rewrite = (html: string): string => {
    let out = html.replace(/\s*<link[^>]+fonts\.googleapis\.com[^>]*>/g, '');
    for (const name of assets.keys()) out = out.split(`"${root}${ASSETS}${name}"`).join(`"${url(name)}"`);
    const head = `<link rel="icon" type="image/svg+xml" href="${url('favicon.svg')}">\n<link rel="stylesheet" type="text/css" href="${url('ums.css')}">`;
    return out.replace('</head>', `${head}\n</head>`);
  };

  const bengaliPreload = ['400', '700'].map((w) => `<link rel="preload" as="font" type="font/woff2" crossorigin href="${url(`noto-sans-bengali-${w}.woff2`)}">`).join('\n');

  return { router, rewrite, assets, bengaliPreload };
}

/**
 * Applies `rewrite` to the HTML pages sent below this point (AdminJS renders them with res.send), and
 * `languageOf`'s answer for the request (language.ts: the signed-in user's language) when it has one.
 */
export function rewritePages(page: PageAssets, languageOf?: (req: Request) => Promise<Language | undefined>): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown): Response => {
      res.send = send;
      const isPage = typeof body === 'string' && /^\s*<!DOCTYPE html>/i.test(body) && (!res.getHeader('content-type') || String(res.getHeader('content-type')).includes('html'));
      if (!isPage) return send(body);
      const html = page.rewrite(body as string);
      if (!languageOf) return send(html);
      // The page shows Bengali when its reader's language is Bengali or `?lng=bn` asks for it for this page (the
      // sign-in page too, which has no reader yet): either way both Bengali faces are preloaded.
      const asked = typeof req.query.lng === 'string' ? req.query.lng : undefined;
      languageOf(req).then((language) => {
        const shown = asked === 'bn' || (asked === undefined && language === 'bn') ? html.replace('</head>', `${page.bengaliPreload}\n</head>`) : html;
        send(language ? withLanguage(shown, language) : shown);
      }, next);
      return res;
    };
    next();
  };
}
