import { describe, expect, it } from 'vitest';
import { canDispose, disposeValue, disposeValueSync } from '../../src/scope/disposer.js';

/** A value offering every disposer, recording which one ran. */
function everything(log: string[]) {
  return {
    async [Symbol.asyncDispose]() {
      log.push('asyncDispose');
    },
    [Symbol.dispose]() {
      log.push('dispose');
    },
    close() {
      log.push('close');
    },
  };
}

describe('disposer', () => {
  it('knows what it can dispose', () => {
    expect(canDispose({ close() {} }, undefined)).toBe(true);
    expect(canDispose({ [Symbol.dispose]() {} }, undefined)).toBe(true);
    expect(canDispose({ async [Symbol.asyncDispose]() {} }, undefined)).toBe(true);
    expect(canDispose({ close: 'no' }, undefined)).toBe(false);
    expect(canDispose(undefined, undefined)).toBe(false);
    expect(canDispose(42, () => {})).toBe(true);
  });

  it('when it can wait, prefers [Symbol.asyncDispose]', async () => {
    const log: string[] = [];
    await disposeValue(everything(log), undefined, { timeoutMs: 100 });
    expect(log).toEqual(['asyncDispose']);
  });

  it('at exit, prefers [Symbol.dispose], which finishes synchronously', () => {
    const log: string[] = [];
    disposeValueSync(everything(log), undefined, () => {});
    expect(log).toEqual(['dispose']);
  });

  it('at exit, starts an async disposer, runs it up to its first await, and reports its later failure', async () => {
    const log: string[] = [];
    const late: unknown[] = [];
    const value = {
      async [Symbol.asyncDispose]() {
        log.push('started');
        await Promise.resolve();
        log.push('finished');
        throw new Error('late');
      },
    };
    disposeValueSync(value, undefined, (error) => late.push(error));
    expect(log).toEqual(['started']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['started', 'finished']);
    expect(late).toMatchObject([{ message: 'late' }]);
  });

  it('uses the dispose option whatever the value offers, telling it the time left', async () => {
    const log: string[] = [];
    await disposeValue(everything(log), (_value, context) => void log.push(`option ${context.timeoutMs}`), { timeoutMs: 100 });
    disposeValueSync(everything(log), (_value, context) => void log.push(`option ${context.timeoutMs}`), () => {});
    expect(log).toEqual(['option 100', 'option 0']);
  });
});
