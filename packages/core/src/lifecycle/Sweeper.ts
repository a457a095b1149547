import type { Meter } from '@opentelemetry/api';
import { METRICS } from '../catalog/metrics.js';
import { InvalidOptionError, LeakguardError } from '../errors.js';
import type { Logger } from '../logger.js';
import { stderrLogger } from '../logger.js';
import { claimName, releaseName } from '../names.js';
import { assertInteger, assertName } from '../options.js';
import type { CounterInstrument, MetricSink, Observation } from '../sinks/MetricSink.js';
import { resolveMetricSink } from '../sinks/defaultSink.js';

/** A background cleanup on a Sweeper. Cancel it (or dispose it) when its owner closes. */
export interface SweepTask extends Disposable {
  readonly name: string;
  readonly intervalMs: number;
  /** Removes the task; the interval's timer goes when its last task does. Idempotent. */
  cancel(): void;
}

export interface SweeperOptions {
  /**
   * Metric attribute `leakguard.sweeper.name`; unique among open sweepers. Default `default`,
   * which the process-wide sweeper uses: name your own.
   */
  readonly name?: string;
  /** Where metrics go: an OTel Meter or a MetricSink. Default: `defaultMetricSink()`. */
  readonly meter?: Meter | MetricSink;
  /** Receives a warning when a task throws. Default: stderr. */
  readonly logger?: Logger;
}

/** `schedule` was called on a Sweeper that was closed. */
export class SweeperClosedError extends LeakguardError {
  constructor(sweeper: string, task: string) {
    super('LEAKGUARD_SWEEPER_CLOSED', `sweeper ${JSON.stringify(sweeper)} is closed; task ${JSON.stringify(task)} was not scheduled. Schedule on an open Sweeper (defaultSweeper() is never closed by leakguard)`);
  }
}

interface Task {
  readonly name: string;
  readonly intervalMs: number;
  readonly run: () => unknown;
  running: boolean;
}

interface Tick {
  readonly timer: NodeJS.Timeout;
  readonly tasks: Set<Task>;
}

/**
 * Runs background cleanups (idle eviction, retention sweeps, registry cleanup) on one
 * unref'd timer per distinct interval, shared by every task with that interval. It never
 * keeps the process alive, holds no timer once its last task is cancelled, and does not
 * start a task again while its previous run is still going.
 */
export class Sweeper implements Disposable {
  readonly name: string;
  readonly #ticks = new Map<number, Tick>();
  readonly #logger: Logger;
  readonly #runs: CounterInstrument;
  readonly #observations: Observation[];
  #closed = false;

  constructor(options: SweeperOptions = {}) {
    this.name = assertName('Sweeper', options.name ?? 'default');
    claimName('sweeper', this.name, this);
    this.#logger = options.logger ?? stderrLogger;
    const sink = resolveMetricSink(options.meter);
    this.#runs = sink.counter(METRICS.sweeperRuns);
    const attrs = { 'leakguard.sweeper.name': this.name };
    // Through a WeakRef: a sweeper dropped without close() is not kept alive by the sink,
    // and its callbacks remove themselves at the next collection.
    const self = new WeakRef(this);
    const observations: Observation[] = [];
    const observeWith = (read: (s: Sweeper) => number) => (observe: (value: number, a: typeof attrs) => void) => {
      const s = self.deref();
      if (s === undefined) {
        for (const o of observations) o.unregister();
        return;
      }
      observe(read(s), attrs);
    };
    observations.push(
      sink.observe(METRICS.sweeperTasks, observeWith((s) => s.size)),
      sink.observe(METRICS.sweeperTimers, observeWith((s) => s.timerCount)),
    );
    this.#observations = observations;
  }

  /**
   * Runs `run` every `intervalMs` (an integer >= 1). `name` appears in warnings when it throws.
   * Returns the task, to cancel when the owner closes.
   */
  schedule(name: string, intervalMs: number, run: () => unknown): SweepTask {
    if (typeof name !== 'string' || name === '') throw new InvalidOptionError('Sweeper.schedule: name must be a non-empty string');
    assertInteger('Sweeper.schedule', 'intervalMs', intervalMs, 1, 2_147_483_647);
    if (typeof run !== 'function') throw new InvalidOptionError(`Sweeper.schedule: task ${JSON.stringify(name)} needs a function to run`);
    if (this.#closed) throw new SweeperClosedError(this.name, name);
    const task: Task = { name, intervalMs, run, running: false };
    let tick = this.#ticks.get(intervalMs);
    if (tick === undefined) {
      const tasks = new Set<Task>();
      const timer = setInterval(() => {
        for (const t of tasks) this.#runTask(t);
      }, intervalMs);
      timer.unref();
      tick = { timer, tasks };
      this.#ticks.set(intervalMs, tick);
    }
    tick.tasks.add(task);
    const cancel = (): void => this.#remove(task);
    return { name, intervalMs, cancel, [Symbol.dispose]: cancel };
  }

  /** Tasks scheduled now. */
  get size(): number {
    let n = 0;
    for (const tick of this.#ticks.values()) n += tick.tasks.size;
    return n;
  }

  /** Timers held now: one per distinct interval. */
  get timerCount(): number {
    return this.#ticks.size;
  }

  /** Runs every task once now and waits for them (for tests and manual maintenance). */
  async sweep(): Promise<void> {
    const runs: Promise<void>[] = [];
    for (const tick of this.#ticks.values()) for (const t of tick.tasks) runs.push(this.#runTask(t));
    await Promise.all(runs);
  }

  /** Cancels every task, clears every timer and stops its metrics; later `schedule` calls throw. Idempotent. */
  close(): void {
    this.#closed = true;
    for (const tick of this.#ticks.values()) clearInterval(tick.timer);
    this.#ticks.clear();
    for (const o of this.#observations) o.unregister();
    releaseName('sweeper', this.name, this);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #remove(task: Task): void {
    const tick = this.#ticks.get(task.intervalMs);
    if (tick === undefined || !tick.tasks.delete(task)) return;
    if (tick.tasks.size === 0) {
      clearInterval(tick.timer);
      this.#ticks.delete(task.intervalMs);
    }
  }

  async #runTask(task: Task): Promise<void> {
    const attrs = { 'leakguard.sweeper.name': this.name };
    if (task.running) {
      this.#runs.add(1, { ...attrs, 'leakguard.sweep.outcome': 'skipped' });
      return;
    }
    task.running = true;
    try {
      await task.run();
      this.#runs.add(1, { ...attrs, 'leakguard.sweep.outcome': 'success' });
    } catch (error) {
      this.#runs.add(1, { ...attrs, 'leakguard.sweep.outcome': 'failure' });
      this.#logger.warn(`sweeper ${JSON.stringify(this.name)}: task ${JSON.stringify(task.name)} failed: ${error instanceof Error ? error.message : String(error)}`, { error });
    } finally {
      task.running = false;
    }
  }
}

let processSweeper: Sweeper | undefined;

/** The process-wide Sweeper that leakguard primitives schedule their cleanups on. */
export function defaultSweeper(): Sweeper {
  processSweeper ??= new Sweeper({ name: 'default' });
  return processSweeper;
}
