// What the synchronous and the parallel scan share: options checked and resolved once, the walk
// over every given path (each file visited once), and the tally that turns per-file scans into
// a ScanResult, so both produce the same result in the same order.
import { resolve } from 'node:path';
import type { HomePathOptions } from '@leakguard/analysis';
import type * as TS from 'typescript';
import type { Baseline } from './baseline.js';
import { checkPathsOptions } from './config.js';
import { ScanInputError } from './errors.js';
import type { FileScan } from './fileScanner.js';
import type { FileFinding, FileNote, ScanProgress, ScanResult, SkippedFile, SkipReason } from './types.js';
import type { Walk, WalkOptions, WalkVisitor } from './walk/walkPath.js';
import { startWalk, statGivenPath } from './walk/walkPath.js';

/** The size limit when none is given: 2 MiB, as ripgrep users pass with --max-filesize. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Options of `scanPaths` and `scanPathsParallel`. Every one is optional. */
export interface ScanOptions extends HomePathOptions {
  /** Directory the paths are resolved against and findings are named relative to. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Files larger than this many bytes are skipped and reported as `too-large`. Default `DEFAULT_MAX_FILE_BYTES` (2 MiB). */
  readonly maxFileBytes?: number;
  /** More files and directories not to scan, in .gitignore syntax, relative to `ignoreBase`. Default none. */
  readonly ignore?: readonly string[];
  /** Directory `ignore` patterns are relative to. Default `cwd`. */
  readonly ignoreBase?: string;
  /** Findings whose fingerprint the baseline lists are left out and counted in `baselined`. Default none. */
  readonly baseline?: Baseline;
  /** Called as files are scanned: after each file (`scanPaths`) or each batch (`scanPathsParallel`). Default none. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * The TypeScript module whose parser reads JS/TS files. Default the `typescript` package,
   * loaded the first time a JS/TS file holds a candidate. `scanPathsParallel` scans in the
   * calling thread when one is given, since a module cannot be handed to a worker.
   */
  readonly typescript?: typeof TS;
}

/** Options resolved and checked. */
export interface ScanPlan {
  readonly cwd: string;
  readonly roots: readonly string[];
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
  const roots = paths.length === 0 ? ['.'] : paths;
  for (const path of roots) statGivenPath(path, cwd);
  return {
    cwd,
    roots,
    walk: { cwd, ignore: options.ignore, ignoreBase: options.ignoreBase === undefined ? cwd : resolve(cwd, options.ignoreBase) },
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    detector: { allowUsers: options.allowUsers, allowPatterns: options.allowPatterns, extraForms: options.extraForms },
    baseline: new Set(options.baseline?.findings.map((entry) => entry.fingerprint)),
    onProgress: options.onProgress,
    typescript: options.typescript,
  };
}

/** Walks every root of the plan in order; with overlapping roots (`. src`) each file and skipped entry is visited once. */
export function walkRoots(plan: ScanPlan, visitor: WalkVisitor): void {
  startRootWalks(plan, visitor).step(Infinity);
}

/** `walkRoots`, resumable: `step(budget)` visits up to `budget` entries and says whether all roots are done. */
export function startRootWalks(plan: ScanPlan, visitor: WalkVisitor): Walk {
  let target = visitor;
  if (plan.roots.length > 1) {
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
  let index = 0;
  let current: Walk | undefined;
  return {
    step(budget) {
      for (;;) {
        current ??= plan.roots[index] === undefined ? undefined : startWalk(plan.roots[index] as string, plan.walk, target);
        if (current === undefined) return true;
        if (!current.step(budget)) return false;
        current = undefined;
        index++;
      }
    },
  };
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

  /** Adds `files` scanned files (`bytes` in all) with nothing to report: no finding, suppression or note. */
  addPlain(files: number, bytes: number): void {
    this.filesScanned += files;
    this.bytesScanned += bytes;
  }

  progress(): ScanProgress {
    return { filesScanned: this.filesScanned, bytesScanned: this.bytesScanned, findings: this.findings.length };
  }

  result(): ScanResult {
    const { findings, skipped, notes, filesScanned, bytesScanned, suppressed, baselined } = this;
    return { root: this.plan.cwd, findings, skipped, notes, filesScanned, bytesScanned, suppressed, baselined };
  }
}
