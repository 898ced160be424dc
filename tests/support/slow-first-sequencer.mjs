// Jest's default order, with the files known to run for minutes first. Without timings of an
// earlier run (a clean clone, CI), jest orders by file size, and the slowest files here are short
// ones (a demo seed in one beforeAll): started last, one worker ran alone for minutes after the other
// had finished. With them first, both workers end near together. A failed file of the last run
// still comes first (jest's own rule); the rest keep jest's order (by duration, else by size).
import jestSequencer from '@jest/test-sequencer';

const Sequencer = jestSequencer.default ?? jestSequencer;

/** Slowest first (one run each on the shared 2-core machine); a pattern matches a file's name without `.test.ts`. */
export const SLOW_FILES = [
  /^api-admin-parity$/,
  /^hr-demo-seed-full-size$/,
  /^inventory-demo-seed$/,
  /^permission-parity-(?!covers-)/,
  /^institute-demo-seed$/,
  /^task-demo-seed$/,
  /^hotel-demo-seed$/,
  /^gym-demo-seed$/,
  /^hospital-demo-seed$/,
  /^demo-seed-small$/,
  /^hr-demo-seed$/,
  /-browser$/,
];

const nameOf = (path) => path.replace(/^.*[\\/]/, '').replace(/\.test\.ts$/, '');

export default class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (test) => {
      if (this.hasFailed(test)) return -1;
      const i = SLOW_FILES.findIndex((pattern) => pattern.test(nameOf(test.path)));
      return i === -1 ? SLOW_FILES.length : i;
    };
    // Array.prototype.sort is stable: within one rank, jest's order stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
