/**
 * A transition's notification message may name only what the engine fills in ({title}, {label},
 * {state}): anything else would reach the reader as typed ("Purchase order {number} is approved",
 * which inventory shipped). Refused at load with the file and pointer, in English and in every
 * translation; the shipped manifests pass.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { DEFAULT_MANIFEST_DIR } from '../core/manifest/index.js';
import { validateModules } from '../core/modules.js';

const root = mkdtempSync(join(tmpdir(), 'ums-message-words-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const desk = (message: string, bn: string) => ({
  id: 'desk',
  version: '1.0.0',
  label: 'Desk',
  entities: [
    {
      name: 'ticket',
      translations: { bn: { messages: { close: bn } } },
      fields: [
        { name: 'title', type: 'string', required: true },
        { name: 'status', type: 'enum', values: ['OPEN', 'CLOSED'] },
      ],
    },
  ],
  roles: [{ name: 'agent' }],
  permissions: { agent: [{ action: 'manage', subject: 'ticket' }] },
  workflows: [
    {
      name: 'ticket_flow',
      entity: 'ticket',
      version: 1,
      field: 'status',
      initial: 'OPEN',
      states: [{ name: 'OPEN' }, { name: 'CLOSED', terminal: true }],
      transitions: [{ name: 'close', from: 'OPEN', to: 'CLOSED', by: { roles: ['agent'] }, effects: { notify: { roles: ['agent'] }, message: message } }],
    },
  ],
});

async function problemsOf(manifest: object): Promise<ManifestProblem[]> {
  const dir = mkdtempSync(join(root, 'case-'));
  const file = join(dir, 'desk.json');
  writeFileSync(file, JSON.stringify(manifest));
  try {
    await validateModules([file], join(root, 'no-plugins'));
  } catch (err) {
    if (err instanceof ManifestError) return err.problems;
    throw err;
  }
  return [];
}

describe('notification messages name only what is filled in', () => {
  it('an unknown word in the English message is refused at its pointer', async () => {
    const problems = await problemsOf(desk('Ticket {number} is closed', 'টিকিট {title} বন্ধ'));
    expect(problems).toEqual([expect.objectContaining({ pointer: '/workflows/0/transitions/0/effects/message', message: expect.stringMatching(/\{number\} is never filled in \(known: \{title\}, \{label\}, \{state\}\)/) })]);
  });

  it('and in a translation', async () => {
    const problems = await problemsOf(desk('Ticket {title} is {state}', 'টিকিট {number} বন্ধ'));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/translations\.bn\.messages\.close of desk\.ticket has \{number\}/) })]);
  });

  it('the known words pass, and so do the shipped manifests', async () => {
    expect(await problemsOf(desk('{label}: {title} is now {state}', '{title}: {state}'))).toEqual([]);
    const shipped = readdirSync(DEFAULT_MANIFEST_DIR).filter((f) => f.endsWith('.json') && f !== 'system-types.json').map((f) => join(DEFAULT_MANIFEST_DIR, f));
    await expect(validateModules(shipped, join(DEFAULT_MANIFEST_DIR, '..', 'modules'))).resolves.not.toThrow();
  });
});
