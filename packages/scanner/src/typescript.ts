// TypeScript is a large module (about a quarter of a second to load): it is required only when
// a JS/TS file holds a candidate, so a tree without one never pays for it.
import { createRequire } from 'node:module';
import type * as TS from 'typescript';

let loaded: typeof TS | undefined;

/** The `typescript` package this scanner depends on, loaded on first call. */
export function loadTypeScript(): typeof TS {
  loaded ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return loaded;
}
