// The same scan as scanPaths, on several threads: the calling thread and `threads - 1` workers.
// The walk stays in the calling thread (its order is the report's order); a worker is started
// as soon as the tree is known to be large, and is sent the walked files in chunks while the
// walk goes on, so it starts up and scans while the calling thread walks. Once the walk is
// over, the calling thread scans too: every thread claims batches from one shared counter, so
// the work spreads without any thread handing it out. Answers are compact (see scanBatch),
// and the calling thread puts them back in walk order.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ScanInputError } from './errors.js';
import { FileScanner } from './fileScanner.js';
import type { BatchAnswer, FileEntry, WalkSkip } from './scanBatch.js';
import { BatchResults, batchProgress, claimBatch, encodeFiles, scanBatch } from './scanBatch.js';
import { scanPaths } from './scanPaths.js';
import type { ScanOptions, ScanPlan } from './scanPlan.js';
import { planScan, ScanTally, walkRoots } from './scanPlan.js';
import type { ScanWorkerData, WorkerFiles, WorkerMessage } from './scanWorker.js';
import type { ScanProgress, ScanResult } from './types.js';
import { loadTypeScript } from './typescript.js';

/** Options of `scanPathsParallel`. */
export interface ParallelScanOptions extends ScanOptions {
  /** Threads to scan with, the calling thread included. Default the machine's available parallelism, at most 8; 1 scans in the calling thread only. */
  readonly threads?: number;
}

/** Below this many files a tree is scanned in the calling thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_FILES = 1000;
const MAX_DEFAULT_THREADS = 8;
/** Walked files sent to the workers at a time. */
const SEND_FILES = 512;
/** Files claimed at a time: enough to make a worker's answers few, few enough that the threads finish together. */
const BATCH_FILES = 128;

/**
 * `scanPaths` on several threads, for large trees: the same result, in the same order. Scans
 * in the calling thread only for small trees (under `PARALLEL_MIN_FILES` files), for
 * `threads: 1`, and when `options.typescript` is given; the files of a worker that cannot
 * start or dies are scanned by the calling thread.
 */
export async function scanPathsParallel(paths: readonly string[] = ['.'], options: ParallelScanOptions = {}): Promise<ScanResult> {
  const threads = options.threads ?? Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
  if (!Number.isSafeInteger(threads) || threads < 1) throw new ScanInputError(`invalid scan options: "threads" must be a positive whole number, got ${String(threads)}`);
  if (threads === 1 || options.typescript !== undefined) return scanPaths(paths, options);
  const plan = planScan(paths, options);
  const files: FileEntry[] = [];
  const skips: WalkSkip[] = [];
  let pool: ScanWorkerPool | undefined;
  try {
    walkRoots(plan, {
      file(path, file) {
        files.push([path, file]);
        if (files.length === PARALLEL_MIN_FILES) pool = new ScanWorkerPool(threads - 1, plan, files);
        else if (pool !== undefined && files.length % SEND_FILES === 0) pool.send(false);
      },
      skip: (file, reason, detail) => skips.push({ before: files.length, skipped: { file, reason, detail } }),
    });
    const scanner = new FileScanner({ maxFileBytes: plan.maxFileBytes, detector: plan.detector, typescript: loadTypeScript });
    const results = new BatchResults(files.length);
    if (pool === undefined) {
      const counter = new Int32Array(1);
      scanHere(scanner, files, results, () => claimBatch(counter, files.length, BATCH_FILES), plan.onProgress);
    } else {
      await pool.scan(scanner, results);
    }
    const tally = new ScanTally(plan);
    results.tallyInto(tally, files, skips);
    return tally.result();
  } finally {
    pool?.close();
  }
}

/** Scans the batches `next` gives in the calling thread, reporting progress after each (counted on top of `others`). */
function scanHere(
  scanner: FileScanner,
  files: readonly FileEntry[],
  results: BatchResults,
  next: () => { start: number; end: number } | undefined,
  onProgress: ((progress: ScanProgress) => void) | undefined,
  others: () => ScanProgress = () => NO_PROGRESS,
  own: Counts = { filesScanned: 0, bytesScanned: 0, findings: 0 },
): void {
  for (let batch = next(); batch !== undefined; batch = next()) {
    const answer = scanBatch(scanner, files, batch.start, batch.end);
    results.add(answer);
    addCounts(own, batchProgress(answer));
    if (onProgress !== undefined) onProgress(sumCounts(own, others()));
  }
}

type Counts = { filesScanned: number; bytesScanned: number; findings: number };
const NO_PROGRESS: ScanProgress = { filesScanned: 0, bytesScanned: 0, findings: 0 };

function addCounts(into: Counts, more: ScanProgress): void {
  into.filesScanned += more.filesScanned;
  into.bytesScanned += more.bytesScanned;
  into.findings += more.findings;
}

function sumCounts(a: ScanProgress, b: ScanProgress): ScanProgress {
  return { filesScanned: a.filesScanned + b.filesScanned, bytesScanned: a.bytesScanned + b.bytesScanned, findings: a.findings + b.findings };
}

