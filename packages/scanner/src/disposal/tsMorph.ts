// ts-morph and the TypeScript it bundles take about half a second to load on a small VM. Only the
// disposal audit needs them, so they are required on first use: `audit paths`, and a program
// that imports this package for anything else, never pay for them.
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;

/** The `ts-morph` package this scanner depends on, loaded on first call. */
export function loadTsMorph(): typeof TsMorph {
  loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  return loaded;
}
