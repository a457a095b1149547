import { LeakguardError } from '@leakguard/core';

/** The breaker is open (or half-open with its trial calls taken): the call was not made. */
export class BreakerOpenError extends LeakguardError {
  readonly breaker: string;
  /** Milliseconds until the breaker lets a trial call through (0 when half-open and busy). */
  readonly retryAfterMs: number;

  constructor(breaker: string, state: 'open' | 'half_open', retryAfterMs: number) {
    super(
      'LEAKGUARD_BREAKER_OPEN',
      state === 'open'
        ? `breaker ${JSON.stringify(breaker)} is open; calls are refused for another ${retryAfterMs} ms, then one trial call is let through`
        : `breaker ${JSON.stringify(breaker)} is half-open and its trial calls are in flight; retry shortly`,
    );
    this.breaker = breaker;
    this.retryAfterMs = retryAfterMs;
  }
}

/** A call ran past the breaker's timeoutMs; it counts as a failure and its signal was aborted. */
export class BreakerTimeoutError extends LeakguardError {
  readonly breaker: string;
  readonly timeoutMs: number;

  constructor(breaker: string, timeoutMs: number) {
    super('LEAKGUARD_BREAKER_TIMEOUT', `breaker ${JSON.stringify(breaker)}: the call took longer than ${timeoutMs} ms (timeoutMs); its signal was aborted and it counts as a failure`);
    this.breaker = breaker;
    this.timeoutMs = timeoutMs;
  }
}

/** A registry at maxBreakers with no closed breaker to evict (open and half-open ones hold state). */
export class BreakerRegistryFullError extends LeakguardError {
  constructor(registry: string, maxBreakers: number, key: string) {
    super(
      'LEAKGUARD_BREAKER_REGISTRY_FULL',
      `breaker registry ${JSON.stringify(registry)} has ${maxBreakers} breakers (maxBreakers), all open or half-open, so none can be evicted; no breaker for ${JSON.stringify(key)}. Raise maxBreakers, or check that keys are bounded (hosts, not URLs)`,
    );
  }
}
