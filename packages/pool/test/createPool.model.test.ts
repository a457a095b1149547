import fc from 'fast-check';
import { ResourceRegistry, Sweeper, prometheusSink, silentLogger } from '@leakguard/core';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lease } from '../src/index.js';
import { createPool } from '../src/index.js';

/**
 * Model-based test: random schedules of acquire / abort / release / destroy / advance-time /
 * close against createPool, with faults injected into create (reject, hang until aborted,
 * succeed late ignoring the abort), validate (false, throw) and destroy (throw). Time is
 * simulated, so thousands of schedules run in seconds. Runs: LEAKGUARD_MODEL_RUNS (default 2000).
 */
const RUNS = Number(process.env.LEAKGUARD_MODEL_RUNS ?? 2000);

type CreateFault = 'ok' | 'slow' | 'reject' | 'hang' | 'late';
type Op =
  | { kind: 'acquire'; withSignal: boolean }
  | { kind: 'abort'; index: number }
  | { kind: 'release'; index: number }
  | { kind: 'destroy'; index: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'close'; timeoutMs: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('acquire' as const), withSignal: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('abort' as const), index: fc.nat(30) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), index: fc.nat(30) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('destroy' as const), index: fc.nat(30) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 60 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('close' as const), timeoutMs: fc.integer({ min: 0, max: 100 }) }), weight: 1 },
);

const CREATE_TIMEOUT = 20;
const ACQUIRE_TIMEOUT = 50;

afterEach(() => {
  vi.useRealTimers();
});

describe('createPool model (fault injection, simulated time)', () => {
  it(`keeps its invariants over ${RUNS} random schedules`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.constantFrom<CreateFault>('ok', 'ok', 'ok', 'slow', 'reject', 'hang', 'late'), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom('ok', 'ok', 'false', 'throw'), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.array(op, { minLength: 1, maxLength: 40 }),
        async (max, minRaw, createFaults, validateFaults, destroyThrows, ops) => {
          vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'performance', 'Date'] });
          try {
            await runSchedule(++run, max, Math.min(minRaw, max), createFaults, validateFaults, destroyThrows, ops);
          } finally {
            vi.useRealTimers();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});

interface Res {
  readonly id: number;
  destroyedTimes: number;
}

