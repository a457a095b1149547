// Walks what git would track under one path, depth first in a fixed order, calling back for
// each file to scan and each entry passed over. Synchronous: on the trees this is for, the
// directory reads are cheap system calls and a plain loop beats a promise per entry.
import type { Dirent, Stats } from 'node:fs';
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { describeError, errorCode, ScanInputError } from '../errors.js';
import type { SkipReason } from '../types.js';
import { isWithin, relativeName } from './directories.js';
import { IgnoreRules, rulesAbove } from './gitignore.js';

/** What the walk reports to. */
export interface WalkVisitor {
  /** A regular file to scan: its absolute path and its name relative to `WalkOptions.root` (forward slashes). */
  file(path: string, file: string): void;
  /** An entry passed over for a reason worth reporting, named as in `file` (a directory with a trailing `/`). */
  skip(file: string, reason: SkipReason, detail: string): void;
}

/** Where a walk starts from, how it names what it finds and what it leaves out besides the ignore files. */
export interface WalkOptions {
  /** Absolute directory that given paths are resolved against (see `rulesAbove` for the .gitignore files it brings in). */
  readonly cwd: string;
  /** Absolute directory names are relative to; it must hold every path walked (`findScanRoot` picks it). */
  readonly root: string;
  /** Extra exclusions (gitignore syntax), relative to `ignoreBase`. */
  readonly ignore?: readonly string[];
  /** Absolute directory `ignore` is relative to. Default `cwd`. */
  readonly ignoreBase?: string;
}

/** Directory names never descended into, whatever the ignore files say. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/**
 * Walks `given` (a file or directory, relative to `options.cwd` or absolute). A file is
 * scanned even when ignore rules would exclude it, because it was named. Throws
 * `ScanInputError` only when `stat` of `given` fails: it does not exist, a component of it is
 * not a directory, or a directory above it may not be searched. A directory that exists but
 * cannot be listed (`given` itself or one below it) is reported to `visitor.skip` as
 * `unreadable` with the system error, like any other entry that cannot be read.
 */
export function walkPath(given: string, options: WalkOptions, visitor: WalkVisitor): void {
  const path = resolve(options.cwd, given);
  const stats = statGivenPath(given, options.cwd);
  const name = relativeName(options.root, path);
  if (!stats.isDirectory()) {
    if (stats.isFile()) visitor.file(path, name);
    else visitor.skip(name, 'unreadable', 'not a regular file or a directory');
    return;
  }
  const above = rulesAbove(path, options.cwd);
  const configRules = options.ignore === undefined ? IgnoreRules.EMPTY : IgnoreRules.EMPTY.extend('', options.ignore);
  const walker = new Walker(visitor, realpathSync(path), configRules, options.ignoreBase ?? options.cwd);
  walker.enter(path, name, above.dirFromBase, above.rules, walker.startReal);
  walker.run();
}

/** `stat` of a path the user gave (following symbolic links, as for any path named explicitly); throws `ScanInputError` saying why it cannot be scanned. */
export function statGivenPath(given: string, cwd: string): Stats {
  try {
    return statSync(resolve(cwd, given));
  } catch (error) {
    throw new ScanInputError(describeMissing(given, error), { cause: error });
  }
}

/** A directory being walked. */
interface Frame {
  readonly path: string;
  /** Relative to the walk's root (`''` for the root itself). */
  readonly name: string;
  /** Relative to the ignore rules' base. */
  readonly fromBase: string;
  readonly rules: IgnoreRules;
  /** Its real path: symbolic links are never followed, so the walked directory's real path plus the names walked. */
  readonly real: string;
  /** Relative to the config's ignore base, or undefined outside it. */
  readonly fromConfigBase: string | undefined;
  readonly entries: Dirent[];
  index: number;
}

/** Depth first, entries in sorted order; iterative (a stack of frames), so a deep tree cannot overflow the call stack. */
class Walker {
  private readonly stack: Frame[] = [];

