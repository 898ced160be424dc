/**
 * Run in a child process by start-reads-only-react-production-builds.test.ts, as start.ts runs:
 * preloadReact() (unless PRELOAD=off), then AdminJS. Prints one JSON line: what the module cache
 * holds for react-dom's development build, and whether AdminJS's login page (server-side React)
 * renders with Bengali text.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { preloadReact } from '../../core/admin/react-production.js';

if (process.env.PRELOAD !== 'off') preloadReact();
const require = createRequire(import.meta.url);
const development = join(dirname(require.resolve('react-dom')), 'cjs/react-dom.development.js');
const { default: AdminJS } = await import('adminjs');
const entry = require.cache[development];
const admin = new AdminJS({ rootPath: '/admin' });
const page = await admin.renderLogin({ action: '/admin/login', errorMessage: 'ভুল পাসওয়ার্ড' });
console.log(
  JSON.stringify({
    // Node's own entry for a file it only read to find exports is not loaded; a placeholder is loaded and empty.
    developmentEntry: entry ? (entry.loaded ? (Object.keys(entry.exports as object).length ? 'run' : 'placeholder') : 'source kept') : 'none',
    productionLoaded: Object.keys(require.cache).some((k) => k.endsWith('react-dom.production.min.js')),
    loginRenders: page.includes('/admin/login') && page.includes('ভুল পাসওয়ার্ড'),
  }),
);
