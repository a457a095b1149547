import type { JobType, Queue } from 'bullmq';
import type { BoundCounter, Logger, MetricsOption, SweepTask, Sweeper } from '@leakguard/core';
import {
  InvalidOptionError,
  LeakguardError,
  METRICS,
  resolveMetricSink,
  assertInteger,
  assertName,
  claimName,
  defaultSweeper,
  describeValue as describe,
  releaseName,
  stderrLogger,
  withDeadline,
} from '@leakguard/core';
import { QueueClosedError } from '../errors.js';
import { QueueMetrics } from '../QueueMetrics.js';
import type { QueueLevels } from '../QueueMetrics.js';

export interface BullQueueInstrumentationOptions {
  /**
   * The `leakguard.queue.name` attribute; unique among instrumented BullMQ queues. Default:
   * the BullMQ queue's name, which must then pass leakguard's name check (1-64 characters, a
   * letter first, then letters, digits, `_ . : -`).
   */
  readonly name?: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: MetricsOption;
  /** Receives one warning per Redis outage and an info line when counts are current again. Default: stderr (warnings and errors). */
  readonly logger?: Logger;
  /**
   * How often the job counts are fetched from Redis (one round trip each), on the Sweeper;
   * scrapes in between read the last counts. A fetch not answered within this long counts as
   * failed. Default 5000.
   */
  readonly refreshIntervalMs?: number;
  /** The Sweeper the fetches run on. Default: `defaultSweeper()`. */
  readonly sweeper?: Sweeper;
}

/** What instrumentBullQueue returns: the state of its counts, and `close()`. */
export interface BullQueueInstrumentation extends Disposable {
  readonly name: string;
  /**
   * True while the reported counts are not current: the latest fetch failed or was not
   * answered within refreshIntervalMs (Redis unreachable), or the Queue was closed. The last
   * counts keep being reported meanwhile.
   */
  readonly stale: boolean;
  /** The error of the latest failed fetch (kept after recovery; `stale` says whether it is current). */
  readonly lastError: unknown;
  /** When the reported counts were fetched (epoch ms); undefined until a fetch has succeeded. */
  readonly refreshedAt: number | undefined;
  readonly closed: boolean;
  /**
   * Fetches the counts now (joining a fetch in flight) and resolves once they are stored;
   * rejects with the error when the fetch fails or is not answered within refreshIntervalMs.
   * Does nothing once closed.
   */
  refresh(): Promise<void>;
  /** Stops the fetches (cancels the Sweeper task) and the depth and retained metrics; frees the name. Idempotent. */
  close(): void;
}

/** getJobCounts was not answered within refreshIntervalMs; the last counts are still reported. */
export class JobCountsTimeoutError extends LeakguardError {
  readonly queue: string;
  readonly timeoutMs: number;

  constructor(queue: string, timeoutMs: number) {
    super(
      'LEAKGUARD_BULLMQ_COUNTS_TIMEOUT',
      `bullmq queue ${JSON.stringify(queue)}: getJobCounts was not answered within ${timeoutMs} ms; check that Redis is reachable from this process (the Queue's connection keeps retrying)`,
    );
    this.queue = queue;
    this.timeoutMs = timeoutMs;
  }
}

