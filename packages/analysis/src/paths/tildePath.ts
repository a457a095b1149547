// The `tilde` match of a `~/` literal, shared by scanSource and the ESLint rule so both cut the
// path and apply allowPatterns alike.
import { isAllowedPath, pathEndOf } from './homePathPattern.js';
import { compileHomePathOptions } from './options.js';
import type { HomePathMatch, HomePathOptions } from './types.js';

/**
 * The `tilde` match of a literal whose value lies in `text` from `start` to `end`: undefined
 * when the value does not start with `~/`, or when one of `options.allowPatterns` matches its
 * path (from the `~` to `pathEnd`, the end of the path token as HomePathMatch.pathEnd defines
 * it, never past `end`). Whether the literal goes to a Node path API is isTildePathCall's
 * question, not this one's. Throws when `options` are invalid.
 */
export function tildePathMatch(text: string, start: number, end: number, options: HomePathOptions = {}): HomePathMatch | undefined {
  if (!text.startsWith('~/', start) || start + 2 > end) return undefined;
  const pathEnd = Math.min(pathEndOf(text, 'tilde', start + 1), end);
  if (isAllowedPath(compileHomePathOptions(options), text.slice(start, pathEnd))) return undefined;
  return { form: 'tilde', start, end: start + 1, pathEnd, user: '', text: '~' };
}
