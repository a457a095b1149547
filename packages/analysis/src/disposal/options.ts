// The engine's options, checked once per options object: a front end passes the same object for
// every file of a run.
import type { DisposalOptions, ResourcePair } from './types.js';

/** DisposalOptions, checked and compiled. */
export interface CompiledDisposalOptions {
  /** User pairs by acquiring name. */
  readonly pairs: ReadonlyMap<string, readonly CompiledPair[]>;
  readonly loggers: ReadonlySet<string>;
  readonly childProcesses: boolean;
}

export interface CompiledPair {
  readonly release: readonly string[];
  readonly type?: string;
}

const KEYS = new Set(['resources', 'loggers', 'childProcesses']);
const PAIR_KEYS = new Set(['acquire', 'release', 'type']);
const cache = new WeakMap<DisposalOptions, CompiledDisposalOptions>();
const DEFAULTS: CompiledDisposalOptions = { pairs: new Map(), loggers: new Set(), childProcesses: false };

/**
 * Checks disposal options (the ESLint rule's options object, the config file's `disposal`
 * section). Returns undefined when they are valid, else one sentence naming the bad key or value
 * and what is expected.
 */
export function validateDisposalOptions(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `disposal options must be an object such as { resources: [{ acquire: "createQueryRunner", release: "release" }] }, got ${describe(value)}.`;
  }
  const options = value as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) return `disposal options: unknown key "${key}"; expected resources, loggers or childProcesses.`;
  }
  const { resources, loggers, childProcesses } = options;
  if (childProcesses !== undefined && typeof childProcesses !== 'boolean') {
    return `disposal options: childProcesses must be true or false, got ${describe(childProcesses)}.`;
  }
  if (loggers !== undefined) {
    if (!Array.isArray(loggers)) return `disposal options: loggers must be an array of function names such as ["audit"], got ${describe(loggers)}.`;
    const bad = loggers.findIndex((l: unknown) => typeof l !== 'string' || l.trim() === '');
    if (bad !== -1) return `disposal options: loggers[${bad}] must be a non-empty function name, got ${describe(loggers[bad])}.`;
  }
  if (resources !== undefined) {
    if (!Array.isArray(resources)) {
      return `disposal options: resources must be an array of { acquire, release, type? } objects, got ${describe(resources)}.`;
    }
    for (let i = 0; i < resources.length; i++) {
      const problem = pairProblem(resources[i], `resources[${i}]`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

function pairProblem(pair: unknown, where: string): string | undefined {
  if (typeof pair !== 'object' || pair === null || Array.isArray(pair)) {
    return `disposal options: ${where} must be an object such as { acquire: "createQueryRunner", release: "release" }, got ${describe(pair)}.`;
  }
  const record = pair as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!PAIR_KEYS.has(key)) return `disposal options: ${where} has unknown key "${key}"; expected acquire, release and optionally type.`;
  }
  if (!isName(record.acquire)) return `disposal options: ${where}.acquire must be a non-empty method or function name, got ${describe(record.acquire)}.`;
  const release = record.release;
  if (Array.isArray(release)) {
    if (release.length === 0) return `disposal options: ${where}.release must name at least one method, got an empty array.`;
    const bad = release.findIndex((r: unknown) => !isName(r));
    if (bad !== -1) return `disposal options: ${where}.release[${bad}] must be a non-empty method name, got ${describe(release[bad])}.`;
  } else if (!isName(release)) {
    return `disposal options: ${where}.release must be a method name or an array of method names, got ${describe(release)}.`;
  }
  if (record.type !== undefined && !isName(record.type)) {
    return `disposal options: ${where}.type must be a non-empty type name, got ${describe(record.type)}.`;
  }
  return undefined;
}

/** Checks and compiles `options` once per object. Throws an Error with validateDisposalOptions' sentence when they are invalid. */
export function compileDisposalOptions(options: DisposalOptions | undefined): CompiledDisposalOptions {
  if (options === undefined) return DEFAULTS;
  const cached = cache.get(options);
  if (cached !== undefined) return cached;
  const problem = validateDisposalOptions(options);
  if (problem !== undefined) throw new Error(problem);
  const pairs = new Map<string, CompiledPair[]>();
  for (const pair of options.resources ?? ([] as readonly ResourcePair[])) {
    const release = typeof pair.release === 'string' ? [pair.release] : [...pair.release];
    const list = pairs.get(pair.acquire) ?? [];
    list.push(pair.type === undefined ? { release } : { release, type: pair.type });
    pairs.set(pair.acquire, list);
  }
  const compiled: CompiledDisposalOptions = { pairs, loggers: new Set(options.loggers ?? []), childProcesses: options.childProcesses === true };
  cache.set(options, compiled);
  return compiled;
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
