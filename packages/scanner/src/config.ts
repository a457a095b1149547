// leakguard.config.json: read, validated key by key, and merged with command-line options by
// the front ends. JSON has no comments, so any key starting with "//" is accepted and ignored,
// the convention npm uses in package.json.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DisposalOptions, HomePathOptions } from '@leakguard/analysis';
import { validateDisposalOptions } from '@leakguard/analysis';
import { ConfigError } from './errors.js';
import { displayPath, readJsonFile } from './jsonFile.js';

/** The file name looked for in the current directory (the CLI) or the scanned directory (`expectNoHomePaths`). */
export const CONFIG_FILE_NAME = 'leakguard.config.json';

/** The `paths` section: options of the home-directory path audit. */
export interface PathsConfig extends HomePathOptions {
  /** Files and directories not to scan, in .gitignore syntax, relative to the config file's directory. Default none. */
  readonly ignore?: readonly string[];
  /** Files larger than this many bytes are skipped and reported as `too-large`. Default 2 MiB (2097152). */
  readonly maxFileBytes?: number;
}

/**
 * The `disposal` section: options of the disposal audit. `resources`, `loggers` (and the
 * engine's other options) are checked by `validateDisposalOptions` of `@leakguard/analysis`,
 * the same check as the ESLint rule's options.
 */
export interface DisposalConfig extends DisposalOptions {
  /** Files and directories not to analyse, in .gitignore syntax, relative to the config file's directory. Default none. */
  readonly ignore?: readonly string[];
}

/** A config file, read and validated. */
export interface LeakguardConfig {
  /** Absolute path of the file. */
  readonly file: string;
  /** Its `paths` section; `{}` when absent. */
  readonly paths: PathsConfig;
  /** Its `disposal` section; `{}` when absent. */
  readonly disposal: DisposalConfig;
}

const TOP_LEVEL_KEYS = ['paths', 'disposal'] as const;
const PATHS_KEYS = ['allowUsers', 'allowPatterns', 'extraForms', 'ignore', 'maxFileBytes'] as const;

/**
 * Reads and validates the config file at `file`. Throws `ConfigError` naming the file (and the
 * key, or the line and column of a JSON syntax error); `name` is how messages name it, by
 * default the path relative to the current directory.
 */
export function loadConfig(file: string, name: string = displayPath(resolve(file))): LeakguardConfig {
  const absolute = resolve(file);
  const json = readJsonFile(absolute, name, ConfigError);
  const fail = (message: string): never => {
    throw new ConfigError(`${name}: ${message}`, { file: absolute });
  };
  if (!isPlainObject(json)) return fail(`expected an object at the top level, got ${describeType(json)}`);
  checkKeys(json, TOP_LEVEL_KEYS, '', fail);
  return { file: absolute, paths: pathsSection(json['paths'], fail), disposal: disposalSection(json['disposal'], fail) };
}

function pathsSection(paths: unknown, fail: (message: string) => never): PathsConfig {
  if (paths === undefined) return {};
  if (!isPlainObject(paths)) return fail(`"paths" must be an object, got ${describeType(paths)}`);
  checkKeys(paths, PATHS_KEYS, 'paths.', fail);
  const problem = checkPathsOptions(paths, 'paths.');
  if (problem !== undefined) fail(problem);
  return paths as PathsConfig;
}

function disposalSection(disposal: unknown, fail: (message: string) => never): DisposalConfig {
  if (disposal === undefined) return {};
  if (!isPlainObject(disposal)) return fail(`"disposal" must be an object, got ${describeType(disposal)}`);
  // The section is handed to the engine, which knows nothing of comment keys: they go here.
  const options = withoutDisposalComments(disposal);
  const problem = checkDisposalOptions(options, 'disposal.');
  if (problem !== undefined) fail(problem);
  return options as DisposalConfig;
}

