// .gitignore semantics on top of the `ignore` package. `ignore` matches paths relative to one
// directory; git reads a .gitignore in every directory, each relative to where it sits, deeper
// files winning. So every pattern is rewritten to be relative to one base directory (the git
// worktree root, or the scanned root outside a checkout) and the files are concatenated in
// precedence order: `ignore` lets the last matching pattern win, as git does.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type IgnoreModule from 'ignore';
import type { Ignore } from 'ignore';

type IgnoreFactory = typeof IgnoreModule;
let ignoreFactory: IgnoreFactory | undefined;

/** The `ignore` package, required on first use: a tree without ignore files never loads it, and `require` spares ESM's scan of a CommonJS module for its exports. */
function ignore(options: Parameters<IgnoreFactory>[0]): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)('ignore') as IgnoreFactory;
  return ignoreFactory(options);
}

/**
 * Rewrites one line of the .gitignore in `dir` (relative to the base, `''` for the base itself,
 * forward slashes) so it means the same thing relative to the base. Returns undefined for blank
 * lines and comments. A pattern with a slash before its end is anchored to its directory; one
 * without matches at any depth below it (gitignore(5), "PATTERN FORMAT").
 */
export function rebasePattern(line: string, dir: string): string | undefined {
  const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (trimmed.trim() === '' || trimmed.startsWith('#')) return undefined;
  if (dir === '') return trimmed;
  const negated = trimmed.startsWith('!');
  const body = negated ? trimmed.slice(1) : trimmed;
  const withoutTrailingSlash = body.endsWith('/') ? body.slice(0, -1) : body;
  const anchored = withoutTrailingSlash.includes('/');
  const rebased = anchored ? `${dir}/${body.startsWith('/') ? body.slice(1) : body}` : `${dir}/**/${body}`;
  return negated ? `!${rebased}` : rebased;
}

/** The ignore rules in force in one directory, all relative to one base directory. Immutable. */
export class IgnoreRules {
  static readonly EMPTY = new IgnoreRules(undefined);

  private constructor(private readonly matcher: Ignore | undefined) {}

  /** These rules followed by `patterns` from the ignore file of `dir` (relative to the base; `''` for the base), which take precedence. */
  extend(dir: string, patterns: string | readonly string[]): IgnoreRules {
    const lines = typeof patterns === 'string' ? patterns.split('\n') : patterns;
    const rebased: string[] = [];
    for (const line of lines) {
      const pattern = rebasePattern(line, dir);
      if (pattern !== undefined) rebased.push(pattern);
    }
    if (rebased.length === 0) return this;
    // Git is case-sensitive on Linux (core.ignorecase=false); so are we, on every platform, so a
    // scan gives the same answer on every machine.
    const matcher = ignore({ ignorecase: false });
    if (this.matcher !== undefined) matcher.add(this.matcher);
    return new IgnoreRules(matcher.add(rebased));
  }

  /** Whether `path` (relative to the base, forward slashes, non-empty) is ignored, itself or through a parent directory. */
  ignores(path: string, isDirectory: boolean): boolean {
    if (this.matcher === undefined) return false;
    return this.matcher.ignores(isDirectory ? `${path}/` : path);
  }
}

/** The .gitignore rules that apply inside a scanned root, and where they are anchored. */
export interface RootIgnoreRules {
  /** Absolute directory every rule is relative to. */
  readonly base: string;
  /** The scanned root relative to `base` (forward slashes, `''` when they are the same). */
  readonly rootFromBase: string;
  /** Rules from `.git/info/exclude` and the .gitignore files above the root (the root's own is read by the walk). */
  readonly rules: IgnoreRules;
}

/**
 * The rules in force at `root` (absolute directory): inside a git worktree, `.git/info/exclude`
 * and every .gitignore from the worktree root down to the root's parent; outside one, none. A
 * root that those rules ignore was named explicitly, so it is scanned anyway, and the rules
 * above it are dropped (as ripgrep searches an ignored directory it is given).
 */
export function rulesAboveRoot(root: string): RootIgnoreRules {
  const worktree = findWorktree(root);
  if (worktree === undefined) return { base: root, rootFromBase: '', rules: IgnoreRules.EMPTY };
  let rules = IgnoreRules.EMPTY.extend('', readIfPresent(worktree.excludeFile));
  const segments = relative(worktree.dir, root).split(sep).filter((s) => s !== '');
  let dir = '';
  for (const segment of segments) {
    rules = rules.extend(dir, readIfPresent(join(worktree.dir, dir, '.gitignore')));
    dir = dir === '' ? segment : `${dir}/${segment}`;
  }
  if (dir !== '' && rules.ignores(dir, true)) return { base: root, rootFromBase: '', rules: IgnoreRules.EMPTY };
  return { base: worktree.dir, rootFromBase: dir, rules };
}

interface Worktree {
  readonly dir: string;
  readonly excludeFile: string;
}

/** The nearest directory at or above `start` holding `.git` (a directory, or a file as in linked worktrees and submodules). */
function findWorktree(start: string): Worktree | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const stats = statSync(dotGit, { throwIfNoEntry: false });
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

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Absent or unreadable ignore files contribute no rules, as in git.
    return '';
  }
}
