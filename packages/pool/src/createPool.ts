import type { DisposeContext, Logger, MetricsOption, OpenResourceItem, Registration, ResourceRegistry, SweepTask, Sweeper } from '@leakguard/core';
import {
  InvalidOptionError,
  assertInteger,
  assertLimit,
  assertName,
  claimName,
  defaultResourceRegistry,
  defaultSweeper,
  openResourceSitesEnabled,
  openedHere,
  releaseName,
  reportOpenResources,
  stderrLogger,
  withDeadline,
} from '@leakguard/core';
import type { PoolState } from './errors.js';
import { CreateTimeoutError, LeaseError, PoolClosedError, PoolFullError, PoolTimeoutError } from './errors.js';
import type { LeakWatch } from './LeakDetector.js';
import { LeakDetector } from './LeakDetector.js';
import type { EvictionReason } from './PoolMetrics.js';
import { PoolMetrics } from './PoolMetrics.js';

export interface PoolOptions<T> {
  /** Names the pool in errors, logs and the `db.client.connection.pool.name` attribute; unique among open pools. Required. */
  readonly name: string;
  /** Opens one resource. Honour `signal`: it is aborted after `createTimeoutMs` and on close. */
  readonly create: (signal: AbortSignal) => Promise<T>;
  /** Closes one resource. May be async; a throw is logged and the resource still counts as destroyed. */
  readonly destroy: (resource: T) => unknown;
  /** Checks a resource on borrow, only when it was idle for at least `validateAfterIdleMs`. False or a throw destroys it and the next one is tried. */
  readonly validate?: (resource: T) => boolean | Promise<boolean>;
  /** Which errors thrown inside `use()` mean the resource is broken (destroyed instead of released). Default: none. */
  readonly isFatal?: (error: unknown) => boolean;
  /** Resources kept open even when idle; refilled in the background. Default 0. */
  readonly min?: number;
  /** Most resources alive at once, counting ones being created or destroyed. Default 10. */
  readonly max?: number;
  /** How long `acquire` waits before PoolTimeoutError. Default 30 000. */
  readonly acquireTimeoutMs?: number;
  /** After this long `create`'s signal is aborted (and, for `destroy`, the pool stops waiting). Default 30 000. */
  readonly createTimeoutMs?: number;
  /** An idle resource unused this long is destroyed (down to `min`). Default 600 000. */
  readonly idleTimeoutMs?: number;
  /** A resource older than this (minus up to 2.5% jitter) is retired: at once when idle, on release when leased. 0 = never. Default 1 800 000. */
  readonly maxLifetimeMs?: number;
  /** `validate` runs on borrow only for resources idle at least this long. Default 500. */
  readonly validateAfterIdleMs?: number;
  /** A lease held longer than this is reported once with its acquire site. 0 = off (no cost). Default 0. */
  readonly leakDetectionThresholdMs?: number;
  /** Acquires allowed to wait at once; the next gets PoolFullError at once. Default Infinity. */
  readonly maxWaiting?: number;
  /** How often idle eviction, lifetime retirement and `min` refill run (on the Sweeper). Default: half the shortest of idleTimeoutMs and maxLifetimeMs, between 10 ms and 30 000 ms. */
  readonly housekeepingIntervalMs?: number;
  /** Default: warnings and errors to stderr. */
  readonly logger?: Logger;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** The ResourceRegistry the pool registers in, so shutdown closes it. Default: the process-wide one. */
  readonly registry?: ResourceRegistry;
  /** The Sweeper housekeeping runs on. Default: `defaultSweeper()`. */
  readonly sweeper?: Sweeper;
}

/** A borrowed resource. Return it exactly once: `release()`, `destroy()`, or scope exit with `await using`. */
export interface Lease<T> extends AsyncDisposable {
  readonly resource: T;
  /** Returns the resource to the pool. Throws LeaseError if this lease was already returned. */
  release(): void;
  /** Discards a broken resource (the pool destroys it and may create another). Throws LeaseError if already returned. */
  destroy(): void;
  /** True once released or destroyed (or taken back by a forced close). */
  readonly returned: boolean;
}

