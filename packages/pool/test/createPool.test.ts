import { InvalidOptionError } from '@leakguard/core';
import { describe, expect, it, vi } from 'vitest';
import type { Lease } from '../src/index.js';
import { LeaseError, PoolClosedError, PoolFullError, PoolTimeoutError, createPool } from '../src/index.js';
import type { Conn } from './support/harness.js';
import { harness, sleep } from './support/harness.js';

describe('createPool: acquire and release', () => {
  it('lends, takes back and reuses resources; await using returns the lease', async () => {
    await using h = harness({ max: 2 });
    {
      await using lease = await h.pool.acquire();
      expect(lease.resource.open).toBe(true);
      expect(h.pool.stats()).toMatchObject({ size: 1, used: 1, idle: 0, created: 1 });
    }
    expect(h.pool.stats()).toMatchObject({ size: 1, used: 0, idle: 1 });
    const again = await h.pool.acquire();
    expect(again.resource.id).toBe(0);
    again.release();
    expect(h.created).toHaveLength(1);
  });

  it('never has more than max alive and serves waiters first-in first-out', async () => {
    await using h = harness({ max: 2 });
    const a = await h.pool.acquire();
    const b = await h.pool.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((i) => h.pool.acquire().then((l) => (order.push(i), l)));
    await sleep(5);
    expect(h.pool.stats()).toMatchObject({ size: 2, pending: 3 });
    a.release();
    const first = await waiters[0];
    b.release();
    const second = await waiters[1];
    first?.release();
    const third = await waiters[2];
    expect(order).toEqual([1, 2, 3]);
    expect(h.created).toHaveLength(2);
    second?.release();
    third?.release();
  });

  it('an aborted signal removes the waiter at once and rejects with the reason', async () => {
    await using h = harness({ max: 1 });
    const held = await h.pool.acquire();
    const controller = new AbortController();
    const waiting = h.pool.acquire({ signal: controller.signal });
    expect(h.pool.stats().pending).toBe(1);
    controller.abort(new Error('user went away'));
    await expect(waiting).rejects.toThrow('user went away');
    expect(h.pool.stats().pending).toBe(0);
    await expect(h.pool.acquire({ signal: AbortSignal.abort(new Error('already gone')) })).rejects.toThrow('already gone');
    held.release();
    expect(h.pool.stats()).toMatchObject({ idle: 1, used: 0 });
  });

  it('times out with the pool state and the last create error as cause', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    await using h = harness({
      name: 'db-timeout',
      max: 2,
      acquireTimeoutMs: 60,
      create: () => Promise.reject(refused),
    });
    const error = (await h.pool.acquire().catch((e: unknown) => e)) as PoolTimeoutError;
    expect(error).toBeInstanceOf(PoolTimeoutError);
    expect(error.message).toBe(
      'pool "db-timeout": acquire timed out after 60 ms (size 0/2, used 0, idle 0, waiting 0); last create error: connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(error.cause).toBe(refused);
    expect(h.pool.stats().timeouts).toBe(1);
    expect(await h.metrics()).toContain('db_client_connection_timeouts_total{db_client_connection_pool_name="db-timeout"} 1');
  });

  it('says how many were used and waiting when every resource is leased', async () => {
    await using h = harness({ name: 'db-busy', max: 1, acquireTimeoutMs: 40 });
    const held = await h.pool.acquire();
    const first = h.pool.acquire().catch((e: unknown) => e);
    const second = h.pool.acquire().catch((e: unknown) => e);
    // The first waiter times out while the second still waits.
    expect(((await first) as PoolTimeoutError).message).toBe('pool "db-busy": acquire timed out after 40 ms (size 1/1, used 1, idle 0, waiting 1)');
    expect(await second).toBeInstanceOf(PoolTimeoutError);
    expect(h.pool.stats().timeouts).toBe(2);
    held.release();
  });

  it('refuses the acquire past maxWaiting at once', async () => {
    await using h = harness({ max: 1, maxWaiting: 1 });
    const held = await h.pool.acquire();
    const waiting = h.pool.acquire();
    await expect(h.pool.acquire()).rejects.toThrow(PoolFullError);
    await expect(h.pool.acquire()).rejects.toThrow(/1 acquires are already waiting \(maxWaiting\)/);
    held.release();
    (await waiting).release();
  });
});

