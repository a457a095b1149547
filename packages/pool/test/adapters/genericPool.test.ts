import { InvalidOptionError } from '@leakguard/core';
import genericPool from 'generic-pool';
import type { Factory, Options, Pool } from 'generic-pool';
import { describe, expect, it } from 'vitest';
import { instrumentGenericPool } from '../../src/adapters/genericPool.js';
import { captureLogger, eventually, evictions, poolSamples, sample, sleep, testSink, uniqueName } from '../fixtures/adapters.js';

interface Conn {
  readonly id: number;
  open: boolean;
}

/** An in-memory factory: resources are objects with an id; `valid` decides testOnBorrow. */
function factory(valid: (c: Conn) => boolean = () => true): Factory<Conn> & { created: Conn[]; destroyed: Conn[] } {
  const created: Conn[] = [];
  const destroyed: Conn[] = [];
  return {
    created,
    destroyed,
    async create() {
      const c = { id: created.length, open: true };
      created.push(c);
      return c;
    },
    async destroy(c) {
      c.open = false;
      destroyed.push(c);
    },
    async validate(c) {
      return valid(c);
    },
  };
}

/** A generic-pool, and how to stop it for good (drain, then destroy what is idle). */
function testPool(options: Options, f = factory()): { pool: Pool<Conn>; factory: typeof f; end(): Promise<void> } {
  const pool = genericPool.createPool(f, options);
  return {
    pool,
    factory: f,
    async end() {
      await pool.drain();
      await pool.clear();
    },
  };
}

