// The prefilter a scanner runs on raw bytes before it decodes or parses a file.
import type { HomePathOptions } from './types.js';
import { LEGACY_SPELLINGS, LEGACY_URL_SPELLINGS, USERS_SPELLINGS } from './homePathPattern.js';
import { compileHomePathOptions } from './options.js';

// Every built-in form contains one of these (see BUILT_IN_FORMS): `/home` followed by `/` or `\`
// (POSIX paths, their JSON-escaped `\/home\/`, file URLs), a Users spelling followed by `/` or
// `\` (macOS, Windows, WSL, file URLs), or a spelling of Documents and Settings (with `%20` in
// file URLs).
const USERS_OR_HOME = `(?:\\/home|${USERS_SPELLINGS.join('|')})[\\\\/]`;
const EXACT = new RegExp(`${USERS_OR_HOME}|${LEGACY_URL_SPELLINGS.map(escapeRegExp).join('|')}`);
// The same search, made fast: V8 runs an alternation of short literals that start with distinct
// characters much faster than one with the long legacy spellings, so those are looked for by the
// tail of their last word (`ettings`, `ETTINGS`), and a hit is confirmed with EXACT. On the
// bench's tree of npm sources, one pass of this over each file (bytes read as latin1, one
// character per byte) takes about 45% less time than the six Buffer.indexOf passes it replaced.
const LEGACY_TAIL_LENGTH = 'ettings'.length;
const LEGACY_TAILS = [...new Set(LEGACY_SPELLINGS.map((legacy) => legacy.slice(-LEGACY_TAIL_LENGTH)))];
const FAST = new RegExp(`${USERS_OR_HOME}|${LEGACY_TAILS.map(escapeRegExp).join('|')}`);

/**
 * A cheap first look at raw bytes or text: false only when `findHomePaths` (default forms)
 * cannot find anything, so a scanner may skip decoding and parsing the file. Bytes are read one
 * character per byte (latin1) and searched for a few ASCII needles (`/home/`, `Users\`,
 * `Documents and Settings` ...), which covers UTF-8 and every ASCII-compatible encoding; UTF-16
 * bytes (with a byte-order mark, as regedit exports are) are decoded first. Always true when
 * `options.extraForms` is non-empty. Throws when `options` are invalid.
 */
export function mayContainHomePath(content: string | Uint8Array, options: HomePathOptions = {}): boolean {
  if (compileHomePathOptions(options).extraForms.length > 0) return true;
  if (typeof content === 'string') return mayContainBuiltInForm(content);
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return mayContainBuiltInForm(decodeUtf16(bytes));
  }
  return mayContainBuiltInForm(bytes.toString('latin1'));
}

/** The string version of the prefilter, for findHomePaths itself. */
export function mayContainBuiltInForm(text: string): boolean {
  return FAST.test(text) && EXACT.test(text);
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function decodeUtf16(bytes: Buffer): string {
  if (bytes[0] === 0xff) return bytes.toString('utf16le', 2);
  // Big-endian: swap into a copy, as Node decodes only little-endian UTF-16.
  const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  return swapped.swap16().toString('utf16le');
}
