// The same scan as scanPaths, with the reading and detecting spread over worker threads. The
// walk stays in the calling thread (its order is the report's order) and runs in slices: once
// it has seen enough files to pay for workers, they are started, and between slices the
// calling thread hands them batches of the files walked so far, so scanning overlaps walking.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ScanInputError } from './errors.js';
import type { FileScan } from './fileScanner.js';
import { FileScanner } from './fileScanner.js';
import { scanPaths } from './scanPaths.js';
import type { ScanOptions, ScanPlan } from './scanPlan.js';
import { planScan, ScanTally, startRootWalks } from './scanPlan.js';
import type { ScanBatch, ScanBatchResult, ScanWorkerData } from './scanWorker.js';
import type { ScanProgress, ScanResult, SkippedFile } from './types.js';
import { loadTypeScript } from './typescript.js';

/** Options of `scanPathsParallel`. */
export interface ParallelScanOptions extends ScanOptions {
  /** Worker threads to scan with. Default the machine's available parallelism, at most 8; 1 scans in the calling thread. */
  readonly threads?: number;
}

/** Below this many files a tree is scanned in the calling thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN_FILES = 1000;
const MAX_DEFAULT_THREADS = 8;
/** Entries walked between two hand-outs of work: a millisecond or two of walking. */
const WALK_SLICE = 256;
/** Files per batch: small, because the expensive files (large JS/TS that must be parsed) sit together in a few directories. */
const BATCH_FILES = 64;
/** Batches queued per worker while the calling thread walks (answers are read only between slices), so none runs dry. */
const BATCHES_IN_FLIGHT_WALKING = 16;
/** Batches queued per worker once the walk is over: few, so the last ones spread evenly. */
const BATCHES_IN_FLIGHT = 2;

type FileEntry = readonly [path: string, file: string];
type Entry = { readonly file: string; readonly index: number } | { readonly skipped: SkippedFile };

/**
 * `scanPaths` on worker threads, for large trees: the same result, in the same order. Falls
 * back to the calling thread for small trees (under `PARALLEL_MIN_FILES` files), for
 * `threads: 1`, when `options.typescript` is given, and for any worker that cannot start.
 */
export async function scanPathsParallel(paths: readonly string[] = ['.'], options: ParallelScanOptions = {}): Promise<ScanResult> {
  const threads = options.threads ?? Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
  if (!Number.isSafeInteger(threads) || threads < 1) throw new ScanInputError(`invalid scan options: "threads" must be a positive whole number, got ${String(threads)}`);
  if (threads === 1 || options.typescript !== undefined) return scanPaths(paths, options);
  const plan = planScan(paths, options);
  const entries: Entry[] = [];
  const files: FileEntry[] = [];
  const scanner = new FileScanner({ maxFileBytes: plan.maxFileBytes, detector: plan.detector, typescript: loadTypeScript });
  const progress = progressCounter(plan);
  let pool: ScanWorkerPool | undefined;
  const walk = startRootWalks(plan, {
    file(path, file) {
      entries.push({ file, index: files.length });
      files.push([path, file]);
      if (files.length === PARALLEL_MIN_FILES) pool = new ScanWorkerPool(threads, { maxFileBytes: plan.maxFileBytes, detector: plan.detector }, files, scanner, progress);
    },
    skip: (file, reason, detail) => entries.push({ skipped: { file, reason, detail } }),
  });
  while (!walk.step(WALK_SLICE)) {
    if (pool === undefined) continue;
    pool.pump();
    // Let the workers' answers in, so the next batches can go out.
    await new Promise((resolve) => setImmediate(resolve));
  }
  let scans: readonly FileScan[];
  if (pool === undefined) {
    scans = files.map(([path, file]) => progress(scanner.scan(path, file)));
  } else {
    try {
      scans = await pool.finish();
    } finally {
      await pool.close();
    }
  }
  const tally = new ScanTally(plan);
  for (const entry of entries) {
    if ('skipped' in entry) tally.skip(entry.skipped.file, entry.skipped.reason, entry.skipped.detail);
    else tally.add(entry.file, scans[entry.index] as FileScan);
  }
  return tally.result();
}

