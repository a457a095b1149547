import fc from 'fast-check';
import { ResourceRegistry, Sweeper, prometheusSink, silentLogger } from '@leakguard/core';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueue } from '../src/index.js';

/**
 * Model-based test: random schedules of add (tasks that resolve, reject, throw, return at once,
 * or hang — honouring their signal or not) / abort / advance time / pause / resume / close, on
 * simulated time. Runs: LEAKGUARD_MODEL_RUNS (default 2000).
 */
const RUNS = Number(process.env.LEAKGUARD_MODEL_RUNS ?? 2000);

type Kind = 'resolve' | 'reject' | 'throw' | 'sync' | 'hang' | 'hangDeaf';
type Op =
  | { kind: 'add'; task: Kind; ms: number; withSignal: boolean; priority: number; timeoutMs: number | undefined }
  | { kind: 'abort'; index: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'close'; mode: 'drain' | 'cancel'; timeoutMs: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      task: fc.constantFrom<Kind>('resolve', 'resolve', 'reject', 'throw', 'sync', 'hang', 'hangDeaf'),
      ms: fc.integer({ min: 0, max: 30 }),
      withSignal: fc.boolean(),
      priority: fc.integer({ min: -2, max: 2 }),
      timeoutMs: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), index: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), mode: fc.constantFrom('drain' as const, 'cancel' as const), timeoutMs: fc.integer({ min: 0, max: 60 }) }) },
);

afterEach(() => {
  vi.useRealTimers();
});

describe('createQueue model (fault injection, simulated time)', () => {
  it(`keeps its invariants over ${RUNS} random schedules`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 4 })),
        fc.constantFrom('wait' as const, 'reject' as const),
        fc.integer({ min: 0, max: 3 }),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        async (concurrency, maxPending, onFull, keep, ops) => {
          vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'performance', 'Date'] });
          try {
            await runSchedule(++run, concurrency, maxPending, onFull, keep, ops);
          } finally {
            vi.useRealTimers();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});

async function runSchedule(run: number, concurrency: number, maxPending: number, onFull: 'wait' | 'reject', keep: number, ops: Op[]): Promise<void> {
  const sink = prometheusSink({ registry: new Registry() });
  const sweeper = new Sweeper({ name: `qmodel-sweeper-${run}`, logger: silentLogger, meter: sink });
  const registry = new ResourceRegistry({ name: `qmodel-registry-${run}`, meter: sink });
  const queue = createQueue({
    name: `qmodel-${run}`,
    concurrency,
    maxPending,
    onFull,
    retention: { completed: { count: keep, ageMs: 50 }, failed: { count: keep, ageMs: 80 } },
    retentionSweepIntervalMs: 10,
    logger: silentLogger,
    meter: sink,
    registry,
    sweeper,
  });

  let ownTimers = 0;
  const own = (fn: () => void, ms: number): NodeJS.Timeout => {
    ownTimers++;
    return setTimeout(() => {
      ownTimers--;
      fn();
    }, ms);
  };

  interface Added {
    readonly controller: AbortController | undefined;
    runs: number;
    settled: boolean;
  }
  const added: Added[] = [];
  let running = 0;
  let closing: Promise<void> | undefined;
  let closeSettled = false;
  let closeDeadline = 0;

  const check = (): void => {
    // Never more than `concurrency` running (by the queue's count and by the tasks' own).
    expect(queue.running).toBeLessThanOrEqual(concurrency);
    // Waiting tasks never exceed maxPending.
    expect(queue.size).toBeLessThanOrEqual(maxPending);
    // No task runs twice.
    for (const a of added) expect(a.runs).toBeLessThanOrEqual(1);
    // Retained records stay within their count.
    const s = queue.stats();
    expect(s.retained.completed).toBeLessThanOrEqual(keep);
    expect(s.retained.failed).toBeLessThanOrEqual(keep);
    expect(running).toBeGreaterThanOrEqual(0);
  };

  for (const o of ops) {
    switch (o.kind) {
      case 'add': {
        const controller = o.withSignal ? new AbortController() : undefined;
        const a: Added = { controller, runs: 0, settled: false };
        added.push(a);
        const task = (ctx: { signal: AbortSignal }): unknown => {
          a.runs++;
          switch (o.task) {
            case 'sync':
              return o.ms;
            case 'throw':
              throw new Error('task threw');
            case 'resolve':
            case 'reject':
              running++;
              return new Promise((resolve, reject) =>
                own(() => {
                  running--;
                  if (o.task === 'resolve') resolve(o.ms);
                  else reject(new Error('task failed'));
                }, o.ms),
              );
            case 'hang':
              return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
            case 'hangDeaf':
              return new Promise(() => {});
          }
        };
        queue
          .add(task, { ...(controller ? { signal: controller.signal } : {}), priority: o.priority, ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}) })
          .then(
            () => (a.settled = true),
            () => (a.settled = true),
          );
        break;
      }
      case 'abort':
        added[o.index % Math.max(1, added.length)]?.controller?.abort(new Error('aborted by the model'));
        break;
      case 'advance':
        await vi.advanceTimersByTimeAsync(o.ms);
        break;
      case 'pause':
        queue.pause();
        break;
      case 'resume':
        queue.resume();
        break;
      case 'close':
        if (closing === undefined) {
          closeDeadline = performance.now() + (o.mode === 'drain' ? o.timeoutMs : 0);
          closing = queue.close({ mode: o.mode, timeoutMs: o.timeoutMs }).then(() => {
            closeSettled = true;
          });
        }
        break;
    }
    await vi.advanceTimersByTimeAsync(0);
    check();
  }

  if (closing === undefined) {
    closeDeadline = performance.now() + 50;
    void queue.close({ timeoutMs: 50 }).then(() => {
      closeSettled = true;
    });
  }
  await vi.advanceTimersByTimeAsync(Math.max(0, closeDeadline - performance.now()) + 1);
  // close() settles by its deadline, and leaves no timer of the queue behind.
  expect(closeSettled).toBe(true);
  expect(vi.getTimerCount()).toBe(ownTimers);
  // Every add settled (result, error, timeout, cancellation or refusal); nothing silently dropped.
  expect(added.every((a) => a.settled)).toBe(true);
  const s = queue.stats();
  expect(s.succeeded + s.failed + s.timedOut + s.cancelled + s.rejected).toBe(added.length);
  expect(s).toMatchObject({ size: 0, running: 0, blocked: 0 });
  check();
  await vi.advanceTimersByTimeAsync(100);
  expect(sweeper.timerCount).toBe(0);
  await registry.close();
  sweeper.close();
}
