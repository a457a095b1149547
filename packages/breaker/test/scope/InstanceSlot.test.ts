import { describe, expect, it } from 'vitest';
import { openResources } from '@leakguard/core';
import { InstanceSlot } from '../../src/scope/InstanceSlot.js';
import { deferred } from '../fixtures/scope-helpers.js';

function slot(factory: () => unknown, log: string[]) {
  return new InstanceSlot<unknown>({
    name: 'conn',
    kind: 'per-worker',
    factory,
    dispose: (value) => void log.push(`disposed ${String(value)}`),
    closedError: () => new Error('closed'),
  });
}

describe('InstanceSlot', () => {
  it('counts a created instance in openResources() until it is disposed, by either path', async () => {
    const count = () => openResources().get('per-worker') ?? 0;
    const base = count();
    const a = slot(() => 'a', []);
    const b = slot(() => 'b', []);
    const failing = slot(() => Promise.reject(new Error('no')), []);
    await a.get();
    await b.get();
    await a.get();
    await expect(failing.get()).rejects.toThrow('no');
    expect(count()).toBe(base + 2);
    a.disposeSync(() => {});
    await a.dispose({ timeoutMs: 10 });
    expect(count()).toBe(base + 1);
    await b.dispose({ timeoutMs: 10 });
    await failing.dispose({ timeoutMs: 10 });
    expect(count()).toBe(base);
  });

  it('disposes at most once, whichever of dispose() and disposeSync() comes first', async () => {
    const log: string[] = [];
    const a = slot(() => 'a', log);
    await a.get();
    a.disposeSync(() => {});
    a.disposeSync(() => {});
    await a.dispose({ timeoutMs: 10 });
    const b = slot(() => 'b', log);
    await b.get();
    const first = b.dispose({ timeoutMs: 10 });
    b.disposeSync(() => {});
    expect(b.dispose({ timeoutMs: 10 })).toBe(first);
    await first;
    expect(log).toEqual(['disposed a', 'disposed b']);
    expect([a.state, b.state]).toEqual(['disposed', 'disposed']);
  });

  it('disposeSync() during a creation cannot wait, so the instance is released when it arrives', async () => {
    const log: string[] = [];
    const made = deferred<string>();
    const s = slot(() => made.promise, log);
    const pending = s.get();
    s.disposeSync(() => {});
    expect(s.state).toBe('disposed');
    made.resolve('late');
    await expect(pending).rejects.toThrow('closed');
    expect(log).toEqual(['disposed late']);
  });

  it('disposing a slot that never created anything only closes it', async () => {
    const log: string[] = [];
    const s = slot(() => 'never', log);
    await s.dispose({ timeoutMs: 10 });
    await expect(s.get()).rejects.toThrow('closed');
    expect(log).toEqual([]);
  });
});
