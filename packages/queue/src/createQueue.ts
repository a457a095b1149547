import type { DisposeContext, Logger, MetricsOption, Registration, ResourceRegistry, SweepTask, Sweeper } from '@leakguard/core';
import {
  InvalidOptionError,
  assertInteger,
  assertLimit,
  assertName,
  claimName,
  defaultResourceRegistry,
  defaultSweeper,
  describeValue as describe,
  releaseName,
  openedHere,
  reportOpenResources,
  stderrLogger,
  withDeadline,
} from '@leakguard/core';
import { QueueClosedError, QueueFullError, TaskTimeoutError } from './errors.js';
import { QueueMetrics } from './QueueMetrics.js';
import type { TaskOutcome } from './QueueMetrics.js';
import type { TaskRecord } from './Retention.js';
import { Retention } from './Retention.js';
import { TaskQueue } from './TaskQueue.js';

export type { TaskRecord } from './Retention.js';

/** What a task receives. */
export interface TaskContext {
  /** Aborted when the task times out, when its add's signal aborts, or when close() cancels it. */
  readonly signal: AbortSignal;
  readonly id: string;
}

export interface AddOptions {
  /** Aborting it removes a queued task at once, or aborts a running one; the add rejects with the reason. */
  readonly signal?: AbortSignal;
  /** Higher runs first; equal priorities run in the order added. Default 0. */
  readonly priority?: number;
  /** Overrides the queue's taskTimeoutMs for this task. */
  readonly timeoutMs?: number;
  /** Names the task in records and errors. Default: a sequence number. */
  readonly id?: string;
}

export interface RetentionOptions {
  /** Records of tasks that succeeded: at most `count` (default 1000), none older than `ageMs` (default 3 600 000). */
  readonly completed?: { readonly count?: number; readonly ageMs?: number };
  /** Records of tasks that failed, timed out or were cancelled: default 1000 and 86 400 000 ms. */
  readonly failed?: { readonly count?: number; readonly ageMs?: number };
}

export interface QueueOptions {
  /** Names the queue in errors, logs and the `leakguard.queue.name` attribute; unique among open queues. Required. */
  readonly name: string;
  /** Tasks running at once. Default 1. */
  readonly concurrency?: number;
  /** Tasks allowed to wait to run (not counting running ones). Default Infinity. */
  readonly maxPending?: number;
  /** When maxPending tasks wait: `'wait'` makes add() wait for room (honouring its signal); `'reject'` throws QueueFullError. Default `'wait'`. */
  readonly onFull?: 'wait' | 'reject';
  /** Default timeout of each task's run; none when absent. */
  readonly taskTimeoutMs?: number;
  /** How many finished-task records to keep, and for how long. See RetentionOptions. */
  readonly retention?: RetentionOptions;
  /** How often expired records are swept, on the Sweeper. Default: a quarter of the shorter retention age, between 1 s and 60 s. */
  readonly retentionSweepIntervalMs?: number;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** The ResourceRegistry the queue registers in, so shutdown closes it. Default: the process-wide one. */
  readonly registry?: ResourceRegistry;
  /** Default: warnings and errors to stderr. */
  readonly logger?: Logger;
  /** The Sweeper retention sweeps run on. Default: `defaultSweeper()`. */
  readonly sweeper?: Sweeper;
}

export interface QueueStats {
  /** Tasks waiting to run. */
  readonly size: number;
  readonly running: number;
  /** add() calls waiting for room (onFull: 'wait'). */
  readonly blocked: number;
  readonly retained: { readonly completed: number; readonly failed: number };
  /** Cumulative counts since the queue was created; they never shrink with retention. */
  readonly succeeded: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly cancelled: number;
  readonly rejected: number;
}

export interface CloseOptions {
  /** `'drain'` runs what is queued until the deadline, then cancels the rest; `'cancel'` cancels at once. Default `'drain'`. */
  readonly mode?: 'drain' | 'cancel';
  /** Default 30 000. */
  readonly timeoutMs?: number;
}

