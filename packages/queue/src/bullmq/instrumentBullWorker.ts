import type { Job, Worker } from 'bullmq';
import type { BoundCounter, BoundHistogram, Logger, MetricsOption } from '@leakguard/core';
import { ATTRIBUTES, InvalidOptionError, METRICS, assertName, describeValue as describe, resolveMetricSink, stderrLogger } from '@leakguard/core';
import type { TaskOutcome } from '../QueueMetrics.js';

export interface BullWorkerInstrumentationOptions {
  /**
   * The `leakguard.queue.name` attribute. Default: the worker's queue name, which must then
   * pass leakguard's name check. Several workers of one queue may share a name: their counts add up.
   */
  readonly name?: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** Receives a warning if recording an event fails (the worker is unaffected). Default: stderr. */
  readonly logger?: Logger;
}

/** What instrumentBullWorker returns. */
export interface BullWorkerInstrumentation extends Disposable {
  readonly name: string;
  readonly closed: boolean;
  /** Removes every listener and wrapper it added; counters and histograms keep their totals. Idempotent; never closes the worker. */
  close(): void;
}

type Ended = Exclude<TaskOutcome, 'rejected'>;
type Method = (this: unknown, ...args: unknown[]) => unknown;
/** A listener as Node's EventEmitter takes it; each event's arguments are typed where it is added. */
type Listener = Parameters<NodeJS.EventEmitter['on']>[1];

/** Bounds the ids of active jobs remembered for cancelAllJobs(), should a job's end never be reported (a lost lock). */
const MAX_TRACKED = 10_000;

/** Workers being instrumented now. */
const instrumented = new WeakSet<object>();

/**
 * Records a BullMQ worker's jobs on the `leakguard.queue.*` families (backend `bullmq`), from
 * the worker's own events:
 *
 * - `wait_time`: from when the job could first run (`timestamp` + its `delay` option) to `processedOn`,
 *   at `active`, for a job's first attempt only (a retry's wait would include earlier runs);
 * - `run_time`: `processedOn` to `finishedOn` for every attempt, at `completed` or `failed`;
 * - `tasks` by outcome, once per job when it ends: `success` at `completed`; at a final
 *   `failed` (no retry left), `cancelled` when it was cancelled through this worker's
 *   `cancelJob()`/`cancelAllJobs()` or threw an `AbortError`, `timeout` when it threw a
 *   `TimeoutError` (as `AbortSignal.timeout()` does) or leakguard's TaskTimeoutError, else
 *   `failure`. Attempts that will be retried are in run_time, not in tasks.
 *
 * Levels come from the queue: see instrumentBullQueue. Timestamps are BullMQ's (epoch ms on
 * the worker's clock, except `timestamp`, the producer's); a negative span from clock skew
 * counts as 0. Only BullMQ's types are imported: the package adds no runtime dependency.
 */
export function instrumentBullWorker<DataType, ResultType, NameType extends string>(
  worker: Worker<DataType, ResultType, NameType>,
  options: BullWorkerInstrumentationOptions = {},
): BullWorkerInstrumentation {
  // Generic so a typed Worker is accepted as it is (its processor type makes it invariant); only the job's timestamps are read.
  return new BullWorkerInstrumentationImpl(worker as unknown as Worker, options);
}

class BullWorkerInstrumentationImpl implements BullWorkerInstrumentation {
  readonly name: string;
  readonly #worker: Worker;
  readonly #logger: Logger;
  readonly #waitTime: BoundHistogram;
  readonly #runTime: BoundHistogram;
  readonly #outcomes: Record<Ended, BoundCounter>;
  /** Ids of the jobs this worker is running, as seen from `active` (for cancelAllJobs). */
  readonly #active = new Set<string>();
  /** Ids of running jobs cancelled through this worker. */
  readonly #cancelled = new Set<string>();
  readonly #undo: (() => void)[] = [];
  #closed = false;

