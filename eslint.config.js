// Lint rules that guard the project's conventions, not just style:
// randomness must come from the seeded generator passed in (src/random), never Math.random.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded generator (src/random/rng.ts) passed in explicitly.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The report's and UI's browser scripts: plain scripts with the page's globals.
    files: ['assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly', document: 'readonly', fetch: 'readonly', URL: 'readonly', Blob: 'readonly', Event: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', location: 'readonly', performance: 'readonly',
        vegaEmbed: 'readonly', tf: 'readonly',
      },
    },
  },
);
