/**
 * Run in a child process by start-defers-libraries-used-later.test.ts: imports every module that
 * scripts/start-server.ts imports statically (read from its source, so a new import there is
 * covered), then the modules that use the deferred libraries, and prints one JSON line: which of
 * those libraries an import had resolved to after each step.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFERRED = ['@babel/preset-env', 'agenda', 'file-type', 'jose', 'nodemailer', 'prom-client', 'rollup'] as const;

const log = process.env.RESOLVED_LOG;
if (!log) throw new Error('RESOLVED_LOG must name the file the hook writes to');
register(pathToFileURL(join(import.meta.dirname, 'record-resolved-urls.mjs')));
const loaded = (): string[] => {
  const urls = readFileSync(log, 'utf8');
  return DEFERRED.filter((name) => urls.includes(`/node_modules/${name}/`));
};

const scripts = join(import.meta.dirname, '../../scripts');
const source = readFileSync(join(scripts, 'start-server.ts'), 'utf8');
const imports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';$/gms)].map((m) => m[1]);
for (const spec of imports) await import(spec.startsWith('.') ? pathToFileURL(join(scripts, spec)).href : spec);
const atStart = loaded();
// AdminJS's front end (React, its design system's index) is the browser's: the server never loads it.
const startUrls = readFileSync(log, 'utf8');
const frontEndAtStart = ['/node_modules/react/', '/node_modules/react-dom/', '/node_modules/@adminjs/design-system/build/index.js', '/node_modules/adminjs/lib/frontend/index.js'].filter((p) => startUrls.includes(p));

// What first use imports: the metrics registry, a scheduler's agenda, a token, an upload's type, a delivery, a stale bundle's bundler.
await import('../../core/ops/metrics.js');
await Promise.all(DEFERRED.map((name) => import(name)));
console.log(JSON.stringify({ startImports: imports.length, atStart, frontEndAtStart, afterFirstUse: loaded() }));
