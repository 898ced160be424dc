/**
 * The README's plugin API section is generated from core/sdk.ts and the
 * Records contract, so it cannot drift from what module code really gets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readmeWith, renderSdkDocs } from '../scripts/gen-sdk-docs.js';

describe('README plugin API', () => {
  it('is the one npm run gen:docs renders from the SDK', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(readmeWith(renderSdkDocs(), readme));
  });

  it('lists every Records method and every SDK export group', () => {
    const rendered = renderSdkDocs();
    for (const member of ['find(', 'findPages(', 'lock(', 'runAction(', 'transaction<T>(', 'hasRole(', 'asSystem(']) expect(rendered).toContain(`\`${member}`);
    for (const name of ['`definePlugin`', '`workflows`', '`enqueueMail`', '`notify`', '`documentAction`', '`conflict`']) expect(rendered).toContain(name);
  });
});
