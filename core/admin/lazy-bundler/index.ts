/**
 * `deferAdminBundler()`: call before anything imports AdminJS (scripts/start.ts does, then imports
 * the server dynamically), so AdminJS's components bundler — Rollup, Babel, esbuild — loads only
 * when the components bundle has to be made (./hooks.ts). Without it everything works the same
 * and the bundler loads with AdminJS (tests, the CLI).
 * Returns false when hooks cannot be registered here (then nothing changes).
 */
import { register } from 'node:module';

let registered = false;

export function deferAdminBundler(): boolean {
  if (registered) return true;
  try {
    register(new URL('./hooks.js', import.meta.url));
    registered = true;
  } catch {
    // An older Node without module.register: the bundler loads with AdminJS, as before.
  }
  return registered;
}
