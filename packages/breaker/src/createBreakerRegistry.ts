import type { BoundCounter, MetricsOption, Observation, Registration, ResourceRegistry, SweepTask, Sweeper } from '@leakguard/core';
import {
  InvalidOptionError,
  METRICS,
  assertInteger,
  assertName,
  claimName,
  defaultResourceRegistry,
  defaultSweeper,
  releaseName,
  openedHere,
  reportOpenResources,
  resolveMetricSink,
} from '@leakguard/core';
import type { Breaker, BreakerOptions, ResolvedBreakerOptions } from './createBreaker.js';
import { BreakerImpl, resolveBreakerOptions } from './createBreaker.js';
import { BreakerRegistryFullError } from './errors.js';

/** Breaker options without the name (the key names each breaker). */
export type BreakerDefaults = Omit<BreakerOptions, 'name' | 'meter' | 'clock'>;

export interface BreakerRegistryOptions {
  /** Names the registry in errors and the `leakguard.breaker.registry.name` attribute; unique among open registries. Default `breakers`. */
  readonly name?: string;
  /** Most breakers alive; past it the least recently used closed one is evicted. Default 1000. */
  readonly maxBreakers?: number;
  /** A closed breaker not asked for this long is evicted (on the Sweeper). Default 3 600 000. */
  readonly idleTtlMs?: number;
  /** Options for every breaker; `get(key, overrides)` changes them for that key. `policy` is required here or in every override. */
  readonly defaults: Partial<BreakerDefaults>;
  /** Where metrics go. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** The ResourceRegistry the registry registers in. Default: the process-wide one. */
  readonly registry?: ResourceRegistry;
  /** Where idle eviction runs. Default: `defaultSweeper()`. */
  readonly sweeper?: Sweeper;
  /** The clock, in milliseconds. Default `Date.now`. */
  readonly clock?: () => number;
}

export interface BreakerRegistry extends AsyncDisposable {
  readonly name: string;
  /**
   * The breaker for `key` (a host or endpoint: a bounded set), created on first use with the
   * defaults and this key's `overrides`. Asking again with different overrides throws rather
   * than silently keep the first ones.
   */
  get(key: string, overrides?: Partial<BreakerDefaults>): Breaker;
  has(key: string): boolean;
  /** Breakers alive. */
  readonly size: number;
  keys(): string[];
  /** Closes every breaker and stops eviction; later `get` calls throw. Idempotent. */
  close(): Promise<void>;
}

interface Entry {
  readonly breaker: BreakerImpl;
  readonly overrides: Partial<BreakerDefaults> | undefined;
  lastUsedAt: number;
}

/**
 * Breakers by key, created on demand, that clean themselves up: idle closed breakers are
 * evicted on the Sweeper, and past `maxBreakers` the least recently used closed one goes. Open
 * and half-open breakers are never evicted — they hold the state that protects the dependency —
 * so a registry full of them refuses new keys with BreakerRegistryFullError.
 */
export function createBreakerRegistry(options: BreakerRegistryOptions): BreakerRegistry {
  return new BreakerRegistryImpl(options);
}

class BreakerRegistryImpl implements BreakerRegistry {
  readonly name: string;
  readonly #max: number;
  readonly #idleTtlMs: number;
  readonly #defaults: Partial<BreakerDefaults>;
  readonly #meter: MetricsOption | undefined;
  readonly #clock: () => number;
  /** Insertion order is use order: `get` moves a key to the end, so the first entries are the least recently used. */
  readonly #entries = new Map<string, Entry>();
  readonly #evictions: { idle: BoundCounter; capacity: BoundCounter };
  readonly #observation: Observation;
  readonly #registration: Registration;
  readonly #sweep: SweepTask;
  readonly #openReport: { unregister(): void };
  #closed = false;

