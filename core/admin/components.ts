/**
 * The one ComponentLoader of the admin. Each concern registers its own React
 * components here (dashboard, workflow inbox, login page links…); they are
 * bundled once at start (bundle.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ComponentLoader } from 'adminjs';

/**
 * AdminJS bundles the TSX source itself; the compiled server (dist/core/admin)
 * finds it in the source tree, since tsc does not copy .tsx files.
 * `path` is relative to core/ (e.g. `admin/components/dashboard.tsx`).
 */
export function componentSource(path: string): string {
  const beside = fileURLToPath(new URL(`../${path}`, import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL(`../../../core/${path}`, import.meta.url));
}

export const componentLoader = new ComponentLoader();
