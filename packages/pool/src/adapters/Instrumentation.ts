import type { Logger, PatchedMethod } from '@leakguard/core';
import { InvalidOptionError, Patches, assertInteger, assertName, claimName, releaseName, stderrLogger } from '@leakguard/core';
import { LeakDetector } from '../LeakDetector.js';
import type { LeakWatch } from '../LeakDetector.js';
import { PoolMetrics } from '../PoolMetrics.js';
import type { PoolLevels } from '../PoolMetrics.js';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';

/** A function as the adapters see the methods they wrap. */
export type Method = PatchedMethod;

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
 * LeakDetector, the leases out now (for use_time and leak detection), and the wrappers and
 * listeners it added to the pool (core's Patches), taken back by `close()`. Not exported from the package: users
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
  readonly #patches: Patches;
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
    this.#patches = new Patches(where, `pool ${JSON.stringify(this.name)}`, this.logger);
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

  /** Replaces `target[key]` until close (see core's `Patches.replace`). */
  replace<T extends object>(target: T, key: PropertyKey, value: unknown): void {
    this.#patches.replace(target, key, value);
  }

  /** Wraps method `key` of `target` with `make(original)` until close; once closed, calls go straight to the original. */
  wrap<T extends object>(target: T, key: PropertyKey, make: (original: Method) => Method): void {
    this.#patches.wrap(target, key, make, 'pool');
  }

  /** Adds `listener` for `event` on `emitter` until close. */
  listen(emitter: object, event: string, listener: (...args: never[]) => void): void {
    this.#patches.listen(emitter, event, listener);
  }

  /** Runs `fn` at close (after wrappers and listeners are gone, before metrics stop). */
  onClose(fn: () => void): void {
    this.#patches.onUndo(fn);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#patches.undo();
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
