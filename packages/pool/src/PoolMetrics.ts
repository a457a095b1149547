import type { BoundCounter, BoundHistogram, MetricsOption, Observation } from '@leakguard/core';
import { METRICS, resolveMetricSink } from '@leakguard/core';

/** A snapshot of a pool's levels, read at collect time. Leave out what a pool cannot tell. */
export interface PoolLevels {
  readonly used: number;
  readonly idle: number;
  readonly pending?: number;
  readonly max?: number;
  readonly idleMax?: number;
  readonly idleMin?: number;
}

export type EvictionReason = 'idle' | 'lifetime' | 'invalid' | 'error';

/**
 * The db.client.connection.* and leakguard.pool.* families for one named pool: levels are
 * observed from `read()` at collect time; events are recorded on handles bound to the pool
 * name once. Shared by createPool and every adapter. Dispose it to stop reporting levels.
 */
export class PoolMetrics implements Disposable {
  readonly timeouts: BoundCounter;
  readonly leaks: BoundCounter;
  readonly createTime: BoundHistogram;
  readonly waitTime: BoundHistogram;
  readonly useTime: BoundHistogram;
  readonly #evictions: Record<EvictionReason, BoundCounter>;
  readonly #observations: Observation[];

  constructor(poolName: string, meter: MetricsOption | undefined, read: () => PoolLevels) {
    const sink = resolveMetricSink(meter);
    const pool = { 'db.client.connection.pool.name': poolName };
    this.timeouts = sink.counter(METRICS.poolTimeouts).bind(pool);
    this.leaks = sink.counter(METRICS.poolLeaks).bind(pool);
    this.createTime = sink.histogram(METRICS.poolCreateTime).bind(pool);
    this.waitTime = sink.histogram(METRICS.poolWaitTime).bind(pool);
    this.useTime = sink.histogram(METRICS.poolUseTime).bind(pool);
    const evictions = sink.counter(METRICS.poolEvictions);
    this.#evictions = {
      idle: evictions.bind({ ...pool, 'leakguard.pool.eviction.reason': 'idle' }),
      lifetime: evictions.bind({ ...pool, 'leakguard.pool.eviction.reason': 'lifetime' }),
      invalid: evictions.bind({ ...pool, 'leakguard.pool.eviction.reason': 'invalid' }),
      error: evictions.bind({ ...pool, 'leakguard.pool.eviction.reason': 'error' }),
    };
    const used = { ...pool, 'db.client.connection.state': 'used' };
    const idle = { ...pool, 'db.client.connection.state': 'idle' };
    const level = (pick: (l: PoolLevels) => number | undefined) => (observe: (v: number, a: typeof pool) => void) => {
      const v = pick(read());
      if (v !== undefined && Number.isFinite(v)) observe(v, pool);
    };
    this.#observations = [
      sink.observe(METRICS.poolConnectionCount, (observe) => {
        const l = read();
        observe(l.used, used);
        observe(l.idle, idle);
      }),
      sink.observe(METRICS.poolConnectionMax, level((l) => l.max)),
      sink.observe(METRICS.poolIdleMax, level((l) => l.idleMax)),
      sink.observe(METRICS.poolIdleMin, level((l) => l.idleMin)),
      sink.observe(METRICS.poolPendingRequests, level((l) => l.pending)),
    ];
  }

  evicted(reason: EvictionReason): void {
    this.#evictions[reason].add(1);
  }

  /** Stops reporting levels. Counters and histograms keep their totals. Idempotent. */
  close(): void {
    for (const o of this.#observations) o.unregister();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
