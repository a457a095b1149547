import { createRequire } from 'node:module';
import type * as TS from 'typescript';

let loaded: typeof TS | undefined;

/**
 * The `typescript` module, loaded on first use by a type-aware rule. typescript-eslint's parser
 * has already loaded it from the project by then, and the same resolution finds the same copy.
 * Loading it lazily keeps the rules that need no type information usable without TypeScript.
 */
export function typeScript(): typeof TS {
  loaded ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return loaded;
}
