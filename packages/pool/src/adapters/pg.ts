import type { Pool } from 'pg';
import { InvalidOptionError } from '@leakguard/core';
import type { EvictionReason } from '../PoolMetrics.js';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';
import type { Method } from './Instrumentation.js';
import { Instrumentation, secondsSince } from './Instrumentation.js';

/**
 * What the adapter reads beyond pg-pool's public API (pg-pool 3.x). Each is feature-detected:
 * without `Client`, create_time is not reported; without `_remove` and `_idle`, evictions are not.
 */
interface PgPoolInternals {
  /** The client class pg-pool constructs (`new this.Client(options)`); the `Client` option. */
  Client?: unknown;
  /** Called for every client the pool drops, before it ends it. */
  _remove?: unknown;
  /** Idle clients, as `{ client }` items. */
  _idle?: readonly { readonly client: unknown }[];
}

/** pg Client flags pg-pool itself checks on release to decide a client is broken. */
interface PgClientState {
  readonly _queryable?: boolean;
  readonly _ending?: boolean;
}

/** The errors pg-pool rejects connect() with when `connectionTimeoutMillis` expires (waiting, or connecting). */
const TIMEOUT_MESSAGES: ReadonlySet<string> = new Set(['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout']);

/**
 * Instruments a node-postgres `pg.Pool` (pg-pool 3.x, pg 8.11+) without changing what it does.
 *
 * - Levels, read at collect time: used (`totalCount - idleCount`, counting clients being
 *   connected), idle (`idleCount`), pending (`waitingCount`), max (`options.max`), idle.min
 *   (`options.min`).
 * - Wraps `pool.connect` on the instance (which `pool.query` also goes through): wait_time
 *   for every client handed out, timeouts for `connectionTimeoutMillis` expiries, and the
 *   acquire site for leak detection. The pool's `release` event gives use_time.
 * - create_time from a transparent construct trap on `pool.Client` to the `connect` event.
 * - Evictions by reason, from a wrapper on pg-pool's internal `_remove`: `idle` (idle
 *   timeout), `lifetime` (maxLifetimeSeconds or maxUses), `error` (released with an error, or
 *   the connection broke), `invalid` (the `verify` option failed). Removals by `pool.end()`
 *   are not evictions.
 *
 * `close()` takes every wrapper and listener out again. Types only are imported from pg: the
 * adapter adds no runtime dependency.
 */
export function instrumentPgPool(pool: Pool, options: AdapterOptions): PoolInstrumentation {
  const where = 'instrumentPgPool';
  if (!isPgPool(pool)) {
    throw new InvalidOptionError(`${where}: expected a pg Pool (new pg.Pool({...})), got something without connect(), totalCount and idleCount`);
  }
  const internals = pool as unknown as PgPoolInternals;
  const inst = new Instrumentation(where, pool, options, () => ({
    used: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    pending: pool.waitingCount,
    max: pool.options.max,
    idleMin: pool.options.min,
  }));
  return inst.install(({ metrics }) => {
    // connect(): callback form when given a function, promise form otherwise; both pass through.
    inst.wrap(pool, 'connect', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const site = inst.site();
        const settle = (error: unknown, client: unknown): void =>
          inst.guard('an acquire', () => {
            if (error !== undefined && error !== null) {
              if (error instanceof Error && TIMEOUT_MESSAGES.has(error.message)) metrics.timeouts.add(1);
              return;
            }
            metrics.waitTime.record(secondsSince(started));
            inst.lent(client, site);
          });
        const callback = args[0];
        if (typeof callback === 'function') {
          const wrapped = function (this: unknown, ...result: unknown[]): unknown {
            settle(result[0], result[1]);
            return (callback as Method).apply(this, result);
          };
          return original.call(this, wrapped, ...args.slice(1));
        }
        const promise = original.apply(this, args) as Promise<unknown>;
        return promise.then(
          (client) => {
            settle(undefined, client);
            return client;
          },
          (error: unknown) => {
            settle(error ?? new Error('connect failed'), undefined);
            throw error;
          },
        );
      },
    );

    // Why the next _remove drops a client, when a release already told us.
    const discarded = new WeakMap<object, EvictionReason>();
    inst.listen(pool, 'release', (error: unknown, client: object) =>
      inst.guard('a release', () => {
        const wasLent = inst.returned(client);
        // pg-pool drops a client released with any truthy value (commonly an Error or `true`); it
        // releases a client it never lent out with an error itself only when `verify` failed.
        if (error) discarded.set(client, wasLent ? 'error' : 'invalid');
      }),
    );

    if (typeof internals.Client === 'function') {
      const started = new WeakMap<object, number>();
      const Client = internals.Client as new (...args: unknown[]) => object;
      inst.replace(
        pool,
        'Client',
        new Proxy(Client, {
          // Reflect.construct with newTarget keeps the client a plain instance of the original class.
          construct(target, args, newTarget) {
            const client = Reflect.construct(target, args, newTarget) as object;
            if (!inst.closed) started.set(client, performance.now());
            return client;
          },
        }),
      );
      inst.listen(pool, 'connect', (client: object) =>
        inst.guard('a connection', () => {
          const at = started.get(client);
          if (at === undefined) return;
          started.delete(client);
          metrics.createTime.record(secondsSince(at));
        }),
      );
    }

    if (typeof internals._remove === 'function' && Array.isArray(internals._idle)) {
      inst.wrap(pool, '_remove', (original) =>
        function (this: unknown, ...args: unknown[]): unknown {
          inst.guard('an eviction', () => {
            const reason = removalReason(pool, internals, args[0], discarded);
            if (reason !== undefined) metrics.evicted(reason);
          });
          return original.apply(this, args);
        },
      );
    }

  });
}

function removalReason(pool: Pool, internals: PgPoolInternals, client: unknown, discarded: WeakMap<object, EvictionReason>): EvictionReason | undefined {
  if (pool.ending || typeof client !== 'object' || client === null) return undefined; // pool.end(): shutdown, not eviction
  const told = discarded.get(client);
  if (told !== undefined) {
    discarded.delete(client);
    return told;
  }
  const state = client as PgClientState;
  if (state._queryable === false || state._ending === true) return 'error';
  // Still queryable: dropped either from the idle list (idle timeout) or on release (maxUses, maxLifetimeSeconds).
  return internals._idle?.some((item) => item.client === client) === true ? 'idle' : 'lifetime';
}

function isPgPool(value: unknown): value is Pool {
  const p = value as Partial<Pool> | null;
  return typeof p === 'object' && p !== null && typeof p.connect === 'function' && typeof p.totalCount === 'number' && typeof p.idleCount === 'number';
}
