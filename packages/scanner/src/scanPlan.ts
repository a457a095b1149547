// The parts of a scan around reading files: options checked and resolved once, the walk over
// every given path (each file visited once), and the tally that turns per-file scans into a
// ScanResult.
import { resolve } from 'node:path';
import type { HomePathOptions } from '@leakguard/analysis';
import type * as TS from 'typescript';
import type { Baseline } from './baseline.js';
import { checkPathsOptions } from './config.js';
import { ScanInputError } from './errors.js';
import type { FileScan } from './fileScanner.js';
import type { FileFinding, FileNote, ScanProgress, ScanResult, SkippedFile, SkipReason } from './types.js';
import { findScanRoot } from './walk/scanRoot.js';
import type { WalkOptions, WalkVisitor } from './walk/walkPath.js';
import { statGivenPath, walkPath } from './walk/walkPath.js';

/** The size limit when none is given: 2 MiB, as ripgrep users pass with --max-filesize. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Options of `scanPaths`. Every one is optional. */
export interface ScanOptions extends HomePathOptions {
  /**
   * Directory the paths are resolved against. Outside a git checkout, the .gitignore files
   * from it down to a scanned directory below it apply too. Findings are named relative to
   * `ScanResult.root`, not to it. Default `process.cwd()`.
   */
  readonly cwd?: string;
  /** Files larger than this many bytes are skipped and reported as `too-large`. Default `DEFAULT_MAX_FILE_BYTES` (2 MiB). */
  readonly maxFileBytes?: number;
  /** More files and directories not to scan, in .gitignore syntax, relative to `ignoreBase`. Default none. */
  readonly ignore?: readonly string[];
  /** Directory `ignore` patterns are relative to. Default `cwd`. */
  readonly ignoreBase?: string;
  /** Findings whose fingerprint the baseline lists are left out and counted in `baselined`. Default none. */
  readonly baseline?: Baseline;
  /** Called after each file scanned or skipped, with the totals so far. Default none. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * The TypeScript module whose parser reads JS/TS files. Default the `typescript` package,
   * loaded the first time a JS/TS file holds a candidate.
   */
  readonly typescript?: typeof TS;
}

/** Options resolved and checked. */
export interface ScanPlan {
  readonly cwd: string;
  /** The directory names are relative to: `ScanResult.root`. */
  readonly root: string;
  /** The paths given (relative to `cwd` or absolute; `['.']` for none), walked in turn. */
  readonly paths: readonly string[];
  readonly walk: WalkOptions;
  readonly maxFileBytes: number;
  readonly detector: HomePathOptions;
  readonly baseline: ReadonlySet<string>;
  readonly onProgress: ((progress: ScanProgress) => void) | undefined;
  readonly typescript: typeof TS | undefined;
}

/** Checks `options` and every path (all of them before any is scanned: a typo fails at once, not after a long walk). */
export function planScan(paths: readonly string[], options: ScanOptions): ScanPlan {
  const problem = checkPathsOptions(options as Readonly<Record<string, unknown>>);
  if (problem !== undefined) throw new ScanInputError(`invalid scan options: ${problem}`);
  const cwd = resolve(options.cwd ?? process.cwd());
  const given = paths.length === 0 ? ['.'] : paths;
  const targets = given.map((path) => ({ path: resolve(cwd, path), isDirectory: statGivenPath(path, cwd).isDirectory() }));
  const root = findScanRoot(cwd, targets);
  return {
    cwd,
    root,
    paths: given,
    walk: { cwd, root, ignore: options.ignore, ignoreBase: options.ignoreBase === undefined ? cwd : resolve(cwd, options.ignoreBase) },
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    detector: { allowUsers: options.allowUsers, allowPatterns: options.allowPatterns, extraForms: options.extraForms },
    baseline: new Set(options.baseline?.findings.map((entry) => entry.fingerprint)),
    onProgress: options.onProgress,
    typescript: options.typescript,
  };
}

/** Walks every path of the plan in order; with overlapping paths (`. src`) each file and skipped entry is visited once. */
export function walkPaths(plan: ScanPlan, visitor: WalkVisitor): void {
  let target = visitor;
  if (plan.paths.length > 1) {
    const seen = new Set<string>();
    const first = (file: string): boolean => {
      if (seen.has(file)) return false;
      seen.add(file);
      return true;
    };
    target = {
      file(path, file) {
        if (first(file)) visitor.file(path, file);
      },
      skip(file, reason, detail) {
        if (first(file)) visitor.skip(file, reason, detail);
      },
    };
  }
  for (const path of plan.paths) walkPath(path, plan.walk, target);
}

/** Adds up per-file scans, in walk order, into a ScanResult. */
export class ScanTally {
  private readonly findings: FileFinding[] = [];
  private readonly skipped: SkippedFile[] = [];
  private readonly notes: FileNote[] = [];
  private filesScanned = 0;
  private bytesScanned = 0;
  private suppressed = 0;
  private baselined = 0;

  constructor(private readonly plan: ScanPlan) {}

  skip(file: string, reason: SkipReason, detail: string): void {
    this.skipped.push({ file, reason, detail });
  }

  add(file: string, scan: FileScan): void {
    if (scan.status === 'skipped') {
      this.skip(file, scan.reason, scan.detail);
      return;
    }
    this.filesScanned++;
    this.bytesScanned += scan.bytes;
    this.suppressed += scan.suppressed;
    for (const note of scan.notes) this.notes.push(note);
    for (const finding of scan.findings) {
      if (this.plan.baseline.has(finding.fingerprint)) this.baselined++;
      else this.findings.push(finding);
    }
  }

  progress(): ScanProgress {
    return { filesScanned: this.filesScanned, bytesScanned: this.bytesScanned, findings: this.findings.length };
  }

  result(): ScanResult {
    const { findings, skipped, notes, filesScanned, bytesScanned, suppressed, baselined } = this;
    return { root: this.plan.root, findings, skipped, notes, filesScanned, bytesScanned, suppressed, baselined };
  }
}
