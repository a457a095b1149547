// The body of a scan worker thread (see scanPathsParallel). It learns the walked files as the
// calling thread sends them, claims batches from the counter all scanning threads share, and
// answers each batch in compact form; its running totals go to its slot of the shared progress
// array. Loads only the file scanner (TypeScript on first need).
import { parentPort, workerData } from 'node:worker_threads';
import type { HomePathOptions } from '@leakguard/analysis';
import { FileScanner } from './fileScanner.js';
import type { BatchAnswer, FileEntry } from './scanBatch.js';
import { batchProgress, claimBatch, decodeFiles, scanBatch } from './scanBatch.js';
import { loadTypeScript } from './typescript.js';

/** What a scan worker is started with. */
export interface ScanWorkerData {
  readonly maxFileBytes: number;
  readonly detector: HomePathOptions;
  /** One Int32: the index of the next file no thread has claimed. */
  readonly claims: SharedArrayBuffer;
  /** Files claimed at a time. */
  readonly batchFiles: number;
  /** Float64 triples (files scanned, bytes, findings), one per worker. */
  readonly progress: SharedArrayBuffer;
  /** This worker's triple in `progress`. */
  readonly slot: number;
}

/** More walked files, `encodeFiles` of the next ones; `last` when the walk is over. */
export interface WorkerFiles {
  readonly files: string;
  readonly last: boolean;
}

/** A worker's message: a batch answered, all work done, or the error that stopped it (a bug, never a file problem). */
export type WorkerMessage = { readonly answer: BatchAnswer } | { readonly done: true } | { readonly error: { readonly message: string; readonly stack?: string } };

const port = parentPort;
if (port !== null) {
  const data = workerData as ScanWorkerData;
  const scanner = new FileScanner({ maxFileBytes: data.maxFileBytes, detector: data.detector, typescript: loadTypeScript });
  const claims = new Int32Array(data.claims);
  const progress = new Float64Array(data.progress, data.slot * 3 * Float64Array.BYTES_PER_ELEMENT, 3);
  const files: FileEntry[] = [];
  let stopped = false;
  port.on('message', (message: WorkerFiles) => {
    if (stopped) return;
    decodeFiles(message.files, files);
    try {
      for (let batch = claimBatch(claims, files.length, data.batchFiles); batch !== undefined; batch = claimBatch(claims, files.length, data.batchFiles)) {
        const answer = scanBatch(scanner, files, batch.start, batch.end);
        const counts = batchProgress(answer);
        progress[0] = (progress[0] as number) + counts.filesScanned;
        progress[1] = (progress[1] as number) + counts.bytesScanned;
        progress[2] = (progress[2] as number) + counts.findings;
        port.postMessage({ answer } satisfies WorkerMessage);
      }
    } catch (error) {
      stopped = true;
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ error: { message: e.message, stack: e.stack } } satisfies WorkerMessage);
      return;
    }
    if (message.last) {
      stopped = true;
      port.postMessage({ done: true } satisfies WorkerMessage);
      // Nothing more to do: let the thread end on its own.
      port.close();
    }
  });
}
