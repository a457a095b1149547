import { FileScanner } from './fileScanner.js';
import type { ScanOptions } from './scanPlan.js';
import { planScan, ScanTally, walkPaths } from './scanPlan.js';
import type { ScanResult } from './types.js';
import { loadTypeScript } from './typescript.js';

/**
 * Scans each of `paths` (files or directories, relative to `options.cwd`; default `['.']`)
 * for hard-coded home-directory paths, the way git sees the tree: `.gitignore` files (nested,
 * negations, `.git/info/exclude`) are honoured, also outside a git checkout; `.git` and
 * `node_modules` are never entered; symbolic links are not followed. A file named in `paths`
 * is scanned even when ignored. Every text file is scanned; JS/TS files with a candidate are
 * parsed for code context. Synchronous, in the calling thread. Throws `ScanInputError` for
 * a path that does not exist or invalid options; problems with single files end up in
 * `skipped` and `notes`, never thrown.
 */
export function scanPaths(paths: readonly string[] = ['.'], options: ScanOptions = {}): ScanResult {
  const plan = planScan(paths, options);
  const injected = plan.typescript;
  const scanner = new FileScanner({ maxFileBytes: plan.maxFileBytes, detector: plan.detector, typescript: injected === undefined ? loadTypeScript : () => injected });
  const tally = new ScanTally(plan);
  const onProgress = plan.onProgress;
  walkPaths(plan, {
    file(path, file) {
      tally.add(file, scanner.scan(path, file));
      onProgress?.(tally.progress());
    },
    skip: (file, reason, detail) => tally.skip(file, reason, detail),
  });
  return tally.result();
}