describe('createPool: the late-creation race (a resource is never lost)', () => {
  it('a creation that finishes after its waiter timed out goes to idle', async () => {
    await using h = harness({
      max: 1,
      acquireTimeoutMs: 20,
      create: async () => {
        await sleep(60);
        return { id: 99, open: true };
      },
    });
    await expect(h.pool.acquire()).rejects.toThrow(PoolTimeoutError);
    await sleep(80);
    expect(h.pool.stats()).toMatchObject({ created: 1, idle: 1, size: 1, creating: 0 });
    const lease = await h.pool.acquire();
    expect(lease.resource.id).toBe(99);
    lease.release();
  });

  it('a creation that finishes after its waiter aborted goes to the next waiter', async () => {
    let release!: () => void;
    await using h = harness({
      max: 1,
      create: () => new Promise<Conn>((resolve) => (release = () => resolve({ id: 7, open: true }))),
    });
    const controller = new AbortController();
    const first = h.pool.acquire({ signal: controller.signal });
    await sleep(1);
    const second = h.pool.acquire();
    controller.abort(new Error('gave up'));
    await expect(first).rejects.toThrow('gave up');
    release();
    const lease = await second;
    expect(lease.resource.id).toBe(7);
    expect(h.pool.stats()).toMatchObject({ created: 1, used: 1, pending: 0 });
    lease.release();
  });
});

