/**
 * Custom components (the dashboard) are bundled once, at start, into AdminJS's
 * tmp folder. AdminJS only bundles by itself in production, and in development
 * it starts a file watcher; neither suits tests or a plain `npm start`. The
 * bundle is reused while it is newer than every component source.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type AdminJS from 'adminjs';
import { componentLoader } from './components.js';

const tmpDir = (): string => process.env.ADMIN_JS_TMP_DIR ?? '.adminjs';

function bundleIsFresh(): boolean {
  const bundle = join(tmpDir(), 'bundle.js');
  if (!existsSync(bundle)) return false;
  const content = readFileSync(bundle, 'utf8');
  const built = statSync(bundle).mtimeMs;
  return Object.entries(componentLoader.getComponents()).every(([name, file]) => {
    const source = [file, `${file}.tsx`, `${file}.ts`].find((f) => existsSync(f));
    return content.includes(name) && source !== undefined && statSync(source).mtimeMs < built;
  });
}

export async function bundleComponents(admin: AdminJS): Promise<void> {
  if (!bundleIsFresh()) {
    const env = process.env.NODE_ENV;
    const skip = process.env.ADMIN_JS_SKIP_BUNDLE;
    process.env.NODE_ENV = 'production';
    delete process.env.ADMIN_JS_SKIP_BUNDLE;
    try {
      await admin.initialize();
    } finally {
      process.env.NODE_ENV = env;
      if (skip !== undefined) process.env.ADMIN_JS_SKIP_BUNDLE = skip;
    }
  }
  // @adminjs/express calls initialize() again when it builds the router: nothing left to bundle.
  process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
}
