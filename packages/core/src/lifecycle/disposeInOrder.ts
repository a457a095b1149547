import type { Logger } from '../logger.js';
import { withDeadline } from './deadline.js';
import type { DisposeContext } from './ResourceRegistry.js';
import { DisposeError, DisposeTimeoutError } from './ResourceRegistry.js';

/** One thing to dispose, named for errors. `dispose` is called at most once by disposeInOrder. */
export interface DisposeTarget {
  readonly name: string;
  /** `pool`, `scoped`, `per-worker`, ...: the first word of error messages. */
  readonly kind: string;
  /** Told about a failure that comes after the deadline; default: the logger given to disposeInOrder. */
  readonly logger?: Logger;
  dispose(context: DisposeContext): Promise<void>;
}

/** A target that failed to dispose or missed the deadline, and the error naming it. */
export interface DisposeFailure<T extends DisposeTarget = DisposeTarget> {
  readonly target: T;
  readonly error: DisposeError | DisposeTimeoutError;
}

/**
 * Disposes `targets` one at a time in the order given (callers pass newest first) and never
 * waits past `timeoutMs`. When the deadline passes, the target still disposing is reported
 * as timed out and the ones not reached are started together and given one turn of the event
 * loop — so synchronous disposers still run — then reported as timed out if unfinished.
 * A disposal that fails after it was reported as timed out goes to `logger`, since no caller
 * is left to catch it. Returns the failures; never rejects.
 */
export async function disposeInOrder<T extends DisposeTarget>(targets: readonly T[], timeoutMs: number, logger: Logger): Promise<DisposeFailure<T>[]> {
  const deadline = performance.now() + timeoutMs;
  const failures: DisposeFailure<T>[] = [];
  const timedOut = (target: T, disposal: Promise<void>): void => {
    failures.push({ target, error: new DisposeTimeoutError(target.name, target.kind, timeoutMs) });
    disposal.catch((error: unknown) => reportLate(target.logger ?? logger, target, error));
  };

  let next = 0;
  while (next < targets.length) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    const target = targets[next++] as T;
    const disposal = start(target, remaining);
    try {
      const outcome = await withDeadline(disposal, remaining);
      if (outcome.timedOut) {
        timedOut(target, disposal);
        break;
      }
    } catch (error) {
      failures.push({ target, error: new DisposeError(target.name, target.kind, error) });
    }
  }

  const rest = targets.slice(next).map((target) => {
    const state: { target: T; disposal: Promise<void>; settled: boolean; error?: unknown } = { target, disposal: start(target, 0), settled: false };
    state.disposal.then(
      () => {
        state.settled = true;
      },
      (error: unknown) => {
        state.settled = true;
        state.error = error ?? new Error('rejected without a reason');
      },
    );
    return state;
  });
  if (rest.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  for (const state of rest) {
    if (!state.settled) timedOut(state.target, state.disposal);
    else if ('error' in state) failures.push({ target: state.target, error: new DisposeError(state.target.name, state.target.kind, state.error) });
  }
  return failures;
}

/** Calls the disposer; a synchronous throw becomes a rejection. */
function start(target: DisposeTarget, remainingMs: number): Promise<void> {
  try {
    return target.dispose({ timeoutMs: Math.max(0, Math.floor(remainingMs)) });
  } catch (error) {
    return Promise.reject(error);
  }
}

function reportLate(logger: Logger, target: DisposeTarget, error: unknown): void {
  logger.error(`${target.kind} ${JSON.stringify(target.name)} failed to dispose after its deadline had passed: ${error instanceof Error ? error.message : String(error)}`, { error });
}
