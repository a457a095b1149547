// The body of a scan worker thread (see scanPathsParallel): scans the batches of files it is
// sent with its own FileScanner (and its own TypeScript, loaded on first need).
import { parentPort, workerData } from 'node:worker_threads';
import type { HomePathOptions } from '@leakguard/analysis';
import type { FileScan } from './fileScanner.js';
import { FileScanner } from './fileScanner.js';
import { loadTypeScript } from './typescript.js';

/** What a scan worker is started with. */
export interface ScanWorkerData {
  readonly maxFileBytes: number;
  readonly detector: HomePathOptions;
}

/** A batch of files sent to a worker: `[absolute path, report name]` pairs; `start` is the index of the first. */
export interface ScanBatch {
  readonly start: number;
  readonly files: readonly (readonly [string, string])[];
}

/** A worker's answer: one scan per file of the batch, or the error that stopped it (a bug, never a file problem). */
export type ScanBatchResult = { readonly start: number; readonly scans: readonly FileScan[] } | { readonly start: number; readonly error: { readonly message: string; readonly stack?: string } };

const port = parentPort;
if (port !== null) {
  const data = workerData as ScanWorkerData;
  const scanner = new FileScanner({ maxFileBytes: data.maxFileBytes, detector: data.detector, typescript: loadTypeScript });
  port.on('message', (batch: ScanBatch) => {
    let answer: ScanBatchResult;
    try {
      answer = { start: batch.start, scans: batch.files.map(([path, file]) => scanner.scan(path, file)) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      answer = { start: batch.start, error: { message: e.message, stack: e.stack } };
    }
    port.postMessage(answer);
  });
}