describe('instrumentGenericPool', () => {
  it('reports levels at collect time and counts wait, use and create times for acquire(), release() and use()', async () => {
    const name = uniqueName('gp-levels');
    const sink = testSink();
    const t = testPool({ max: 2, min: 0 });
    try {
      using _inst = instrumentGenericPool(t.pool, { name, meter: sink });
      const c = await t.pool.acquire();
      expect(await poolSamples(sink, name)).toMatchObject({ used: 1, idle: 0, pending: 0, max: 2, idleMin: 0, waits: 1, creates: 1, idleMax: undefined });
      expect(await sink.registry.metrics()).toContain(`db_client_connections{db_client_connection_pool_name="${name}",db_client_connection_state="used"} 1`);
      await t.pool.release(c);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, uses: 1 });
      expect(await t.pool.use(async (r) => r.id)).toBe(0);
      // use() destroys the resource when fn rejects, and the rejection passes through.
      const failure = new Error('query failed');
      await expect(t.pool.use(() => Promise.reject(failure))).rejects.toBe(failure);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 0, waits: 3, uses: 3, creates: 1 });
      expect(await evictions(sink, name, 'error')).toBe(1);
      // Results of wrapped methods are the pool's: releasing a stranger still rejects.
      await expect(t.pool.release({ id: 99, open: true })).rejects.toThrow('Resource not currently part of this pool');
    } finally {
      await t.end();
    }
  });

  it('counts acquireTimeoutMillis expiries as timeouts and passes the TimeoutError through', async () => {
    const name = uniqueName('gp-timeout');
    const sink = testSink();
    const t = testPool({ max: 1, acquireTimeoutMillis: 40 });
    try {
      using _inst = instrumentGenericPool(t.pool, { name, meter: sink });
      const held = await t.pool.acquire();
      const waiting = t.pool.acquire().catch((e: unknown) => e);
      expect(await poolSamples(sink, name)).toMatchObject({ pending: 1, used: 1 });
      const error = (await waiting) as Error;
      expect(error.name).toBe('TimeoutError');
      expect(error.message).toBe('ResourceRequest timed out');
      expect(await poolSamples(sink, name)).toMatchObject({ timeouts: 1, pending: 0, waits: 1 });
      expect(await sink.registry.metrics()).toContain(`db_client_connection_timeouts_total{db_client_connection_pool_name="${name}"} 1`);
      await t.pool.release(held);
    } finally {
      await t.end();
    }
  });

  it('counts idle (evictor) and invalid (testOnBorrow) evictions, and none for clear()', async () => {
    const sink = testSink();
    const idleName = uniqueName('gp-idle');
    const idle = testPool({ max: 2, evictionRunIntervalMillis: 10, idleTimeoutMillis: 20 });
    const invalidName = uniqueName('gp-invalid');
    const invalid = testPool({ max: 2, testOnBorrow: true }, factory((c) => c.id !== 0));
    try {
      using _a = instrumentGenericPool(idle.pool, { name: idleName, meter: sink });
      using _b = instrumentGenericPool(invalid.pool, { name: invalidName, meter: sink });
      await idle.pool.release(await idle.pool.acquire());
      await eventually(async () => expect(await evictions(sink, idleName, 'idle')).toBe(1));
      expect(idle.factory.destroyed).toHaveLength(1);

      const first = await invalid.pool.acquire(); // created, not tested
      await invalid.pool.release(first);
      const second = await invalid.pool.acquire(); // id 0 fails validation and is replaced
      expect(second.id).toBe(1);
      expect(await evictions(sink, invalidName, 'invalid')).toBe(1);
      await invalid.pool.release(second);
      await invalid.pool.clear();
      expect(invalid.factory.destroyed).toHaveLength(2);
      expect(await evictions(sink, invalidName, 'idle')).toBe(0);
      expect(await evictions(sink, invalidName, 'invalid')).toBe(1);
    } finally {
      await Promise.all([idle.end(), invalid.end()]);
    }
  });

  it('logs a lease held past leakDetectionThresholdMs with its acquire site, and a second line when destroyed', async () => {
    const name = uniqueName('gp-leak');
    const sink = testSink();
    const { logger, lines } = captureLogger();
    const t = testPool({ max: 1 });
    try {
      using _inst = instrumentGenericPool(t.pool, { name, meter: sink, logger, leakDetectionThresholdMs: 30 });
      const c = await borrowAndForget(t.pool);
      await eventually(() => expect(lines).toHaveLength(1));
      expect(lines[0]).toContain(`warn: pool "${name}": a lease has been held for more than 30 ms`);
      expect(lines[0]).toContain('borrowAndForget');
      expect(lines[0]).toContain('genericPool.test.ts');
      expect(await poolSamples(sink, name)).toMatchObject({ leaks: 1 });
      await t.pool.destroy(c);
      expect(lines[1]).toMatch(new RegExp(`^info: pool "${name}": the lease reported as a possible leak came back after \\d+ ms$`));
      await t.pool.use(async () => sleep(1));
      await sleep(50);
      expect(lines).toHaveLength(2);
    } finally {
      await t.end();
    }
  });

  it('close() puts back the original methods and factory and stops reporting levels', async () => {
    const name = uniqueName('gp-close');
    const sink = testSink();
    const t = testPool({ max: 1 });
    const internals = t.pool as unknown as Record<string, unknown>;
    const keys = ['acquire', 'release', 'destroy', '_evict', '_destroy', '_factory'] as const;
    try {
      const before = Object.fromEntries(keys.map((k) => [k, internals[k]]));
      const inst = instrumentGenericPool(t.pool, { name, meter: sink });
      for (const k of keys) expect(internals[k], k).not.toBe(before[k]);
      expect(() => instrumentGenericPool(t.pool, { name: uniqueName('gp-again') })).toThrow(/already instrumented as "gp-close/);
      await t.pool.use(async () => 1);
      inst.close();
      inst.close();
      for (const k of keys) expect(internals[k], k).toBe(before[k]);
      for (const k of ['acquire', 'release', 'destroy', '_evict', '_destroy']) expect(Object.hasOwn(t.pool, k), k).toBe(false);
      expect(internals._factory).toBe(t.factory);
      expect(await sample(sink, 'db_client_connections', { db_client_connection_pool_name: name, db_client_connection_state: 'idle' })).toBeUndefined();
      await t.pool.use(async () => 1);
      expect(await sample(sink, 'db_client_connection_use_time_seconds_count', { db_client_connection_pool_name: name })).toBe(1);
    } finally {
      await t.end();
    }
  });

  it('checks its options and the pool, and claims the name among open pools', async () => {
    const t = testPool({ max: 1 });
    const other = testPool({ max: 1 });
    try {
      expect(() => instrumentGenericPool({} as Pool<Conn>, { name: 'x' })).toThrow(/expected a pool from generic-pool/);
      expect(() => instrumentGenericPool(t.pool, { name: '' })).toThrow(InvalidOptionError);
      expect(() => instrumentGenericPool(t.pool, undefined as never)).toThrow(/options must be an object/);
      expect(() => instrumentGenericPool(t.pool, { name: uniqueName('gp'), leakDetectionThresholdMs: 1.5 })).toThrow(/leakDetectionThresholdMs must be an integer/);
      const name = uniqueName('gp-shared');
      using _first = instrumentGenericPool(t.pool, { name, meter: testSink() });
      expect(() => instrumentGenericPool(other.pool, { name, meter: testSink() })).toThrow(/already open/);
      expect(Object.hasOwn(other.pool, 'acquire')).toBe(false);
    } finally {
      await Promise.all([t.end(), other.end()]);
    }
  });
});

/** Acquires and keeps the resource: the frame the leak report must point at. */
async function borrowAndForget(pool: Pool<Conn>): Promise<Conn> {
  return pool.acquire();
}
