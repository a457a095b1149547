import type { Logger, MetricsOption } from '@leakguard/core';

/** Options every adapter takes (instrumentPgPool, instrumentMysql2Pool, ...). */
export interface AdapterOptions {
  /**
   * Names the pool in logs and the `db.client.connection.pool.name` attribute: 1-64 characters,
   * a letter first, then letters, digits, `_ . : -`; unique among open pools (leakguard pools
   * and instrumented ones alike). Required.
   */
  readonly name: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** Receives the leak-detection lines. Default: warnings and errors to stderr. */
  readonly logger?: Logger;
  /**
   * A lease held longer than this is logged once with the stack of the code that acquired it,
   * and counted in `leakguard.pool.leaks`. 0 = off (no stack captured, no timer). Default 0.
   */
  readonly leakDetectionThresholdMs?: number;
}

/**
 * What an adapter returns: it reports the pool's metrics until `close()`, which removes every
 * listener and method wrapper it added (the pool's methods are its own again) and stops
 * reporting levels; counters and histograms keep their totals. `close()` is idempotent and
 * never touches the pool itself: end the pool as you always did.
 */
export interface PoolInstrumentation extends Disposable {
  /** The `name` option. */
  readonly name: string;
  /** True once `close()` ran. */
  readonly closed: boolean;
  close(): void;
}
