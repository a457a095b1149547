import { InvalidOptionError, assertName } from '@leakguard/core';
import type { DisposeFunction } from './disposer.js';
import { NoScopeError } from './errors.js';
import type { Scope, ScopedSpec } from './Scope.js';
import { innermostScope } from './Scope.js';

/** Options of `scoped`; all optional. */
export interface ScopedOptions<T> {
  /** Names the value in errors. 1-64 characters, a letter first. Default `scoped`. */
  readonly name?: string;
  /**
   * Releases an instance when its scope ends, instead of the instance's own
   * `[Symbol.asyncDispose]`, `[Symbol.dispose]` or `close()` (tried in that order). Required when
   * the instance has none of them; `() => {}` says it holds nothing. Default: none.
   */
  readonly dispose?: DisposeFunction<T>;
}

/** A value with one instance per scope: the Node analogue of a thread-local session. */
export interface Scoped<T> {
  readonly name: string;
  /**
   * The innermost scope's instance, created by the factory on first use in that scope;
   * concurrent first uses share one creation. Rejects with NoScopeError outside any scope,
   * ScopeClosedError once the scope is closing, NotDisposableError when the factory's value
   * cannot be released, or the factory's own error (not kept: the next `get()` tries again).
   */
  get(): Promise<T>;
  /** The innermost scope's instance if already created; never creates one. Undefined outside any scope. */
  peek(): T | undefined;
}

/**
 * Declares a value with one instance per scope (see createScope, runInScope). Declare it
 * once, at module level; call `get()` inside a scope. Each instance is disposed when its scope
 * ends, newest first. Nested scopes do not share: `get()` looks at the innermost scope only.
 * `factory` receives that scope and may be async. Options: see ScopedOptions (defaults: name
 * `scoped`, no dispose function).
 */
export function scoped<T>(factory: (scope: Scope) => T | PromiseLike<T>, options: ScopedOptions<T> = {}): Scoped<T> {
  if (typeof factory !== 'function') throw new InvalidOptionError('scoped: the first argument must be a factory function creating one instance');
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('scoped: options must be an object ({ name?, dispose? })');
  const name = assertName('scoped', options.name ?? 'scoped');
  if (options.dispose !== undefined && typeof options.dispose !== 'function') {
    throw new InvalidOptionError(`scoped(${JSON.stringify(name)}): dispose must be a function (instance, { timeoutMs }) => ...`);
  }
  const spec: ScopedSpec<T> = { name, factory, dispose: options.dispose };
  const handle: Scoped<T> = {
    name,
    get() {
      const scope = innermostScope();
      if (scope === undefined) return Promise.reject(new NoScopeError(name));
      return scope.instance(handle, spec);
    },
    peek() {
      return innermostScope()?.peek<T>(handle);
    },
  };
  return handle;
}
