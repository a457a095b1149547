import type { Pool } from 'tarn';
import { InvalidOptionError } from '@leakguard/core';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';
import { Instrumentation, secondsSince } from './Instrumentation.js';

/** tarn declares min and max `protected`; they are plain fields at runtime. */
interface TarnLimits {
  readonly min?: unknown;
  readonly max?: unknown;
}

/**
 * Instruments a tarn 3.x Pool (the pool knex uses) without changing what it does. tarn emits
 * an event for every step, so the adapter mostly listens:
 *
 * - Levels, from its public counters: used (`numUsed()` + `numPendingCreates()`), idle
 *   (`numFree()`), pending (`numPendingAcquires()` + `numPendingValidations()`: acquires not yet
 *   handed a resource), max, idle.min (`min`). tarn has no idle cap: idle.max is not reported.
 * - `acquireRequest` (fired synchronously inside `acquire()`, so its stack is the caller's) /
 *   `acquireSuccess` / `acquireFail`: wait_time, the acquire site, timeouts (tarn's
 *   TimeoutError after `acquireTimeoutMillis`). `release`: use_time.
 * - `createRequest` / `createSuccess`: create_time.
 * - `destroyRequest`: eviction `idle` when it comes from the reaping cycle (`check()`, wrapped
 *   on the instance to know), `invalid` when `validate` said false; none after
 *   `pool.destroy()`. tarn has no max lifetime and no destroy of a borrowed resource, so
 *   `lifetime` and `error` are never seen.
 *
 * `close()` removes every listener and the `check` wrapper. Types only are imported from tarn.
 * Note that tarn's own `destroy()` removes all listeners when it finishes.
 */
export function instrumentTarnPool<T>(pool: Pool<T>, options: AdapterOptions): PoolInstrumentation {
  const where = 'instrumentTarnPool';
  if (!isTarnPool(pool)) {
    throw new InvalidOptionError(`${where}: expected a tarn Pool (new Pool({...}) from tarn 3.x), got something without acquire(), release(), numUsed() and on()`);
  }
  const limits = pool as unknown as TarnLimits;
  const inst = new Instrumentation(where, pool, options, () => ({
    used: pool.numUsed() + pool.numPendingCreates(),
    idle: pool.numFree(),
    pending: pool.numPendingAcquires() + pool.numPendingValidations(),
    max: typeof limits.max === 'number' ? limits.max : undefined,
    idleMin: typeof limits.min === 'number' ? limits.min : undefined,
  }));
  return inst.install(({ metrics }) => {
    const acquires = new Map<number, { readonly at: number; readonly site: Error | undefined }>();
    inst.listen(pool, 'acquireRequest', (eventId: number) => acquires.set(eventId, { at: performance.now(), site: inst.site() }));
    inst.listen(pool, 'acquireSuccess', (eventId: number, resource: unknown) =>
      inst.guard('an acquire', () => {
        const request = acquires.get(eventId);
        if (request === undefined) return;
        acquires.delete(eventId);
        metrics.waitTime.record(secondsSince(request.at));
        inst.lent(resource, request.site);
      }),
    );
    inst.listen(pool, 'acquireFail', (eventId: number, error: unknown) =>
      inst.guard('an acquire', () => {
        acquires.delete(eventId);
        if (isTimeoutError(error)) metrics.timeouts.add(1);
      }),
    );
    inst.listen(pool, 'release', (resource: unknown) => inst.guard('a release', () => void inst.returned(resource)));

    const creates = new Map<number, number>();
    inst.listen(pool, 'createRequest', (eventId: number) => creates.set(eventId, performance.now()));
    inst.listen(pool, 'createSuccess', (eventId: number) =>
      inst.guard('a create', () => {
        const at = creates.get(eventId);
        if (at === undefined) return;
        creates.delete(eventId);
        metrics.createTime.record(secondsSince(at));
      }),
    );
    inst.listen(pool, 'createFail', (eventId: number) => creates.delete(eventId));

    let reaping = false;
    let destroying = false;
    inst.wrap(pool, 'check', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        reaping = true;
        try {
          return original.apply(this, args);
        } finally {
          reaping = false;
        }
      },
    );
    inst.listen(pool, 'poolDestroyRequest', () => {
      destroying = true;
    });
    inst.listen(pool, 'destroyRequest', () =>
      inst.guard('an eviction', () => {
        if (destroying) return; // pool.destroy(): shutdown, not eviction
        // Outside a reaping cycle tarn destroys a resource only when validate() said false.
        metrics.evicted(reaping ? 'idle' : 'invalid');
      }),
    );
    inst.onClose(() => {
      acquires.clear();
      creates.clear();
    });

  });
}

/** tarn's TimeoutError sets no `name`; its class name is the stable part. */
function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.constructor.name === 'TimeoutError');
}

function isTarnPool(value: unknown): value is Pool<unknown> {
  const p = value as Partial<Pool<unknown>> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.acquire === 'function' &&
    typeof p.release === 'function' &&
    typeof p.numUsed === 'function' &&
    typeof p.numPendingAcquires === 'function' &&
    typeof p.check === 'function' &&
    typeof p.on === 'function' &&
    typeof p.removeListener === 'function'
  );
}
