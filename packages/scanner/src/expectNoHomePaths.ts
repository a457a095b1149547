// The assertion for test suites: a plain function that throws a plain Error, so it works the
// same under Vitest, Jest, Mocha and node:test without importing any of them.
import { dirname, resolve } from 'node:path';
import type { Baseline } from './baseline.js';
import { readBaseline } from './baseline.js';
import type { LeakguardConfig, PathsConfig } from './config.js';
import { findConfig, loadConfig } from './config.js';
import { summaryLine } from './report/summary.js';
import { scanPaths } from './scanPaths.js';
import type { ScanOptions } from './scanPlan.js';
import type { FileFinding, ScanResult } from './types.js';
import { commonDirectory, relativeName } from './walk/directories.js';
import { rebasePattern } from './walk/gitignore.js';

/**
 * Options of `expectNoHomePaths`: the config file's `paths` section, plus a baseline and where
 * the config comes from. `ignore` given here is relative to `dir`; the config file's `ignore`
 * stays relative to the config file's directory, as for the CLI.
 */
export interface ExpectNoHomePathsOptions extends PathsConfig {
  /** Findings it lists do not fail: a baseline file (relative to `dir`) or a `Baseline`. Default none. */
  readonly baseline?: string | Baseline;
  /**
   * The config file to read, relative to `dir`, or `false` for none. Default
   * `leakguard.config.json` in `dir` when it exists. Its lists are combined with these options';
   * `maxFileBytes` given here wins.
   */
  readonly config?: string | false;
}

/** Thrown by `expectNoHomePaths`; the message lists every finding as `file:line:col  message`. */
export class HomePathAssertionError extends Error {
  override readonly name = 'HomePathAssertionError';

  constructor(
    message: string,
    /** The findings that failed the assertion. */
    readonly findings: readonly FileFinding[],
    /** The whole scan. */
    readonly result: ScanResult,
  ) {
    super(message);
  }
}

/**
 * Scans `dir` (what git would track there, as `leakguard audit paths` does) and throws a
 * `HomePathAssertionError` when it finds a hard-coded home-directory path; returns the scan
 * result otherwise. File names are relative to `ScanResult.root`: the git worktree root when
 * `dir` is in one, else `dir`. Reads `dir/leakguard.config.json` when present. Skipped files
 * do not fail the assertion.
 *
 * ```ts
 * it('has no hard-coded home directories', () => expectNoHomePaths(repoRoot));
 * ```
 */
export function expectNoHomePaths(dir: string, options: ExpectNoHomePathsOptions = {}): ScanResult {
  const root = resolve(dir);
  const config = options.config === false ? undefined : options.config === undefined ? findConfig(root) : loadConfig(resolve(root, options.config));
  const fromConfig: PathsConfig = config?.paths ?? {};
  const baseline = typeof options.baseline === 'string' ? readBaseline(resolve(root, options.baseline)) : options.baseline;
  const result = scanPaths(['.'], {
    cwd: root,
    allowUsers: concat(fromConfig.allowUsers, options.allowUsers),
    allowPatterns: concat(fromConfig.allowPatterns, options.allowPatterns),
    extraForms: concat(fromConfig.extraForms, options.extraForms),
    ...combinedIgnore(root, config, options.ignore),
    maxFileBytes: options.maxFileBytes ?? fromConfig.maxFileBytes,
    baseline,
  });
  if (result.findings.length === 0) return result;
  const lines = result.findings.map((f) => `  ${f.file}:${f.line}:${f.column}  ${f.message}`);
  const message = [
    `expected no hard-coded home-directory paths in ${dir}, found ${summaryLine(result)}:`,
    ...lines,
    'Use os.homedir() or a relative path; for a deliberate one, add a "leakguard-ignore-next-line no-home-path" comment above it or an "ignore" entry in leakguard.config.json.',
  ].join('\n');
  throw new HomePathAssertionError(message, result.findings, result);
}

/**
 * The config's `ignore` patterns, relative to the config file's directory (as the CLI reads
 * them), and the options', relative to `root`, as one list with one base. When the two
 * directories differ and both lists are given, the base is the directory holding both and
 * each pattern is rewritten as a nested .gitignore's would be.
 */
function combinedIgnore(root: string, config: LeakguardConfig | undefined, own: readonly string[] | undefined): Pick<ScanOptions, 'ignore' | 'ignoreBase'> {
  const fromConfig = config?.paths.ignore;
  if (config === undefined || fromConfig === undefined) return { ignore: own, ignoreBase: root };
  const configDir = dirname(config.file);
  if (own === undefined) return { ignore: fromConfig, ignoreBase: configDir };
  if (configDir === root) return { ignore: [...fromConfig, ...own], ignoreBase: root };
  const base = commonDirectory([root, configDir]);
  return { ignore: [...rebaseAll(fromConfig, relativeName(base, configDir)), ...rebaseAll(own, relativeName(base, root))], ignoreBase: base };
}

function rebaseAll(patterns: readonly string[], dir: string): string[] {
  return patterns.map((pattern) => rebasePattern(pattern, dir)).filter((pattern) => pattern !== undefined);
}

function concat(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [...a, ...b];
}
