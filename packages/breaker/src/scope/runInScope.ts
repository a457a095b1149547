import type { Logger } from '@leakguard/core';
import { stderrLogger } from '@leakguard/core';
import { ScopeDisposeError } from './errors.js';
import type { Scope, ScopeOptions } from './Scope.js';
import { createScope } from './Scope.js';

/**
 * Runs `fn` in a new scope and disposes what was created in it when `fn` settles — on success
 * and on error — newest first, within `timeoutMs` (default 10 000; see ScopeOptions).
 *
 * - `fn` succeeded, disposal clean: resolves with `fn`'s result.
 * - `fn` succeeded, disposal failed: rejects with ScopeDisposeError (an AggregateError).
 * - `fn` threw: rejects with that same error, never a wrapper, so `catch` blocks keep working.
 *   A disposal failure is attached to it as `error.suppressed` (a ScopeDisposeError), like a
 *   suppressed exception in Java's try-with-resources; nested scopes that all fail are combined
 *   into one. A thrown non-object (or a frozen error) cannot carry it: it goes to `logger`.
 *
 * Settles within `timeoutMs` (plus a turn of the event loop) after `fn` settles.
 */
export async function runInScope<R>(fn: (scope: Scope) => R | PromiseLike<R>, options: ScopeOptions = {}): Promise<Awaited<R>> {
  const scope = createScope(options);
  let result: Awaited<R>;
  try {
    result = await scope.run(fn);
  } catch (error) {
    try {
      await scope.close();
    } catch (disposeError) {
      attachSuppressed(error, disposeError as ScopeDisposeError, options.logger, scope.name);
    }
    throw error;
  }
  await scope.close();
  return result;
}

/**
 * Sets `error.suppressed` to the disposal failure, or combines it with one an inner scope set.
 * Leaves any other `suppressed` (a SuppressedError's, say) alone and logs instead.
 */
function attachSuppressed(error: unknown, disposeError: ScopeDisposeError, logger: Logger | undefined, scope: string): void {
  if (error !== null && (typeof error === 'object' || typeof error === 'function')) {
    const existing = Object.getOwnPropertyDescriptor(error, 'suppressed');
    const current: unknown = existing?.value;
    const value = existing === undefined ? disposeError : current instanceof ScopeDisposeError ? ScopeDisposeError.combine(current, disposeError) : undefined;
    if (value !== undefined) {
      try {
        // Enumerable, so it shows when the error is logged or inspected.
        Object.defineProperty(error, 'suppressed', { value, enumerable: true, writable: true, configurable: true });
        return;
      } catch {
        // Frozen or non-extensible: fall through to the logger.
      }
    }
  }
  (logger ?? stderrLogger).error(`scope ${JSON.stringify(scope)}: its function threw ${describeThrown(error)}, and disposal failed too (not attached to it): ${disposeError.message}`, {
    error: disposeError,
  });
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? JSON.stringify(error) : String(error);
}
