import type { Logger } from '@leakguard/core';
import { InvalidOptionError, assertInteger, assertName, claimName, releaseName, stderrLogger } from '@leakguard/core';
import { LeakDetector } from '../LeakDetector.js';
import type { LeakWatch } from '../LeakDetector.js';
import { PoolMetrics } from '../PoolMetrics.js';
import type { PoolLevels } from '../PoolMetrics.js';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';

/** A function as the adapters see the methods they wrap. */
export type Method = (this: unknown, ...args: unknown[]) => unknown;

/** An event source with Node's EventEmitter shape (tarn's Pool has it too). */
interface Listenable {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

interface Lent {
  readonly at: number;
  readonly watch: LeakWatch;
}

/** Pools being instrumented now, with the name they were instrumented under. */
const instrumented = new WeakMap<object, string>();

/** Seconds since `start` (a `performance.now()` reading): histograms are in seconds. */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/**
 * The plumbing every adapter shares: validated options, the pool's PoolMetrics and
 * LeakDetector, the leases out now (for use_time and leak detection), and an undo list of
 * the wrappers and listeners it added, run by `close()`. Not exported from the package: users
 * get it as a PoolInstrumentation.
 */
export class Instrumentation implements PoolInstrumentation {
  readonly name: string;
  readonly metrics: PoolMetrics;
  readonly logger: Logger;
  readonly #where: string;
  readonly #pool: object;
  readonly #leaks: LeakDetector;
  // A Map, not a WeakMap: generic-pool and tarn resources may be primitives. A lease leaves it
  // when it comes back or when the pool drops it, and close() empties it.
  readonly #lent = new Map<unknown, Lent>();
  readonly #undo: (() => void)[] = [];
  #closed = false;

  constructor(where: string, pool: object, options: AdapterOptions, read: () => PoolLevels) {
    if (options === null || typeof options !== 'object') {
      throw new InvalidOptionError(`${where}: options must be an object with at least { name }, got ${options === null ? 'null' : typeof options}`);
    }
    this.#where = where;
    this.#pool = pool;
    this.name = assertName(where, options.name);
    const thresholdMs = assertInteger(where, 'leakDetectionThresholdMs', options.leakDetectionThresholdMs ?? 0, 0, 2_147_483_647);
    const other = instrumented.get(pool);
    if (other !== undefined) {
      throw new InvalidOptionError(
        `${where}: this pool is already instrumented as ${JSON.stringify(other)}; close() that instrumentation before instrumenting the pool again`,
      );
    }
    this.logger = options.logger ?? stderrLogger;
    // Claimed before anything is registered, so a duplicate name leaves nothing behind.
    claimName('pool', this.name, this);
    try {
      this.metrics = new PoolMetrics(this.name, options.meter, read);
    } catch (error) {
      releaseName('pool', this.name, this);
      throw error;
    }
    this.#leaks = new LeakDetector({ pool: this.name, thresholdMs, logger: this.logger, counter: this.metrics.leaks });
    instrumented.set(pool, this.name);
  }

  /** Runs the adapter's set-up (wrappers, listeners); if it throws, undoes what it did and rethrows. */
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

  /** The acquire site, to capture synchronously inside the acquire call (undefined when leak detection is off). */
  site(): Error | undefined {
    return this.#closed ? undefined : this.#leaks.site();
  }

  /** A lease was granted now: starts its use_time clock and its leak watch. */
  lent(resource: unknown, site: Error | undefined): void {
    if (this.#closed) return;
    // A resource lent twice without coming back means we missed its return: close the old lease.
    this.returned(resource);
    this.#lent.set(resource, { at: performance.now(), watch: this.#leaks.watch(site) });
  }

  /** A lease came back (released or destroyed): records use_time and ends its watch. False if it was not lent through us. */
  returned(resource: unknown): boolean {
    const lease = this.#lent.get(resource);
    if (lease === undefined) return false;
    this.#lent.delete(resource);
    lease.watch.returned();
    this.metrics.useTime.record(secondsSince(lease.at));
    return true;
  }

  isLent(resource: unknown): boolean {
    return this.#lent.has(resource);
  }

  /**
   * Runs the adapter's own bookkeeping; a throw is logged, never passed to the pool, whose
   * behaviour must not change because metrics failed.
   */
  guard(what: string, fn: () => void): void {
    if (this.#closed) return;
    try {
      fn();
    } catch (error) {
      this.logger.warn(`${this.#where} (pool ${JSON.stringify(this.name)}): recording ${what} failed; the pool is unaffected: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Replaces `target[key]` until close, then puts back what was there (deleting the own
   * property when the original came from the prototype). If something else replaced it after
   * us, ours is left in place (taking it out would drop theirs) and says so at debug level.
   */
  replace<T extends object>(target: T, key: PropertyKey, value: unknown): void {
    const t = target as Record<PropertyKey, unknown>;
    const own = Object.prototype.hasOwnProperty.call(t, key);
    const original = t[key];
    t[key] = value;
    this.#undo.push(() => {
      if (t[key] !== value) {
        this.logger.debug(`${this.#where} (pool ${JSON.stringify(this.name)}): ${String(key)} was replaced again after leakguard wrapped it; leaving it as it is (leakguard's layer now only passes calls through)`);
        return;
      }
      if (own) t[key] = original;
      else delete t[key];
    });
  }

  /**
   * Wraps method `key` of `target`: `make(original)` returns the instrumented version. Once
   * closed, the wrapper (if it cannot be taken out) calls the original directly. Arguments,
   * `this`, results and errors are the caller's and the original's.
   */
  wrap<T extends object>(target: T, key: PropertyKey, make: (original: Method) => Method): void {
    const original = (target as Record<PropertyKey, unknown>)[key];
    if (typeof original !== 'function') {
      throw new InvalidOptionError(`${this.#where}: the pool has no ${String(key)}() method to instrument; is it the pool this adapter is for?`);
    }
    const instrumented = make(original as Method);
    const closed = (): boolean => this.#closed;
    // A plain function, so `this` is whatever the caller used, as with the original.
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      return closed() ? (original as Method).apply(this, args) : instrumented.apply(this, args);
    };
    this.replace(target, key, wrapper);
  }

  /** Adds `listener` for `event` on `emitter` until close. */
  listen(emitter: object, event: string, listener: (...args: never[]) => void): void {
    const e = emitter as Listenable;
    e.on(event, listener);
    this.#undo.push(() => e.removeListener(event, listener));
  }

  /** Runs `fn` at close (after wrappers and listeners are gone, before metrics stop). */
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
        this.logger.warn(`${this.#where} (pool ${JSON.stringify(this.name)}): removing instrumentation failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.#lent.clear();
    this.#leaks.close();
    this.metrics.close();
    instrumented.delete(this.#pool);
    releaseName('pool', this.name, this);
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