  constructor(worker: Worker, options: BullWorkerInstrumentationOptions) {
    const where = 'instrumentBullWorker';
    if (!isBullWorker(worker)) {
      throw new InvalidOptionError(`${where}: expected a BullMQ Worker (new Worker(name, processor, { connection })), got ${describe(worker)} without a name, on(), off() and isRunning()`);
    }
    if (options === null || typeof options !== 'object') {
      throw new InvalidOptionError(`${where}: options must be an object, got ${describe(options)}`);
    }
    this.name = options.name === undefined ? nameFromWorker(where, worker.name) : assertName(where, options.name);
    if (instrumented.has(worker)) {
      throw new InvalidOptionError(`${where}: this Worker is already instrumented; close() that instrumentation before instrumenting it again (its jobs would be counted twice)`);
    }
    this.#worker = worker;
    this.#logger = options.logger ?? stderrLogger;

    // Bound directly rather than through QueueMetrics, which also reports levels: those come
    // from the queue (a worker sees only its own jobs), and two sources would overwrite each other.
    const sink = resolveMetricSink(options.meter);
    const q = { [ATTRIBUTES.queueName.key]: this.name, [ATTRIBUTES.queueBackend.key]: 'bullmq' };
    this.#waitTime = sink.histogram(METRICS.queueWaitTime).bind(q);
    this.#runTime = sink.histogram(METRICS.queueRunTime).bind(q);
    const tasks = sink.counter(METRICS.queueTasks);
    const outcome = (o: Ended): BoundCounter => tasks.bind({ ...q, [ATTRIBUTES.queueOutcome.key]: o });
    this.#outcomes = { success: outcome('success'), failure: outcome('failure'), timeout: outcome('timeout'), cancelled: outcome('cancelled') };

    this.#listen('active', (job: Job) => this.#guard('a job start', () => this.#started(job)));
    this.#listen('completed', (job: Job) => this.#guard('a completed job', () => this.#completed(job)));
    this.#listen('failed', (job: Job | undefined, error: unknown) => this.#guard('a failed job', () => this.#failed(job, error)));
    this.#listen('closed', () => {
      this.#active.clear();
      this.#cancelled.clear();
    });
    this.#wrapCancels();
    instrumented.add(worker);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const undo of this.#undo.splice(0).reverse()) undo();
    this.#active.clear();
    this.#cancelled.clear();
    instrumented.delete(this.#worker);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #started(job: Job): void {
    if (job.id !== undefined) {
      if (this.#active.size >= MAX_TRACKED) this.#forget(this.#active.values().next().value as string);
      this.#active.add(job.id);
    }
    // First attempt only: a retry's (or a stalled job's rerun's) wait would include earlier runs.
    const first = job.attemptsMade === 0 && !(job.attemptsStarted > 1);
    // BullMQ zeroes job.delay when the delay ends; the option keeps it.
    const delayMs = Math.max(job.delay || 0, job.opts?.delay || 0);
    if (first && typeof job.processedOn === 'number') this.#waitTime.record(seconds(job.timestamp + delayMs, job.processedOn));
  }

  #completed(job: Job): void {
    this.#forget(job.id);
    if (typeof job.processedOn === 'number') this.#runTime.record(seconds(job.processedOn, job.finishedOn ?? Date.now()));
    this.#outcomes.success.add(1);
  }

  #failed(job: Job | undefined, error: unknown): void {
    // BullMQ documents an undefined job for a stalled job failed and removed by removeOnFail.
    if (job === undefined) {
      this.#outcomes.failure.add(1);
      return;
    }
    const cancelled = job.id !== undefined && this.#cancelled.has(job.id);
    this.#forget(job.id);
    // finishedOn is set (on this attempt: not before processedOn) only when the job failed for
    // good; an attempt that will be retried leaves it unset.
    const final = typeof job.finishedOn === 'number' && job.finishedOn >= (job.processedOn ?? 0);
    if (typeof job.processedOn === 'number') this.#runTime.record(seconds(job.processedOn, final ? (job.finishedOn as number) : Date.now()));
    if (final) this.#outcomes[outcomeOf(error, cancelled)].add(1);
  }

  #forget(id: string | undefined): void {
    if (id === undefined) return;
    this.#active.delete(id);
    this.#cancelled.delete(id);
  }

  /** Wraps cancelJob/cancelAllJobs on the instance (recent BullMQ 5 releases; skipped when absent) to know which failures were cancellations. */
  #wrapCancels(): void {
    const active = this.#active;
    const cancelled = this.#cancelled;
    const closed = (): boolean => this.#closed;
    this.#replace('cancelJob', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const found = original.apply(this, args);
        if (found === true && !closed() && typeof args[0] === 'string') cancelled.add(args[0]);
        return found;
      },
    );
    this.#replace('cancelAllJobs', (original) =>
      function (this: unknown, ...args: unknown[]): unknown {
        if (!closed()) for (const id of active) cancelled.add(id);
        return original.apply(this, args);
      },
    );
  }

  /**
   * Replaces method `key` on the worker instance until close, then puts back what was there
   * (deleting the own property when the method came from the prototype). If something else
   * replaced it after us, ours stays (taking it out would drop theirs) and only passes calls through.
   */
  #replace(key: 'cancelJob' | 'cancelAllJobs', make: (original: Method) => Method): void {
    const target = this.#worker as unknown as Record<string, unknown>;
    const original = target[key];
    if (typeof original !== 'function') return;
    const own = Object.prototype.hasOwnProperty.call(target, key);
    const wrapper = make(original as Method);
    target[key] = wrapper;
    this.#undo.push(() => {
      if (target[key] !== wrapper) return;
      if (own) target[key] = original;
      else delete target[key];
    });
  }

  #listen(event: string, listener: Listener): void {
    const worker = this.#worker as unknown as NodeJS.EventEmitter;
    worker.on(event, listener);
    this.#undo.push(() => worker.off(event, listener));
  }

  /** Runs our bookkeeping; a throw is logged, never passed to the worker's emit() (BullMQ would treat it as the job's failure). */
  #guard(what: string, fn: () => void): void {
    if (this.#closed) return;
    try {
      fn();
    } catch (error) {
      this.#logger.warn(`instrumentBullWorker (queue ${JSON.stringify(this.name)}): recording ${what} failed; the worker is unaffected: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function outcomeOf(error: unknown, cancelled: boolean): Ended {
  if (cancelled) return 'cancelled';
  const e = typeof error === 'object' && error !== null ? (error as { name?: unknown; code?: unknown }) : {};
  if (e.name === 'TimeoutError' || e.code === 'LEAKGUARD_TASK_TIMEOUT') return 'timeout';
  if (e.name === 'AbortError') return 'cancelled';
  return 'failure';
}

/** Seconds from `fromMs` to `toMs` (epoch ms); 0 when clocks disagree. */
function seconds(fromMs: number, toMs: number): number {
  return Math.max(0, toMs - fromMs) / 1000;
}

function nameFromWorker(where: string, queueName: string): string {
  try {
    return assertName(where, queueName);
  } catch {
    throw new InvalidOptionError(
      `${where}: the worker's queue name ${JSON.stringify(queueName)} cannot label metrics (1-64 characters, a letter first, then letters, digits, "_", ".", ":" or "-"); pass { name } to choose one`,
    );
  }
}

function isBullWorker(value: unknown): value is Worker {
  const w = value as Partial<Worker> | null;
  return typeof w === 'object' && w !== null && typeof w.on === 'function' && typeof w.off === 'function' && typeof w.isRunning === 'function' && typeof w.name === 'string';
}
