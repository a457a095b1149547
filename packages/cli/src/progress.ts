import type { ScanProgress } from '@leakguard/scanner';
import { formatBytes } from '@leakguard/scanner';
import type { CliStream } from './io.js';

/** A scan shorter than this shows no progress at all. */
const SHOW_AFTER_MS = 1000;
/** At most ten updates a second: redrawing costs more than scanning a file. */
const REDRAW_EVERY_MS = 100;

/** Progress on a terminal: updates from the scan, and a `done` that wipes the line. */
export interface ProgressLine {
  update(progress: ScanProgress): void;
  done(): void;
}

/**
 * A progress line on `stream` (files and bytes scanned so far), drawn only when the stream is a
 * terminal and the scan has run for more than a second, redrawn in place and cleared by `done`.
 * Returns undefined when `stream` is not a terminal: the scan then skips the callback entirely.
 */
export function createProgressLine(stream: CliStream, now: () => number = () => performance.now()): ProgressLine | undefined {
  if (stream.isTTY !== true) return undefined;
  const started = now();
  let lastDrawn = -Infinity;
  let drawn = false;
  return {
    update(progress) {
      const t = now();
      if (t - started < SHOW_AFTER_MS || t - lastDrawn < REDRAW_EVERY_MS) return;
      lastDrawn = t;
      drawn = true;
      stream.write(`\r\u001b[2Kleakguard: ${progress.filesScanned} files scanned (${formatBytes(progress.bytesScanned)}), ${progress.findings} findings so far…`);
    },
    done() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
