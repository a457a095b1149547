// What a scan produces: the shapes every report writer, the baseline and expectNoHomePaths read.
import type { HomePathFinding } from '@leakguard/analysis';

/** One finding placed in its file, ready for a report. */
export interface FileFinding extends HomePathFinding {
  /** The file, relative to `ScanResult.root`, with forward slashes (`src/config.ts`). */
  readonly file: string;
  /**
   * The source line the finding starts on, without its line end. A line over 400 characters
   * (a minified bundle, a source map) is cut to 400 around the match; `lineTextColumn` says where.
   */
  readonly lineText: string;
  /** The 1-based column of `lineText`'s first character in the line: 1 unless the line was cut. */
  readonly lineTextColumn: number;
  /**
   * Identifies the finding across runs without depending on its line number: a SHA-256 of the
   * rule id, the file, the line's text with whitespace collapsed, and how many earlier findings
   * in the file share that line text. Baselines and SARIF `partialFingerprints` use it.
   */
  readonly fingerprint: string;
}

/** Why a file was not scanned. */
export type SkipReason =
  /** A NUL byte in the first 8 KiB (and no UTF-16 byte order mark). */
  | 'binary'
  /** Larger than `maxFileBytes`. */
  | 'too-large'
  /** Opening or reading it failed (permissions, a broken symbolic link, not a regular file). */
  | 'unreadable'
  /** A symbolic link whose target lies outside the directory being walked (a path given to the scan); never followed. */
  | 'symlink-outside-root'
  /** A symbolic link that cannot be resolved (ELOOP) or points to a directory that contains it. */
  | 'symlink-loop';

/** A file or directory the scan passed over, and why. */
export interface SkippedFile {
  /** Relative to `ScanResult.root`, forward slashes; a directory ends with `/` (the root itself is `./`). */
  readonly file: string;
  readonly reason: SkipReason;
  /** One sentence with the specifics (the size and the limit, the error, the link target). */
  readonly detail: string;
}

/** Something worth knowing about a file that was scanned anyway. */
export interface FileNote {
  readonly file: string;
  readonly kind:
    /** JS/TS that did not parse: its findings come from the plain-text scan. */
    | 'parse-error'
    /** Not valid UTF-8: scanned after replacing each invalid sequence with U+FFFD. */
    | 'invalid-utf8';
  readonly detail: string;
}

/** Everything one scan found and passed over. */
export interface ScanResult {
  /**
   * Absolute directory every `file` name is relative to, so that names, SARIF URIs and
   * fingerprints do not depend on where the scan runs from: the git worktree root when every
   * path scanned lies in the same worktree; else the directory scanned when a single one is
   * given; else the scan's `cwd` when it holds every path given; else the deepest directory
   * holding them all. Every path scanned lies within it, so no name starts with `../`. Reports
   * never print it.
   */
  readonly root: string;
  /** Findings left after suppressions and the baseline, in walk order (files sorted, then by position). */
  readonly findings: readonly FileFinding[];
  readonly skipped: readonly SkippedFile[];
  readonly notes: readonly FileNote[];
  /** Files read and checked (skipped files not counted). */
  readonly filesScanned: number;
  /** Bytes of the files read. */
  readonly bytesScanned: number;
  /** Findings dropped by a `leakguard-ignore-*` comment. */
  readonly suppressed: number;
  /** Findings dropped because the baseline lists them. */
  readonly baselined: number;
}

/** Passed to `ScanOptions.onProgress` after each file. */
export interface ScanProgress {
  readonly filesScanned: number;
  readonly bytesScanned: number;
  readonly findings: number;
}
