// Finding the git worktree a directory belongs to by looking for `.git`, as git does; git
// itself is never run.
import type { Stats } from 'node:fs';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A git worktree: where it is, and the exclude file that applies in it. */
export interface Worktree {
  /** Absolute directory holding `.git`. */
  readonly dir: string;
  /** `info/exclude` of its repository (the main repository's for a linked worktree). */
  readonly excludeFile: string;
}

/** The nearest directory at or above `start` (absolute) holding `.git` (a directory, or a file as in linked worktrees and submodules). */
export function findWorktree(start: string): Worktree | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const stats = statIfPossible(dotGit);
    if (stats?.isDirectory() === true) return { dir, excludeFile: join(dotGit, 'info', 'exclude') };
    if (stats?.isFile() === true) return { dir, excludeFile: join(gitCommonDir(dir, dotGit), 'info', 'exclude') };
    if (dirname(dir) === dir) return undefined;
  }
}

/** For a `.git` file (`gitdir: <path>`), the repository directory that holds `info/exclude`: the common dir of a linked worktree. */
function gitCommonDir(worktree: string, dotGitFile: string): string {
  const pointer = /^gitdir:\s*(.+?)\s*$/mu.exec(readIfPresent(dotGitFile))?.[1];
  if (pointer === undefined) return dotGitFile;
  const gitDir = resolve(worktree, pointer);
  const common = readIfPresent(join(gitDir, 'commondir')).trim();
  return common === '' ? gitDir : resolve(gitDir, common);
}

/**
 * `stat`, or undefined when `path` cannot be examined. `throwIfNoEntry: false` covers only
 * ENOENT; a directory this user may not search (EACCES), a file where a directory should be
 * (ENOTDIR) or a link loop (ELOOP) throw. Such a `.git` is treated as absent: a directory that
 * cannot be read is then reported by the walk as `unreadable`, never as an internal error.
 */
function statIfPossible(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The text of `file`, or `''` when it is absent or cannot be read. */
export function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // An absent or unreadable ignore file contributes no rules, as in git.
    return '';
  }
}
