import type { Logger } from '../../src/logger.js';
import { silentLogger } from '../../src/logger.js';
import { DisposeError, DisposeTimeoutError } from '../../src/lifecycle/ResourceRegistry.js';
import { describe, expect, it } from 'vitest';
import type { DisposeTarget } from '../../src/lifecycle/disposeInOrder.js';
import { disposeInOrder } from '../../src/lifecycle/disposeInOrder.js';

function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { ...silentLogger, lines, warn: (m) => void lines.push(`warn: ${m}`), error: (m) => void lines.push(`error: ${m}`) };
}

const target = (name: string, dispose: () => Promise<void>): DisposeTarget => ({ name, kind: 'scoped', dispose });

describe('disposeInOrder', () => {
  it('disposes in the order given, one at a time, and collects every failure', async () => {
    const log: string[] = [];
    let running = 0;
    const step = (name: string, fail = false) =>
      target(name, async () => {
        running++;
        expect(running).toBe(1);
        log.push(name);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        if (fail) throw new Error(`${name} failed`);
      });
    const failures = await disposeInOrder([step('c'), step('b', true), step('a')], 1_000, recordingLogger());
    expect(log).toEqual(['c', 'b', 'a']);
    expect(failures.map((f) => [f.target.name, f.error.constructor])).toEqual([['b', DisposeError]]);
  });

  it('past the deadline, starts the rest together and reports the unfinished ones as timed out', async () => {
    const log: string[] = [];
    const failures = await disposeInOrder(
      [
        target('hangs', () => new Promise(() => void log.push('hangs'))),
        target('sync', async () => void log.push('sync')),
        target('throws', () => {
          log.push('throws');
          throw new Error('sync throw');
        }),
        target('slow', () => new Promise((resolve) => setTimeout(() => resolve(void log.push('slow')), 50))),
      ],
      20,
      recordingLogger(),
    );
    expect(log).toEqual(['hangs', 'sync', 'throws']);
    expect(failures.map((f) => [f.target.name, f.error.constructor])).toEqual([
      ['hangs', DisposeTimeoutError],
      ['throws', DisposeError],
      ['slow', DisposeTimeoutError],
    ]);
    // The slow disposer was given up on, not stopped: its timer still fires.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(log).toContain('slow');
  });

  it('with a deadline of 0 still starts every disposer once', async () => {
    const log: string[] = [];
    const failures = await disposeInOrder([target('a', async () => void log.push('a')), target('b', async () => void log.push('b'))], 0, recordingLogger());
    expect(log).toEqual(['a', 'b']);
    expect(failures).toEqual([]);
  });
});
