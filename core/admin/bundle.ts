/**
 * Custom components (the dashboard) are bundled once, at start, into AdminJS's
 * tmp folder. AdminJS only bundles by itself in production, and in development
 * it starts a file watcher; neither suits tests or a plain `npm start`. The
 * bundle is reused while its fingerprint — the registered components (names,
 * files, overrides) and the content of every source file in their folders —
 * is the one it was built from: comparing file times missed a component that
 * was removed (its override stayed in the old bundle) and a helper a component
 * imports that changed without the component's own file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AdminJS from 'adminjs';
import { componentLoader } from './components.js';

const tmpDir = (): string => process.env.ADMIN_JS_TMP_DIR ?? '.adminjs';
const bundleFile = (): string => join(tmpDir(), 'bundle.js');
const fingerprintFile = (): string => join(tmpDir(), 'bundle.fingerprint');

const SOURCE = /\.(tsx?|jsx?|mjs|css)$/;

/** What the bundle is made of: a change in any of it means bundling again. */
export function componentsFingerprint(): string {
  const hash = createHash('sha256');
  const components = Object.entries(componentLoader.getComponents()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  hash.update(JSON.stringify(components));
  hash.update(AdminJS.VERSION);
  const folders = [...new Set(components.map(([, file]) => dirname(file)))].sort();
  for (const folder of folders) {
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => SOURCE.test(f)).sort();
    for (const file of files) hash.update(`\0${folder}/${file}\0`).update(readFileSync(join(folder, file)));
  }
  return hash.digest('hex');
}

function bundleIsFresh(fingerprint: string): boolean {
  return existsSync(bundleFile()) && existsSync(fingerprintFile()) && readFileSync(fingerprintFile(), 'utf8') === fingerprint;
}

export async function bundleComponents(admin: AdminJS): Promise<void> {
  const fingerprint = componentsFingerprint();
  if (!bundleIsFresh(fingerprint)) {
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
    writeFileSync(fingerprintFile(), fingerprint);
  }
  // @adminjs/express calls initialize() again when it builds the router: nothing left to bundle.
  process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
}
