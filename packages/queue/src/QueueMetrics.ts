import type { BoundCounter, BoundHistogram, MetricsOption, Observation } from '@leakguard/core';
import { METRICS, resolveMetricSink } from '@leakguard/core';

/** A queue's levels, read at collect time. Leave out what a backend cannot tell. */
export interface QueueLevels {
  readonly pending: number;
  readonly running: number;
  /** maxPending; undefined or Infinity when unbounded (then not reported). */
  readonly capacity?: number;
  readonly retainedCompleted?: number;
  readonly retainedFailed?: number;
}

export type TaskOutcome = 'success' | 'failure' | 'timeout' | 'cancelled' | 'rejected';
export type QueueBackend = 'memory' | 'bullmq';

/**
 * The leakguard.queue.* families for one named queue: levels observed from `read()` at
 * collect time, outcomes and timings recorded on handles bound once. Shared by createQueue
 * and the BullMQ adapters. Dispose it to stop reporting levels; counters keep their totals.
 */
export class QueueMetrics implements Disposable {
  readonly waitTime: BoundHistogram;
  readonly runTime: BoundHistogram;
  readonly #outcomes: Record<TaskOutcome, BoundCounter>;
  readonly #observations: Observation[];

  constructor(queueName: string, backend: QueueBackend, meter: MetricsOption | undefined, read: () => QueueLevels) {
    const sink = resolveMetricSink(meter);
    const q = { 'leakguard.queue.name': queueName, 'leakguard.queue.backend': backend };
    this.waitTime = sink.histogram(METRICS.queueWaitTime).bind(q);
    this.runTime = sink.histogram(METRICS.queueRunTime).bind(q);
    const tasks = sink.counter(METRICS.queueTasks);
    const outcome = (o: TaskOutcome): BoundCounter => tasks.bind({ ...q, 'leakguard.queue.outcome': o });
    this.#outcomes = { success: outcome('success'), failure: outcome('failure'), timeout: outcome('timeout'), cancelled: outcome('cancelled'), rejected: outcome('rejected') };
    const pending = { ...q, 'leakguard.queue.state': 'pending' };
    const running = { ...q, 'leakguard.queue.state': 'running' };
    const completed = { ...q, 'leakguard.queue.state': 'completed' };
    const failed = { ...q, 'leakguard.queue.state': 'failed' };
    this.#observations = [
      sink.observe(METRICS.queueDepth, (observe) => {
        const l = read();
        observe(l.pending, pending);
        observe(l.running, running);
      }),
      sink.observe(METRICS.queueCapacity, (observe) => {
        const c = read().capacity;
        if (c !== undefined && Number.isFinite(c)) observe(c, q);
      }),
      sink.observe(METRICS.queueRetained, (observe) => {
        const l = read();
        if (l.retainedCompleted !== undefined) observe(l.retainedCompleted, completed);
        if (l.retainedFailed !== undefined) observe(l.retainedFailed, failed);
      }),
    ];
  }

  /** Counts one task that ended with `outcome`. */
  ended(outcome: TaskOutcome): void {
    this.#outcomes[outcome].add(1);
  }

  /** Stops reporting levels. Idempotent. */
  close(): void {
    for (const o of this.#observations) o.unregister();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
