// The directory a scan names files relative to (ScanResult.root). It depends on what is
// scanned, not on where the scan runs from, so reports, SARIF URIs, fingerprints and baselines
// agree between runs from different directories, and no name climbs out of it with `../`.
import { dirname } from 'node:path';
import { commonDirectory, isWithin } from './directories.js';
import { findWorktree } from './worktree.js';

/** A path given to a scan, resolved. */
export interface ScanTarget {
  /** Absolute. */
  readonly path: string;
  readonly isDirectory: boolean;
}

/**
 * The root for scanning `targets` (at least one) from `cwd` (absolute):
 * 1. the git worktree root, when every target lies in the same worktree;
 * 2. else the directory, when a single directory is scanned;
 * 3. else `cwd`, when it holds every target;
 * 4. else the deepest directory holding every target.
 * Every target lies within the root.
 */
export function findScanRoot(cwd: string, targets: readonly ScanTarget[]): string {
  const dirs = targets.map((t) => (t.isDirectory ? t.path : dirname(t.path)));
  const worktrees = new Set(dirs.map((dir) => findWorktree(dir)?.dir));
  const [worktree] = worktrees;
  if (worktrees.size === 1 && worktree !== undefined) return worktree;
  const [only] = targets;
  if (targets.length === 1 && only?.isDirectory === true) return only.path;
  if (targets.every((t) => isWithin(cwd, t.path))) return cwd;
  return commonDirectory(dirs);
}
