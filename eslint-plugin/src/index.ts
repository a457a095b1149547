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
  };
}

const configs = {} as { recommended: TSESLint.FlatConfig.Config };

/**
 * eslint-plugin-leakguard for flat config:
 * `import leakguard from 'eslint-plugin-leakguard'; export default [leakguard.configs.recommended];`
 */
const plugin: LeakguardPlugin = {
  meta: { name, namespace: 'leakguard', version },
  rules,
  configs,
};

// The config names the plugin object itself, so it is attached once the plugin exists.
configs.recommended = {
  name: 'leakguard/recommended',
  plugins: { leakguard: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: { 'leakguard/no-home-path': 'error' },
};

export default plugin;
