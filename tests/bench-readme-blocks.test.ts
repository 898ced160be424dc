/** Each `npm run bench -- --only=…` rewrites its own marked block of the README and nothing else. */
import { describe, expect, test } from '@jest/globals';
import { withMarkedBlock } from '../scripts/bench/report.js';

const START = '<!-- bench:x -->';
const END = '<!-- /bench:x -->';
const block = (text: string) => `${START}\n${text}\n${END}`;

describe('a marked bench block in the README', () => {
  test('replaces the previous block between its markers, keeping the text around it', () => {
    const readme = `# UMS\n\n## Benchmarks\n\nbefore\n\n${block('old figures')}\n\nafter\n\n## Next\n\nend\n`;
    expect(withMarkedBlock(readme, START, END, block('new figures'))).toBe(readme.replace('old figures', 'new figures'));
  });

  test('is added at the end of the Benchmarks section when it is not there yet', () => {
    const readme = '# UMS\n\n## Benchmarks\n\nother figures\n\n## Next\n\nend\n';
    expect(withMarkedBlock(readme, START, END, block('new'))).toBe(`# UMS\n\n## Benchmarks\n\nother figures\n\n${block('new')}\n\n## Next\n\nend\n`);
  });

  test('starts a Benchmarks section when the README has none', () => {
    expect(withMarkedBlock('# UMS\n', START, END, block('new'))).toBe(`# UMS\n\n## Benchmarks\n\n${block('new')}\n`);
  });
});