export interface PoolStats {
  /** Resources alive plus those being created: what counts against `max`. */
  readonly size: number;
  readonly idle: number;
  /** Leased out. */
  readonly used: number;
  /** Acquires waiting. */
  readonly pending: number;
  readonly creating: number;
  readonly destroying: number;
  /** Successful creations since the pool was created. */
  readonly created: number;
  /** Completed destructions (a throwing destroy counts). */
  readonly destroyed: number;
  readonly timeouts: number;
  readonly leaks: number;
  readonly evicted: { readonly idle: number; readonly lifetime: number; readonly invalid: number; readonly error: number };
}

export interface Pool<T> extends AsyncDisposable {
  readonly name: string;
  readonly closed: boolean;
  /** Borrows a resource: an idle one (validated if it sat long enough), a new one, or the next one returned. FIFO among waiters. */
  acquire(options?: { signal?: AbortSignal }): Promise<Lease<T>>;
  /** Acquires, runs `fn`, and always returns the resource: released, or destroyed when `isFatal(error)`. */
  use<R>(fn: (resource: T) => R | Promise<R>, options?: { signal?: AbortSignal; isFatal?: (error: unknown) => boolean }): Promise<R>;
  /** Same as `lease.release()`, for code written against generic-pool; rejects leases of another pool. */
  release(lease: Lease<T>): void;
  /** Same as `lease.destroy()`; rejects leases of another pool. */
  destroy(lease: Lease<T>): void;
  /**
   * Stops new acquires, rejects waiters with PoolClosedError, destroys idle resources, waits
   * for leases until `timeoutMs` (default 10 000), then destroys the rest. Idempotent.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
  stats(): PoolStats;
}

interface Slot<T> {
  readonly resource: T;
  readonly createdAt: number;
  /** performance.now() after which the slot is retired; Infinity when maxLifetimeMs is 0. */
  readonly retireAt: number;
  lastUsedAt: number;
  state: 'idle' | 'leased' | 'validating' | 'destroying';
  lease: LeaseImpl<T> | undefined;
}

interface Waiter<T> {
  readonly enqueuedAt: number;
  readonly resolve: (lease: Lease<T>) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  done: boolean;
  /** The acquire call's stack, when leak detection is on. */
  readonly site: Error | undefined;
}

const POOL = Symbol('pool');

class LeaseImpl<T> implements Lease<T> {
  readonly resource: T;
  readonly [POOL]: PoolImpl<T>;
  readonly slot: Slot<T>;
  readonly acquiredAt: number;
  readonly watch: LeakWatch;
  /** The acquire call's stack, when leak detection or site capture is on. */
  readonly site: Error | undefined;
  #returned = false;

  constructor(pool: PoolImpl<T>, slot: Slot<T>, acquiredAt: number, watch: LeakWatch, site: Error | undefined) {
    this.resource = slot.resource;
    this[POOL] = pool;
    this.slot = slot;
    this.acquiredAt = acquiredAt;
    this.watch = watch;
    this.site = site;
  }

  get returned(): boolean {
    return this.#returned;
  }

