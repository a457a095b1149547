import type { DisposeError, DisposeTimeoutError } from '@leakguard/core';
import { LeakguardError } from '@leakguard/core';

/** `get()` of a scoped value was called with no scope in the async context. */
export class NoScopeError extends LeakguardError {
  readonly scoped: string;

  constructor(scoped: string) {
    super(
      'LEAKGUARD_NO_SCOPE',
      `scoped value ${JSON.stringify(scoped)} was asked for outside any scope; call it inside runInScope(fn) or scope.run(fn) (wrap the request or job handler), or use perWorker() for one instance per thread`,
    );
    this.scoped = scoped;
  }
}

/** The scope is closing or closed: it runs no more functions and creates no more instances. */
export class ScopeClosedError extends LeakguardError {
  readonly scope: string;

  constructor(scope: string, what: string) {
    super('LEAKGUARD_SCOPE_CLOSED', `scope ${JSON.stringify(scope)} has ended; ${what}`);
    this.scope = scope;
  }
}

/** A factory returned a value leakguard does not know how to dispose, and no `dispose` option was given. */
export class NotDisposableError extends LeakguardError {
  readonly resourceName: string;

  constructor(kind: string, name: string) {
    super(
      'LEAKGUARD_NOT_DISPOSABLE',
      `${kind} ${JSON.stringify(name)}: the factory returned a value with no [Symbol.asyncDispose], [Symbol.dispose] or close(), and no dispose option was given; pass { dispose: (value) => ... } saying how to release it (() => {} if it holds nothing)`,
    );
    this.resourceName = name;
  }
}

/** `get()` of a perWorker value whose instance in this thread was disposed. */
export class PerWorkerDisposedError extends LeakguardError {
  readonly resourceName: string;

  constructor(name: string) {
    super(
      'LEAKGUARD_PER_WORKER_DISPOSED',
      `per-worker value ${JSON.stringify(name)} was disposed in this thread (by dispose(), its registry or the thread ending); no new instance is created after that. Create a new perWorker() if the thread should go on using one`,
    );
    this.resourceName = name;
  }
}

/**
 * Instances created in a scope failed to dispose or missed the deadline. An AggregateError
 * (so `instanceof AggregateError` holds) whose `errors` are core `DisposeError` /
 * `DisposeTimeoutError`, each naming its instance; `code` is stable like a LeakguardError's.
 */
export class ScopeDisposeError extends AggregateError {
  readonly code = 'LEAKGUARD_SCOPE_DISPOSE_FAILED';
  /** The scope whose disposal failed: the outermost one when nested scopes' failures were combined. */
  readonly scope: string;
  /** Every scope whose failures are in `errors`, innermost first. */
  readonly scopes: readonly string[];
  /** Instances those scopes disposed, cleanly or not. */
  readonly instances: number;
  declare readonly errors: (DisposeError | DisposeTimeoutError)[];

  constructor(scopes: string | readonly string[], errors: readonly (DisposeError | DisposeTimeoutError)[], instances: number) {
    const names = typeof scopes === 'string' ? [scopes] : [...scopes];
    const which = names.length === 1 ? `scope ${JSON.stringify(names[0])}` : `scopes ${names.map((n) => JSON.stringify(n)).join(', ')}`;
    super(errors, `${which}: ${errors.length} of ${instances} instances did not dispose cleanly: ${errors.map((e) => e.message).join('; ')}`);
    this.name = 'ScopeDisposeError';
    this.scope = names[names.length - 1] ?? '';
    this.scopes = names;
    this.instances = instances;
  }

  /** One error holding the failures of `inner` and then of `outer` (a scope enclosing it). */
  static combine(inner: ScopeDisposeError, outer: ScopeDisposeError): ScopeDisposeError {
    return new ScopeDisposeError([...inner.scopes, ...outer.scopes], [...inner.errors, ...outer.errors], inner.instances + outer.instances);
  }
}