export interface Queue extends AsyncDisposable {
  readonly name: string;
  /** Runs `task` when its turn comes; resolves with its result or rejects with its error, TaskTimeoutError, the signal's reason, QueueFullError or QueueClosedError. */
  add<R>(task: (context: TaskContext) => R | PromiseLike<R>, options?: AddOptions): Promise<R>;
  /** add() for each task; resolves with all results (rejects with the first error, like Promise.all). */
  addAll<R>(tasks: readonly ((context: TaskContext) => R | PromiseLike<R>)[], options?: AddOptions): Promise<R[]>;
  /** Resolves when nothing is queued or running (at once if so now). */
  onIdle(): Promise<void>;
  /** Resolves when nothing is queued; tasks may still be running (at once if so now). */
  onDrained(): Promise<void>;
  /** Stops starting tasks; running ones finish. */
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
  /** Tasks waiting to run. */
  readonly size: number;
  /** Tasks not yet finished: waiting plus running. */
  readonly pending: number;
  readonly running: number;
  readonly closed: boolean;
  /** The retained records, oldest first, bounded by the retention count and age. */
  recent(options: { state: 'completed' | 'failed' }): TaskRecord[];
  stats(): QueueStats;
  /** Stops new adds; see CloseOptions. Idempotent: later calls return the first call's promise. */
  close(options?: CloseOptions): Promise<void>;
}

interface Task {
  readonly fn: (context: TaskContext) => unknown;
  readonly seq: number;
  readonly id: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly enqueuedAt: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  queued: boolean;
  done: boolean;
  startedAt: number;
  controller: AbortController | undefined;
  timer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
}

interface Blocked {
  readonly admit: () => void;
  readonly fail: (error: unknown) => void;
  queued: boolean;
}

class Context implements TaskContext {
  readonly #task: Task;

  constructor(task: Task) {
    this.#task = task;
  }

  // Created on first use: most tasks never look at their signal, and an AbortController
  // costs more than the rest of a trivial task's bookkeeping.
  get signal(): AbortSignal {
    this.#task.controller ??= new AbortController();
    return this.#task.controller.signal;
  }

  get id(): string {
    return idOf(this.#task);
  }
}

function idOf(task: Task): string {
  return task.id ?? String(task.seq);
}

/**
 * Creates a bounded, instrumented in-process work queue: `concurrency` tasks at a time, by
 * priority then arrival, with backpressure at `maxPending`, per-task timeouts that abort the
 * task's signal, a bounded close, and records of finished work that expire by count and by
 * age on the Sweeper — cumulative counts live in counters, not in the records.
 */
export function createQueue(options: QueueOptions): Queue {
  return new QueueImpl(options);
}

class QueueImpl implements Queue {
  readonly name: string;
  readonly #concurrency: number;
  readonly #maxPending: number;
  readonly #onFull: 'wait' | 'reject';
  readonly #taskTimeoutMs: number | undefined;
  readonly #logger: Logger;
  readonly #metrics: QueueMetrics;
  readonly #completed: Retention;
  readonly #failed: Retention;
  readonly #registration: Registration;
  readonly #sweep: SweepTask;
  readonly #openReport: { unregister(): void };

  readonly #queue = new TaskQueue<Task>();
  readonly #runningTasks = new Set<Task>();
  readonly #blocked = new TaskQueue<Blocked>();
  #seq = 0;
  #paused = false;
  #pumping = false;
  #repump = false;
  #closing: Promise<void> | undefined;
  #idleWaiters: (() => void)[] = [];
  #drainedWaiters: (() => void)[] = [];
  readonly #counts = { success: 0, failure: 0, timeout: 0, cancelled: 0, rejected: 0 };

