import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.adminjs/', '.bench/', 'coverage/', 'core/manifest/manifest.types.ts', 'core/manifest/manifest.validators.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-template-curly-in-string': 'off',
    },
  },
  {
    // Module code sees one entry: core/sdk.ts. (scripts/check-layers.ts, run by `npm run lint`, checks the other layer rules.)
    files: ['modules/**/*.ts', 'modules/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*', '**/core/**', '!**/core/sdk.js', '**/config/*', '**/config/**', '**/tests/**', '**/scripts/**'],
              message: 'Module code imports only ../../core/sdk.js (the Module SDK); ask for what is missing there.',
            },
          ],
        },
      ],
    },
  },
);