  constructor(
    private readonly visitor: WalkVisitor,
    readonly startReal: string,
    private readonly configRules: IgnoreRules,
    private readonly configBase: string,
  ) {}

  enter(path: string, name: string, fromBase: string, inherited: IgnoreRules, real: string): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (error) {
      this.visitor.skip(`${name === '' ? '.' : name}/`, 'unreadable', describeError(error));
      return;
    }
    entries.sort(byName);
    let rules = inherited;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        rules = rules.extend(fromBase, readFileSync(`${path}${sep}.gitignore`, 'utf8'));
      } catch {
        // The .gitignore itself is then reported as unreadable when the walk reaches it.
      }
    }
    // Without config patterns there is nothing to anchor: no path arithmetic per directory.
    const fromConfigBase = this.configRules === IgnoreRules.EMPTY ? undefined : this.relativeToConfigBase(path);
    this.stack.push({ path, name, fromBase, rules, real, fromConfigBase, entries, index: 0 });
  }

  /** Visits every entry of the directories entered, and of those found in them. */
  run(): void {
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) return;
      const entry = frame.entries[frame.index++];
      if (entry === undefined) this.stack.pop();
      else this.visit(frame, entry);
    }
  }

  private visit(frame: Frame, entry: Dirent): void {
    const entryName = entry.name;
    if (ALWAYS_SKIPPED.has(entryName)) return;
    const isDirectory = entry.isDirectory();
    const entryFromBase = frame.fromBase === '' ? entryName : `${frame.fromBase}/${entryName}`;
    if (frame.rules.ignores(entryFromBase, isDirectory)) return;
    const fromConfigBase = frame.fromConfigBase;
    if (fromConfigBase !== undefined && this.configRules.ignores(fromConfigBase === '' ? entryName : `${fromConfigBase}/${entryName}`, isDirectory)) return;
    const entryPath = `${frame.path}${sep}${entryName}`;
    const entryDisplay = frame.name === '' ? entryName : `${frame.name}/${entryName}`;
    if (isDirectory) this.enter(entryPath, entryDisplay, entryFromBase, frame.rules, `${frame.real}${sep}${entryName}`);
    else if (entry.isFile()) this.visitor.file(entryPath, entryDisplay);
    else if (entry.isSymbolicLink()) this.symlink(entryPath, entryDisplay, frame.real);
    // Sockets, FIFOs and devices: git cannot track them, and reading a FIFO would block.
  }

  /**
   * A symbolic link is never followed: git tracks the link, not what it points to. One that
   * points inside the root needs nothing, its target is scanned where it lives; one that points
   * outside or cannot be resolved is reported, so nothing is left out silently.
   */
  private symlink(path: string, name: string, containingReal: string): void {
    let target: Stats;
    try {
      target = statSync(path);
    } catch (error) {
      if (errorCode(error) === 'ELOOP') this.visitor.skip(name, 'symlink-loop', 'too many levels of symbolic links');
      else if (errorCode(error) === 'ENOENT') this.visitor.skip(name, 'unreadable', `broken symbolic link to ${linkText(path)}`);
      else this.visitor.skip(name, 'unreadable', describeError(error));
      return;
    }
    const real = realpathSync(path);
    if (!isWithin(this.startReal, real)) {
      this.visitor.skip(name, 'symlink-outside-root', `points to ${linkText(path)}, outside the scanned root; not followed`);
    } else if (target.isDirectory() && isWithin(real, containingReal)) {
      this.visitor.skip(name, 'symlink-loop', `points to ${linkText(path)}, a directory that contains it; not followed`);
    }
  }

  private relativeToConfigBase(dir: string): string | undefined {
    return isWithin(this.configBase, dir) ? relativeName(this.configBase, dir) : undefined;
  }
}

/** Plain code-unit order: the same on every machine and locale. */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function linkText(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '(unreadable link)';
  }
}

function describeMissing(given: string, error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return `${given}: no such file or directory`;
  if (code === 'ELOOP') return `${given}: too many levels of symbolic links`;
  return `${given}: ${describeError(error)}`;
}
