/**
 * `preloadReact()`: under NODE_ENV=production, keeps React's development builds out of memory
 * (scripts/start.ts calls it before anything imports AdminJS).
 * AdminJS's server-side copy of its front end imports `react` and `react-dom` as ES modules. Their
 * entry files require the development or the production build at run time, but Node 20, to find the
 * named exports of a CommonJS file imported as a module, also reads every file it might re-export —
 * the development build too, never run — and keeps its source in a module cache entry (react-dom's
 * is 1 MB). Where that entry exists already, Node only reads the file and keeps nothing; so each
 * development build gets a placeholder entry (empty exports) and the production build is required
 * as usual. Nothing requires a development build under production (the entries choose by NODE_ENV).
 */
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BUILDS = [
  { entry: 'react', development: 'cjs/react.development.js' },
  { entry: 'react-dom', development: 'cjs/react-dom.development.js' },
];

export function preloadReact(): void {
  if (process.env.NODE_ENV !== 'production') return;
  const require = createRequire(import.meta.url);
  for (const build of BUILDS) {
    const entry = require.resolve(build.entry);
    const development = join(dirname(entry), build.development);
    if (!require.cache[development]) {
      const placeholder = new Module(development);
      placeholder.filename = development;
      placeholder.loaded = true;
      require.cache[development] = placeholder;
    }
    require(build.entry);
  }
}