/** Counts scans as they arrive (in any order) and reports them to the plan's `onProgress`; findings counted before the baseline. */
function progressCounter(plan: ScanPlan): (scan: FileScan) => FileScan {
  const onProgress = plan.onProgress;
  const counts = { filesScanned: 0, bytesScanned: 0, findings: 0 };
  return (scan) => {
    if (onProgress === undefined) return scan;
    if (scan.status === 'scanned') {
      counts.filesScanned++;
      counts.bytesScanned += scan.bytes;
      counts.findings += scan.findings.length;
    }
    onProgress({ ...counts } satisfies ScanProgress);
    return scan;
  };
}

/**
 * Workers scanning `files` (an array the walk keeps appending to) in batches. A worker that
 * cannot start or dies has its batches scanned by `fallback` in the calling thread; with no
 * worker left, the calling thread scans the rest.
 */
class ScanWorkerPool {
  /** Per live worker: the batches it holds, first file index → end index. */
  private readonly inFlight = new Map<Worker, Map<number, number>>();
  private readonly workers: Worker[] = [];
  private readonly results: FileScan[] = [];
  private next = 0;
  private walkDone = false;
  private failure: Error | undefined;
  private settle: { resolve: (scans: FileScan[]) => void; reject: (error: Error) => void } | undefined;

  constructor(
    count: number,
    data: ScanWorkerData,
    private readonly files: readonly FileEntry[],
    private readonly fallback: FileScanner,
    private readonly each: (scan: FileScan) => FileScan,
  ) {
    const entry = workerEntry();
    for (let i = 0; entry !== undefined && i < count; i++) {
      let worker: Worker;
      try {
        worker = new Worker(entry.url, { workerData: data, execArgv: entry.execArgv });
      } catch {
        // A runtime that refuses workers (or their flags): the calling thread scans instead.
        break;
      }
      this.workers.push(worker);
      this.inFlight.set(worker, new Map());
      worker.on('message', (answer: ScanBatchResult) => this.answer(worker, answer));
      worker.on('error', () => this.lost(worker));
      worker.on('exit', () => this.lost(worker));
    }
  }

  /** Hands out the files walked so far: whole batches while the walk runs, the rest after. */
  pump(): void {
    for (const [worker, batches] of this.inFlight) {
      const depth = this.walkDone ? BATCHES_IN_FLIGHT : BATCHES_IN_FLIGHT_WALKING;
      while (batches.size < depth && this.failure === undefined) {
        const available = this.files.length - this.next;
        if (available <= 0 || (available < BATCH_FILES && !this.walkDone)) break;
        const start = this.next;
        this.next = Math.min(this.files.length, start + BATCH_FILES);
        batches.set(start, this.next);
        worker.postMessage({ start, files: this.files.slice(start, this.next) } satisfies ScanBatch);
      }
    }
  }

  /** The walk is over: hands out the rest and resolves with every file's scan, in file order. */
  finish(): Promise<FileScan[]> {
    this.walkDone = true;
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      if (this.inFlight.size === 0) this.scanRestHere();
      this.pump();
      this.check();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private answer(worker: Worker, answer: ScanBatchResult): void {
    const batches = this.inFlight.get(worker);
    if (batches === undefined) return;
    batches.delete(answer.start);
    if ('error' in answer) {
      const error = new Error(answer.error.message);
      if (answer.error.stack !== undefined) error.stack = answer.error.stack;
      this.failure ??= error;
    } else {
      answer.scans.forEach((scan, i) => (this.results[answer.start + i] = this.each(scan)));
    }
    this.pump();
    this.check();
  }

  private lost(worker: Worker): void {
    const batches = this.inFlight.get(worker);
    if (batches === undefined) return;
    this.inFlight.delete(worker);
    for (const [start, end] of batches) this.scanHere(start, end);
    if (this.inFlight.size === 0 && this.walkDone) this.scanRestHere();
    this.check();
  }

  private scanRestHere(): void {
    this.scanHere(this.next, this.files.length);
    this.next = this.files.length;
  }

  private scanHere(start: number, end: number): void {
    try {
      for (let i = start; i < end; i++) {
        const [path, file] = this.files[i] as FileEntry;
        this.results[i] = this.each(this.fallback.scan(path, file));
      }
    } catch (error) {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    }
  }

  private check(): void {
    const settle = this.settle;
    if (settle === undefined) return;
    if (this.failure !== undefined) {
      this.settle = undefined;
      settle.reject(this.failure);
      return;
    }
    const busy = [...this.inFlight.values()].some((batches) => batches.size > 0);
    if (!busy && this.next >= this.files.length) {
      this.settle = undefined;
      settle.resolve(this.results);
    }
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
