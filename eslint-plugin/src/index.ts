import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';

// package.json sits beside both src/ and dist/, so one relative path serves the source and the build.
const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** The plugin object of eslint-plugin-leakguard: `meta`, `rules` and `configs`. */
export interface LeakguardPlugin {
  readonly meta: { readonly name: string; readonly namespace: 'leakguard'; readonly version: string };
  readonly rules: typeof rules;
  readonly configs: {
    /** Every rule that needs no type information, as errors: `{ name: 'leakguard/recommended', plugins: { leakguard }, rules }`. */
    readonly recommended: TSESLint.FlatConfig.Config;
    /**
     * `recommended` plus the rules that need type information, as errors:
     * `{ name: 'leakguard/recommended-type-checked', plugins: { leakguard }, rules }`. The parser
     * options (`parserOptions.projectService`) are the user's to set, as with typescript-eslint's own configs.
     */
    readonly 'recommended-type-checked': TSESLint.FlatConfig.Config;
  };
}

const configs = {} as { recommended: TSESLint.FlatConfig.Config; 'recommended-type-checked': TSESLint.FlatConfig.Config };

/**
 * eslint-plugin-leakguard for flat config:
 * `import leakguard from 'eslint-plugin-leakguard'; export default [leakguard.configs.recommended];`
 */
const plugin: LeakguardPlugin = {
  meta: { name, namespace: 'leakguard', version },
  rules,
  configs,
};

// The configs name the plugin object itself, so they are attached once the plugin exists.
const plugins = { leakguard: plugin as unknown as TSESLint.FlatConfig.Plugin };
const recommendedRules: TSESLint.FlatConfig.Rules = { 'leakguard/no-home-path': 'error' };

configs.recommended = { name: 'leakguard/recommended', plugins, rules: recommendedRules };
configs['recommended-type-checked'] = {
  name: 'leakguard/recommended-type-checked',
  plugins,
  rules: { ...recommendedRules, 'leakguard/no-leaked-resource': 'error', 'leakguard/prefer-using': 'error' },
};

export default plugin;
