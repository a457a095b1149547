import type { EventEmitter } from 'node:events';
import { Pool, TimeoutError } from 'tarn';
import { describe, expect, it } from 'vitest';
import { instrumentTarnPool } from '../../src/adapters/tarn.js';
import { captureLogger, eventually, evictions, poolSamples, sample, sleep, testSink, uniqueName } from '../fixtures/adapters.js';

interface Conn {
  readonly id: number;
}

type TarnOptions = Omit<ConstructorParameters<typeof Pool<Conn>>[0], 'create' | 'destroy'>;

/** A tarn pool of in-memory resources; `destroyed` lists what its destroy() got. */
function testPool(options: Partial<TarnOptions> = {}): { pool: Pool<Conn>; destroyed: Conn[] } {
  let n = 0;
  const destroyed: Conn[] = [];
  const pool = new Pool<Conn>({
    create: (cb) => cb(null, { id: n++ }),
    destroy: (c) => void destroyed.push(c),
    min: 0,
    max: 2,
    ...options,
  });
  return { pool, destroyed };
}

/** tarn keeps its emitter protected; listener counts are read from it. */
const emitterOf = (pool: Pool<Conn>): EventEmitter => (pool as unknown as { emitter: EventEmitter }).emitter;

describe('instrumentTarnPool', () => {
  it('reports levels at collect time and counts wait, use and create times from its events', async () => {
    const name = uniqueName('tarn-levels');
    const sink = testSink();
    const { pool } = testPool({ max: 3 });
    try {
      using _inst = instrumentTarnPool(pool, { name, meter: sink });
      const c = await pool.acquire().promise;
      expect(await poolSamples(sink, name)).toMatchObject({ used: 1, idle: 0, pending: 0, max: 3, idleMin: 0, waits: 1, creates: 1, idleMax: undefined });
      expect(await sink.registry.metrics()).toContain(`db_client_connections{db_client_connection_pool_name="${name}",db_client_connection_state="used"} 1`);
      expect(pool.release(c)).toBe(true);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, uses: 1 });
      // release() of a stranger still answers false.
      expect(pool.release({ id: 99 })).toBe(false);
      const again = await pool.acquire().promise;
      expect(again).toBe(c);
      pool.release(again);
      expect(await poolSamples(sink, name)).toMatchObject({ used: 0, idle: 1, waits: 2, uses: 2, creates: 1 });
    } finally {
      await pool.destroy();
    }
  });

  it('counts acquireTimeoutMillis expiries as timeouts and passes the TimeoutError through', async () => {
    const name = uniqueName('tarn-timeout');
    const sink = testSink();
    const { pool } = testPool({ max: 1, acquireTimeoutMillis: 40 });
    try {
      using _inst = instrumentTarnPool(pool, { name, meter: sink });
      const held = await pool.acquire().promise;
      const waiting = pool.acquire().promise.catch((e: unknown) => e);
      expect(await poolSamples(sink, name)).toMatchObject({ pending: 1, used: 1 });
      expect(await waiting).toBeInstanceOf(TimeoutError);
      expect(await poolSamples(sink, name)).toMatchObject({ timeouts: 1, pending: 0, waits: 1 });
      expect(await sink.registry.metrics()).toContain(`db_client_connection_timeouts_total{db_client_connection_pool_name="${name}"} 1`);
      pool.release(held);
    } finally {
      await pool.destroy();
    }
  });

  it('counts idle (reaping) and invalid (validate) evictions, and none for destroy()', async () => {
    const sink = testSink();
    const idleName = uniqueName('tarn-idle');
    const idle = testPool({ idleTimeoutMillis: 20, reapIntervalMillis: 10 });
    const invalidName = uniqueName('tarn-invalid');
    let validations = 0;
    const invalid = testPool({ validate: () => ++validations > 1 });
    try {
      using _a = instrumentTarnPool(idle.pool, { name: idleName, meter: sink });
      using _b = instrumentTarnPool(invalid.pool, { name: invalidName, meter: sink });
      idle.pool.release(await idle.pool.acquire().promise);
      await eventually(async () => expect(await evictions(sink, idleName, 'idle')).toBe(1));
      expect(idle.destroyed).toHaveLength(1);
      expect(await poolSamples(sink, idleName)).toMatchObject({ used: 0, idle: 0 });

      const c = await invalid.pool.acquire().promise; // the first one fails validation and is replaced
      expect(c.id).toBe(1);
      expect(await evictions(sink, invalidName, 'invalid')).toBe(1);
      invalid.pool.release(c);
      await invalid.pool.destroy();
      expect(invalid.destroyed).toHaveLength(2);
      expect(await evictions(sink, invalidName, 'invalid')).toBe(1);
      expect(await evictions(sink, invalidName, 'idle')).toBe(0);
    } finally {
      // A second destroy() of a destroyed tarn pool just resolves.
      await Promise.all([idle.pool.destroy(), invalid.pool.destroy()]);
    }
  });

  it('logs a lease held past leakDetectionThresholdMs with its acquire site, and a second line when it comes back', async () => {
    const name = uniqueName('tarn-leak');
    const sink = testSink();
    const { logger, lines } = captureLogger();
    const { pool } = testPool({ max: 1 });
    try {
      using _inst = instrumentTarnPool(pool, { name, meter: sink, logger, leakDetectionThresholdMs: 30 });
      const c = await borrowAndForget(pool);
      await eventually(() => expect(lines).toHaveLength(1));
      expect(lines[0]).toContain(`warn: pool "${name}": a lease has been held for more than 30 ms`);
      expect(lines[0]).toContain('borrowAndForget');
      expect(lines[0]).toContain('tarn.test.ts');
      expect(await poolSamples(sink, name)).toMatchObject({ leaks: 1 });
      pool.release(c);
      expect(lines[1]).toMatch(new RegExp(`^info: pool "${name}": the lease reported as a possible leak came back after \\d+ ms$`));
      pool.release(await pool.acquire().promise);
      await sleep(50);
      expect(lines).toHaveLength(2);
    } finally {
      await pool.destroy();
    }
  });

  it('close() removes its listeners and the check() wrapper and stops reporting levels', async () => {
    const name = uniqueName('tarn-close');
    const sink = testSink();
    const { pool } = testPool();
    const events = ['acquireRequest', 'acquireSuccess', 'acquireFail', 'release', 'createRequest', 'createSuccess', 'createFail', 'destroyRequest', 'poolDestroyRequest'];
    try {
      const check = pool.check;
      const before = events.map((e) => emitterOf(pool).listenerCount(e));
      const inst = instrumentTarnPool(pool, { name, meter: sink });
      expect(pool.check).not.toBe(check);
      expect(events.map((e) => emitterOf(pool).listenerCount(e))).toEqual(before.map((n) => n + 1));
      pool.release(await pool.acquire().promise);
      inst.close();
      inst.close();
      expect(pool.check).toBe(check);
      expect(Object.hasOwn(pool, 'check')).toBe(false);
      expect(events.map((e) => emitterOf(pool).listenerCount(e))).toEqual(before);
      expect(await sample(sink, 'db_client_connections', { db_client_connection_pool_name: name, db_client_connection_state: 'idle' })).toBeUndefined();
      pool.release(await pool.acquire().promise);
      expect(await sample(sink, 'db_client_connection_wait_time_seconds_count', { db_client_connection_pool_name: name })).toBe(1);
    } finally {
      await pool.destroy();
    }
  });

  it('refuses what is not a tarn Pool', () => {
    expect(() => instrumentTarnPool({} as Pool<Conn>, { name: 'x' })).toThrow(/expected a tarn Pool/);
  });
});

/** Acquires and keeps the resource: the frame the leak report must point at. */
async function borrowAndForget(pool: Pool<Conn>): Promise<Conn> {
  return pool.acquire().promise;
}
