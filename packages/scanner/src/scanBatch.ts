// What the threads of scanPathsParallel share: the walked files, sent to workers as one string
// per chunk (a single copy instead of a clone per path); batches claimed from a shared counter,
// so whichever thread is free takes the next files; and each batch's answer in compact form.
// Nearly every file of a tree has nothing to report, so those travel as totals, and only the
// rest (skips, findings, suppressions, notes) travel per file, by index.
import type { FileScan, FileScanner } from './fileScanner.js';
import type { ScanProgress, SkippedFile } from './types.js';
import type { ScanTally } from './scanPlan.js';

/** A walked file: `[absolute path, report name]`; its index in the walk is its place in the report. */
export type FileEntry = readonly [path: string, file: string];

/** One thread's answer for the files `start` to `end` (exclusive). */
export interface BatchAnswer {
  readonly start: number;
  readonly end: number;
  /** Files scanned with nothing to report (no finding, suppression or note), and their bytes. */
  readonly plainFiles: number;
  readonly plainBytes: number;
  /** Every other file's scan, by walk index, in index order: skipped, or with something to report. */
  readonly notable: readonly (readonly [index: number, scan: FileScan])[];
}

// NUL ends no path on any system, so it can separate them.
const SEPARATOR = '\0';

/** `files[from…to)` as one string, for `decodeFiles`. */
export function encodeFiles(files: readonly FileEntry[], from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const [path, file] = files[i] as FileEntry;
    parts.push(path, file);
  }
  return parts.join(SEPARATOR);
}

/** Appends the files `encodeFiles` gave to `into`. */
export function decodeFiles(text: string, into: FileEntry[]): void {
  if (text === '') return;
  const parts = text.split(SEPARATOR);
  for (let i = 0; i + 1 < parts.length; i += 2) into.push([parts[i] as string, parts[i + 1] as string]);
}

/**
 * Claims the next `size` files (fewer at `limit`, the files this thread knows of) from the
 * counter the threads share; undefined when none is left below `limit`.
 */
export function claimBatch(counter: Int32Array, limit: number, size: number): { start: number; end: number } | undefined {
  let start = Atomics.load(counter, 0);
  while (start < limit) {
    const end = Math.min(start + size, limit);
    const seen = Atomics.compareExchange(counter, 0, start, end);
    if (seen === start) return { start, end };
    start = seen;
  }
  return undefined;
}

/** Scans `files[start…end)` with `scanner`. */
export function scanBatch(scanner: FileScanner, files: readonly FileEntry[], start: number, end: number): BatchAnswer {
  let plainFiles = 0;
  let plainBytes = 0;
  const notable: [number, FileScan][] = [];
  for (let i = start; i < end; i++) {
    const [path, file] = files[i] as FileEntry;
    const scan = scanner.scan(path, file);
    if (scan.status === 'scanned' && scan.findings.length === 0 && scan.suppressed === 0 && scan.notes.length === 0) {
      plainFiles++;
      plainBytes += scan.bytes;
    } else {
      notable.push([i, scan]);
    }
  }
  return { start, end, plainFiles, plainBytes, notable };
}

/** What a batch adds to the progress counts (findings before the baseline). */
export function batchProgress(answer: BatchAnswer): ScanProgress {
  let filesScanned = answer.plainFiles;
  let bytesScanned = answer.plainBytes;
  let findings = 0;
  for (const [, scan] of answer.notable) {
    if (scan.status !== 'scanned') continue;
    filesScanned++;
    bytesScanned += scan.bytes;
    findings += scan.findings.length;
  }
  return { filesScanned, bytesScanned, findings };
}

/** An entry the walk passed over, placed among the files: `before` files were walked ahead of it. */
export interface WalkSkip {
  readonly before: number;
  readonly skipped: SkippedFile;
}

/** Collects batch answers, in any order, for `fileCount` walked files. */
export class BatchResults {
  private readonly answered: Uint8Array;
  private readonly notable = new Map<number, FileScan>();
  private plainFiles = 0;
  private plainBytes = 0;

  constructor(readonly fileCount: number) {
    this.answered = new Uint8Array(fileCount);
  }

  add(answer: BatchAnswer): void {
    if (this.answered[answer.start] === 1) return;
    this.answered.fill(1, answer.start, answer.end);
    this.plainFiles += answer.plainFiles;
    this.plainBytes += answer.plainBytes;
    for (const [index, scan] of answer.notable) this.notable.set(index, scan);
  }

  /** The runs of files no answer covers yet (those of a worker that was lost). */
  missing(): { start: number; end: number }[] {
    const runs: { start: number; end: number }[] = [];
    for (let i = 0; i < this.fileCount; i++) {
      if (this.answered[i] === 1) continue;
      const start = i;
      while (i < this.fileCount && this.answered[i] === 0) i++;
      runs.push({ start, end: i });
    }
    return runs;
  }

  /** Adds every scan and walk skip to `tally` in walk order, as scanPaths would have; `files` names the walked files. */
  tallyInto(tally: ScanTally, files: readonly FileEntry[], skips: readonly WalkSkip[]): void {
    tally.addPlain(this.plainFiles, this.plainBytes);
    const indices = [...this.notable.keys()].sort((a, b) => a - b);
    let s = 0;
    for (const index of indices) {
      for (; s < skips.length && (skips[s] as WalkSkip).before <= index; s++) tallySkip(tally, (skips[s] as WalkSkip).skipped);
      tally.add((files[index] as FileEntry)[1], this.notable.get(index) as FileScan);
    }
    for (; s < skips.length; s++) tallySkip(tally, (skips[s] as WalkSkip).skipped);
  }
}

function tallySkip(tally: ScanTally, skipped: SkippedFile): void {
  tally.skip(skipped.file, skipped.reason, skipped.detail);
}
