import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ResourceRegistry, Sweeper, prometheusSink, silentLogger } from '@leakguard/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { BreakerRegistryOptions } from '../src/index.js';
import { BreakerRegistryFullError, createBreakerRegistry } from '../src/index.js';
import { manualClock } from './support/clock.js';

let seq = 0;
const fail = (): Promise<never> => Promise.reject(new Error('down'));

function harness(options: Partial<BreakerRegistryOptions> = {}) {
  const id = ++seq;
  const clock = manualClock();
  const sink = prometheusSink({ registry: new Registry() });
  const sweeper = new Sweeper({ name: `breaker-test-sweeper-${id}`, logger: silentLogger, meter: sink });
  const resources = new ResourceRegistry({ name: `breaker-test-registry-${id}`, meter: sink });
  const breakers = createBreakerRegistry({
    name: `breakers-${id}`,
    defaults: { policy: { consecutive: 2 }, resetTimeoutMs: 1_000 },
    meter: sink,
    registry: resources,
    sweeper,
    clock: clock.now,
    ...options,
  });
  return {
    breakers,
    clock,
    sweeper,
    resources,
    metrics: () => sink.registry.metrics(),
    async [Symbol.asyncDispose]() {
      await breakers.close();
      await resources.close();
      sweeper.close();
    },
  };
}

describe('createBreakerRegistry', () => {
  it('creates a breaker per key on demand, with that key’s own options', async () => {
    await using h = harness();
    const a = h.breakers.get('api.example.com');
    const b = h.breakers.get('slow.example.com', { policy: { consecutive: 5 }, timeoutMs: 50 });
    expect(h.breakers.get('api.example.com')).toBe(a);
    expect(a.name).toBe('api.example.com');
    for (let i = 0; i < 4; i++) await b.run(fail).catch(() => {});
    expect(b.state).toBe('closed'); // its own threshold (5), not the default (2)
    await a.run(fail).catch(() => {});
    await a.run(fail).catch(() => {});
    expect(a.state).toBe('open');
  });

  it('refuses to hand back a breaker with different options than asked for, instead of silently ignoring them', async () => {
    await using h = harness();
    h.breakers.get('db', { policy: { consecutive: 3 } });
    expect(h.breakers.get('db', { policy: { consecutive: 3 } })).toBeDefined();
    expect(() => h.breakers.get('db', { policy: { consecutive: 9 } })).toThrow(/the breaker for "db" exists with other options .*"consecutive":3.* than now asked for .*"consecutive":9/);
  });

  it('past maxBreakers evicts the least recently used closed breaker, never an open or half-open one', async () => {
    await using h = harness({ maxBreakers: 3 });
    const a = h.breakers.get('a');
    h.breakers.get('b');
    h.breakers.get('c');
    await a.run(fail).catch(() => {});
    await a.run(fail).catch(() => {}); // a is open (and the least recently used)
    h.breakers.get('b'); // b used: c is now the least recently used closed one
    h.breakers.get('d');
    expect(h.breakers.keys().sort()).toEqual(['a', 'b', 'd']);
    expect(await h.metrics()).toContain(`leakguard_breaker_evictions_total{leakguard_breaker_registry_name="${h.breakers.name}",leakguard_breaker_eviction_reason="capacity"} 1`);
  });

  it('a registry full of open breakers refuses a new key with a clear error', async () => {
    await using h = harness({ maxBreakers: 2 });
    for (const k of ['x', 'y']) {
      const b = h.breakers.get(k);
      await b.run(fail).catch(() => {});
      await b.run(fail).catch(() => {});
    }
    expect(() => h.breakers.get('z')).toThrow(BreakerRegistryFullError);
    expect(() => h.breakers.get('z')).toThrow(/has 2 breakers \(maxBreakers\), all open or half-open/);
    expect(h.breakers.size).toBe(2);
  });

  it('evicts idle closed breakers on the Sweeper, keeps open ones, and reports the count', async () => {
    await using h = harness({ idleTtlMs: 1_000 });
    h.breakers.get('idle');
    const open = h.breakers.get('open');
    await open.run(fail).catch(() => {});
    await open.run(fail).catch(() => {});
    h.clock.advance(500);
    h.breakers.get('recent');
    expect(await h.metrics()).toContain(`leakguard_breakers{leakguard_breaker_registry_name="${h.breakers.name}"} 3`);
    h.clock.advance(600);
    await h.sweeper.sweep();
    // 'open' is past its reset timeout too, so it reads half-open: still not evicted.
    expect(h.breakers.keys().sort()).toEqual(['open', 'recent']);
    expect(await h.metrics()).toContain(`leakguard_breakers{leakguard_breaker_registry_name="${h.breakers.name}"} 2`);
    expect(await h.metrics()).toContain('leakguard_breaker_eviction_reason="idle"} 1');
    // An evicted breaker's series are gone too.
    expect(await h.metrics()).not.toContain('leakguard_breaker_name="idle"');
  });

  it('close() stops eviction and refuses new keys; shutdown through the ResourceRegistry closes it', async () => {
    const h = harness();
    h.breakers.get('a');
    await h.resources.disposeAll();
    expect(() => h.breakers.get('b')).toThrow(/is closed; create a new one/);
    expect(h.sweeper.size).toBe(0);
    await h[Symbol.asyncDispose]();
  });

  it('rejects bad keys and missing policies clearly', async () => {
    await using h = harness({ defaults: {} });
    expect(() => h.breakers.get('x')).toThrow(/no policy for "x"; give one in defaults or in get\(key, \{ policy \}\)/);
    expect(() => h.breakers.get('https://api/v1?id=7', { policy: { consecutive: 1 } })).toThrow(/key: name must be 1-64 characters/);
  });

  it('never exceeds maxBreakers under 100,000 random keys, and memory stays flat', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await using h = harness({ maxBreakers: 1_000 });
    const churn = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const b = h.breakers.get(`host-${Math.floor(Math.random() * 1e9)}`);
        if (i % 10 === 0) await b.run(() => Promise.resolve(1));
        expect(h.breakers.size).toBeLessThanOrEqual(1_000);
      }
    };
    await churn(10_000); // reach the steady state first
    gc();
    const before = process.memoryUsage().heapUsed;
    await churn(90_000);
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(h.breakers.size).toBe(1_000);
    // Generous: 90,000 breakers and their series would be tens of megabytes.
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);
});