  constructor(options: QueueOptions) {
    if (options === null || typeof options !== 'object') throw new InvalidOptionError('createQueue: options are required ({ name, ... })');
    this.name = assertName('createQueue', options.name);
    const where = `createQueue(${JSON.stringify(this.name)})`;
    this.#concurrency = assertLimit(where, 'concurrency', options.concurrency ?? 1, 1);
    this.#maxPending = assertLimit(where, 'maxPending', options.maxPending ?? Number.POSITIVE_INFINITY, 0);
    const onFull = options.onFull ?? 'wait';
    if (onFull !== 'wait' && onFull !== 'reject') throw new InvalidOptionError(`${where}: onFull must be 'wait' or 'reject', got ${describe(onFull)}`);
    this.#onFull = onFull;
    this.#taskTimeoutMs = options.taskTimeoutMs === undefined ? undefined : assertInteger(where, 'taskTimeoutMs', options.taskTimeoutMs, 1, 2_147_483_647);
    const r = options.retention ?? {};
    const completedCount = assertInteger(where, 'retention.completed.count', r.completed?.count ?? 1000, 0, 10_000_000);
    const completedAge = assertLimit(where, 'retention.completed.ageMs', r.completed?.ageMs ?? 3_600_000, 1);
    const failedCount = assertInteger(where, 'retention.failed.count', r.failed?.count ?? 1000, 0, 10_000_000);
    const failedAge = assertLimit(where, 'retention.failed.ageMs', r.failed?.ageMs ?? 86_400_000, 1);
    const shortest = Math.min(completedAge, failedAge);
    const sweepMs = assertInteger(
      where,
      'retentionSweepIntervalMs',
      options.retentionSweepIntervalMs ?? (Number.isFinite(shortest) ? Math.round(Math.min(60_000, Math.max(1_000, shortest / 4))) : 60_000),
      1,
      2_147_483_647,
    );
    this.#logger = options.logger ?? stderrLogger;
    this.#completed = new Retention(completedCount, completedAge);
    this.#failed = new Retention(failedCount, failedAge);

    claimName('queue', this.name, this);
    this.#metrics = new QueueMetrics(this.name, 'memory', options.meter, () => ({
      pending: this.#queue.size,
      running: this.#runningTasks.size,
      capacity: this.#maxPending,
      retainedCompleted: this.#completed.size,
      retainedFailed: this.#failed.size,
    }));
    // Registered as a function so a registry shutdown hands the queue the time it has left:
    // it drains within that, then cancels.
    this.#registration = (options.registry ?? defaultResourceRegistry()).register(
      (context: DisposeContext) => this.close({ timeoutMs: Math.min(context.timeoutMs, 30_000) }),
      { name: this.name, kind: 'queue' },
    );
    const self = openedHere('queue', `queue ${JSON.stringify(this.name)}`, this);
    this.#openReport = reportOpenResources(
      this,
      (q) => ({ queue: 1, task: q.#runningTasks.size }),
      () => [self()],
    );
    this.#sweep = (options.sweeper ?? defaultSweeper()).schedule(`queue ${JSON.stringify(this.name)} retention`, sweepMs, () => {
      const now = performance.now();
      this.#completed.sweep(now);
      this.#failed.sweep(now);
    });
  }

  get size(): number {
    return this.#queue.size;
  }

  get running(): number {
    return this.#runningTasks.size;
  }

  get pending(): number {
    return this.#queue.size + this.#runningTasks.size;
  }

  get isPaused(): boolean {
    return this.#paused;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  add<R>(fn: (context: TaskContext) => R | PromiseLike<R>, options?: AddOptions): Promise<R> {
    if (typeof fn !== 'function') {
      return Promise.reject(new InvalidOptionError(`queue ${JSON.stringify(this.name)}: add() takes a function ({ signal }) => result, got ${describe(fn)}`));
    }
    if (this.#closing !== undefined) return this.#refuse(new QueueClosedError(this.name, 'add refused'));
    let priority = 0;
    let timeoutMs = this.#taskTimeoutMs;
    let signal: AbortSignal | undefined;
    let id: string | undefined;
    if (options !== undefined) {
      if (options.priority !== undefined) {
        if (typeof options.priority !== 'number' || !Number.isFinite(options.priority)) {
          return Promise.reject(new InvalidOptionError(`queue ${JSON.stringify(this.name)}: priority must be a finite number, got ${describe(options.priority)}`));
        }
        priority = options.priority;
      }
      if (options.timeoutMs !== undefined) {
        try {
          timeoutMs = assertInteger(`queue ${JSON.stringify(this.name)} add`, 'timeoutMs', options.timeoutMs, 1, 2_147_483_647);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      if (options.id !== undefined) id = String(options.id);
      signal = options.signal;
      if (signal?.aborted === true) {
        this.#count('cancelled');
        return Promise.reject(signal.reason);
      }
    }
    if (this.#queue.size >= this.#maxPending) {
      if (this.#onFull === 'reject') return this.#refuse(new QueueFullError(this.name, this.#queue.size, this.#maxPending));
      return this.#waitForRoom(signal, () => this.#enqueue(fn, priority, timeoutMs, signal, id)) as Promise<R>;
    }
    return this.#enqueue(fn, priority, timeoutMs, signal, id) as Promise<R>;
  }

  addAll<R>(tasks: readonly ((context: TaskContext) => R | PromiseLike<R>)[], options?: AddOptions): Promise<R[]> {
    return Promise.all(tasks.map((t) => this.add(t, options)));
  }

  onIdle(): Promise<void> {
    if (this.#queue.size === 0 && this.#runningTasks.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  onDrained(): Promise<void> {
    if (this.#queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainedWaiters.push(resolve));
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#pump();
  }

  recent(options: { state: 'completed' | 'failed' }): TaskRecord[] {
    const state = options?.state;
    if (state !== 'completed' && state !== 'failed') {
      throw new InvalidOptionError(`queue ${JSON.stringify(this.name)}: recent() needs { state: 'completed' } or { state: 'failed' }, got ${describe(state)}`);
    }
    const retention = state === 'completed' ? this.#completed : this.#failed;
    retention.sweep(performance.now());
    return retention.list();
  }

  stats(): QueueStats {
    return {
      size: this.#queue.size,
      running: this.#runningTasks.size,
      blocked: this.#blocked.size,
      retained: { completed: this.#completed.size, failed: this.#failed.size },
      succeeded: this.#counts.success,
      failed: this.#counts.failure,
      timedOut: this.#counts.timeout,
      cancelled: this.#counts.cancelled,
      rejected: this.#counts.rejected,
    };
  }

  close(options: CloseOptions = {}): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    const mode = options.mode ?? 'drain';
    let timeoutMs: number;
    try {
      if (mode !== 'drain' && mode !== 'cancel') throw new InvalidOptionError(`queue ${JSON.stringify(this.name)} close: mode must be 'drain' or 'cancel', got ${describe(mode)}`);
      timeoutMs = assertInteger(`queue ${JSON.stringify(this.name)} close`, 'timeoutMs', options.timeoutMs ?? 30_000, 0, 2_147_483_647);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#closing = this.#close(mode, timeoutMs);
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #enqueue(fn: (context: TaskContext) => unknown, priority: number, timeoutMs: number | undefined, signal: AbortSignal | undefined, id: string | undefined): Promise<unknown> {
    if (this.#closing !== undefined) return this.#refuse(new QueueClosedError(this.name, 'add refused'));
    return new Promise((resolve, reject) => {
      const task: Task = {
        fn,
        seq: ++this.#seq,
        id,
        timeoutMs,
        signal,
        enqueuedAt: performance.now(),
        resolve,
        reject,
        queued: false,
        done: false,
        startedAt: 0,
        controller: undefined,
        timer: undefined,
        onAbort: undefined,
      };
      if (signal !== undefined) {
        task.onAbort = () => this.#abort(task, signal.reason);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      // Fast path: room to run now and nobody ahead (no wait, so no second clock read).
      if (!this.#paused && this.#runningTasks.size < this.#concurrency && this.#queue.size === 0) {
        this.#start(task, task.enqueuedAt);
        return;
      }
      task.queued = true;
      this.#queue.push(task, priority);
    });
  }

  /**
   * Starts queued tasks while there is room, then lets blocked adds in. Re-entrant calls (a
   * task that finished synchronously) only ask the running pump to go round again, so a long
   * run of synchronous tasks loops instead of recursing.
   */
  #pump(): void {
    if (this.#pumping) {
      this.#repump = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#repump = false;
        while (!this.#paused && this.#runningTasks.size < this.#concurrency) {
          const task = this.#queue.shift();
          if (task === undefined) break;
          task.queued = false;
          this.#start(task, performance.now());
        }
        while (this.#blocked.size > 0 && this.#queue.size < this.#maxPending) {
          const b = this.#blocked.shift() as Blocked;
          b.queued = false;
          b.admit();
        }
      } while (this.#repump);
    } finally {
      this.#pumping = false;
    }
    if (this.#queue.size === 0) {
      if (this.#drainedWaiters.length > 0) {
        const waiters = this.#drainedWaiters;
        this.#drainedWaiters = [];
        for (const w of waiters) w();
      }
      if (this.#runningTasks.size === 0 && this.#idleWaiters.length > 0) {
        const waiters = this.#idleWaiters;
        this.#idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  #start(task: Task, now: number): void {
    this.#runningTasks.add(task);
    task.startedAt = now;
    this.#metrics.waitTime.record((now - task.enqueuedAt) / 1000);
    if (task.timeoutMs !== undefined) {
      // Ref'd while the task runs, as the caller awaits it; cleared when the task settles.
      const ms = task.timeoutMs;
      task.timer = setTimeout(() => {
        const error = new TaskTimeoutError(this.name, idOf(task), ms);
        this.#finish(task, 'timeout', error);
      }, ms);
    }
    let result: unknown;
    try {
      result = task.fn(new Context(task));
    } catch (error) {
      this.#finish(task, 'failure', error);
      return;
    }
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      (result as PromiseLike<unknown>).then(
        (value) => this.#finish(task, 'success', value),
        (error: unknown) => this.#finish(task, 'failure', error),
      );
    } else {
      this.#finish(task, 'success', result);
    }
  }

  /** Ends a task once; a late result of a task already timed out or cancelled is ignored. */
  #finish(task: Task, outcome: 'success' | 'failure' | 'timeout' | 'cancelled', value: unknown): void {
    if (task.done) return;
    task.done = true;
    const wasRunning = this.#runningTasks.delete(task);
    if (task.timer !== undefined) clearTimeout(task.timer);
    if (task.onAbort !== undefined) task.signal?.removeEventListener('abort', task.onAbort);
    // Timeouts and cancellations abort the task's signal, so it can stop its work.
    if (outcome === 'timeout' || outcome === 'cancelled') (task.controller ??= new AbortController()).abort(value);
    const now = performance.now();
    if (wasRunning) this.#metrics.runTime.record((now - task.startedAt) / 1000);
    this.#count(outcome);
    const retention = outcome === 'success' ? this.#completed : this.#failed;
    if (retention.count > 0) {
      const epoch = performance.timeOrigin;
      // One object shape for every record (absent fields are undefined): cheaper than spreads.
      retention.push(
        {
          id: idOf(task),
          state: outcome === 'success' ? 'completed' : 'failed',
          outcome,
          enqueuedAt: epoch + task.enqueuedAt,
          startedAt: wasRunning ? epoch + task.startedAt : undefined,
          finishedAt: epoch + now,
          error: outcome === 'success' ? undefined : summary(value),
        },
        now,
      );
    }
    if (outcome === 'success') task.resolve(value);
    else task.reject(value);
    this.#pump();
  }

  /** The add's signal aborted: a queued task leaves the queue, a running one is cancelled. */
  #abort(task: Task, reason: unknown): void {
    if (task.done) return;
    if (task.queued) {
      task.queued = false;
      this.#queue.removed();
    }
    this.#finish(task, 'cancelled', reason);
  }

  #count(outcome: TaskOutcome): void {
    this.#counts[outcome]++;
    this.#metrics.ended(outcome);
  }

  #refuse(error: Error): Promise<never> {
    this.#count('rejected');
    return Promise.reject(error);
  }

  /**
   * onFull 'wait': enqueues (synchronously, so maxPending holds) when there is room; rejects
   * with the signal's reason, or QueueClosedError at close.
   */
  #waitForRoom(signal: AbortSignal | undefined, enqueue: () => Promise<unknown>): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = (): void => {
        if (!b.queued) return;
        b.queued = false;
        this.#blocked.removed();
        this.#count('cancelled');
        reject(signal?.reason);
      };
      const b: Blocked = {
        queued: true,
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(enqueue());
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#blocked.push(b, 0);
    });
  }

  async #close(mode: 'drain' | 'cancel', timeoutMs: number): Promise<void> {
    for (const b of this.#blocked.drain()) {
      b.queued = false;
      this.#count('rejected');
      b.fail(new QueueClosedError(this.name, 'this add was waiting for room when close() was called'));
    }
    if (mode === 'drain') {
      // Draining must make progress: a paused queue resumes.
      this.#paused = false;
      this.#pump();
      const outcome = await withDeadline(this.onIdle(), timeoutMs);
      if (outcome.timedOut) {
        this.#logger.warn(
          `queue ${JSON.stringify(this.name)}: close() deadline (${timeoutMs} ms) passed with ${this.#queue.size} tasks queued and ${this.#runningTasks.size} running; cancelling them`,
        );
      }
    }
    for (const task of this.#queue.drain()) {
      task.queued = false;
      this.#finish(task, 'cancelled', new QueueClosedError(this.name, 'this task was cancelled before it ran'));
    }
    for (const task of [...this.#runningTasks]) {
      this.#finish(task, 'cancelled', new QueueClosedError(this.name, 'this task was cancelled while it ran; its signal was aborted'));
    }
    this.#sweep.cancel();
    this.#metrics.close();
    this.#openReport.unregister();
    this.#registration.unregister();
    releaseName('queue', this.name, this);
  }
}

function summary(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: String(error) };
}
