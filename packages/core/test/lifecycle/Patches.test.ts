import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { Patches } from '../../src/lifecycle/Patches.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, debug: (m) => void lines.push(`debug: ${m}`), info: (m) => void lines.push(`info: ${m}`), warn: (m) => void lines.push(`warn: ${m}`), error: (m) => void lines.push(`error: ${m}`) };
}

class Counter {
  n = 0;
  add(by: number): number {
    return (this.n += by);
  }
}

describe('Patches', () => {
  it('wraps a prototype method, keeps this/arguments/results, and takes the own property away on undo', () => {
    const counter = new Counter();
    const patches = new Patches('test', 'counter "c"', recordingLogger());
    const seen: number[] = [];
    patches.wrap(counter, 'add', (original) => function (this: unknown, ...args: unknown[]) {
      seen.push(args[0] as number);
      return original.apply(this, args);
    }, 'counter');
    expect(Object.hasOwn(counter, 'add')).toBe(true);
    expect(counter.add(2)).toBe(2);
    expect(seen).toEqual([2]);
    patches.undo();
    expect(Object.hasOwn(counter, 'add')).toBe(false);
    expect(counter.add(3)).toBe(5);
    expect(seen).toEqual([2]);
  });

  it('puts back an own property, and leaves a later replacement in place while its own layer only passes calls through', () => {
    const logger = recordingLogger();
    const target: { run: (x: number) => unknown } = { run: (x: number) => x + 1 };
    const original = target.run;
    const own = new Patches('test', 'target', logger);
    own.replace(target, 'label', 'patched');
    own.wrap(target, 'run', () => () => 'instrumented', 'target');
    expect(target.run(1)).toBe('instrumented');
    const ours = target.run;
    const theirs = (x: number) => `theirs ${String(ours(x))}`;
    target.run = theirs;
    own.undo();
    expect(target.run).toBe(theirs);
    expect(target.run(1)).toBe('theirs 2');
    expect('label' in target).toBe(false);
    expect(logger.lines).toEqual([`debug: test (target): run was replaced again after leakguard wrapped it; leaving it as it is (leakguard's layer now only passes calls through)`]);
    expect(original(1)).toBe(2);
  });

  it('removes listeners, runs undo steps newest first, logs a failing one and still runs the rest, once', () => {
    const logger = recordingLogger();
    const emitter = new EventEmitter();
    const order: string[] = [];
    const patches = new Patches('test', 'pool "p"', logger);
    patches.onUndo(() => order.push('first'));
    patches.listen(emitter, 'tick', () => {});
    patches.onUndo(() => {
      throw new Error('boom');
    });
    patches.onUndo(() => order.push('last'));
    expect(emitter.listenerCount('tick')).toBe(1);
    patches.undo();
    patches.undo();
    expect(patches.undone).toBe(true);
    expect(emitter.listenerCount('tick')).toBe(0);
    expect(order).toEqual(['last', 'first']);
    expect(logger.lines).toEqual(['warn: test (pool "p"): removing instrumentation failed: boom']);
  });

  it('refuses to wrap a method the target does not have, naming it', () => {
    const patches = new Patches('instrumentPg', 'pool "db"', recordingLogger());
    expect(() => patches.wrap({}, 'connect', (o) => o, 'pool')).toThrow(InvalidOptionError);
    expect(() => patches.wrap({}, 'connect', (o) => o, 'pool')).toThrow('instrumentPg: the pool has no connect() method to instrument; is it the pool this instrument is for?');
  });
});
