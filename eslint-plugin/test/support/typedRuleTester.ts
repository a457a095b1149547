// Typed linting for the rules that need type information: typescript-eslint's parser with its
// project service, rooted at test/fixtures/typed. A case without `filename` is linted as
// `estree.ts` in that folder (the parser's name for a snippet); allowDefaultProject admits it,
// and the folder's tsconfig.json (strict, lib ESNext with Disposable, types node) gives it its
// compiler options. Modules resolve from the repository's node_modules: pg, mysql2, generic-pool,
// tarn and @leakguard/pool have their real types.
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The folder holding the typed cases' tsconfig.json (and file.ts, its one input). */
export const TYPED_FIXTURE = fileURLToPath(new URL('../fixtures/typed/', import.meta.url));

/** Language options that give a rule parser services with a program and a type checker. */
export const typedLanguageOptions = {
  parser: tseslint.parser,
  parserOptions: { projectService: { allowDefaultProject: ['*.ts*'] }, tsconfigRootDir: TYPED_FIXTURE },
};

/** A RuleTester whose cases are type-checked TypeScript. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({ languageOptions: typedLanguageOptions });
}

/** Joins source lines with `\n`. */
export const lines = (...text: string[]): string => text.join('\n');

/** A Disposable by type, and a function creating one. */
export const GUARD = lines('declare class Guard implements Disposable {', '  [Symbol.dispose](): void;', '}', 'declare function lock(key: string): Guard;');

/** An AsyncDisposable with a conventional `close()`. */
export const BROWSER = lines(
  'declare class Browser implements AsyncDisposable {',
  '  newPage(): Promise<string>;',
  '  close(): Promise<void>;',
  '  [Symbol.asyncDispose](): Promise<void>;',
  '}',
  'declare function launch(): Promise<Browser>;',
);
