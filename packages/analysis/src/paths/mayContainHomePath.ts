// The prefilter a scanner runs on raw bytes before it decodes or parses a file.
import type { HomePathOptions } from './types.js';
import { LEGACY_URL_SPELLINGS, USERS_SPELLINGS } from './homePathPattern.js';
import { compileHomePathOptions } from './options.js';

// Every built-in form contains one of these: /home/ or its escaped \/home\/ (posix, file URLs),
// Users/ or Users\ in each accepted spelling (macOS, Windows, WSL, file URLs; escaped forms
// start with the same characters), and Documents and Settings (with %20 in file URLs).
const NEEDLES: readonly string[] = [
  'home/',
  'home\\/',
  ...USERS_SPELLINGS.flatMap((users) => [`${users}/`, `${users}\\`]),
  ...LEGACY_URL_SPELLINGS,
];
// Bytes are searched with fewer, shorter needles (each is a full pass over the file, and a
// scan runs this on every file of a tree): `home` and each Users spelling followed by `/` or
// `\`, and `ocuments` in either case, confirmed by the legacy needles only where it occurs.
const HOME = Buffer.from('home', 'latin1');
const USERS_BYTES = USERS_SPELLINGS.map((users) => Buffer.from(users, 'latin1'));
const LEGACY_HINTS = [Buffer.from('ocuments', 'latin1'), Buffer.from('OCUMENTS', 'latin1')];
const LEGACY_BYTES = LEGACY_URL_SPELLINGS.map((legacy) => Buffer.from(legacy, 'latin1'));
const SLASH = 0x2f;
const BACKSLASH = 0x5c;

/**
 * A cheap first look at raw bytes or text: false only when `findHomePaths` (default forms)
 * cannot find anything, so a scanner may skip decoding and parsing the file. Bytes are searched
 * with Buffer's native indexOf for a few ASCII needles (`home/`, `Users/`, `Users\`,
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
  return (
    followedBySeparator(bytes, HOME) ||
    USERS_BYTES.some((users) => followedBySeparator(bytes, users)) ||
    (LEGACY_HINTS.some((hint) => bytes.indexOf(hint) !== -1) && LEGACY_BYTES.some((needle) => bytes.indexOf(needle) !== -1))
  );
}

/** Whether `word` occurs in `bytes` right before a `/` or `\` (`home/`, `home\/`, `Users\`). */
function followedBySeparator(bytes: Buffer, word: Buffer): boolean {
  for (let i = bytes.indexOf(word); i !== -1; i = bytes.indexOf(word, i + word.length)) {
    const next = bytes[i + word.length];
    if (next === SLASH || next === BACKSLASH) return true;
  }
  return false;
}

/** The string version of the prefilter, for findHomePaths itself. */
export function mayContainBuiltInForm(text: string): boolean {
  return NEEDLES.some((needle) => text.includes(needle));
}

function decodeUtf16(bytes: Buffer): string {
  if (bytes[0] === 0xff) return bytes.toString('utf16le', 2);
  // Big-endian: swap into a copy, as Node decodes only little-endian UTF-16.
  const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  return swapped.swap16().toString('utf16le');
}
