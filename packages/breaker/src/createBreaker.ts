import type { MetricsOption } from '@leakguard/core';
import { InvalidOptionError, assertInteger, assertName, claimName, describeValue as describe, releaseName } from '@leakguard/core';
import type { BreakerState } from './BreakerMetrics.js';
import { BreakerMetrics } from './BreakerMetrics.js';
import { BreakerOpenError, BreakerTimeoutError } from './errors.js';

/** Open after `consecutive` failures in a row, or when the failure rate over a sliding window passes `errorRate`. */
export type BreakerPolicy =
  | { readonly consecutive: number }
  | {
      /** Failure fraction (0 < x <= 1) that opens the breaker. */
      readonly errorRate: number;
      /** Calls needed in the window before the rate counts. Default 10. */
      readonly minCalls?: number;
      /** Length of the sliding window (ten buckets). Default 10 000. */
      readonly windowMs?: number;
    };

export interface BreakerOptions {
  /** Names the breaker in errors and the `leakguard.breaker.name` attribute. Required. */
  readonly name: string;
  readonly policy: BreakerPolicy;
  /** How long the breaker stays open before letting trial calls through. Default 30 000. */
  readonly resetTimeoutMs?: number;
  /** Trial calls allowed at once while half-open. Default 1. */
  readonly halfOpenMaxCalls?: number;
  /** A call running longer fails with BreakerTimeoutError (its signal is aborted). Default: none. */
  readonly timeoutMs?: number;
  /** Which errors count against the circuit; others pass through as successes would (e.g. a 404). Default: every error. */
  readonly isFailure?: (error: unknown) => boolean;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** The clock, in milliseconds. Default `Date.now`; tests pass their own. */
  readonly clock?: () => number;
}

/** What a call receives. */
export interface CallContext {
  /** Aborted when the breaker's timeoutMs passes, or the call's own signal aborts. */
  readonly signal: AbortSignal;
}

export interface BreakerStats {
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  /** Calls and failures in the sliding window (errorRate policy; 0 otherwise). */
  readonly windowCalls: number;
  readonly windowFailures: number;
  /** Milliseconds until an open breaker lets a trial through (0 unless open). */
  readonly retryAfterMs: number;
}

export interface Breaker extends Disposable {
  readonly name: string;
  /** Computed when read: an open breaker past resetTimeoutMs reads (and becomes) half-open. */
  readonly state: BreakerState;
  /**
   * Runs `fn` unless the breaker is open: rejects at once with BreakerOpenError then. A success
   * closes a half-open breaker and resets the failure count; a failure counts toward the policy.
   */
  run<T>(fn: (context: CallContext) => T | PromiseLike<T>, options?: { signal?: AbortSignal }): Promise<T>;
  stats(): BreakerStats;
  /** Stops reporting the state metric (and, for a standalone breaker, frees its name). Idempotent. */
  close(): void;
}

const BUCKETS = 10;

/** The options a breaker ends up with, after defaults (compared by registries). */
export interface ResolvedBreakerOptions {
  readonly policy: { readonly kind: 'consecutive'; readonly consecutive: number } | { readonly kind: 'errorRate'; readonly errorRate: number; readonly minCalls: number; readonly windowMs: number };
  readonly resetTimeoutMs: number;
  readonly halfOpenMaxCalls: number;
  readonly timeoutMs: number | undefined;
  readonly isFailure: ((error: unknown) => boolean) | undefined;
}

export function resolveBreakerOptions(where: string, options: Omit<BreakerOptions, 'name'>): ResolvedBreakerOptions {
  const p = options.policy as Partial<{ consecutive: number; errorRate: number; minCalls: number; windowMs: number }> | undefined;
  if (p === null || typeof p !== 'object') {
    throw new InvalidOptionError(`${where}: policy is required: { consecutive: n } or { errorRate: 0.5, minCalls: 10, windowMs: 10_000 }`);
  }
  let policy: ResolvedBreakerOptions['policy'];
  if ('consecutive' in p) {
    policy = { kind: 'consecutive', consecutive: assertInteger(where, 'policy.consecutive', p.consecutive, 1) };
  } else if ('errorRate' in p) {
    const rate = p.errorRate;
    if (typeof rate !== 'number' || !(rate > 0 && rate <= 1)) throw new InvalidOptionError(`${where}: policy.errorRate must be a number above 0 and at most 1, got ${describe(rate)}`);
    policy = {
      kind: 'errorRate',
      errorRate: rate,
      minCalls: assertInteger(where, 'policy.minCalls', p.minCalls ?? 10, 1),
      windowMs: assertInteger(where, 'policy.windowMs', p.windowMs ?? 10_000, BUCKETS, 2_147_483_647),
    };
  } else {
    throw new InvalidOptionError(`${where}: policy must be { consecutive: n } or { errorRate, minCalls?, windowMs? }, got ${JSON.stringify(p)}`);
  }
  if (options.isFailure !== undefined && typeof options.isFailure !== 'function') throw new InvalidOptionError(`${where}: isFailure must be a function (error) => boolean`);
  return {
    policy,
    resetTimeoutMs: assertInteger(where, 'resetTimeoutMs', options.resetTimeoutMs ?? 30_000, 1, 2_147_483_647),
    halfOpenMaxCalls: assertInteger(where, 'halfOpenMaxCalls', options.halfOpenMaxCalls ?? 1, 1),
    timeoutMs: options.timeoutMs === undefined ? undefined : assertInteger(where, 'timeoutMs', options.timeoutMs, 1, 2_147_483_647),
    isFailure: options.isFailure,
  };
}

