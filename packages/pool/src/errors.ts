import { LeakguardError } from '@leakguard/core';

/** What a pool looked like when an error happened: the numbers a person needs to act. */
export interface PoolState {
  readonly size: number;
  readonly max: number;
  readonly used: number;
  readonly idle: number;
  readonly waiting: number;
}

export function describeState(s: PoolState): string {
  return `size ${s.size}/${s.max}, used ${s.used}, idle ${s.idle}, waiting ${s.waiting}`;
}

/**
 * An acquire waited `acquireTimeoutMs` without getting a resource. The message carries the
 * pool's state and the last create error; `cause` is that error.
 */
export class PoolTimeoutError extends LeakguardError {
  readonly pool: string;
  readonly timeoutMs: number;
  readonly state: PoolState;

  constructor(pool: string, timeoutMs: number, state: PoolState, lastCreateError: unknown) {
    const last = lastCreateError === undefined ? '' : `; last create error: ${lastCreateError instanceof Error ? lastCreateError.message : String(lastCreateError)}`;
    super('LEAKGUARD_POOL_TIMEOUT', `pool ${JSON.stringify(pool)}: acquire timed out after ${timeoutMs} ms (${describeState(state)})${last}`, lastCreateError === undefined ? undefined : { cause: lastCreateError });
    this.pool = pool;
    this.timeoutMs = timeoutMs;
    this.state = state;
  }
}

/** The pool is closed (or closing): acquire refused, or a waiter rejected by close(). */
export class PoolClosedError extends LeakguardError {
  readonly pool: string;

  constructor(pool: string, what: string) {
    super('LEAKGUARD_POOL_CLOSED', `pool ${JSON.stringify(pool)} is closed; ${what}`);
    this.pool = pool;
  }
}

/** maxWaiting acquires were already waiting: this one was refused at once. */
export class PoolFullError extends LeakguardError {
  readonly pool: string;
  readonly state: PoolState;

  constructor(pool: string, maxWaiting: number, state: PoolState) {
    super('LEAKGUARD_POOL_FULL', `pool ${JSON.stringify(pool)}: ${maxWaiting} acquires are already waiting (maxWaiting); refusing this one (${describeState(state)})`);
    this.pool = pool;
    this.state = state;
  }
}

/** create() did not settle within createTimeoutMs; its signal was aborted. */
export class CreateTimeoutError extends LeakguardError {
  constructor(pool: string, timeoutMs: number) {
    super('LEAKGUARD_POOL_CREATE_TIMEOUT', `pool ${JSON.stringify(pool)}: create() did not finish within createTimeoutMs (${timeoutMs} ms)`);
  }
}

/** release()/destroy() on a lease that was already returned, or that belongs to another pool. */
export class LeaseError extends LeakguardError {
  constructor(message: string) {
    super('LEAKGUARD_POOL_LEASE', message);
  }
}
