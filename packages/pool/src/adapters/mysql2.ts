import type { Pool as CallbackPool } from 'mysql2';
import type { Pool as PromisePool } from 'mysql2/promise';
import { InvalidOptionError } from '@leakguard/core';
import type { AdapterOptions, PoolInstrumentation } from './AdapterOptions.js';
import type { Method } from './Instrumentation.js';
import { Instrumentation, secondsSince } from './Instrumentation.js';

/** mysql2's internal queue (ring_queue.js): a length and indexed reads. */
interface RingQueue {
  readonly length: number;
  get(index: number): unknown;
}

/**
 * The core (callback) pool as the adapter reads it. mysql2 publishes no counts, so levels come
 * from these internals (mysql2 3.x); the adapter checks they exist and refuses the pool otherwise.
 */
interface CorePool {
  readonly _allConnections: RingQueue;
  readonly _freeConnections: RingQueue;
  readonly _connectionQueue: RingQueue;
  readonly _closed: boolean;
  readonly config: { readonly connectionLimit: number; readonly maxIdle: number; readonly idleTimeout: number };
  getConnection(callback: (...args: unknown[]) => unknown): void;
  releaseConnection(connection: unknown): void;
  /** Called when a connection leaves the pool while the pool is open (destroy, error, server hung up). */
  _removeConnection?(connection: unknown): void;
}

/**
 * Instruments a mysql2 pool without changing what it does: the callback pool from
 * `mysql2.createPool()` or the promise pool from `mysql2/promise` (its `.pool`, the callback
 * pool it wraps, is what gets instrumented; both report through the same instrumentation).
 *
 * - Levels, read at collect time from mysql2's internal queues: used (all connections, counting
 *   ones being opened, minus free ones), idle (free), pending (queued getConnection calls),
 *   max (`connectionLimit`; not reported when 0 = unlimited), idle.max (`maxIdle`). mysql2 has
 *   no minimum, so idle.min is not reported.
 * - Wraps `getConnection` (which `query`, `execute` and the promise pool go through): wait_time,
 *   the acquire site for leak detection, create_time of connections opened for it, and
 *   timeouts — mysql2 pools have no acquire timeout (waiters queue until served), so the only
 *   timeouts are `connectTimeout` expiries (ETIMEDOUT) while opening a connection for an acquire.
 * - Wraps `releaseConnection` (every `connection.release()` goes through it): use_time.
 * - Wraps the internal `_removeConnection`: evictions `idle` (past `idleTimeout` or above
 *   `maxIdle`) and `error` (a leased connection destroyed, or any connection the server or
 *   network dropped). mysql2 has no max lifetime and no validation, and a failed
 *   `resetOnRelease` bypasses `_removeConnection`, so `lifetime` and `invalid` are never seen.
 *
 * `close()` takes every wrapper and listener out again. Types only are imported from mysql2.
 */
export function instrumentMysql2Pool(pool: CallbackPool | PromisePool, options: AdapterOptions): PoolInstrumentation {
  const where = 'instrumentMysql2Pool';
  const core = corePoolOf(pool);
  if (core === undefined) {
    throw new InvalidOptionError(
      `${where}: expected a pool from mysql2.createPool() or mysql2/promise createPool() (mysql2 3.x); this object lacks the connection queues the adapter reads`,
    );
  }
  const inst = new Instrumentation(where, core, options, () => {
    const all = core._allConnections.length;
    const free = core._freeConnections.length;
    const limit = core.config.connectionLimit;
    return {
      used: all - free,
      idle: free,
      pending: core._connectionQueue.length,
      max: limit > 0 ? limit : undefined,
      idleMax: limit > 0 ? Math.min(core.config.maxIdle, limit) : undefined,
    };
  });
  return inst.install(({ metrics }) => {
    const created = new WeakMap<object, number>();
    // Callbacks we already wrapped: mysql2 re-runs getConnection(cb) with the same callback for
    // a queued waiter when a connection leaves the pool; that is still one acquire.
    const ours = new WeakSet<object>();
    inst.wrap(core, 'getConnection', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const before = core._allConnections.length;
        const callback = args[0];
        let result: unknown;
        if (typeof callback !== 'function' || ours.has(callback)) {
          result = original.apply(this, args);
        } else {
          const site = inst.site();
          const wrapped = function (this: unknown, ...outcome: unknown[]): unknown {
            inst.guard('an acquire', () => {
              const error = outcome[0];
              if (error !== undefined && error !== null) {
                if ((error as { code?: unknown }).code === 'ETIMEDOUT') metrics.timeouts.add(1);
                return;
              }
              metrics.waitTime.record(secondsSince(started));
              inst.lent(outcome[1], site);
            });
            return (callback as Method).apply(this, outcome);
          };
          ours.add(wrapped);
          result = original.call(this, wrapped, ...args.slice(1));
        }
        // getConnection pushes a connection it starts opening onto _allConnections synchronously.
        inst.guard('a connection', () => {
          const after = core._allConnections.length;
          if (after > before) {
            const connection = core._allConnections.get(after - 1);
            if (typeof connection === 'object' && connection !== null) created.set(connection, started);
          }
        });
        return result;
      },
    );

    inst.listen(core, 'connection', (connection: object) =>
      inst.guard('a connection', () => {
        const at = created.get(connection);
        if (at === undefined) return;
        created.delete(connection);
        metrics.createTime.record(secondsSince(at));
      }),
    );

    inst.wrap(core, 'releaseConnection', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        inst.guard('a release', () => void inst.returned(args[0]));
        return original.apply(this, args);
      },
    );

    if (typeof core._removeConnection === 'function') {
      inst.wrap(core, '_removeConnection', (original) =>
        function (this: unknown, ...args: unknown[]): unknown {
          inst.guard('an eviction', () => {
            const connection = args[0];
            if (core._closed) return;
            if (inst.returned(connection)) metrics.evicted('error');
            else if (contains(core._freeConnections, connection)) metrics.evicted(idleExpired(core, connection) ? 'idle' : 'error');
            // Otherwise a connection that failed to open: a create error, not an eviction.
          });
          return original.apply(this, args);
        },
      );
    }

  });
}

/**
 * The rule mysql2's idle sweep applies (the sweep runs only when maxIdle < connectionLimit); a
 * free connection removed without meeting it was dropped by the server or the network.
 */
function idleExpired(core: CorePool, connection: unknown): boolean {
  const { maxIdle, connectionLimit, idleTimeout } = core.config;
  if (!(maxIdle < connectionLimit)) return false;
  const lastActive = (connection as { lastActiveTime?: unknown }).lastActiveTime;
  return core._freeConnections.length > maxIdle || (typeof lastActive === 'number' && Date.now() - lastActive > idleTimeout);
}

function contains(queue: RingQueue, item: unknown): boolean {
  for (let i = 0; i < queue.length; i++) if (queue.get(i) === item) return true;
  return false;
}

function corePoolOf(pool: unknown): CorePool | undefined {
  if (isCorePool(pool)) return pool;
  const inner = (pool as { pool?: unknown } | null)?.pool;
  return isCorePool(inner) ? inner : undefined;
}

function isCorePool(value: unknown): value is CorePool {
  const p = value as Partial<CorePool> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.getConnection === 'function' &&
    typeof p.releaseConnection === 'function' &&
    typeof p._allConnections?.length === 'number' &&
    typeof p._freeConnections?.length === 'number' &&
    typeof p._connectionQueue?.length === 'number' &&
    typeof p.config?.connectionLimit === 'number'
  );
}
