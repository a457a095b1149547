import type { Worker } from 'bullmq';
import type { Logger } from '@leakguard/core';
import { InvalidOptionError, assertInteger, describeValue as describe, stderrLogger, withDeadline } from '@leakguard/core';

export interface CloseWorkerOptions {
  /** How long running jobs get to finish before the worker is closed without waiting for them. Default 30 000. */
  readonly timeoutMs?: number;
  /**
   * How long the closing itself (timers stopped, connections dropped) may take after that;
   * past it closeWorker resolves anyway and logs an error. Default 5 000.
   */
  readonly forceTimeoutMs?: number;
  /** Receives a warning when jobs are abandoned. Default: stderr. */
  readonly logger?: Logger;
}

export interface CloseWorkerResult {
  /** True when jobs were still running at the deadline and the worker was closed without waiting for them. */
  readonly forced: boolean;
  /**
   * True when the worker finished closing within the deadlines. False only when its close
   * took longer than `forceTimeoutMs`, or when a close someone else began was still waiting
   * for jobs at `timeoutMs` (BullMQ cannot force that one; it finishes when they do).
   */
  readonly closed: boolean;
}

/** How often closeWorker looks whether the worker's loop has stopped: BullMQ emits no event for it. */
const POLL_MS = 10;

/**
 * Closes a BullMQ Worker within a deadline: stops it taking jobs, waits up to `timeoutMs`
 * (default 30 000) for the running ones, then `worker.close(true)`, which never waits on jobs
 * or on Redis. Resolves with `{ forced, closed }`; `forced` is true when jobs were still
 * running at the deadline: their processors are left to finish in this process, their results are not saved, and
 * BullMQ's stalled-job check gives them to a worker again once their lock expires
 * (`lockDuration`, default 30 s). Given valid options it never rejects, and never waits past
 * `timeoutMs` plus `forceTimeoutMs` (default 5 000).
 *
 * The wait is `worker.pause()`, not `worker.close()`: once a graceful close has begun, BullMQ
 * (5.x) returns that same promise to `close(true)`, which then cannot cut it short. For the
 * same reason a worker someone else is already closing is only waited for, up to `timeoutMs`
 * (dropping its connection instead would make BullMQ retry saving the running jobs' results
 * in a tight loop).
 */
export async function closeWorker<DataType, ResultType, NameType extends string>(
  typed: Worker<DataType, ResultType, NameType>,
  options: CloseWorkerOptions = {},
): Promise<CloseWorkerResult> {
  const where = 'closeWorker';
  // Generic so a typed Worker is accepted as it is (its processor type makes it invariant).
  const worker = typed as unknown as Worker;
  if (!isBullWorker(worker)) {
    throw new InvalidOptionError(`${where}: expected a BullMQ Worker (new Worker(name, processor, { connection })), got ${describe(worker)} without close(), pause(), isPaused() and isRunning()`);
  }
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${where}: options must be an object like { timeoutMs: 30000 }, got ${describe(options)}`);
  }
  const timeoutMs = assertInteger(where, 'timeoutMs', options.timeoutMs ?? 30_000, 0, 2_147_483_647);
  const forceTimeoutMs = assertInteger(where, 'forceTimeoutMs', options.forceTimeoutMs ?? 5_000, 0, 2_147_483_647);
  const logger = options.logger ?? stderrLogger;
  const queue = JSON.stringify(worker.name);

  if (worker.closing !== undefined) {
    const outcome = await withDeadline(settle(worker.closing), timeoutMs);
    if (!outcome.timedOut) return { forced: false, closed: true };
    logger.warn(
      `${where}: the worker of queue ${queue} was already closing (a close() without a deadline) and was still waiting for its jobs after ${timeoutMs} ms; ` +
        `BullMQ cannot force a close that is under way, so it finishes when they do. Close workers with closeWorker() only`,
    );
    return { forced: false, closed: false };
  }

  // pause() stops fetching and wakes a blocked fetch; its own promise also reconnects the
  // blocking connection afterwards (and rejects once close(true) has closed it), so the loop
  // stopping is what is waited for, not the promise.
  if (!worker.isPaused()) void settle(worker.pause());
  const drained = await until(() => !worker.isRunning(), timeoutMs);
  if (!drained) {
    logger.warn(
      `${where}: the worker of queue ${queue} still had jobs running after ${timeoutMs} ms; closing it without waiting for them. ` +
        `BullMQ gives those jobs to a worker again once their lock expires (lockDuration ${worker.opts.lockDuration ?? 30_000} ms)`,
    );
  }
  // Forced either way: nothing is left worth waiting for, and a graceful QUIT would wait on a Redis that is down.
  const closing = await withDeadline(settle(worker.close(true)), forceTimeoutMs);
  if (closing.timedOut) {
    logger.error(`${where}: worker.close(true) of queue ${queue} had not finished after ${forceTimeoutMs} ms; no longer waiting for it`);
  } else if (closing.value !== undefined) {
    logger.warn(`${where}: worker.close(true) of queue ${queue} failed: ${closing.value instanceof Error ? closing.value.message : String(closing.value)}`);
  }
  return { forced: !drained, closed: !closing.timedOut };
}

/** Resolves with the rejection reason (or undefined on success): closing never throws. */
function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error ?? new Error('rejected without a reason'),
  );
}

/** Polls `condition` until true (resolves true) or `timeoutMs` passes (false). The timers never keep the process alive. */
async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.min(POLL_MS, left)).unref());
  }
  return true;
}

function isBullWorker(value: unknown): value is Worker {
  const w = value as Partial<Worker> | null;
  return (
    typeof w === 'object' &&
    w !== null &&
    typeof w.close === 'function' &&
    typeof w.pause === 'function' &&
    typeof w.isPaused === 'function' &&
    typeof w.isRunning === 'function'
  );
}