async function runSchedule(
  run: number,
  max: number,
  min: number,
  createFaults: CreateFault[],
  validateFaults: string[],
  destroyThrows: boolean[],
  ops: Op[],
): Promise<void> {
  const sink = prometheusSink({ registry: new Registry() });
  const sweeper = new Sweeper({ name: `model-sweeper-${run}`, logger: silentLogger, meter: sink });
  const registry = new ResourceRegistry({ name: `model-registry-${run}`, meter: sink });
  const made: Res[] = [];
  let creates = 0;
  let validates = 0;
  let destroys = 0;
  // The model's own timers (slow and late creations), to tell them from the pool's.
  let ownTimers = 0;
  const own = (fn: () => void, ms: number): NodeJS.Timeout => {
    ownTimers++;
    return setTimeout(() => {
      ownTimers--;
      fn();
    }, ms);
  };
  const pool = createPool<Res>({
    name: `model-${run}`,
    max,
    min,
    acquireTimeoutMs: ACQUIRE_TIMEOUT,
    createTimeoutMs: CREATE_TIMEOUT,
    idleTimeoutMs: 40,
    maxLifetimeMs: 120,
    validateAfterIdleMs: 10,
    housekeepingIntervalMs: 15,
    logger: silentLogger,
    meter: sink,
    registry,
    sweeper,
    create: (signal) => {
      const fault = createFaults[creates++ % createFaults.length] as CreateFault;
      const make = (): Res => {
        const r = { id: made.length, destroyedTimes: 0 };
        made.push(r);
        return r;
      };
      switch (fault) {
        case 'ok':
          return Promise.resolve(make());
        case 'slow':
          return new Promise((resolve, reject) => {
            const t = own(() => resolve(make()), 5);
            signal.addEventListener('abort', () => (clearTimeout(t), ownTimers--, reject(signal.reason)), { once: true });
          });
        case 'reject':
          return Promise.reject(new Error('connect ECONNREFUSED'));
        case 'hang':
          // Honours the signal: rejects when the pool gives up on it.
          return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
        case 'late':
          // Ignores the signal and succeeds after the create timeout: the resource must not be lost.
          return new Promise((resolve) => own(() => resolve(make()), CREATE_TIMEOUT + 10));
      }
    },
    validate: (r) => {
      const v = validateFaults[validates++ % validateFaults.length];
      if (v === 'throw') throw new Error(`validate ${r.id} threw`);
      return v === 'ok';
    },
    destroy: (r) => {
      r.destroyedTimes++;
      if (destroyThrows[destroys++ % destroyThrows.length] === true) throw new Error(`destroy ${r.id} threw`);
    },
  });

  interface Acq {
    readonly controller: AbortController | undefined;
    settled: boolean;
    lease: Lease<Res> | undefined;
    error: unknown;
  }
  const acquires: Acq[] = [];
  let closing: Promise<void> | undefined;
  let closeSettled = false;
  let closeDeadline = 0;

  const check = (): void => {
    const s = pool.stats();
    // Never over max, counting resources being created or destroyed.
    expect(s.size).toBeLessThanOrEqual(max);
    // created = destroyed + alive.
    expect(s.created).toBe(s.destroyed + (s.size - s.creating));
    // The factory's count agrees with the pool's.
    expect(made.length).toBe(s.created + lateArrivals());
    // No resource is lent to two holders; the pool's `used` is exactly what holders hold.
    const held = acquires.filter((a) => a.lease !== undefined && !a.lease.returned).map((a) => a.lease?.resource.id);
    expect(new Set(held).size).toBe(held.length);
    if (!pool.closed) expect(s.used).toBe(held.length);
    // No resource destroyed twice, none destroyed while held.
    for (const r of made) expect(r.destroyedTimes).toBeLessThanOrEqual(1);
    if (!pool.closed) for (const id of held) expect(made[id as number]?.destroyedTimes).toBe(0);
  };
  // Resources a 'late' create produced after the pool stopped counting them (only after close).
  const lateArrivals = (): number => made.length - pool.stats().created;

  const settle = async (): Promise<void> => {
    await vi.advanceTimersByTimeAsync(0);
  };

  for (const o of ops) {
    switch (o.kind) {
      case 'acquire': {
        const controller = o.withSignal ? new AbortController() : undefined;
        const a: Acq = { controller, settled: false, lease: undefined, error: undefined };
        acquires.push(a);
        pool.acquire(controller === undefined ? undefined : { signal: controller.signal }).then(
          (lease) => {
            a.settled = true;
            a.lease = lease;
          },
          (error: unknown) => {
            a.settled = true;
            a.error = error;
          },
        );
        break;
      }
      case 'abort':
        acquires[o.index % Math.max(1, acquires.length)]?.controller?.abort(new Error('aborted by the model'));
        break;
      case 'release':
      case 'destroy': {
        const a = acquires[o.index % Math.max(1, acquires.length)];
        if (a?.lease !== undefined && !a.lease.returned) {
          if (o.kind === 'release') a.lease.release();
          else a.lease.destroy();
        }
        break;
      }
      case 'advance':
        await vi.advanceTimersByTimeAsync(o.ms);
        break;
      case 'close':
        if (closing === undefined) {
          closeDeadline = performance.now() + o.timeoutMs;
          closing = pool.close({ timeoutMs: o.timeoutMs }).then(() => {
            closeSettled = true;
          });
        }
        break;
    }
    await settle();
    if (!pool.closed || made.length === pool.stats().created) check();
  }

  // The end: close (if the schedule did not), return what is held, let every deadline pass.
  if (closing === undefined) {
    closeDeadline = performance.now() + 30;
    void pool.close({ timeoutMs: 30 }).then(() => {
      closeSettled = true;
    });
  }
  for (const a of acquires) if (a.lease !== undefined && !a.lease.returned && Math.random() < 0.5) a.lease.release();
  await vi.advanceTimersByTimeAsync(Math.max(0, closeDeadline - performance.now()) + 1);
  // close() settles by its deadline, and from then on the pool holds no timer.
  expect(closeSettled).toBe(true);
  expect(vi.getTimerCount()).toBe(ownTimers);
  await vi.advanceTimersByTimeAsync(ACQUIRE_TIMEOUT + CREATE_TIMEOUT + 50);
  // Every acquire settled.
  expect(acquires.every((a) => a.settled)).toBe(true);
  // Nothing lost: every resource the factory made was destroyed exactly once.
  for (const r of made) expect(r.destroyedTimes).toBe(1);
  expect(pool.stats()).toMatchObject({ size: 0, idle: 0, used: 0, pending: 0 });
  // No timer of the pool (nor of anything else here) remains.
  expect(sweeper.timerCount).toBe(0);
  expect(vi.getTimerCount()).toBe(0);
  await registry.close();
  sweeper.close();
}
