import type { MetricsOption, PatchedMethod } from '@leakguard/core';
import { InvalidOptionError, Patches, claimName, releaseName, stderrLogger } from '@leakguard/core';
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
 * seen (transitions are counted from it, whatever event reported the change), and the
 * listeners and wrappers it added (core's Patches), taken back by `close()`. Not exported from the package: users get a BreakerInstrumentation.
 */
export class Instrumentation implements BreakerInstrumentation {
  readonly name: string;
  readonly #where: string;
  readonly #breaker: object;
  readonly #metrics: BreakerMetrics;
  readonly #patches: Patches;
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
    this.#patches = new Patches(where, `breaker ${JSON.stringify(name)}`, stderrLogger);
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

  /** Wraps method `key` of `target` with `make(original)` until close (see core's `Patches.wrap`). */
  wrap<T extends object>(target: T, key: PropertyKey, make: (original: PatchedMethod) => PatchedMethod): void {
    this.#patches.wrap(target, key, make, 'breaker');
  }

  /** Runs `fn` at close: removes a listener the instrument added. */
  onClose(fn: () => void): void {
    this.#patches.onUndo(fn);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#patches.undo();
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
