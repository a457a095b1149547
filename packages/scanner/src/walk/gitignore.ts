// .gitignore semantics on top of the `ignore` package. `ignore` matches paths relative to one
// directory; git reads a .gitignore in every directory, each relative to where it sits, deeper
// files winning. So every pattern is rewritten to be relative to one base directory (the git
// worktree root; outside a checkout the cwd, or the walked directory when it is not below the
// cwd) and the files are concatenated in precedence order: `ignore` lets the last matching
// pattern win, as git does.
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import type IgnoreModule from 'ignore';
import type { Ignore } from 'ignore';
import { isWithin } from './directories.js';
import { findWorktree, readIfPresent } from './worktree.js';

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

/** The .gitignore rules a walked directory inherits from above it, and where they are anchored. */
export interface InheritedIgnoreRules {
  /** Absolute directory every rule is relative to. */
  readonly base: string;
  /** The walked directory relative to `base` (forward slashes, `''` when they are the same). */
  readonly dirFromBase: string;
  /** Rules from `.git/info/exclude` and the .gitignore files above the walked directory (its own is read by the walk). */
  readonly rules: IgnoreRules;
}

/**
 * The rules in force at `dir`, a directory a walk starts from (absolute): inside a git
 * worktree, `.git/info/exclude` and every .gitignore from the worktree root down to `dir`'s
 * parent. Outside one, the .gitignore files from `cwd` down to `dir`'s parent when `dir` lies
 * below `cwd` (so `audit paths sub` answers as `audit paths .` does for `sub`), else none. A
 * directory that those rules ignore was named explicitly, so it is scanned anyway, and the
 * rules above it are dropped (as ripgrep searches an ignored directory it is given).
 */
export function rulesAbove(dir: string, cwd: string): InheritedIgnoreRules {
  const worktree = findWorktree(dir);
  const base = worktree?.dir ?? (dir !== cwd && isWithin(cwd, dir) ? cwd : undefined);
  if (base === undefined) return { base: dir, dirFromBase: '', rules: IgnoreRules.EMPTY };
  let rules = worktree === undefined ? IgnoreRules.EMPTY : IgnoreRules.EMPTY.extend('', readIfPresent(worktree.excludeFile));
  const segments = relative(base, dir).split(sep).filter((s) => s !== '');
  let from = '';
  for (const segment of segments) {
    rules = rules.extend(from, readIfPresent(join(base, from, '.gitignore')));
    from = from === '' ? segment : `${from}/${segment}`;
  }
  if (from !== '' && rules.ignores(from, true)) return { base: dir, dirFromBase: '', rules: IgnoreRules.EMPTY };
  return { base, dirFromBase: from, rules };
}
