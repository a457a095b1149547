import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
// The built plugin (eslint-plugin/dist, from `tsc -b`, which `npm test` runs before ESLint).
import leakguard from 'eslint-plugin-leakguard';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // The disposal corpora hold leaky code on purpose, type-checked by their own tsconfig in their tests.
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'dashboards/grafana/**', 'packages/analysis/test/disposal-corpus/**', 'packages/analysis/test/disposal-heldout/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/test/**', '**/bench/**', '**/examples/**'], message: 'packages/ never import from test/, bench/ or examples/.' }] }],
    },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  leakguard.configs.recommended,
  {
    // These hold home-directory paths on purpose: the rule's own test cases, the detector's
    // corpus and tests, the scanner's and CLI's fixtures, and the detector's sources, whose
    // comments show by example the forms it finds. Everything else stays checked.
    files: ['eslint-plugin/test/**', 'packages/analysis/test/**', 'packages/scanner/test/**', 'packages/cli/test/**', 'packages/analysis/src/paths/**'],
    rules: { 'leakguard/no-home-path': 'off' },
  },
  {
    // The plugin's rules, and their RuleTester suites, follow eslint-plugin-eslint-plugin.
    files: ['eslint-plugin/src/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: { 'eslint-plugin/meta-property-ordering': 'error' },
  },
  {
    files: ['eslint-plugin/test/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
    rules: { 'eslint-plugin/require-test-error-positions': 'error' },
  },
);