  /** Marks the lease returned; false if it already was. */
  take(): boolean {
    if (this.#returned) return false;
    this.#returned = true;
    return true;
  }

  release(): void {
    this[POOL].returnLease(this, false);
  }

  destroy(): void {
    this[POOL].returnLease(this, true);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    // A lease already returned by hand is fine at scope exit.
    if (!this.#returned) this.release();
  }
}

/**
 * Creates a pool of resources that cleans up after itself: idle resources are evicted by
 * their real last-used time down to `min`, old ones retire after `maxLifetimeMs`, waiters are
 * served first-in first-out with a deadline, and `close()` is bounded. It reports the OTel
 * `db.client.connection.*` metrics and registers in the ResourceRegistry so shutdown closes it.
 */
export function createPool<T>(options: PoolOptions<T>): Pool<T> {
  return new PoolImpl(options);
}

class PoolImpl<T> implements Pool<T> {
  readonly name: string;
  readonly #create: (signal: AbortSignal) => Promise<T>;
  readonly #destroy: (resource: T) => unknown;
  readonly #validate: ((resource: T) => boolean | Promise<boolean>) | undefined;
  readonly #isFatal: ((error: unknown) => boolean) | undefined;
  readonly #min: number;
  readonly #max: number;
  readonly #acquireTimeoutMs: number;
  readonly #createTimeoutMs: number;
  readonly #idleTimeoutMs: number;
  readonly #maxLifetimeMs: number;
  readonly #validateAfterIdleMs: number;
  readonly #maxWaiting: number;
  readonly #logger: Logger;
  readonly #metrics: PoolMetrics;
  readonly #leaks: LeakDetector;
  readonly #registration: Registration;
  readonly #housekeeping: SweepTask;
  readonly #openReport: { unregister(): void };

  /** Every resource alive (idle, leased, validating, destroying). */
  readonly #slots = new Set<Slot<T>>();
  /** Idle resources; the most recently used last (borrowed first), so the others can idle out. */
  #idle: Slot<T>[] = [];
  #leased = 0;
  /** The pool as an open resource: where createPool was called, and when. */
  readonly #self: () => OpenResourceItem;
  #validating = 0;
  #destroying = 0;
  #creating = 0;
  /** Creations whose result is promised to no one in particular (min refill, or past a timed-out waiter). */
  readonly #createControllers = new Set<AbortController>();
  /** The pool's own timers (create and destroy deadlines, create retry); none is left after close(). */
  readonly #timers = new Set<NodeJS.Timeout>();
  #waiters: (Waiter<T> | undefined)[] = [];
  #waitHead = 0;
  #waiting = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #deadlineTimer: NodeJS.Timeout | undefined;
  #createFailures = 0;
  #lastCreateError: unknown;
  #closing: Promise<void> | undefined;
  #closed = false;
  /** Resolves waiters of close() when the last lease comes back. */
  #onDrained: (() => void) | undefined;
  readonly #settling = new Set<Promise<unknown>>();

  #created = 0;
  #destroyed = 0;
  #timeouts = 0;
  #leakCount = 0;
  readonly #evicted = { idle: 0, lifetime: 0, invalid: 0, error: 0 };

  constructor(options: PoolOptions<T>) {
    if (options === null || typeof options !== 'object') throw new InvalidOptionError('createPool: options are required ({ name, create, destroy, ... })');
    this.name = assertName('createPool', options.name);
    const where = `createPool(${JSON.stringify(this.name)})`;
    if (typeof options.create !== 'function') throw new InvalidOptionError(`${where}: create must be a function (signal) => Promise<resource>`);
    if (typeof options.destroy !== 'function') throw new InvalidOptionError(`${where}: destroy must be a function (resource) => void | Promise<void>`);
    if (options.validate !== undefined && typeof options.validate !== 'function') throw new InvalidOptionError(`${where}: validate must be a function (resource) => boolean | Promise<boolean>`);
    if (options.isFatal !== undefined && typeof options.isFatal !== 'function') throw new InvalidOptionError(`${where}: isFatal must be a function (error) => boolean`);
    this.#create = options.create;
    this.#destroy = options.destroy;
    this.#validate = options.validate;
    this.#isFatal = options.isFatal;
    this.#max = assertInteger(where, 'max', options.max ?? 10, 1);
    this.#min = assertInteger(where, 'min', options.min ?? 0, 0, this.#max);
    this.#acquireTimeoutMs = assertInteger(where, 'acquireTimeoutMs', options.acquireTimeoutMs ?? 30_000, 1, 2_147_483_647);
    this.#createTimeoutMs = assertInteger(where, 'createTimeoutMs', options.createTimeoutMs ?? 30_000, 1, 2_147_483_647);
    this.#idleTimeoutMs = assertInteger(where, 'idleTimeoutMs', options.idleTimeoutMs ?? 600_000, 1);
    this.#maxLifetimeMs = assertInteger(where, 'maxLifetimeMs', options.maxLifetimeMs ?? 1_800_000, 0);
    this.#validateAfterIdleMs = assertInteger(where, 'validateAfterIdleMs', options.validateAfterIdleMs ?? 500, 0);
    const leakMs = assertInteger(where, 'leakDetectionThresholdMs', options.leakDetectionThresholdMs ?? 0, 0, 2_147_483_647);
    this.#maxWaiting = assertLimit(where, 'maxWaiting', options.maxWaiting ?? Number.POSITIVE_INFINITY, 0);
    const shortest = Math.min(this.#idleTimeoutMs, this.#maxLifetimeMs === 0 ? Number.POSITIVE_INFINITY : this.#maxLifetimeMs);
    const housekeepingMs = assertInteger(
      where,
      'housekeepingIntervalMs',
      options.housekeepingIntervalMs ?? Math.round(Math.min(30_000, Math.max(10, shortest / 2))),
      1,
      2_147_483_647,
    );
    this.#logger = options.logger ?? stderrLogger;

    // Claim the name last among the checks so a bad option does not hold it.
    claimName('pool', this.name, this);
    this.#metrics = new PoolMetrics(this.name, options.meter, () => ({
      used: this.#leased,
      idle: this.#idle.length,
      pending: this.#waiting,
      max: this.#max,
      idleMax: this.#max,
      idleMin: this.#min,
    }));
    this.#leaks = new LeakDetector({
      pool: this.name,
      thresholdMs: leakMs,
      logger: this.#logger,
      counter: this.#metrics.leaks,
      onLeak: () => {
        this.#leakCount++;
      },
    });
    // Registered as a function so a registry shutdown hands the pool the time it has left.
    this.#registration = (options.registry ?? defaultResourceRegistry()).register(
      (context: DisposeContext) => this.close({ timeoutMs: Math.min(context.timeoutMs, 10_000) }),
      { name: this.name, kind: 'pool' },
    );
    this.#housekeeping = (options.sweeper ?? defaultSweeper()).schedule(`pool ${JSON.stringify(this.name)} housekeeping`, housekeepingMs, () =>
      this.#housekeep(),
    );
    this.#self = openedHere('pool', `pool ${JSON.stringify(this.name)}`, this);
    this.#openReport = reportOpenResources(
      this,
      (pool) => ({ pool: 1, lease: pool.#leased }),
      (pool) => pool.#openItems(),
    );
    this.#fill();
  }

  get closed(): boolean {
    return this.#closed;
  }

  acquire(options?: { signal?: AbortSignal }): Promise<Lease<T>> {
    const signal = options?.signal;
    if (this.#closed) return Promise.reject(new PoolClosedError(this.name, 'acquire refused'));
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    const site = this.#leaks.enabled || openResourceSitesEnabled() ? new Error('acquired here') : undefined;
    // Fast path: nobody waiting ahead and an idle resource that needs no check.
    if (this.#waiting === 0) {
      while (this.#idle.length > 0) {
        const slot = this.#idle[this.#idle.length - 1] as Slot<T>;
        const now = performance.now();
        if (now >= slot.retireAt) {
          this.#idle.pop();
          this.#retire(slot, 'lifetime');
          continue;
        }
        if (this.#validate !== undefined && now - slot.lastUsedAt >= this.#validateAfterIdleMs) break;
        this.#idle.pop();
        this.#metrics.waitTime.record(0);
        return Promise.resolve(this.#grant(slot, now, site));
      }
    }
    if (this.#waiting >= this.#maxWaiting) return Promise.reject(new PoolFullError(this.name, this.#maxWaiting, this.#state()));
    return new Promise<Lease<T>>((resolve, reject) => {
      const waiter: Waiter<T> = { enqueuedAt: performance.now(), resolve, reject, signal, onAbort: undefined, done: false, site };
      this.#armDeadline(waiter.enqueuedAt);
      if (signal !== undefined) {
        waiter.onAbort = () => this.#abandon(waiter, signal.reason);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
      this.#waiting++;
      this.#dispatch();
    });
  }

  async use<R>(fn: (resource: T) => R | Promise<R>, options?: { signal?: AbortSignal; isFatal?: (error: unknown) => boolean }): Promise<R> {
    const lease = await this.acquire(options);
    let result: R;
    try {
      result = await fn(lease.resource);
    } catch (error) {
      const isFatal = options?.isFatal ?? this.#isFatal;
      if (!lease.returned) {
        // An isFatal that throws cannot vouch for the resource: it goes, and the lease with it.
        let fatal = true;
        try {
          fatal = isFatal?.(error) === true;
        } catch (thrown) {
          try {
            this.#logger.warn(`pool ${JSON.stringify(this.name)}: isFatal threw, destroying the resource: ${messageOf(thrown)}`);
          } catch {
            // A logger that throws must not replace the task's error, which the caller is owed.
          }
        } finally {
          if (fatal) lease.destroy();
          else lease.release();
        }
      }
      throw error;
    }
    if (!lease.returned) lease.release();
    return result;
  }

  release(lease: Lease<T>): void {
    this.#own(lease, 'release').release();
  }

  destroy(lease: Lease<T>): void {
    this.#own(lease, 'destroy').destroy();
  }

  stats(): PoolStats {
    return {
      size: this.#size(),
      idle: this.#idle.length,
      used: this.#leased,
      pending: this.#waiting,
      creating: this.#creating,
      destroying: this.#destroying,
      created: this.#created,
      destroyed: this.#destroyed,
      timeouts: this.#timeouts,
      leaks: this.#leakCount,
      evicted: { ...this.#evicted },
    };
  }

  close(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    let timeoutMs: number;
    try {
      timeoutMs = assertInteger(`pool ${JSON.stringify(this.name)} close`, 'timeoutMs', options.timeoutMs ?? 10_000, 0, 2_147_483_647);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#closing = this.#close(timeoutMs);
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Called by a lease. */
  returnLease(lease: LeaseImpl<T>, destroy: boolean): void {
    if (!lease.take()) {
      throw new LeaseError(`pool ${JSON.stringify(this.name)}: this lease was already returned; a lease is returned exactly once (release() or destroy())`);
    }
    const slot = lease.slot;
    const now = performance.now();
    lease.watch.returned();
    this.#metrics.useTime.record((now - lease.acquiredAt) / 1000);
    if (slot.lease !== lease) return; // taken back by a forced close; already destroyed
    slot.lease = undefined;
    this.#leased--;
    slot.lastUsedAt = now;
    if (destroy) this.#retire(slot, 'error');
    else if (this.#closed) this.#retire(slot, undefined);
    else if (now >= slot.retireAt) this.#retire(slot, 'lifetime');
    else this.#offer(slot, now);
    if (this.#closed && this.#leased === 0) this.#onDrained?.();
  }

  #own(lease: Lease<T>, what: string): LeaseImpl<T> {
    if (!(lease instanceof LeaseImpl) || lease[POOL] !== this) {
      const other = lease instanceof LeaseImpl ? `pool ${JSON.stringify((lease[POOL] as PoolImpl<T>).name)}` : 'no leakguard pool';
      throw new LeaseError(`pool ${JSON.stringify(this.name)}: cannot ${what} a lease of ${other}; return it to the pool it came from (lease.${what}())`);
    }
    return lease;
  }

  #size(): number {
    return this.#slots.size + this.#creating;
  }

  /** The pool and each lease out, for diagnoses (explainExit, the Vitest leak check). */
  *#openItems(): Generator<OpenResourceItem> {
    const now = performance.now();
    const owner = `pool ${JSON.stringify(this.name)}`;
    yield this.#self();
    for (const slot of this.#slots) {
      const lease = slot.lease;
      if (slot.state !== 'leased' || lease === undefined || lease.returned) continue;
      yield { kind: 'lease', owner, ageMs: now - lease.acquiredAt, stack: lease.site?.stack, ref: lease };
    }
  }

  #state(): PoolState {
    return { size: this.#size(), max: this.#max, used: this.#leased, idle: this.#idle.length, waiting: this.#waiting };
  }

  #grant(slot: Slot<T>, now: number, site: Error | undefined): Lease<T> {
    slot.state = 'leased';
    this.#leased++;
    const lease = new LeaseImpl(this, slot, now, this.#leaks.watch(site), site);
    slot.lease = lease;
    return lease;
  }

  /** The next waiter still waiting, removed from the queue; undefined if none. */
  #nextWaiter(): Waiter<T> | undefined {
    if (this.#waiting === 0) return undefined;
    const waiters = this.#waiters;
    while (this.#waitHead < waiters.length) {
      const w = waiters[this.#waitHead];
      waiters[this.#waitHead++] = undefined;
      if (w !== undefined && !w.done) {
        this.#settle(w);
        if (this.#waitHead > 1024) this.#compact();
        return w;
      }
    }
    this.#compact();
    return undefined;
  }

  #compact(): void {
    if (this.#waitHead === this.#waiters.length) {
      this.#waiters = [];
      this.#waitHead = 0;
    } else if (this.#waitHead > 1024 && this.#waitHead * 2 > this.#waiters.length) {
      this.#waiters = this.#waiters.slice(this.#waitHead);
      this.#waitHead = 0;
    }
  }

  /** Marks a waiter done and drops its timer and abort listener. */
  #settle(w: Waiter<T>): void {
    w.done = true;
    this.#waiting--;
    if (this.#waiting === 0 && this.#deadlineTimer !== undefined) {
      clearTimeout(this.#deadlineTimer);
      this.#deadlineTimer = undefined;
    }
    if (w.onAbort !== undefined) w.signal?.removeEventListener('abort', w.onAbort);
  }

  /**
   * One timer serves every waiter: all wait the same acquireTimeoutMs and are queued in
   * arrival order, so the oldest waiter always has the earliest deadline. (A timer per
   * waiter cost more than the rest of a contended acquire.) The timer is deliberately ref'd,
   * unlike the pool's others: callers are awaiting, and a deadlocked script should end in
   * PoolTimeoutError with the pool's state, not in a silent exit. It exists only while
   * someone waits.
   */
  #armDeadline(enqueuedAt: number): void {
    if (this.#deadlineTimer !== undefined) return;
    const ms = Math.max(0, enqueuedAt + this.#acquireTimeoutMs - performance.now());
    this.#deadlineTimer = setTimeout(() => {
      this.#deadlineTimer = undefined;
      this.#expireWaiters();
    }, Math.ceil(ms));
  }

  #expireWaiters(): void {
    const now = performance.now();
    while (this.#waitHead < this.#waiters.length) {
      const w = this.#waiters[this.#waitHead];
      if (w !== undefined && !w.done) {
        if (w.enqueuedAt + this.#acquireTimeoutMs > now) {
          this.#armDeadline(w.enqueuedAt);
          return;
        }
        this.#settle(w);
        this.#timeouts++;
        this.#metrics.timeouts.add(1);
        w.reject(new PoolTimeoutError(this.name, this.#acquireTimeoutMs, this.#state(), this.#lastCreateError));
      }
      this.#waiters[this.#waitHead++] = undefined;
    }
    this.#compact();
  }

  #abandon(w: Waiter<T>, reason: unknown): void {
    if (w.done) return;
    this.#settle(w);
    w.reject(reason);
  }

  /** Hands a free resource to the first waiter, or makes it idle. */
  #offer(slot: Slot<T>, now = performance.now()): void {
    const w = this.#nextWaiter();
    if (w === undefined) {
      slot.state = 'idle';
      this.#idle.push(slot);
      return;
    }
    this.#metrics.waitTime.record((now - w.enqueuedAt) / 1000);
    w.resolve(this.#grant(slot, now, w.site));
  }

  /** Serves waiters from idle resources (validating where due) and starts creations for the rest. */
  #dispatch(): void {
    // Waiters not yet covered by a creation or a validation under way.
    while (!this.#closed && this.#waiting > this.#creating + this.#validating) {
      const slot = this.#idle.pop();
      if (slot !== undefined) {
        const now = performance.now();
        if (now >= slot.retireAt) {
          this.#retire(slot, 'lifetime');
        } else if (this.#validate !== undefined && now - slot.lastUsedAt >= this.#validateAfterIdleMs) {
          this.#check(slot);
        } else {
          this.#offer(slot);
        }
        continue;
      }
      if (this.#size() >= this.#max || this.#retryTimer !== undefined) return;
      this.#startCreate();
    }
  }

  #check(slot: Slot<T>): void {
    slot.state = 'validating';
    this.#validating++;
    let verdict: boolean | Promise<boolean>;
    try {
      verdict = (this.#validate as (r: T) => boolean | Promise<boolean>)(slot.resource);
    } catch (error) {
      verdict = Promise.reject(error);
    }
    const done = (ok: boolean, error?: unknown): void => {
      this.#validating--;
      if (ok && !this.#closed) {
        slot.lastUsedAt = performance.now();
        this.#offer(slot);
      } else {
        if (!ok && error !== undefined) this.#logger.warn(`pool ${JSON.stringify(this.name)}: validate threw, destroying the resource: ${messageOf(error)}`);
        this.#retire(slot, this.#closed && ok ? undefined : 'invalid');
      }
      this.#dispatch();
    };
    if (typeof verdict === 'boolean') {
      done(verdict);
      return;
    }
    this.#track(Promise.resolve(verdict).then((ok) => done(ok === true), (error: unknown) => done(false, error)));
  }

  #startCreate(): void {
    this.#creating++;
    const controller = new AbortController();
    this.#createControllers.add(controller);
    const started = performance.now();
    const timer = this.#timer(() => controller.abort(new CreateTimeoutError(this.name, this.#createTimeoutMs)), this.#createTimeoutMs);
    let creation: Promise<T>;
    try {
      creation = Promise.resolve(this.#create(controller.signal));
    } catch (error) {
      creation = Promise.reject(error);
    }
    this.#track(
      creation.then(
        (resource) => {
          this.#clearTimer(timer);
          this.#createControllers.delete(controller);
          this.#creating--;
          this.#createFailures = 0;
          this.#created++;
          const now = performance.now();
          this.#metrics.createTime.record((now - started) / 1000);
          // Jitter (up to 2.5%) keeps resources created together from all retiring together.
          const retireAt = this.#maxLifetimeMs === 0 ? Number.POSITIVE_INFINITY : now + this.#maxLifetimeMs * (1 - Math.random() * 0.025);
          const slot: Slot<T> = { resource, createdAt: now, retireAt, lastUsedAt: now, state: 'idle', lease: undefined };
          this.#slots.add(slot);
          // Never lost: it goes to whoever waits now (not necessarily who asked), else to idle.
          if (this.#closed) this.#retire(slot, undefined);
          else this.#offer(slot);
          this.#dispatch();
        },
        (error: unknown) => {
          this.#clearTimer(timer);
          this.#createControllers.delete(controller);
          this.#creating--;
          if (this.#closed) return;
          this.#lastCreateError = controller.signal.aborted && controller.signal.reason instanceof CreateTimeoutError && !(error instanceof Error) ? controller.signal.reason : error;
          this.#createFailures++;
          this.#logger.warn(`pool ${JSON.stringify(this.name)}: create failed (${this.#createFailures} in a row): ${messageOf(error)}`);
          this.#scheduleRetry();
        },
      ),
    );
  }

  /** After a failed create, waits a little (10 ms doubling to 1 s) before creating again, so a dead server is not hammered. */
  #scheduleRetry(): void {
    if (this.#closed || this.#retryTimer !== undefined) return;
    const delay = Math.min(1000, 10 * 2 ** Math.min(this.#createFailures - 1, 7));
    this.#retryTimer = this.#timer(() => {
      this.#retryTimer = undefined;
      this.#dispatch();
      this.#fill();
    }, delay);
  }

  /** An unref'd timer the pool tracks, so close() can clear whatever is left. */
  #timer(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.#timers.add(t);
    return t;
  }

  #clearTimer(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.#timers.delete(t);
  }

  /** Destroys a resource; `reason` counts it as an eviction. */
  #retire(slot: Slot<T>, reason: EvictionReason | undefined): void {
    slot.state = 'destroying';
    this.#destroying++;
    if (reason !== undefined) {
      this.#evicted[reason]++;
      this.#metrics.evicted(reason);
    }
    const finish = (error?: unknown): void => {
      if (error !== undefined) this.#logger.warn(`pool ${JSON.stringify(this.name)}: destroy failed (the resource is dropped anyway): ${messageOf(error)}`);
      this.#destroying--;
      this.#destroyed++;
      this.#slots.delete(slot);
      if (!this.#closed) {
        this.#dispatch();
        this.#fill();
      }
    };
    let result: unknown;
    try {
      result = this.#destroy(slot.resource);
    } catch (error) {
      finish(error);
      return;
    }
    if (!isPromiseLike(result)) {
      finish();
      return;
    }
    // A destroy that never settles must not hold capacity forever: after createTimeoutMs it is dropped.
    let settled = false;
    let markDone!: () => void;
    this.#track(new Promise<void>((resolve) => (markDone = resolve)));
    const once = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      this.#clearTimer(timer);
      finish(error);
      markDone();
    };
    const timer = this.#timer(() => once(new Error(`destroy did not finish within ${this.#createTimeoutMs} ms (createTimeoutMs)`)), this.#createTimeoutMs);
    Promise.resolve(result).then(
      () => once(),
      (error: unknown) => once(error ?? new Error('destroy rejected')),
    );
  }

  /** Refills up to `min` in the background. */
  #fill(): void {
    if (this.#closed || this.#retryTimer !== undefined) return;
    // Creations under way for waiters count toward min too: they end up idle or leased.
    while (this.#size() < this.#min) this.#startCreate();
  }

  #housekeep(): void {
    if (this.#closed) return;
    const now = performance.now();
    const keep: Slot<T>[] = [];
    // Oldest-used first, so eviction takes the ones idle longest.
    const byAge = [...this.#idle].sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    let removable = this.#size() - this.#min;
    for (const slot of byAge) {
      if (now >= slot.retireAt) {
        this.#retire(slot, 'lifetime');
        removable--;
      } else if (removable > 0 && now - slot.lastUsedAt >= this.#idleTimeoutMs) {
        this.#retire(slot, 'idle');
        removable--;
      } else {
        keep.push(slot);
      }
    }
    // Most recently used last again.
    this.#idle = keep.sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    this.#fill();
  }

  /** Remembers a background promise so close() can wait for it. */
  #track(p: Promise<unknown>): void {
    this.#settling.add(p);
    void p.finally(() => this.#settling.delete(p));
  }

  async #close(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    this.#closed = true;
    this.#housekeeping.cancel();
    if (this.#retryTimer !== undefined) this.#clearTimer(this.#retryTimer);
    this.#retryTimer = undefined;
    for (let w = this.#nextWaiter(); w !== undefined; w = this.#nextWaiter()) {
      w.reject(new PoolClosedError(this.name, 'this acquire was still waiting when close() was called'));
    }
    for (const slot of this.#idle) this.#retire(slot, undefined);
    this.#idle = [];
    // Creations in flight are told to stop; one that still succeeds is destroyed on arrival.
    for (const c of this.#createControllers) c.abort(new PoolClosedError(this.name, 'create aborted by close()'));

    if (this.#leased > 0) {
      const drained = new Promise<void>((resolve) => {
        this.#onDrained = resolve;
      });
      const outcome = await withDeadline(drained, deadline - performance.now());
      this.#onDrained = undefined;
      if (outcome.timedOut) {
        const out = [...this.#slots].filter((s) => s.state === 'leased');
        this.#logger.warn(`pool ${JSON.stringify(this.name)}: close() deadline (${timeoutMs} ms) passed with ${out.length} leases still out; destroying them`);
        for (const slot of out) {
          const lease = slot.lease as LeaseImpl<T>;
          lease.watch.returned();
          slot.lease = undefined;
          this.#leased--;
          this.#retire(slot, undefined);
        }
      }
    }
    // Wait for destroys, validations and creations still settling, within what is left.
    while (this.#settling.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      const outcome = await withDeadline(Promise.allSettled([...this.#settling]), left);
      if (outcome.timedOut) break;
    }
    if (this.#settling.size > 0) {
      this.#logger.warn(`pool ${JSON.stringify(this.name)}: close() deadline (${timeoutMs} ms) passed with ${this.#settling.size} creates or destroys unsettled; they are abandoned (a late resource is destroyed on arrival)`);
    }
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#leaks.close();
    this.#metrics.close();
    this.#openReport.unregister();
    this.#registration.unregister();
    releaseName('pool', this.name, this);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