describe('createPool: eviction, lifetime, validation, refill', () => {
  it('evicts idle resources by their real last-used time, down to min', async () => {
    await using h = harness({ max: 4, min: 1, idleTimeoutMs: 40, housekeepingIntervalMs: 100_000 });
    const leases = await Promise.all([1, 2, 3].map(() => h.pool.acquire()));
    for (const l of leases) l.release();
    await sleep(25);
    // Used again just now: not idle long enough to go.
    (await h.pool.acquire()).release();
    await sleep(25);
    await h.sweeper.sweep();
    expect(h.pool.stats()).toMatchObject({ size: 1, idle: 1, evicted: { idle: 2, lifetime: 0, invalid: 0, error: 0 } });
    await sleep(60);
    await h.sweeper.sweep();
    // min = 1 holds even though the last one is idle too.
    expect(h.pool.stats()).toMatchObject({ size: 1, idle: 1 });
    expect(await h.metrics()).toContain(`leakguard_pool_evictions_total{db_client_connection_pool_name="${h.pool.name}",leakguard_pool_eviction_reason="idle"} 2`);
  });

  it('refills min in the background', async () => {
    await using h = harness({ min: 3, max: 5 });
    await sleep(10);
    expect(h.pool.stats()).toMatchObject({ size: 3, idle: 3 });
    const lease = await h.pool.acquire();
    lease.destroy();
    await sleep(10);
    expect(h.pool.stats()).toMatchObject({ size: 3, idle: 3, evicted: { error: 1 } });
  });

  it('retires a resource past maxLifetimeMs: idle at once, leased only on release', async () => {
    await using h = harness({ max: 2, maxLifetimeMs: 30, housekeepingIntervalMs: 100_000 });
    const held = await h.pool.acquire();
    const idle = await h.pool.acquire();
    idle.release();
    await sleep(45);
    expect(held.resource.open).toBe(true);
    // The idle one is past its lifetime: the next acquire retires it and creates a new one.
    const fresh = await h.pool.acquire();
    expect(fresh.resource.id).toBe(2);
    expect(h.destroyed.map((c) => c.id)).toEqual([1]);
    held.release();
    expect(h.destroyed.map((c) => c.id)).toEqual([1, 0]);
    expect(h.pool.stats().evicted.lifetime).toBe(2);
    fresh.release();
  });

  it('spreads retirements with up to 2.5% jitter, so resources made together do not all expire together', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    try {
      await using h = harness({ max: 40, maxLifetimeMs: 1_000, idleTimeoutMs: 1_000_000, housekeepingIntervalMs: 1 });
      const leases = await Promise.all(Array.from({ length: 40 }, () => h.pool.acquire()));
      for (const l of leases) l.release();
      await vi.advanceTimersByTimeAsync(974);
      expect(h.pool.stats().evicted.lifetime).toBe(0);
      await vi.advanceTimersByTimeAsync(13); // t = 987: inside the jitter window
      const midway = h.pool.stats().evicted.lifetime;
      expect(midway).toBeGreaterThan(0);
      expect(midway).toBeLessThan(40);
      await vi.advanceTimersByTimeAsync(15); // t = 1002: past every lifetime
      expect(h.pool.stats().evicted.lifetime).toBe(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('validates on borrow only after validateAfterIdleMs idle, destroying failures and trying the next', async () => {
    const checked: number[] = [];
    const broken = new Set<number>();
    await using h = harness({
      max: 3,
      validateAfterIdleMs: 20,
      validate: async (c) => {
        checked.push(c.id);
        return !broken.has(c.id);
      },
    });
    const leases = await Promise.all([1, 2, 3].map(() => h.pool.acquire()));
    for (const l of leases) l.release();
    (await h.pool.acquire()).release();
    expect(checked).toEqual([]);
    await sleep(30);
    broken.add(2);
    const lease = await h.pool.acquire();
    expect(checked).toEqual([2, 1]);
    expect(lease.resource.id).toBe(1);
    expect(h.pool.stats().evicted.invalid).toBe(1);
    lease.release();
  });
});

describe('createPool: leak detection', () => {
  it('reports a lease held past the threshold once, with the acquire site, and again when it returns', async () => {
    await using h = harness({ name: 'leaky', leakDetectionThresholdMs: 20 });
    const lease = await h.pool.acquire();
    await sleep(50);
    expect(h.pool.stats().leaks).toBe(1);
    const warnings = h.logs.filter((l) => l.startsWith('warn:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('pool "leaky": a lease has been held for more than 20 ms (leakDetectionThresholdMs) and may have leaked; acquired at:');
    expect(warnings[0]).toContain('createPool.test.ts');
    lease.release();
    expect(h.logs.at(-1)).toMatch(/^info: pool "leaky": the lease reported as a possible leak came back after \d+ ms$/);
    expect(await h.metrics()).toContain('leakguard_pool_leaks_total{db_client_connection_pool_name="leaky"} 1');
  });

  it('a lease returned in time is not reported', async () => {
    await using h = harness({ leakDetectionThresholdMs: 50 });
    (await h.pool.acquire()).release();
    await sleep(70);
    expect(h.pool.stats().leaks).toBe(0);
    expect(h.logs).toEqual([]);
  });
});

describe('createPool: misuse gets clear errors and changes nothing', () => {
  it('releasing twice throws LeaseError; the pool state is unchanged', async () => {
    await using h = harness();
    const lease = await h.pool.acquire();
    lease.release();
    const before = h.pool.stats();
    expect(() => lease.release()).toThrow(LeaseError);
    expect(() => lease.destroy()).toThrow(/this lease was already returned; a lease is returned exactly once/);
    expect(h.pool.stats()).toEqual(before);
    await lease[Symbol.asyncDispose]();
    expect(h.pool.stats()).toEqual(before);
  });

  it('a lease of another pool is refused', async () => {
    await using a = harness();
    await using b = harness();
    const lease = await a.pool.acquire();
    expect(() => b.pool.release(lease)).toThrow(new RegExp(`pool "${b.pool.name}": cannot release a lease of pool "${a.pool.name}"`));
    expect(() => b.pool.destroy({ resource: lease.resource } as Lease<Conn>)).toThrow(/cannot destroy a lease of no leakguard pool/);
    expect(b.pool.stats().used).toBe(0);
    a.pool.release(lease);
    expect(a.pool.stats().idle).toBe(1);
  });

  it('acquire after close is refused', async () => {
    await using h = harness();
    await h.pool.close();
    await expect(h.pool.acquire()).rejects.toThrow(PoolClosedError);
    await expect(h.pool.acquire()).rejects.toThrow(/is closed; acquire refused/);
  });

  it('bad options name the option and what is allowed', () => {
    const base = { name: 'opts', create: async () => 1, destroy: () => {} };
    expect(() => createPool({ ...base, max: 0 })).toThrow(InvalidOptionError);
    expect(() => createPool({ ...base, max: 0 })).toThrow('createPool("opts"): max must be an integer >= 1, got 0');
    expect(() => createPool({ ...base, min: 5, max: 2 })).toThrow('createPool("opts"): min must be an integer between 0 and 2, got 5');
    expect(() => createPool({ ...base, create: undefined as never })).toThrow(/create must be a function/);
    expect(() => createPool({ ...base, name: 'bad name' })).toThrow(/name must be 1-64 characters/);
    expect(() => createPool({ ...base, acquireTimeoutMs: -1 })).toThrow(/acquireTimeoutMs must be an integer between 1 and 2147483647, got -1/);
  });

  it('two open pools cannot share a name; a closed one frees it', async () => {
    await using h = harness({ name: 'same' });
    expect(() => createPool({ name: 'same', create: async () => 1, destroy: () => {} })).toThrow(/a pool named "same" is already open/);
    await h.pool.close();
    const again = createPool({ name: 'same', create: async () => 1, destroy: () => {} });
    await again.close();
  });
});

describe('createPool: use()', () => {
  it('releases on success and on an ordinary error, destroys on a fatal one', async () => {
    await using h = harness({ isFatal: (e) => e instanceof Error && e.message === 'connection reset' });
    expect(await h.pool.use(async (c) => c.id)).toBe(0);
    await expect(h.pool.use(async () => Promise.reject(new Error('syntax error')))).rejects.toThrow('syntax error');
    expect(h.pool.stats()).toMatchObject({ idle: 1, used: 0, destroyed: 0 });
    await expect(h.pool.use(async () => Promise.reject(new Error('connection reset')))).rejects.toThrow('connection reset');
    expect(h.pool.stats()).toMatchObject({ idle: 0, used: 0, destroyed: 1, evicted: { error: 1 } });
    await expect(h.pool.use(() => Promise.reject(new Error('x')), { isFatal: () => true })).rejects.toThrow('x');
    expect(h.pool.stats().destroyed).toBe(2);
  });

  it('destroys the resource, keeping no lease out, when isFatal itself throws; the task\'s error still reaches the caller', async () => {
    await using h = harness();
    const isFatal = (): boolean => {
      throw new Error('isFatal bug');
    };
    await expect(h.pool.use(() => Promise.reject(new Error('query failed')), { isFatal })).rejects.toThrow('query failed');
    expect(h.pool.stats()).toMatchObject({ used: 0, destroyed: 1 });
    expect(h.logs.join('\n')).toContain('isFatal threw, destroying the resource: isFatal bug');
  });
});

describe('createPool: close()', () => {
  it('rejects waiters, waits for leases until the deadline, then destroys the rest; idempotent', async () => {
    const h = harness({ name: 'closing', max: 2 });
    const a = await h.pool.acquire();
    const b = await h.pool.acquire();
    const waiter = h.pool.acquire();
    const closing = h.pool.close({ timeoutMs: 80 });
    expect(h.pool.close()).toBe(closing);
    await expect(waiter).rejects.toThrow('pool "closing" is closed; this acquire was still waiting when close() was called');
    a.release();
    expect(a.resource.open).toBe(false);
    expect(b.resource.open).toBe(true);
    const t0 = performance.now();
    await closing;
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(b.resource.open).toBe(false);
    // The holder of a lease taken back by close() may still return it: nothing happens.
    expect(() => b.release()).not.toThrow();
    expect(h.pool.stats()).toMatchObject({ size: 0, used: 0, created: 2, destroyed: 2 });
    expect(h.logs.some((l) => l.includes('close() deadline (80 ms) passed with 1 leases still out'))).toBe(true);
    expect(h.sweeper.size).toBe(0);
    expect(h.registry.size).toBe(0);
    await h[Symbol.asyncDispose]();
  });

  it('is registered in the registry, so registry shutdown closes it', async () => {
    const h = harness();
    expect(h.registry.list().map((r) => [r.name, r.kind])).toEqual([[h.pool.name, 'pool']]);
    (await h.pool.acquire()).release();
    await h.registry.disposeAll();
    expect(h.pool.closed).toBe(true);
    expect(h.destroyed).toHaveLength(1);
    await h[Symbol.asyncDispose]();
  });
});

describe('createPool: open resources', () => {
  it('reports itself and its leases for leakguard.resources.open, until closed', async () => {
    const h = harness();
    const { openResources } = await import('@leakguard/core');
    const before = openResources();
    const lease = await h.pool.acquire();
    expect(openResources().get('lease')).toBe((before.get('lease') ?? 0) + 1);
    lease.release();
    await h.pool.close();
    expect(openResources().get('pool') ?? 0).toBe((before.get('pool') ?? 0) - 1);
    await h[Symbol.asyncDispose]();
  });
});

describe('createPool: metrics', () => {
  it('reports connections by state, max, idle bounds and pending requests at collect time', async () => {
    await using h = harness({ name: 'metered', max: 3, min: 1 });
    const a = await h.pool.acquire();
    const b = await h.pool.acquire();
    b.release();
    const text = await h.metrics();
    const p = 'db_client_connection_pool_name="metered"';
    expect(text).toContain(`db_client_connections{${p},db_client_connection_state="used"} 1`);
    expect(text).toContain(`db_client_connections{${p},db_client_connection_state="idle"} 1`);
    expect(text).toContain(`db_client_connection_max{${p}} 3`);
    expect(text).toContain(`db_client_connection_idle_min{${p}} 1`);
    expect(text).toContain(`db_client_connection_pending_requests{${p}} 0`);
    expect(text).toContain(`db_client_connection_wait_time_seconds_count{${p}} 2`);
    expect(text).toContain(`db_client_connection_use_time_seconds_count{${p}} 1`);
    expect(text).toMatch(new RegExp(`db_client_connection_create_time_seconds_count\\{${p}\\} [12]`));
    a.release();
    await h.pool.close();
    // A closed pool's levels disappear; its counters keep their totals.
    const after = await h.metrics();
    expect(after).not.toContain(`db_client_connections{${p}`);
    expect(after).toContain(`db_client_connection_wait_time_seconds_count{${p}} 2`);
  });
});
