import type { Factory, Pool } from 'generic-pool';
import { InvalidOptionError } from '@leakguard/core';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';
import type { Method } from './Instrumentation.js';
import { Instrumentation, secondsSince } from './Instrumentation.js';

/** generic-pool 3.x internals the adapter uses, each feature-detected. */
interface GenericPoolInternals {
  /** The factory the pool calls `create()` on; swapped for a timing view of it until close. */
  _factory?: unknown;
  /** The idle evictor run (idleTimeoutMillis / softIdleTimeoutMillis). */
  _evict?: unknown;
  /** Destroys one pooled resource, whoever asked. */
  _destroy?: unknown;
}

/** generic-pool's PooledResource, as far as the adapter reads it. */
interface PooledResource {
  readonly state?: string;
}

/**
 * Instruments a generic-pool 3.x Pool without changing what it does.
 *
 * - Levels, from its public getters: used (`size - available`: borrowed, being validated or
 *   created), idle (`available`), pending, max, idle.min (`min`). generic-pool has no idle cap,
 *   so idle.max is not reported.
 * - Wraps `acquire` (which `use()` goes through too): wait_time, timeouts (its
 *   `acquireTimeoutMillis` TimeoutError) and the acquire site for leak detection; `release`
 *   and `destroy`: use_time, and `destroy` of a borrowed resource counts as eviction `error`.
 * - create_time: the pool calls `create()` through a Proxy of your factory (the factory object
 *   itself is not modified).
 * - Evictions `idle` (the evictor run) and `invalid` (`testOnBorrow` validation said false),
 *   from wrappers on the internal `_evict` and `_destroy`. It has no max lifetime: no `lifetime`.
 *
 * `close()` takes every wrapper out again. Types only are imported from generic-pool.
 */
export function instrumentGenericPool<T>(pool: Pool<T>, options: AdapterOptions): PoolInstrumentation {
  const where = 'instrumentGenericPool';
  if (!isGenericPool(pool)) {
    throw new InvalidOptionError(`${where}: expected a pool from generic-pool's createPool() (3.x), got something without acquire(), release(), destroy(), size and available`);
  }
  const internals = pool as unknown as GenericPoolInternals;
  const inst = new Instrumentation(where, pool, options, () => ({
    used: pool.size - pool.available,
    idle: pool.available,
    pending: pool.pending,
    max: pool.max,
    idleMin: pool.min,
  }));
  return inst.install(({ metrics }) => {
    inst.wrap(pool, 'acquire', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const site = inst.site();
        const promise = original.apply(this, args) as PromiseLike<unknown>;
        // then() on the pool's own promise keeps its Promise flavour (the `Promise` option).
        return promise.then(
          (resource) => {
            inst.guard('an acquire', () => {
              metrics.waitTime.record(secondsSince(started));
              inst.lent(resource, site);
            });
            return resource;
          },
          (error: unknown) => {
            inst.guard('an acquire', () => {
              if (error instanceof Error && error.name === 'TimeoutError') metrics.timeouts.add(1);
            });
            throw error;
          },
        );
      },
    );

    inst.wrap(pool, 'release', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        inst.guard('a release', () => void inst.returned(args[0]));
        return original.apply(this, args);
      },
    );

    inst.wrap(pool, 'destroy', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        inst.guard('a destroy', () => {
          const borrowed = pool.isBorrowedResource(args[0] as T);
          inst.returned(args[0]);
          if (borrowed) metrics.evicted('error');
        });
        return original.apply(this, args);
      },
    );

    const factory = internals._factory as Factory<T> | undefined;
    if (typeof factory === 'object' && factory !== null && typeof factory.create === 'function') {
      const create = factory.create as Method;
      const timedCreate = function (this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const result = create.apply(this, args);
        // generic-pool handles the create promise's rejection itself; this only watches it settle.
        Promise.resolve(result).then(
          () => inst.guard('a create', () => metrics.createTime.record(secondsSince(started))),
          () => {},
        );
        return result;
      };
      inst.replace(pool, '_factory', new Proxy(factory, { get: (target, key, receiver) => (key === 'create' ? timedCreate : Reflect.get(target, key, receiver)) }));
    }

    if (typeof internals._evict === 'function' && typeof internals._destroy === 'function') {
      let evicting = false;
      inst.wrap(pool, '_evict', (original) =>
        function (this: unknown, ...args: unknown[]): unknown {
          evicting = true;
          try {
            return original.apply(this, args);
          } finally {
            evicting = false;
          }
        },
      );
      inst.wrap(pool, '_destroy', (original) =>
        function (this: unknown, ...args: unknown[]): unknown {
          inst.guard('an eviction', () => {
            // A resource that failed testOnBorrow is marked INVALID before _destroy; destroy() and
            // clear() hand it over IDLE (destroy() counted itself above; clear() is no eviction).
            if (evicting) metrics.evicted('idle');
            else if ((args[0] as PooledResource | undefined)?.state === 'INVALID') metrics.evicted('invalid');
          });
          return original.apply(this, args);
        },
      );
    }

  });
}

function isGenericPool(value: unknown): value is Pool<unknown> {
  const p = value as Partial<Pool<unknown>> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.acquire === 'function' &&
    typeof p.release === 'function' &&
    typeof p.destroy === 'function' &&
    typeof p.isBorrowedResource === 'function' &&
    typeof p.size === 'number' &&
    typeof p.available === 'number'
  );
}
