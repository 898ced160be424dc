/**
 * Under NODE_ENV=production start.ts keeps React's development builds out of memory
 * (core/admin/react-production.ts): without the preload, Node keeps react-dom's 1 MB development
 * source after reading it to find AdminJS's imports' names; with it, only a placeholder is cached,
 * the production build runs, and AdminJS's server-rendered login page still renders (Bengali text
 * included). Fresh Node processes, as a start is.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const CHECKOUT = resolve(import.meta.dirname, '..');

function start(env: Record<string, string>): { developmentEntry: string; productionLoaded: boolean; loginRenders: boolean } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/react-production-child.ts'], {
    cwd: CHECKOUT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`the child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line);
}

describe('start-up under production reads only React production builds', () => {
  it('with the preload, react-dom’s development build is a placeholder and the login page renders', () => {
    expect(start({ NODE_ENV: 'production' })).toEqual({ developmentEntry: 'placeholder', productionLoaded: true, loginRenders: true });
  }, 300_000);

  it('without it, Node keeps the development source (what the preload avoids)', () => {
    expect(start({ NODE_ENV: 'production', PRELOAD: 'off' })).toEqual({ developmentEntry: 'source kept', productionLoaded: true, loginRenders: true });
  }, 300_000);
});
