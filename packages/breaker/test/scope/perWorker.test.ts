import { DisposeError, DisposeTimeoutError, InvalidOptionError, RegistryClosedError, ResourceRegistry, defaultResourceRegistry, prometheusSink } from '@leakguard/core';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { NotDisposableError, PerWorkerDisposedError, perWorker } from '../../src/scope/index.js';
import { deferred, recordingLogger, resource } from '../fixtures/scope-helpers.js';

const sink = prometheusSink({ registry: new Registry() });
let seq = 0;
const registries: ResourceRegistry[] = [];

/** A registry of its own per test, so tests do not share shutdown state. */
function testRegistry(): ResourceRegistry {
  const registry = new ResourceRegistry({ name: `per-worker-test-${++seq}`, meter: sink });
  registries.push(registry);
  return registry;
}

const hooks = (): number[] => [process.listenerCount('beforeExit'), process.listenerCount('exit')];
const baseline = hooks();

afterEach(async () => {
  await Promise.allSettled(registries.splice(0).map((r) => r.close({ timeoutMs: 100 })));
});

describe('perWorker on one thread (the test runs on a main thread)', () => {
  it('creates one instance on first get(), shared by concurrent callers, and returns it from then on', async () => {
    let created = 0;
    const gate = deferred();
    const conn = perWorker(async () => {
      created++;
      await gate.promise;
      return resource('conn', []);
    }, { name: 'conn', registry: testRegistry() });
    expect(conn.state).toBe('empty');
    const both = Promise.all([conn.get(), conn.get()]);
    expect(conn.state).toBe('creating');
    gate.resolve();
    const [a, b] = await both;
    expect(b).toBe(a);
    expect(await conn.get()).toBe(a);
    expect(conn.peek()).toBe(a);
    expect(created).toBe(1);
    await conn.dispose();
  });

  it('registers in its registry when first asked for, so a shutdown disposes it; afterwards get() refuses', async () => {
    const registry = testRegistry();
    const log: string[] = [];
    const cache = perWorker(() => resource('cache', log), { name: 'cache', registry });
    expect(registry.size).toBe(0);
    await cache.get();
    expect(registry.list()).toMatchObject([{ name: 'cache', kind: 'per-worker' }]);
    await registry.disposeAll();
    expect(log).toEqual(['cache']);
    expect(cache.state).toBe('disposed');
    const error = (await cache.get().catch((e: unknown) => e)) as PerWorkerDisposedError;
    expect(error).toBeInstanceOf(PerWorkerDisposedError);
    expect(error.code).toBe('LEAKGUARD_PER_WORKER_DISPOSED');
    expect(error.message).toBe(
      'per-worker value "cache" was disposed in this thread (by dispose(), its registry or the thread ending); no new instance is created after that. Create a new perWorker() if the thread should go on using one',
    );
    // Disposed once, however many paths ask.
    await cache.dispose();
    expect(log).toEqual(['cache']);
  });

  it('registers in the process-wide registry by default on the main thread', async () => {
    const conn = perWorker(() => resource('conn', []), { name: 'default-registry-conn' });
    await conn.get();
    expect(defaultResourceRegistry().list().map((r) => r.name)).toContain('default-registry-conn');
    await conn.dispose();
    expect(defaultResourceRegistry().list().map((r) => r.name)).not.toContain('default-registry-conn');
  });

  it("installs the thread's exit hooks only while an instance lives, and removes them with it", async () => {
    const registry = testRegistry();
    const a = perWorker(() => resource('a', []), { name: 'a', registry });
    const b = perWorker(() => resource('b', []), { name: 'b', registry });
    expect(hooks()).toEqual(baseline);
    await a.get();
    await b.get();
    expect(hooks()).toEqual(baseline.map((n) => n + 1));
    await a.dispose();
    expect(hooks()).toEqual(baseline.map((n) => n + 1));
    await b[Symbol.asyncDispose]();
    expect(hooks()).toEqual(baseline);
    expect(registry.size).toBe(0);
  });

  it('does not keep a failed creation, nor its registration and hooks; the next get() tries again', async () => {
    const registry = testRegistry();
    let attempts = 0;
    const conn = perWorker(() => {
      if (++attempts === 1) throw new Error('ECONNREFUSED');
      return resource('conn', []);
    }, { name: 'conn', registry });
    await expect(conn.get()).rejects.toThrow('ECONNREFUSED');
    expect(conn.state).toBe('empty');
    expect(registry.size).toBe(0);
    expect(hooks()).toEqual(baseline);
    expect((await conn.get()).name).toBe('conn');
    expect(registry.size).toBe(1);
    await conn.dispose();
  });

  it('dispose() waits at most timeoutMs and names the instance when it fails', async () => {
    const logger = recordingLogger();
    const hangs = perWorker(() => resource('hangs', [], () => new Promise(() => {})), { name: 'hangs', timeoutMs: 30, registry: testRegistry(), logger });
    await hangs.get();
    const t0 = performance.now();
    await expect(hangs.dispose()).rejects.toThrow(DisposeTimeoutError);
    expect(performance.now() - t0).toBeLessThan(30 + 250);

    const fails = perWorker(() => ({ fd: 3 }), { name: 'fails', registry: testRegistry(), dispose: () => Promise.reject(new Error('EBADF')) });
    await fails.get();
    const error = (await fails.dispose().catch((e: unknown) => e)) as DisposeError;
    expect(error).toBeInstanceOf(DisposeError);
    expect(error.message).toBe('per-worker "fails" failed to dispose: EBADF');
  });

  it('disposing while the factory runs waits for it, releases what it made, and the callers get PerWorkerDisposedError', async () => {
    const log: string[] = [];
    const made = deferred();
    const conn = perWorker(async () => {
      await made.promise;
      return resource('conn', log);
    }, { name: 'conn', registry: testRegistry() });
    const pending = conn.get();
    const disposing = conn.dispose();
    made.resolve();
    await disposing;
    await expect(pending).rejects.toThrow(PerWorkerDisposedError);
    expect(log).toEqual(['conn']);
  });

  it('refuses to create anything once its registry is closed, and values it cannot dispose', async () => {
    const registry = testRegistry();
    await registry.close();
    const late = perWorker(() => resource('late', []), { name: 'late', registry });
    await expect(late.get()).rejects.toThrow(RegistryClosedError);

    const plain = perWorker(() => ({ n: 1 }), { name: 'plain', registry: testRegistry() });
    await expect(plain.get()).rejects.toThrow(NotDisposableError);
    expect(hooks()).toEqual(baseline);
  });

  it('validates its arguments', () => {
    expect(() => perWorker(null as never)).toThrow('perWorker: the first argument must be a factory function creating the instance');
    expect(() => perWorker(() => 1, { timeoutMs: -1 })).toThrow(InvalidOptionError);
    expect(() => perWorker(() => 1, { name: '9lives' })).toThrow(InvalidOptionError);
    expect(() => perWorker(() => 1, { dispose: true as never })).toThrow('perWorker("per-worker"): dispose must be a function (instance, { timeoutMs }) => ...');
  });
});