/** Every state a job can be in, counted by one getJobCounts call: one Lua script, one round trip. */
const STATES: JobType[] = ['waiting', 'paused', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed'];

/** Names claimed per kind: two instrumentations of one name would overwrite each other's depth series. */
const KIND = 'bullmq queue';

/** Queues being instrumented now, with the name they were instrumented under. */
const instrumented = new WeakMap<object, string>();

/**
 * Reports a BullMQ queue's levels on the `leakguard.queue.*` families (backend `bullmq`):
 * depth `pending` (waiting + paused + delayed + prioritized + waiting-children) and `running`
 * (active), retained `completed` and `failed`. Counts come from one `queue.getJobCounts()`
 * per `refreshIntervalMs` (default 5000) on the Sweeper, however often metrics are scraped;
 * the synchronous metric callbacks read the last counts. Nothing is reported until the first
 * fetch answers (a made-up zero would hide a backlog).
 *
 * When Redis is unreachable the last counts stay, `stale` turns true, `lastError` says why,
 * and one warning is logged per outage (an info line when counts are current again).
 * Outcomes and timings come from the workers: see instrumentBullWorker. Only BullMQ's types
 * are imported: the package adds no runtime dependency.
 */
export function instrumentBullQueue(queue: Queue, options: BullQueueInstrumentationOptions = {}): BullQueueInstrumentation {
  return new BullQueueInstrumentationImpl(queue, options);
}

class BullQueueInstrumentationImpl implements BullQueueInstrumentation {
  readonly name: string;
  readonly #queue: Queue;
  readonly #meter: MetricsOption | undefined;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #task: SweepTask;
  #metrics: QueueMetrics | undefined;
  /** Counted from the start (not only once counts arrive), so an outage from the first fetch shows. */
  readonly #refreshFailures: BoundCounter;
  #levels: QueueLevels = { pending: 0, running: 0 };
  /** The getJobCounts call in flight: at most one, so an outage never piles commands up in the client's offline queue. */
  #fetch: Promise<void> | undefined;
  #fetchStartedAt = Number.NEGATIVE_INFINITY;
  #stale = false;
  #lastError: unknown;
  #failingSince = 0;
  #refreshedAt: number | undefined;
  #closed = false;

  constructor(queue: Queue, options: BullQueueInstrumentationOptions) {
    const where = 'instrumentBullQueue';
    if (!isBullQueue(queue)) {
      throw new InvalidOptionError(`${where}: expected a BullMQ Queue (new Queue(name, { connection })), got ${describe(queue)} without a name and getJobCounts()`);
    }
    if (options === null || typeof options !== 'object') {
      throw new InvalidOptionError(`${where}: options must be an object, got ${describe(options)}`);
    }
    this.name = options.name === undefined ? nameFromQueue(where, queue.name) : assertName(where, options.name);
    this.#intervalMs = assertInteger(where, 'refreshIntervalMs', options.refreshIntervalMs ?? 5000, 1, 2_147_483_647);
    const other = instrumented.get(queue);
    if (other !== undefined) {
      throw new InvalidOptionError(`${where}: this Queue is already instrumented as ${JSON.stringify(other)}; close() that instrumentation before instrumenting the queue again`);
    }
    this.#queue = queue;
    this.#meter = options.meter;
    this.#refreshFailures = resolveMetricSink(options.meter)
      .counter(METRICS.queueRefreshFailures)
      .bind({ 'leakguard.queue.name': this.name, 'leakguard.queue.backend': 'bullmq' });
    this.#logger = options.logger ?? stderrLogger;
    const sweeper = options.sweeper ?? defaultSweeper();
    claimName(KIND, this.name, this);
    try {
      this.#task = sweeper.schedule(`bullmq queue ${this.name}: job counts`, this.#intervalMs, () => this.#tick());
    } catch (error) {
      releaseName(KIND, this.name, this);
      throw error;
    }
    instrumented.set(queue, this.name);
    // The first counts now, not one interval from now. #attempt only rejects if the logger
    // throws; that must not become an unhandled rejection from a fetch nobody awaits.
    this.#attempt().catch(() => undefined);
  }

  get stale(): boolean {
    return this.#stale;
  }

  get lastError(): unknown {
    return this.#lastError;
  }

  get refreshedAt(): number | undefined {
    return this.#refreshedAt;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async refresh(): Promise<void> {
    if (this.#closed) return;
    await this.#attempt();
    if (this.#stale) throw this.#lastError;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#task.cancel();
    this.#metrics?.close();
    instrumented.delete(this.#queue);
    releaseName(KIND, this.name, this);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** The Sweeper's run. */
  #tick(): Promise<void> | undefined {
    // The Sweeper's timer is shared and its phase arbitrary: a tick right after the fetch at
    // construction (or a manual refresh) is skipped, so Redis sees one fetch per interval.
    if (performance.now() - this.#fetchStartedAt < this.#intervalMs / 2) return undefined;
    return this.#attempt();
  }

  /** One refresh: joins or starts the fetch and waits for it at most one interval. The outcome is in #stale and #lastError; rejects only if the logger throws. */
  async #attempt(): Promise<void> {
    if (this.#closed) return;
    if (this.#queue.closing !== undefined) {
      this.#failed(new QueueClosedError(this.name, 'its job counts can no longer be fetched; close its instrumentation (what instrumentBullQueue returned) with it'));
      return;
    }
    const outcome = await withDeadline(this.#fetch ?? this.#startFetch(), this.#intervalMs);
    if (outcome.timedOut) this.#failed(new JobCountsTimeoutError(this.name, this.#intervalMs));
  }

  #startFetch(): Promise<void> {
    this.#fetchStartedAt = performance.now();
    let counts: Promise<Record<string, number>>;
    try {
      counts = this.#queue.getJobCounts(...STATES);
    } catch (error) {
      counts = Promise.reject(error);
    }
    // A late answer (after its deadline) is still applied: it is the newest there is.
    const fetch = counts.then(
      (c) => this.#succeeded(c),
      (error: unknown) => this.#failed(error),
    );
    this.#fetch = fetch.finally(() => {
      this.#fetch = undefined;
    });
    return this.#fetch;
  }

  #succeeded(counts: Record<string, number>): void {
    if (this.#closed) return;
    const n = (state: string): number => counts[state] ?? 0;
    this.#levels = {
      pending: n('waiting') + n('paused') + n('delayed') + n('prioritized') + n('waiting-children'),
      running: n('active'),
      retainedCompleted: n('completed'),
      retainedFailed: n('failed'),
    };
    this.#refreshedAt = Date.now();
    if (this.#metrics === undefined) {
      // Registered on the first answer: before it, no series beats a series of made-up zeros.
      try {
        this.#metrics = new QueueMetrics(this.name, 'bullmq', this.#meter, () => this.#levels);
      } catch (error) {
        this.#failed(error);
        return;
      }
    }
    if (this.#stale) {
      this.#stale = false;
      this.#logger.info(`bullmq queue ${JSON.stringify(this.name)}: job counts are current again, after ${((Date.now() - this.#failingSince) / 1000).toFixed(1)} s of failed refreshes`);
    }
  }

  #failed(error: unknown): void {
    if (this.#closed) return;
    this.#refreshFailures.add(1);
    this.#lastError = error;
    if (this.#stale) return; // one warning per outage
    this.#stale = true;
    this.#failingSince = Date.now();
    const keeping =
      this.#refreshedAt === undefined
        ? 'no depth is reported until a refresh succeeds'
        : `depth and retained metrics keep the counts from ${new Date(this.#refreshedAt).toISOString()} until one succeeds`;
    this.#logger.warn(`bullmq queue ${JSON.stringify(this.name)}: could not refresh job counts: ${messageOf(error)}; ${keeping} (logged once per outage)`, { error });
  }
}

function nameFromQueue(where: string, queueName: string): string {
  try {
    return assertName(where, queueName);
  } catch {
    throw new InvalidOptionError(
      `${where}: the queue's name ${JSON.stringify(queueName)} cannot label metrics (1-64 characters, a letter first, then letters, digits, "_", ".", ":" or "-"); pass { name } to choose one`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isBullQueue(value: unknown): value is Queue {
  const q = value as Partial<Queue> | null;
  return typeof q === 'object' && q !== null && typeof q.getJobCounts === 'function' && typeof q.name === 'string';
}