  constructor(options: BreakerRegistryOptions) {
    if (options === null || typeof options !== 'object') throw new InvalidOptionError('createBreakerRegistry: options are required ({ defaults: { policy }, ... })');
    this.name = assertName('createBreakerRegistry', options.name ?? 'breakers');
    const where = `createBreakerRegistry(${JSON.stringify(this.name)})`;
    this.#max = assertInteger(where, 'maxBreakers', options.maxBreakers ?? 1000, 1);
    this.#idleTtlMs = assertInteger(where, 'idleTtlMs', options.idleTtlMs ?? 3_600_000, 1);
    if (options.defaults === null || typeof options.defaults !== 'object') throw new InvalidOptionError(`${where}: defaults are required, at least { policy }`);
    this.#defaults = options.defaults;
    if (options.defaults.policy !== undefined) resolveBreakerOptions(`${where} defaults`, options.defaults as BreakerDefaults);
    this.#meter = options.meter;
    this.#clock = options.clock ?? Date.now;
    claimName('breaker registry', this.name, this);
    const sink = resolveMetricSink(options.meter);
    const r = { 'leakguard.breaker.registry.name': this.name };
    const evictions = sink.counter(METRICS.breakerEvictions);
    this.#evictions = {
      idle: evictions.bind({ ...r, 'leakguard.breaker.eviction.reason': 'idle' }),
      capacity: evictions.bind({ ...r, 'leakguard.breaker.eviction.reason': 'capacity' }),
    };
    this.#observation = sink.observe(METRICS.breakerCount, (observe) => observe(this.#entries.size, r));
    this.#registration = (options.registry ?? defaultResourceRegistry()).register(() => this.close(), { name: this.name, kind: 'breaker-registry' });
    const self = openedHere('breaker-registry', `breaker registry ${JSON.stringify(this.name)}`, this);
    this.#openReport = reportOpenResources(
      this,
      (r) => ({ 'breaker-registry': 1, breaker: r.#entries.size }),
      () => [self()],
    );
    const sweepMs = Math.round(Math.min(60_000, Math.max(10, this.#idleTtlMs / 2)));
    this.#sweep = (options.sweeper ?? defaultSweeper()).schedule(`breaker registry ${JSON.stringify(this.name)} idle eviction`, sweepMs, () => this.#evictIdle());
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  get(key: string, overrides?: Partial<BreakerDefaults>): Breaker {
    if (this.#closed) throw new InvalidOptionError(`breaker registry ${JSON.stringify(this.name)} is closed; create a new one`);
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      if (overrides !== undefined && !sameOptions(entry.breaker.options, this.#resolve(key, overrides))) {
        throw new InvalidOptionError(
          `breaker registry ${JSON.stringify(this.name)}: the breaker for ${JSON.stringify(key)} exists with other options (${JSON.stringify(describeOptions(entry.breaker.options))}) than now asked for (${JSON.stringify(describeOptions(this.#resolve(key, overrides)))}); ask with the same overrides every time, or use another key`,
        );
      }
      entry.lastUsedAt = this.#clock();
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.breaker;
    }
    const name = assertName(`breaker registry ${JSON.stringify(this.name)} key`, key);
    const resolved = this.#resolve(key, overrides);
    if (this.#entries.size >= this.#max) this.#evictForRoom(key);
    const breaker = new BreakerImpl(name, resolved, this.#meter, this.#clock, false);
    this.#entries.set(key, { breaker, overrides, lastUsedAt: this.#clock() });
    return breaker;
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#sweep.cancel();
      for (const e of this.#entries.values()) e.breaker.close();
      this.#entries.clear();
      this.#observation.unregister();
      this.#openReport.unregister();
      this.#registration.unregister();
      releaseName('breaker registry', this.name, this);
    }
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #resolve(key: string, overrides: Partial<BreakerDefaults> | undefined): ResolvedBreakerOptions {
    const merged = { ...this.#defaults, ...overrides } as BreakerDefaults;
    if (merged.policy === undefined) {
      throw new InvalidOptionError(`breaker registry ${JSON.stringify(this.name)}: no policy for ${JSON.stringify(key)}; give one in defaults or in get(key, { policy })`);
    }
    return resolveBreakerOptions(`breaker registry ${JSON.stringify(this.name)} key ${JSON.stringify(key)}`, merged);
  }

  /** Evicts the least recently used closed breaker, or throws when every breaker holds state. */
  #evictForRoom(key: string): void {
    for (const [k, e] of this.#entries) {
      if (e.breaker.state === 'closed') {
        this.#drop(k, e);
        this.#evictions.capacity.add(1);
        return;
      }
    }
    throw new BreakerRegistryFullError(this.name, this.#max, key);
  }

  #evictIdle(): void {
    const cutoff = this.#clock() - this.#idleTtlMs;
    for (const [k, e] of this.#entries) {
      // Use order: once one is recent enough, all after it are too.
      if (e.lastUsedAt > cutoff) break;
      if (e.breaker.state !== 'closed') continue;
      this.#drop(k, e);
      this.#evictions.idle.add(1);
    }
  }

  #drop(key: string, e: Entry): void {
    this.#entries.delete(key);
    e.breaker.evict();
  }
}

function describeOptions(o: ResolvedBreakerOptions): Record<string, unknown> {
  return { policy: o.policy, resetTimeoutMs: o.resetTimeoutMs, halfOpenMaxCalls: o.halfOpenMaxCalls, timeoutMs: o.timeoutMs, isFailure: o.isFailure === undefined ? 'default' : 'custom' };
}

function sameOptions(a: ResolvedBreakerOptions, b: ResolvedBreakerOptions): boolean {
  return JSON.stringify(describeOptions(a)) === JSON.stringify(describeOptions(b)) && a.isFailure === b.isFailure;
}