/**
 * Creates a circuit breaker. Its state changes are computed from timestamps when it is used or
 * read — no timer per breaker — so thousands of idle breakers cost nothing but memory.
 */
export function createBreaker(options: BreakerOptions): Breaker {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('createBreaker: options are required ({ name, policy, ... })');
  const name = assertName('createBreaker', options.name);
  const resolved = resolveBreakerOptions(`createBreaker(${JSON.stringify(name)})`, options);
  return new BreakerImpl(name, resolved, options.meter, options.clock ?? Date.now, true);
}

class Context implements CallContext {
  controller: AbortController | undefined;

  // Created on first use: most calls never look at it, and an AbortController is not free.
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    (this.controller ??= new AbortController()).abort(reason);
  }
}

export class BreakerImpl implements Breaker {
  readonly name: string;
  readonly options: ResolvedBreakerOptions;
  readonly #metrics: BreakerMetrics;
  readonly #clock: () => number;
  readonly #ownsName: boolean;
  #state: BreakerState = 'closed';
  #openedAt = 0;
  #consecutive = 0;
  #trials = 0;
  #closed = false;
  // errorRate policy: ten buckets over windowMs, each tagged with the bucket number it holds.
  readonly #bucketMs: number;
  readonly #bucketId = new Float64Array(BUCKETS).fill(-1);
  readonly #calls = new Uint32Array(BUCKETS);
  readonly #failures = new Uint32Array(BUCKETS);

  constructor(name: string, options: ResolvedBreakerOptions, meter: MetricsOption | undefined, clock: () => number, ownsName: boolean) {
    this.name = name;
    this.options = options;
    this.#clock = clock;
    this.#ownsName = ownsName;
    this.#bucketMs = options.policy.kind === 'errorRate' ? options.policy.windowMs / BUCKETS : 1;
    if (ownsName) claimName('breaker', name, this);
    this.#metrics = new BreakerMetrics(name, meter, () => this.state);
  }

