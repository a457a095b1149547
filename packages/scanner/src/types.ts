// What a scan produces: the shapes every report writer, the baseline and expectNoHomePaths read.
import type { HomePathFinding, LeakPath } from '@leakguard/analysis';

/**
 * What every report writer, the baseline and the suppressions read of a finding, whichever rule
 * found it: the path audit's `FileFinding` and the disposal audit's `DisposalFileFinding`.
 */
export interface ReportFinding {
  /** `no-home-path` or `no-leaked-resource`. */
  readonly ruleId: string;
  /** The file, relative to the result's `root`, with forward slashes. */
  readonly file: string;
  /** 1-based; columns count UTF-16 code units. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** One sentence naming what was found and what to do. */
  readonly message: string;
  /** The source line the finding starts on (see `FileFinding.lineText`). */
  readonly lineText: string;
  /** The 1-based column of `lineText`'s first character in the line. */
  readonly lineTextColumn: number;
  /** Line-independent identity across runs (see `FileFinding.fingerprint`); it includes the rule id. */
  readonly fingerprint: string;
}

/** One finding placed in its file, ready for a report. */
export interface FileFinding extends HomePathFinding, ReportFinding {
  readonly ruleId: HomePathFinding['ruleId'];
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

/** A resource leak found by the disposal audit (rule `no-leaked-resource`), placed in its file. */
export interface DisposalFileFinding extends ReportFinding {
  readonly ruleId: 'no-leaked-resource';
  /** What is leaked, as the code names it: `client`, `this.timer`, or the call when its value is dropped. */
  readonly resource: string;
  /** The acquisition as written, shortened: `pool.connect()`, `new Client()`. */
  readonly acquiredBy: string;
  /** The way out on which it is not released: `throw`, `return`, `end`, `dropped` or `field`. */
  readonly leakPath: LeakPath;
  /** 1-based line and column where that path leaves (the throwing statement, the return, the function's end, the close method). */
  readonly exitLine: number;
  readonly exitColumn: number;
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
    | 'invalid-utf8'
    /** The disposal audit found nothing to analyse (no source file of the project under the paths given). */
    | 'no-source-files';
  readonly detail: string;
}

/** What the report writers (text, JSON, SARIF, GitHub) read: either audit's result. */
export type AuditResult = ScanResult | DisposalScanResult;

/**
 * What every report writer reads of a result, whichever audit produced it: the path audit's
 * `ScanResult` and the disposal audit's `DisposalScanResult`.
 */
export interface ReportResult {
  /**
   * Absolute directory every `file` name is relative to, so that names, SARIF URIs and
   * fingerprints do not depend on where the scan runs from: the git worktree root when every
   * path scanned lies in the same worktree; else the directory scanned when a single one is
   * given; else the scan's `cwd` when it holds every path given; else the deepest directory
   * holding them all. Every path scanned lies within it, so no name starts with `../`. Reports
   * never print it.
   */
  readonly root: string;
  /** Findings left after suppressions and the baseline, files sorted, then by position. */
  readonly findings: readonly ReportFinding[];
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

/** Everything one scan found and passed over. */
export interface ScanResult extends ReportResult {
  /** Which audit produced it; absent means the path audit (results made before there were two). */
  readonly audit?: 'paths';
  /** Findings left after suppressions and the baseline, in walk order (files sorted, then by position). */
  readonly findings: readonly FileFinding[];
}

/** Passed to `ScanOptions.onProgress` after each file. */
export interface ScanProgress {
  readonly filesScanned: number;
  readonly bytesScanned: number;
  readonly findings: number;
}

/** Everything the disposal audit found: a `ReportResult` with disposal findings and the project. */
export interface DisposalScanResult extends ReportResult {
  readonly audit: 'disposal';
  /** The tsconfig.json analysed, relative to the audit's `cwd` (forward slashes; `../` when it lies above). */
  readonly project: string;
  readonly findings: readonly DisposalFileFinding[];
  /** Always empty: the project's own file list decides what is analysed. Present so every report reads the same shape. */
  readonly skipped: readonly SkippedFile[];
  /** Files that do not parse (not analysed), or a note that no source file lies under the paths given. */
  readonly notes: readonly FileNote[];
  /** Source files analysed: the project's files (not .d.ts, not node_modules) under the paths given that the path audit would scan. */
  readonly filesScanned: number;
  /** Their size in bytes (UTF-8). */
  readonly bytesScanned: number;
  /** Source files of the whole project, all summarised for cross-file sources and sinks. */
  readonly projectFiles: number;
}
