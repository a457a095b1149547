// Scans one file: read it once into a reused buffer, rule out binary files, ask the detector's
// cheap byte-level prefilter, and only for candidates decode, run the text scan and (for JS/TS)
// parse. Most files of a tree stop at the prefilter, which is what makes a scan fast.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import type { HomePathMatch, HomePathOptions } from '@leakguard/analysis';
import { findHomePaths, mayContainHomePath, scanSource, toFindings } from '@leakguard/analysis';
import type * as TS from 'typescript';
import { formatBytes } from './formatBytes.js';
import { LinePlacer } from './linePlacer.js';
import type { FileFinding, FileNote, SkipReason } from './types.js';
import { describeError, errorCode } from './errors.js';

/** What scanning one file gave. */
export type FileScan =
  | { readonly status: 'skipped'; readonly reason: SkipReason; readonly detail: string }
  | {
      readonly status: 'scanned';
      readonly bytes: number;
      /** Findings not suppressed by a comment, in position order. */
      readonly findings: readonly FileFinding[];
      readonly suppressed: number;
      readonly notes: readonly FileNote[];
    };

/** What a FileScanner needs: the size limit, the detector's options, and how to get TypeScript. */
export interface FileScannerOptions {
  readonly maxFileBytes: number;
  readonly detector: HomePathOptions;
  /** Called the first time a JS/TS file needs parsing. */
  readonly typescript: () => typeof TS;
}

/** Bytes looked at for a NUL, as git and ripgrep do to call a file binary. */
const BINARY_SNIFF_BYTES = 8192;
const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/iu;
const TILDE_SLASH = Buffer.from('~/');
// A FIFO named on the command line must not block the scan; regular files ignore the flag.
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Reads and scans files one at a time, reusing one buffer. Not for concurrent use. */
export class FileScanner {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private ts: typeof TS | undefined;

  constructor(private readonly options: FileScannerOptions) {}

  /** Scans the file at `path`; `file` is its name in reports. */
  scan(path: string, file: string): FileScan {
    const read = this.read(path);
    if ('reason' in read) return { status: 'skipped', ...read };
    const bytes = read.bytes;
    const isCode = CODE_FILE.test(file);
    const notes: FileNote[] = [];
    let text: string;
    const utf16 = utf16Encoding(bytes);
    if (utf16 !== undefined) {
      text = decodeUtf16(bytes, utf16);
      if (!this.isCandidate(text, isCode)) return scanned(bytes.length, [], 0, notes);
    } else {
      if (bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1) return { status: 'skipped', reason: 'binary', detail: 'a NUL byte in the first 8 KiB' };
      if (!this.isCandidate(bytes, isCode)) return scanned(bytes.length, [], 0, notes);
      if (!isUtf8(bytes)) notes.push({ file, kind: 'invalid-utf8', detail: 'not valid UTF-8; scanned with each invalid sequence replaced by U+FFFD' });
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      text = bytes.toString('utf8', bom);
    }
    const matches = this.detect(text, file, isCode, notes);
    if (matches.length === 0) return scanned(bytes.length, [], 0, notes);
    return this.place(text, file, matches, bytes.length, notes);
  }

  private read(path: string): { bytes: Buffer } | { reason: SkipReason; detail: string } {
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch (error) {
      return { reason: 'unreadable', detail: describeError(error) };
    }
    try {
      // Most files fit the buffer: one read that comes back short is the whole file, with no
      // fstat. Only a file that fills it is measured (against the limit) and read on.
      let length = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      if (length === this.buffer.length) {
        const stats = fstatSync(fd);
        if (!stats.isFile()) return { reason: 'unreadable', detail: 'not a regular file' };
        if (stats.size > this.options.maxFileBytes) return tooLarge(stats.size, this.options.maxFileBytes);
        if (this.buffer.length < stats.size + 1) {
          const grown = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(stats.size + 1)));
          this.buffer.copy(grown, 0, 0, length);
          this.buffer = grown;
        }
        // The buffer is now larger than the file, so a read of 0 bytes confirms its end.
        while (length < this.buffer.length) {
          const n = readSync(fd, this.buffer, length, this.buffer.length - length, length);
          if (n === 0) break;
          length += n;
        }
      }
      if (length > this.options.maxFileBytes) return tooLarge(length, this.options.maxFileBytes);
      return { bytes: this.buffer.subarray(0, length) };
    } catch (error) {
      return { reason: 'unreadable', detail: errorCode(error) === 'EISDIR' ? 'not a regular file' : describeError(error) };
    } finally {
      closeSync(fd);
    }
  }

  /** The prefilter; JS/TS files also need a second look for `~/`, a form only the code scan finds. */
  private isCandidate(content: Buffer | string, isCode: boolean): boolean {
    if (mayContainHomePath(content, this.options.detector)) return true;
    return isCode && (typeof content === 'string' ? content.includes('~/') : content.indexOf(TILDE_SLASH) !== -1);
  }

  private detect(text: string, file: string, isCode: boolean, notes: FileNote[]): HomePathMatch[] {
    if (!isCode) return findHomePaths(text, this.options.detector);
    if (this.ts === undefined) {
      // scanSource parses only when its text scan (or a `~/`) finds something, but it needs the
      // module up front: until a file needs it, check first, so a tree without one never loads it.
      if (!text.includes('~/') && findHomePaths(text, this.options.detector).length === 0) return [];
      this.ts = this.options.typescript();
    }
    try {
      const scan = scanSource(this.ts, file, text, this.options.detector);
      if (scan.parseError !== undefined) notes.push({ file, kind: 'parse-error', detail: `${scan.parseError}; scanned as plain text` });
      return scan.matches;
    } catch (error) {
      notes.push({ file, kind: 'parse-error', detail: `the JS/TS scan failed (${describeError(error)}); scanned as plain text` });
      return findHomePaths(text, this.options.detector);
    }
  }

  private place(text: string, file: string, matches: readonly HomePathMatch[], bytes: number, notes: FileNote[]): FileScan {
    const placer = new LinePlacer(text, file);
    const findings: FileFinding[] = [];
    for (const placed of toFindings(text, matches)) {
      const lineStart = placed.start - (placed.column - 1);
      const line = placer.place(placed.ruleId, placed.line, lineStart, lineEndAt(text, placed.start), placed.start);
      if (line !== undefined) findings.push({ ...placed, file, ...line });
    }
    return scanned(bytes, findings, placer.suppressed, notes);
  }
}

function tooLarge(size: number, limit: number): { reason: SkipReason; detail: string } {
  return { reason: 'too-large', detail: `${formatBytes(size)}, over the ${formatBytes(limit)} limit` };
}

function scanned(bytes: number, findings: readonly FileFinding[], suppressed: number, notes: readonly FileNote[]): FileScan {
  return { status: 'scanned', bytes, findings, suppressed, notes };
}

/** Where the line holding `offset` ends: at its first CR or LF, or the end of the text. */
function lineEndAt(text: string, offset: number): number {
  let lineEnd = offset;
  while (lineEnd < text.length) {
    const c = text.charCodeAt(lineEnd);
    if (c === 10 || c === 13) break;
    lineEnd++;
  }
  return lineEnd;
}

function utf16Encoding(bytes: Buffer): 'le' | 'be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

function decodeUtf16(bytes: Buffer, endian: 'le' | 'be'): string {
  return new TextDecoder(endian === 'le' ? 'utf-16le' : 'utf-16be').decode(bytes);
}
