import { readFileSync } from 'node:fs';

let version: string | undefined;

/** This package's version (from its package.json), as reports name the tool. */
export function scannerVersion(): string {
  // One level up from both src/ and dist/.
  version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