/** A worker and what the calling thread knows of it. */
interface PoolWorker {
  readonly worker: Worker;
  /** Its slot in the shared progress array. */
  readonly slot: number;
  /** The totals of the answers it sent. */
  readonly answered: Counts;
  /** Done, stopped by an error, or gone. */
  settled: boolean;
}

/**
 * Workers scanning `files` (an array the walk keeps appending to) alongside the calling thread.
 * A worker that cannot start or dies leaves its files to the calling thread.
 */
class ScanWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly progress: Float64Array;
  private sent = 0;
  private results: BatchResults | undefined;
  /** Answers that came before the walk was over (none, unless the calling thread yields while walking). */
  private readonly early: BatchAnswer[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    count: number,
    private readonly plan: ScanPlan,
    private readonly files: readonly FileEntry[],
  ) {
    const progress = new SharedArrayBuffer(count * 3 * Float64Array.BYTES_PER_ELEMENT);
    this.progress = new Float64Array(progress);
    const entry = workerEntry();
    for (let slot = 0; entry !== undefined && slot < count; slot++) {
      const data: ScanWorkerData = { maxFileBytes: plan.maxFileBytes, detector: plan.detector, claims: this.claims.buffer as SharedArrayBuffer, batchFiles: BATCH_FILES, progress, slot };
      let worker: Worker;
      try {
        worker = new Worker(entry.url, { workerData: data, execArgv: entry.execArgv });
      } catch {
        // A runtime that refuses workers (or their flags): the calling thread scans instead.
        break;
      }
      const member: PoolWorker = { worker, slot, answered: { filesScanned: 0, bytesScanned: 0, findings: 0 }, settled: false };
      this.workers.push(member);
      worker.on('message', (message: WorkerMessage) => this.message(member, message));
      worker.on('error', () => this.settle(member));
      worker.on('exit', () => this.settle(member));
    }
    this.send(false);
  }

  /** Sends the files walked since the last call to every worker; `last` when the walk is over. */
  send(last: boolean): void {
    const chunk: WorkerFiles = { files: encodeFiles(this.files, this.sent, this.files.length), last };
    this.sent = this.files.length;
    for (const { worker, settled } of this.workers) if (!settled) worker.postMessage(chunk);
  }

  /** The walk is over: scans alongside the workers until every file has an answer in `results`. */
  async scan(scanner: FileScanner, results: BatchResults): Promise<void> {
    this.results = results;
    for (const answer of this.early.splice(0)) results.add(answer);
    this.send(true);
    const own: Counts = { filesScanned: 0, bytesScanned: 0, findings: 0 };
    const onProgress = this.plan.onProgress;
    scanHere(scanner, this.files, results, () => claimBatch(this.claims, this.files.length, BATCH_FILES), onProgress, () => this.workerProgress(), own);
    // The workers' answers come in now, as this thread waits.
    while (this.failure === undefined && this.workers.some((w) => !w.settled)) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure !== undefined) throw this.failure;
    // Files claimed by a worker that was lost.
    const missing = results.missing();
    scanHere(scanner, this.files, results, () => missing.shift(), undefined, undefined, own);
    onProgress?.(sumCounts(own, this.workerProgress()));
  }

  /** Stops the workers without waiting for them: one that is done is already ending on its own, and its exit would only delay the caller. */
  close(): void {
    for (const { worker } of this.workers) {
      worker.unref();
      void worker.terminate();
    }
  }

  /** The workers' totals: those of their answers once they are settled, their running totals before. */
  private workerProgress(): ScanProgress {
    const counts: Counts = { filesScanned: 0, bytesScanned: 0, findings: 0 };
    for (const w of this.workers) {
      if (w.settled) addCounts(counts, w.answered);
      else addCounts(counts, { filesScanned: this.progress[w.slot * 3] ?? 0, bytesScanned: this.progress[w.slot * 3 + 1] ?? 0, findings: this.progress[w.slot * 3 + 2] ?? 0 });
    }
    return counts;
  }

  private message(member: PoolWorker, message: WorkerMessage): void {
    if (member.settled) return;
    if ('answer' in message) {
      addCounts(member.answered, batchProgress(message.answer));
      if (this.results === undefined) this.early.push(message.answer);
      else this.results.add(message.answer);
      return;
    }
    if ('error' in message) {
      const error = new Error(message.error.message);
      if (message.error.stack !== undefined) error.stack = message.error.stack;
      this.failure ??= error;
    }
    this.settle(member);
  }

  private settle(member: PoolWorker): void {
    member.settled = true;
    this.wake?.();
    this.wake = undefined;
  }
}

/**
 * The worker script: the compiled `scanWorker.js` next to this file. When this module runs
 * from its TypeScript source (this repository's tests, `--conditions=source`), the worker
 * needs tsx and the `source` condition too; tsx is located from here, since the cwd may be
 * anywhere. Undefined when that cannot be arranged: the scan then stays in this thread.
 */
function workerEntry(): { url: URL; execArgv: string[] | undefined } | undefined {
  if (!import.meta.url.endsWith('.ts')) return { url: new URL('./scanWorker.js', import.meta.url), execArgv: undefined };
  try {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { url: new URL('./scanWorker.ts', import.meta.url), execArgv: ['--conditions=source', '--import', tsx] };
  } catch {
    return undefined;
  }
}
