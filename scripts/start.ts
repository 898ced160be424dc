/**
 * `npm start` / `node dist/scripts/start.js`: defers AdminJS's components bundler (Rollup, Babel,
 * esbuild: loaded only if the components bundle has to be made, core/admin/lazy-bundler), then
 * starts everything (start-server.ts). The server is imported dynamically because a static import
 * would resolve AdminJS before the deferral is registered.
 */
import { deferAdminBundler } from '../core/admin/lazy-bundler/index.js';

deferAdminBundler();
await import('./start-server.js');
