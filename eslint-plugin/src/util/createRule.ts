import { ESLintUtils } from '@typescript-eslint/utils';

/** Where a rule's documentation lives: `eslint-plugin/docs/rules/<name>.md` in the leakguard repository. */
export function ruleDocsUrl(ruleName: string): string {
  return `https://github.com/leakguard/leakguard/blob/main/eslint-plugin/docs/rules/${ruleName}.md`;
}

/** What every leakguard rule states in `meta.docs` besides its description and URL. */
export interface LeakguardRuleDocs {
  /** Listed in `configs.recommended` (or in `configs['recommended-type-checked']` when `requiresTypeChecking`). */
  readonly recommended?: boolean;
  /** Needs type information (`parserOptions.projectService`); such rules go to `configs['recommended-type-checked']`. Default: false. */
  readonly requiresTypeChecking?: boolean;
}

/** Builds a leakguard rule: `meta.docs.url` from `ruleDocsUrl`, options merged over `meta.defaultOptions`. */
export const createRule = ESLintUtils.RuleCreator<LeakguardRuleDocs>(ruleDocsUrl);
