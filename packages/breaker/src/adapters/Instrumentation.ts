import type { MetricsOption } from '@leakguard/core';
import { InvalidOptionError, claimName, releaseName, stderrLogger } from '@leakguard/core';
import { BreakerMetrics } from '../BreakerMetrics.js';
import type { BreakerState, CallOutcome } from '../BreakerMetrics.js';

/**
 * What instrumentOpossum and instrumentCockatiel return: the breaker's leakguard.breaker.*
 * metrics are reported until `close()`, which removes every listener and method wrapper the
 * instrument added (the breaker's methods are its own again) and stops reporting the state;
 * the counters keep their totals. `close()` is idempotent and never touches the breaker itself.
 */
export interface BreakerInstrumentation extends Disposable {
  /** The name the breaker is reported under (`leakguard.breaker.name`). */
  readonly name: string;
  /** True once `close()` ran (or, for opossum, once the breaker was shut down). */
  readonly closed: boolean;
  close(): void;
}

/** Breakers being instrumented now, with the name they were instrumented under. */
const instrumented = new WeakMap<object, string>();

/**
 * The plumbing both instruments share: the claimed name, the BreakerMetrics, the last state
 * seen (transitions are counted from it, whatever event reported the change), and an undo
 * list run by `close()`. Not exported from the package: users get a BreakerInstrumentation.
 */
export class Instrumentation implements BreakerInstrumentation {
  readonly name: string;
  readonly #where: string;
  readonly #breaker: object;
  readonly #metrics: BreakerMetrics;
  readonly #undo: (() => void)[] = [];
  #last: BreakerState;
  #closed = false;

  constructor(where: string, breaker: object, name: string, meter: MetricsOption | undefined, read: () => BreakerState) {
    const other = instrumented.get(breaker);
    if (other !== undefined) {
      throw new InvalidOptionError(`${where}: this breaker is already instrumented as ${JSON.stringify(other)}; close() that instrumentation before instrumenting the breaker again`);
    }
    this.#where = where;
    this.#breaker = breaker;
    this.name = name;
    // The same namespace as createBreaker's: two breakers under one name would mix their series.
    claimName('breaker', name, this);
    try {
      this.#metrics = new BreakerMetrics(name, meter, read);
      this.#last = read();
    } catch (error) {
      releaseName('breaker', name, this);
      throw error;
    }
    instrumented.set(breaker, name);
  }

  /** Runs the instrument's set-up (listeners, wrappers); if it throws, undoes what it did and rethrows. */
  install(setUp: (inst: this) => void): this {
    try {
      setUp(this);
    } catch (error) {
      this.close();
      throw error;
    }
    return this;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Counts one call outcome. */
  call(outcome: CallOutcome): void {
    this.#guard(`a ${outcome} call`, () => this.#metrics.call(outcome));
  }

  /** The breaker is now in `to`: counts a transition from the last state seen, unless it is the same. */
  moved(to: BreakerState): void {
    this.#guard('a transition', () => {
      const from = this.#last;
      if (from === to) return;
      this.#last = to;
      this.#metrics.transition(from, to);
    });
  }

  /**
   * Replaces method `key` of `target` with `make(original)` until close, then puts back what
   * was there (deleting the own property when the original came from the prototype). If
   * something else replaced it after us, ours stays (taking it out would drop theirs) and only
   * passes calls through. Arguments, `this`, results and errors are the caller's and the original's.
   */
  wrap<T extends object>(target: T, key: PropertyKey, make: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown): void {
    const t = target as Record<PropertyKey, unknown>;
    const original = t[key];
    if (typeof original !== 'function') {
      throw new InvalidOptionError(`${this.#where}: the breaker has no ${String(key)}() method to instrument; is it the breaker this instrument is for?`);
    }
    const own = Object.prototype.hasOwnProperty.call(t, key);
    const instrumentedMethod = make(original as (...args: unknown[]) => unknown);
    const closed = (): boolean => this.#closed;
    // A plain function, so `this` is whatever the caller used, as with the original.
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      return closed() ? (original as (...a: unknown[]) => unknown).apply(this, args) : instrumentedMethod.apply(this, args);
    };
    t[key] = wrapper;
    this.#undo.push(() => {
      if (t[key] !== wrapper) return;
      if (own) t[key] = original;
      else delete t[key];
    });
  }

  /** Runs `fn` at close: removes a listener the instrument added. */
  onClose(fn: () => void): void {
    this.#undo.push(fn);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const undo of this.#undo.splice(0).reverse()) {
      try {
        undo();
      } catch (error) {
        stderrLogger.warn(`${this.#where} (breaker ${JSON.stringify(this.name)}): removing instrumentation failed: ${message(error)}`);
      }
    }
    this.#metrics.close();
    instrumented.delete(this.#breaker);
    releaseName('breaker', this.name, this);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** Metrics never change what the breaker does: a throw while recording is logged, not passed on. */
  #guard(what: string, fn: () => void): void {
    if (this.#closed) return;
    try {
      fn();
    } catch (error) {
      stderrLogger.warn(`${this.#where} (breaker ${JSON.stringify(this.name)}): recording ${what} failed; the breaker is unaffected: ${message(error)}`);
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