  get state(): BreakerState {
    if (this.#state === 'open' && this.#clock() >= this.#openedAt + this.options.resetTimeoutMs) this.#move('half_open');
    return this.#state;
  }

  run<T>(fn: (context: CallContext) => T | PromiseLike<T>, options?: { signal?: AbortSignal }): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    let trial = false;
    if (this.#state !== 'closed') {
      const state = this.state;
      if (state === 'open') {
        this.#metrics.call('rejected');
        return Promise.reject(new BreakerOpenError(this.name, 'open', Math.max(0, Math.ceil(this.#openedAt + this.options.resetTimeoutMs - this.#clock()))));
      }
      if (state === 'half_open') {
        if (this.#trials >= this.options.halfOpenMaxCalls) {
          this.#metrics.call('rejected');
          return Promise.reject(new BreakerOpenError(this.name, 'half_open', 0));
        }
        this.#trials++;
        trial = true;
      }
    }
    // Fast path: no timeout, no signal: settle straight from the call's own promise.
    if (this.options.timeoutMs === undefined && signal === undefined) {
      let result: T | PromiseLike<T>;
      try {
        result = fn(new Context());
      } catch (error) {
        return Promise.reject(this.#failed(error, trial, 'failure'));
      }
      if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<T>).then === 'function') {
        return Promise.resolve(result as PromiseLike<T>).then(
          (value) => {
            this.#succeeded(trial);
            return value;
          },
          (error: unknown) => {
            throw this.#failed(error, trial, 'failure');
          },
        );
      }
      this.#succeeded(trial);
      return Promise.resolve(result as T);
    }
    return this.#guarded(fn, signal, trial);
  }

  stats(): BreakerStats {
    const state = this.state;
    const { calls, failures } = this.#window(this.#clock());
    return {
      state,
      consecutiveFailures: this.#consecutive,
      windowCalls: calls,
      windowFailures: failures,
      retryAfterMs: state === 'open' ? Math.max(0, Math.ceil(this.#openedAt + this.options.resetTimeoutMs - this.#clock())) : 0,
    };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#metrics.close();
    if (this.#ownsName) releaseName('breaker', this.name, this);
  }

  /** For registries: close and forget the breaker's series. */
  evict(): void {
    this.close();
    this.#metrics.forget();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** The slow path: a timeout and/or the caller's signal around the call. */
  #guarded<T>(fn: (context: CallContext) => T | PromiseLike<T>, signal: AbortSignal | undefined, trial: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const ctx = new Context();
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (!finish()) return;
        // The caller gave up: not the dependency's fault, so neither a success nor a failure.
        if (trial) this.#trials--;
        ctx.abort(signal?.reason);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timeoutMs = this.options.timeoutMs;
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          if (!finish()) return;
          const error = new BreakerTimeoutError(this.name, timeoutMs);
          ctx.abort(error);
          reject(this.#failed(error, trial, 'timeout'));
        }, timeoutMs);
      }
      let result: T | PromiseLike<T>;
      try {
        result = fn(ctx);
      } catch (error) {
        if (finish()) reject(this.#failed(error, trial, 'failure'));
        return;
      }
      Promise.resolve(result).then(
        (value) => {
          if (!finish()) return;
          this.#succeeded(trial);
          resolve(value);
        },
        (error: unknown) => {
          if (!finish()) return;
          reject(this.#failed(error, trial, 'failure'));
        },
      );
    });
  }

  #succeeded(trial: boolean): void {
    this.#metrics.call('success');
    if (trial) {
      this.#trials--;
      if (this.#state === 'half_open') this.#move('closed');
      return;
    }
    if (this.#state !== 'closed') return;
    this.#consecutive = 0;
    if (this.options.policy.kind === 'errorRate') this.#count(this.#clock(), false);
  }

  /** Records a failure (if it counts) and returns the error to throw. */
  #failed(error: unknown, trial: boolean, outcome: 'failure' | 'timeout'): unknown {
    if (trial) this.#trials--;
    const counts = outcome === 'timeout' || (this.options.isFailure?.(error) ?? true);
    if (!counts) {
      // An error the dependency is not to blame for (isFailure false): the call went through.
      this.#succeeded(false);
      if (trial && this.#state === 'half_open') this.#move('closed');
      return error;
    }
    this.#metrics.call(outcome);
    if (trial) {
      if (this.#state === 'half_open') this.#open();
      return error;
    }
    if (this.#state !== 'closed') return error;
    const policy = this.options.policy;
    if (policy.kind === 'consecutive') {
      this.#consecutive++;
      if (this.#consecutive >= policy.consecutive) this.#open();
    } else {
      this.#consecutive++;
      const now = this.#clock();
      this.#count(now, true);
      const { calls, failures } = this.#window(now);
      if (calls >= policy.minCalls && failures / calls >= policy.errorRate) this.#open();
    }
    return error;
  }

  #open(): void {
    this.#openedAt = this.#clock();
    this.#move('open');
  }

  #move(to: BreakerState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    if (to === 'closed') this.#reset();
    if (to === 'half_open') this.#trials = 0;
    this.#metrics.transition(from, to);
  }

  #reset(): void {
    this.#consecutive = 0;
    this.#bucketId.fill(-1);
    this.#calls.fill(0);
    this.#failures.fill(0);
  }

  #count(now: number, failure: boolean): void {
    const id = Math.floor(now / this.#bucketMs);
    const slot = id % BUCKETS;
    if (this.#bucketId[slot] !== id) {
      this.#bucketId[slot] = id;
      this.#calls[slot] = 0;
      this.#failures[slot] = 0;
    }
    this.#calls[slot] = (this.#calls[slot] as number) + 1;
    if (failure) this.#failures[slot] = (this.#failures[slot] as number) + 1;
  }

  #window(now: number): { calls: number; failures: number } {
    if (this.options.policy.kind !== 'errorRate') return { calls: 0, failures: 0 };
    const current = Math.floor(now / this.#bucketMs);
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < BUCKETS; i++) {
      const id = this.#bucketId[i] as number;
      if (id > current - BUCKETS && id <= current) {
        calls += this.#calls[i] as number;
        failures += this.#failures[i] as number;
      }
    }
    return { calls, failures };
  }
}