/**
 * What is wrong with disposal options (the config's `disposal` section, or options from code),
 * as one sentence naming the key with `prefix`; undefined when they are fine. `ignore` is the
 * scanner's, the rest the engine's (`validateDisposalOptions`); `//` comment keys are skipped,
 * in the options and in each `resources` pair.
 */
export function checkDisposalOptions(options: Readonly<Record<string, unknown>>, prefix = ''): string | undefined {
  const ignoreProblem = checkPathsOptions({ ignore: options['ignore'] }, prefix);
  if (ignoreProblem !== undefined) return ignoreProblem;
  const { ignore: _ignore, ...engine } = withoutDisposalComments(options);
  const problem = validateDisposalOptions(engine);
  if (problem === undefined) return undefined;
  // The engine words its own keys; `ignore` is the scanner's, so a typo is told about it too.
  const sentence = problem.replace(/^disposal options: /u, '').replace(/\.$/u, '');
  const hint = sentence.startsWith('unknown key') ? ', or "ignore" (files not to analyse)' : '';
  return prefix === '' ? `${sentence}${hint}` : `in "${prefix.slice(0, -1)}": ${sentence}${hint}`;
}

/**
 * Disposal options without `//` comment keys, at the top level and in each `resources` pair that
 * is an object (anything else is left for the check to name). The engine rejects unknown keys,
 * so options that may hold comments are passed through this first.
 */
export function withoutDisposalComments<T extends Readonly<Record<string, unknown>>>(options: T): T {
  const resources = options['resources'];
  const stripped = withoutCommentKeys(options);
  return (Array.isArray(resources) ? { ...stripped, resources: resources.map((pair: unknown) => (isPlainObject(pair) ? withoutCommentKeys(pair) : pair)) } : stripped) as T;
}

function withoutCommentKeys(object: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !key.startsWith('//')));
}

/** The config in `dir` (`leakguard.config.json`), or undefined when there is none. */
export function findConfig(dir: string): LeakguardConfig | undefined {
  const file = join(resolve(dir), CONFIG_FILE_NAME);
  return existsSync(file) ? loadConfig(file) : undefined;
}

/**
 * What is wrong with paths options (from a file or from code), as one sentence naming the key
 * with `prefix`; undefined when they are fine. Regular expressions are compiled here, so a bad
 * one is reported once rather than failing on every file.
 */
export function checkPathsOptions(options: Readonly<Record<string, unknown>>, prefix = ''): string | undefined {
  for (const key of ['allowUsers', 'allowPatterns', 'extraForms', 'ignore'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) return `"${prefix}${key}" must be an array of strings, got ${describeType(value)}`;
    for (const [index, item] of value.entries()) {
      const at = `"${prefix}${key}[${index}]"`;
      if (typeof item !== 'string') return `${at} must be a string, got ${describeType(item)}`;
      if (key === 'allowPatterns' || key === 'extraForms') {
        let regexp: RegExp;
        try {
          regexp = new RegExp(item, 'u');
        } catch (error) {
          return `${at} is not a valid regular expression (JavaScript syntax, u flag): ${(error as Error).message}`;
        }
        if (key === 'extraForms' && !/\(\?<user>/u.test(regexp.source)) return `${at} needs a named group "user" for the user name, e.g. "/var/users/(?<user>[\\\\w.-]+)"`;
      }
    }
  }
  const max = options['maxFileBytes'];
  if (max !== undefined && !(typeof max === 'number' && Number.isSafeInteger(max) && max > 0)) {
    return `"${prefix}maxFileBytes" must be a positive whole number of bytes, got ${typeof max === 'number' ? String(max) : describeType(max)}`;
  }
  return undefined;
}

function checkKeys(object: Record<string, unknown>, known: readonly string[], prefix: string, fail: (message: string) => never): void {
  for (const key of Object.keys(object)) {
    if (key.startsWith('//') || known.includes(key)) continue;
    fail(`unknown key "${prefix}${key}" (expected ${known.map((k) => `"${prefix}${k}"`).join(', ')}, or a "//" comment key)`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
