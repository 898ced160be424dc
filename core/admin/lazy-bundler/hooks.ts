/**
 * Module resolution hooks (node:module `register`, run on Node's loader thread) that keep code the
 * server never runs out of its memory:
 *  - AdminJS's main file imports its components bundler at load, and the bundler imports Rollup,
 *    Babel with preset-env, preset-react and preset-typescript, and esbuild — about a third of the
 *    time and memory of importing AdminJS, needed only when the components bundle is stale
 *    (core/admin/bundle.ts). AdminJS gets a stand-in (./stand-in.ts) that imports the real bundler
 *    on first use.
 *  - Under NODE_ENV=production, AdminJS's server-side copy of its front end imports `react`,
 *    `react-dom` (and more) as ES modules. Their entry files pick the development or the
 *    production build at run time, but Node, to find the named exports of a CommonJS file imported
 *    as a module, reads both builds' source and keeps it (react-dom's development build alone is
 *    1 MB). React's and react-dom's entries resolve straight to the production build their own code would pick.
 * Nothing else is redirected.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ResolveContext {
  parentURL?: string;
}
interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<Resolved>;

/** The bundler module itself, whichever AdminJS file imports it (lib/adminjs.js, its app controller). */
const BUNDLER = /\/node_modules\/adminjs\/lib\/backend\/bundler\/components\.bundler\.js$/;
/** Resolved through the chain, so that run from source (tsx) `./stand-in.js` finds stand-in.ts. */
let standIn: Resolved | undefined;

/**
 * Entry files of the form `if (process.env.NODE_ENV === 'production') module.exports = require(<production>) else …`.
 * Not React Router's: its production builds are UMD files whose named exports Node cannot find.
 */
const SWITCHING_ENTRIES = /\/node_modules\/(react|react-dom)\/index\.js$/;
const PRODUCTION_REQUIRE = /if \(process\.env\.NODE_ENV === ["']production["']\) \{[^}]*?module\.exports = require\(["'](\.\/[^"']+)["']\);?\s*\} else/;
const production = process.env.NODE_ENV === 'production';
const productionBuilds = new Map<string, string>();

/** The production build the entry file would require, or the entry itself if it does not read as expected. */
function productionBuild(url: string): string {
  let found = productionBuilds.get(url);
  if (found === undefined) {
    const match = PRODUCTION_REQUIRE.exec(readFileSync(fileURLToPath(url), 'utf8'));
    found = match ? new URL(match[1], url).href : url;
    productionBuilds.set(url, found);
  }
  return found;
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<Resolved> {
  const resolved = await next(specifier, context);
  if (production && SWITCHING_ENTRIES.test(resolved.url)) return { ...resolved, url: productionBuild(resolved.url) };
  if (!BUNDLER.test(resolved.url)) return resolved;
  standIn ??= await next('./stand-in.js', { parentURL: import.meta.url });
  // The stand-in's own import of the real bundler is left alone.
  if (context.parentURL === standIn.url) return resolved;
  return { ...standIn, shortCircuit: true };
}
