/**
 * Run in a child process by admin-bundler-loads-only-when-the-bundle-is-stale.test.ts, as start.ts
 * runs: the bundler deferred (unless DEFER=off), then AdminJS and UMS's bundle step. Prints one JSON
 * line: which heavy modules were in memory before and after bundleComponents, the bundle's mtime,
 * and whether AdminJS's login page (server-side React) still renders.
 */
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { deferAdminBundler } from '../../core/admin/lazy-bundler/index.js';

const deferred = process.env.DEFER === 'off' ? false : deferAdminBundler();
const cache = createRequire(import.meta.url).cache;
const loaded = (part: string): boolean => Object.keys(cache).some((k) => k.includes(part));
const heavy = (): Record<string, boolean> => ({
  babel: loaded('/node_modules/@babel/preset-env/'),
  reactDomDevelopment: loaded('/node_modules/react-dom/cjs/react-dom.development.js'),
});

const { default: AdminJS } = await import('adminjs');
const { componentLoader } = await import('../../core/admin/components.js');
await import('../../core/admin/account-screens.js'); // registers the login page's components: something to bundle
const { bundleComponents } = await import('../../core/admin/bundle.js');
const before = heavy();
const admin = new AdminJS({ rootPath: '/admin', componentLoader });
await bundleComponents(admin);
const after = heavy();
const bundle = join(process.env.ADMIN_JS_TMP_DIR!, 'bundle.js');
const loginPage = await admin.renderLogin({ action: '/admin/login', errorMessage: 'ভুল পাসওয়ার্ড' });
console.log(JSON.stringify({ deferred, before, after, bundleMtimeMs: statSync(bundle).mtimeMs, bundleBytes: statSync(bundle).size, loginRenders: loginPage.includes('/admin/login') }));
