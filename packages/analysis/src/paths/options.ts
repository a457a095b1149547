// Options are checked and compiled once per options object: a scanner passes the same object for
// every file of a tree, an ESLint rule the same one for every file of a run.
import { DEFAULT_ALLOWED_USERS } from './excludedUsers.js';
import type { HomePathOptions } from './types.js';

/** HomePathOptions, checked and compiled. */
export interface CompiledHomePathOptions {
  /** DEFAULT_ALLOWED_USERS and allowUsers, lower-cased. */
  readonly allowedUsers: ReadonlySet<string>;
  readonly allowPatterns: readonly RegExp[];
  /** Global, sticky-free, with indices (`d`), so the `user` group's offsets are known. */
  readonly extraForms: readonly RegExp[];
}

const DEFAULTS: CompiledHomePathOptions = {
  allowedUsers: new Set(DEFAULT_ALLOWED_USERS),
  allowPatterns: [],
  extraForms: [],
};

const cache = new WeakMap<HomePathOptions, CompiledHomePathOptions>();

/**
 * Checks `options` and compiles them, once per options object (cached in a WeakMap, so an
 * object mutated after its first use keeps its first meaning). Throws an Error naming the
 * option, the bad value and what to write instead.
 */
export function compileHomePathOptions(options: HomePathOptions): CompiledHomePathOptions {
  const cached = cache.get(options);
  if (cached !== undefined) return cached;
  const compiled = compile(options);
  cache.set(options, compiled);
  return compiled;
}

/**
 * Checks `options` as findHomePaths, mayContainHomePath and scanSource would, so a front end can
 * fail on a bad configuration before it reads any file. Throws an Error whose message names the
 * option, the bad value and what to do (e.g. `allowPatterns[0] "(foo" is not a valid regular
 * expression ...`). Returns nothing when the options are fine.
 */
export function validateHomePathOptions(options: HomePathOptions): void {
  compileHomePathOptions(options);
}

function compile(options: HomePathOptions): CompiledHomePathOptions {
  if (typeof options !== 'object' || options === null) {
    throw new Error(`no-home-path: options must be an object such as { allowUsers: ["ci-bot"] }, got ${describe(options)}.`);
  }
  const allowUsers = stringList(options.allowUsers, 'allowUsers', 'a user name, e.g. "ci-bot"');
  const allowPatterns = stringList(options.allowPatterns, 'allowPatterns', 'a regular-expression source, e.g. "^/home/ci-[a-z]+/"');
  const extraForms = stringList(options.extraForms, 'extraForms', 'a regular-expression source with a named group user, e.g. "/var/users/(?<user>[\\\\w.-]+)"');
  if (allowUsers.length === 0 && allowPatterns.length === 0 && extraForms.length === 0) return DEFAULTS;

  allowUsers.forEach((user, i) => {
    if (user.trim() === '') throw new Error(`no-home-path: allowUsers[${i}] is an empty user name; remove it or write a name such as "ci-bot".`);
  });
  return {
    allowedUsers: new Set([...DEFAULT_ALLOWED_USERS, ...allowUsers.map((u) => u.toLowerCase())]),
    allowPatterns: allowPatterns.map((source, i) => regExp(source, 'u', `allowPatterns[${i}]`, 'e.g. "^/home/ci-[a-z]+/"')),
    extraForms: extraForms.map((source, i) => {
      const option = `extraForms[${i}]`;
      const form = regExp(source, 'dgu', option, 'with a named group user, e.g. "/var/users/(?<user>[\\\\w.-]+)"');
      if (!/\(\?<user>/u.test(source)) {
        throw new Error(`no-home-path: ${option} ${JSON.stringify(source)} has no named group "user"; wrap the user-name part in (?<user>...), e.g. "/var/users/(?<user>[\\\\w.-]+)".`);
      }
      if (form.test('')) {
        throw new Error(`no-home-path: ${option} ${JSON.stringify(source)} matches the empty string, so it would report every position; make it require at least the folder before the name.`);
      }
      return form;
    }),
  };
}

function stringList(value: unknown, option: string, example: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`no-home-path: ${option} must be an array of strings (each ${example}), got ${describe(value)}.`);
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string') throw new Error(`no-home-path: ${option}[${i}] must be a string (${example}), got ${describe(item)}.`);
  });
  return value as readonly string[];
}

function regExp(source: string, flags: string, option: string, example: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `no-home-path: ${option} ${JSON.stringify(source)} is not a valid regular expression (${reason}); write a JavaScript regular-expression source as for new RegExp(source, "u"), ${example}, and escape backslashes in JSON.`,
      { cause: error },
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
