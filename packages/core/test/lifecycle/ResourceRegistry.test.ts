import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors.js';
import type { DisposeError} from '../../src/lifecycle/ResourceRegistry.js';
import { DisposeTimeoutError, RegistryClosedError, ResourceRegistry } from '../../src/lifecycle/ResourceRegistry.js';
import { prometheusSink } from '../../src/sinks/PrometheusSink.js';

const never = (): Promise<void> => new Promise<void>(() => {});

describe('ResourceRegistry', () => {
  it('disposes newest first, through asyncDispose, dispose, close() or a function', async () => {
    await using registry = new ResourceRegistry({ name: 'order' });
    const order: string[] = [];
    registry.register({ [Symbol.asyncDispose]: async () => void order.push('async') }, { name: 'a' });
    registry.register({ [Symbol.dispose]: () => void order.push('sync') }, { name: 'b' });
    registry.register({ close: async () => void order.push('close') }, { name: 'c' });
    registry.register(() => void order.push('fn'), { name: 'd' });
    await registry.disposeAll();
    expect(order).toEqual(['fn', 'close', 'sync', 'async']);
    expect(registry.size).toBe(0);
  });

  it('tells a disposer function how much time is left before the deadline', async () => {
    await using registry = new ResourceRegistry({ name: 'budget' });
    const budgets: number[] = [];
    registry.register((ctx) => void budgets.push(ctx.timeoutMs), { name: 'first' });
    registry.register(async (ctx) => {
      budgets.push(ctx.timeoutMs);
      await new Promise((r) => setTimeout(r, 100));
    }, { name: 'slow' });
    await registry.disposeAll({ timeoutMs: 1_000 });
    expect(budgets[0]).toBeLessThanOrEqual(950);
    expect(budgets[0]).toBeGreaterThan(900);
    // The second disposer (registered first) gets what the slow one left.
    expect(budgets[1]).toBeLessThan(880);
    expect(budgets[1]).toBeGreaterThan(500);
  });

  it('collects every failure into one AggregateError that names each resource, and still disposes the rest', async () => {
    await using registry = new ResourceRegistry({ name: 'failing' });
    const disposed: string[] = [];
    registry.register(() => void disposed.push('first'), { name: 'first' });
    registry.register(() => {
      throw new Error('socket already closed');
    }, { name: 'db', kind: 'pool' });
    registry.register(async () => Promise.reject(new Error('flush failed')), { name: 'jobs', kind: 'queue' });
    const error = (await registry.disposeAll().catch((e: unknown) => e)) as AggregateError;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.message).toBe(
      'registry "failing": 2 of 3 resources did not dispose cleanly: queue "jobs" failed to dispose: flush failed; pool "db" failed to dispose: socket already closed',
    );
    expect(error.errors.map((e: DisposeError) => [e.resourceName, e.resourceKind, (e.cause as Error).message])).toEqual([
      ['jobs', 'queue', 'flush failed'],
      ['db', 'pool', 'socket already closed'],
    ]);
    expect(disposed).toEqual(['first']);
  });

  it('never waits past the deadline: a hanging resource times out, the rest are still started', async () => {
    await using registry = new ResourceRegistry({ name: 'deadline' });
    const disposed: string[] = [];
    registry.register(() => void disposed.push('oldest'), { name: 'oldest' });
    registry.register(never, { name: 'also-hangs' });
    registry.register(never, { name: 'hangs', kind: 'server' });
    const started = performance.now();
    const error = (await registry.disposeAll({ timeoutMs: 50 }).catch((e: unknown) => e)) as AggregateError;
    const took = performance.now() - started;
    expect(took).toBeLessThan(1_000);
    expect(error.errors.every((e) => e instanceof DisposeTimeoutError)).toBe(true);
    expect(error.errors.map((e: DisposeTimeoutError) => e.resourceName)).toEqual(['hangs', 'also-hangs']);
    expect(error.message).toContain('server "hangs" had not finished disposing when the 50 ms deadline passed');
    expect(disposed).toEqual(['oldest']);
  });

  it('shares one run between concurrent calls and disposes each resource once', async () => {
    await using registry = new ResourceRegistry({ name: 'shared' });
    let calls = 0;
    registry.register(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
    }, { name: 'slow' });
    const a = registry.disposeAll();
    const b = registry.disposeAll();
    expect(a).toBe(b);
    await Promise.all([a, b, registry.disposeAll()]);
    await registry.disposeAll();
    expect(calls).toBe(1);
  });

  it('unregister removes without disposing; a Registration is Disposable', async () => {
    await using registry = new ResourceRegistry({ name: 'unregister' });
    let disposed = false;
    {
      using _registration = registry.register(() => {
        disposed = true;
      }, { name: 'scoped' });
      expect(registry.list().map((r) => r.name)).toEqual(['scoped']);
    }
    expect(registry.size).toBe(0);
    await registry.disposeAll();
    expect(disposed).toBe(false);
  });

  it('rejects bad input with errors that say what to pass', async () => {
    await using registry = new ResourceRegistry({ name: 'input' });
    expect(() => registry.register({} as never, { name: 'x' })).toThrow(/"x" has no \[Symbol.asyncDispose\], \[Symbol.dispose\] or close\(\)/);
    expect(() => registry.register(() => {}, {} as never)).toThrow(/options.name is required/);
    expect(() => registry.register(() => {}, { name: 'x', kind: 'bad kind!' })).toThrow(InvalidOptionError);
    await expect(registry.disposeAll({ timeoutMs: -1 })).rejects.toThrow(/timeoutMs must be an integer >= 0, got -1/);
    expect(() => new ResourceRegistry({ name: '' })).toThrow(/name must be 1-64 characters/);
  });

  it('after close(), refuses registrations and stops reporting metrics', async () => {
    const sink = prometheusSink({ registry: new Registry() });
    const registry = new ResourceRegistry({ name: 'closing', meter: sink });
    registry.register(() => {}, { name: 'a', kind: 'pool' });
    registry.register(() => {}, { name: 'b', kind: 'pool' });
    registry.register(() => {}, { name: 'c', kind: 'queue' });
    const before = await sink.registry.metrics();
    expect(before).toContain('leakguard_registry_resources{leakguard_registry_name="closing",leakguard_resource_kind="pool"} 2');
    expect(before).toContain('leakguard_registry_resources{leakguard_registry_name="closing",leakguard_resource_kind="queue"} 1');
    await registry.close();
    await registry.close();
    const after = await sink.registry.metrics();
    expect(after).not.toContain('leakguard_registry_resources{leakguard_registry_name="closing"');
    expect(after).toContain('leakguard_registry_disposals_total{leakguard_registry_name="closing",leakguard_resource_kind="pool",leakguard_dispose_outcome="success"} 2');
    expect(after).toMatch(/leakguard_registry_dispose_time_seconds_count\{leakguard_registry_name="closing"\} 1/);
    expect(() => registry.register(() => {}, { name: 'late' })).toThrow(RegistryClosedError);
    expect(() => registry.register(() => {}, { name: 'late' })).toThrow(/registry "closing" is closed; "late" was not registered/);
  });

  it('gives each open registry its own name, and frees the name on close', async () => {
    const first = new ResourceRegistry({ name: 'unique' });
    expect(() => new ResourceRegistry({ name: 'unique' })).toThrow(/a registry named "unique" is already open; .* each open registry needs its own name/);
    await first.close();
    await using second = new ResourceRegistry({ name: 'unique' });
    expect(second.name).toBe('unique');
  });

  it('close() during a running disposeAll also disposes what was registered meanwhile', async () => {
    const registry = new ResourceRegistry({ name: 'late-join' });
    const disposed: string[] = [];
    let release!: () => void;
    registry.register(() => new Promise<void>((r) => (release = () => r(disposed.push('slow') as never))), { name: 'slow' });
    const running = registry.disposeAll();
    registry.register(() => void disposed.push('late'), { name: 'late' });
    const closing = registry.close();
    release();
    await Promise.all([running, closing]);
    expect(disposed).toEqual(['slow', 'late']);
    expect(registry.size).toBe(0);
  });

  it('a bad timeoutMs to close() leaves the registry open and usable', async () => {
    const registry = new ResourceRegistry({ name: 'bad-close' });
    let disposed = false;
    registry.register(() => void (disposed = true), { name: 'x' });
    await expect(registry.close({ timeoutMs: -5 })).rejects.toThrow(/ResourceRegistry.close: timeoutMs must be an integer >= 0, got -5/);
    expect(registry.closed).toBe(false);
    await registry.close();
    expect(disposed).toBe(true);
  });
});
