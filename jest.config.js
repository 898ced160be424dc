/** Jest in ESM mode (adminjs and friends are ESM-only); @swc/jest strips types, `npm run typecheck` checks them. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  // The files known to take minutes start first, so the two workers finish together (see the file).
  testSequencer: '<rootDir>/tests/support/slow-first-sequencer.mjs',
  testTimeout: 60000,
};
