import { describe, expect, it } from 'vitest';
import { LazyDisposedError, lazy, singleflight } from '../../src/lifecycle/singleflight.js';

describe('singleflight', () => {
  it('shares one in-flight run per key and forgets the key when it settles', async () => {
    const sf = singleflight<string, number>();
    let runs = 0;
    const work = async (): Promise<number> => {
      const id = ++runs;
      await new Promise((r) => setTimeout(r, 5));
      return id;
    };
    const [a, b, c] = await Promise.all([sf.run('k', work), sf.run('k', work), sf.run('other', work)]);
    expect(a).toBe(b);
    expect(runs).toBe(2);
    expect(c).not.toBe(a);
    expect(sf.size).toBe(0);
    await sf.run('k', work);
    expect(runs).toBe(3);
  });

  it('turns a synchronous throw into a rejection and lets the next call retry', async () => {
    const sf = singleflight<string, string>();
    await expect(sf.run('k', () => {
      throw new Error('no');
    })).rejects.toThrow('no');
    expect(sf.has('k')).toBe(false);
    await expect(sf.run('k', () => 'yes')).resolves.toBe('yes');
  });
});

describe('lazy', () => {
  it('initialises once however many callers race', async () => {
    let inits = 0;
    const value = lazy(async () => {
      inits++;
      await new Promise((r) => setTimeout(r, 5));
      return { id: inits };
    });
    expect(value.state).toBe('empty');
    const all = await Promise.all(Array.from({ length: 20 }, () => value.get()));
    expect(inits).toBe(1);
    expect(new Set(all).size).toBe(1);
    expect(value.peek()).toBe(all[0]);
    expect(value.state).toBe('ready');
  });

  it('does not cache a failure: the next caller retries', async () => {
    let attempt = 0;
    const value = lazy(async () => {
      attempt++;
      if (attempt === 1) throw new Error('connect ECONNREFUSED');
      return 'connected';
    });
    const first = await Promise.allSettled([value.get(), value.get()]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(value.state).toBe('empty');
    await expect(value.get()).resolves.toBe('connected');
    expect(attempt).toBe(2);
  });

  it('disposes the value once, waits for an initialisation in flight, then refuses get()', async () => {
    const disposed: string[] = [];
    let release!: () => void;
    const value = lazy(() => new Promise<string>((r) => (release = () => r('conn'))), { name: 'db', dispose: (v) => void disposed.push(v) });
    const pending = value.get();
    const d1 = value[Symbol.asyncDispose]();
    const d2 = value.dispose();
    release();
    await Promise.all([d1, d2]);
    // The caller that was waiting does not receive a value that is being released.
    await expect(pending).rejects.toThrow(LazyDisposedError);
    expect(disposed).toEqual(['conn']);
    expect(value.state).toBe('disposed');
    await expect(value.get()).rejects.toThrow(LazyDisposedError);
    await expect(value.get()).rejects.toThrow('lazy value "db" was disposed; create a new one');
  });

  it('await using disposes at scope end', async () => {
    const disposed: number[] = [];
    {
      await using value = lazy(() => 42, { dispose: (v) => void disposed.push(v) });
      expect(await value.get()).toBe(42);
    }
    expect(disposed).toEqual([42]);
  });
});
