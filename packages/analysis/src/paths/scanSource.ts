// PLACEHOLDER implementation (to be replaced): the API is the contract, the body is naive.
import type * as TS from 'typescript';
import { findHomePaths } from './findHomePaths.js';
import type { HomePathMatch, HomePathOptions } from './types.js';

/** What scanning one JS/TS file found. */
export interface SourceScan {
  readonly matches: HomePathMatch[];
  /** Set when the file did not parse; `matches` then come from the text scan alone. */
  readonly parseError?: string;
}

/**
 * Scans one JS/TS/JSX/TSX/MJS/CJS/MTS/CTS file with its code context: string and template
 * literals, comments and JSX text, judged by `isReportedInCode`, plus `tilde` matches for `~/`
 * strings given to Node path APIs. `ts` is the TypeScript module of the caller (the scanner's
 * own, ts-morph's); only its parser is used. Never throws for bad syntax: falls back to the text scan.
 */
export function scanSource(_ts: typeof TS, _fileName: string, text: string, options: HomePathOptions = {}): SourceScan {
  return { matches: findHomePaths(text, options) };
}
