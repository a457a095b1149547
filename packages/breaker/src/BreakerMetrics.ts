import type { BoundCounter, MetricsOption, Observation } from '@leakguard/core';
import { METRICS, resolveMetricSink } from '@leakguard/core';

export type BreakerState = 'closed' | 'open' | 'half_open';
export type CallOutcome = 'success' | 'failure' | 'rejected' | 'timeout';

const STATES: readonly BreakerState[] = ['closed', 'open', 'half_open'];

/**
 * The leakguard.breaker.* families for one named breaker: its state observed from `read()` at
 * collect time (1 for the current state, 0 for the others), transitions and call outcomes on
 * handles bound once. Shared by createBreaker and the opossum and cockatiel instruments.
 * Dispose it to stop reporting the state; counters keep their totals.
 */
export class BreakerMetrics implements Disposable {
  readonly #calls: Record<CallOutcome, BoundCounter>;
  readonly #transitions = new Map<string, BoundCounter>();
  readonly #transitionCounter;
  readonly #name: string;
  readonly #observation: Observation;

  constructor(name: string, meter: MetricsOption | undefined, read: () => BreakerState) {
    const sink = resolveMetricSink(meter);
    this.#name = name;
    const b = { 'leakguard.breaker.name': name };
    const calls = sink.counter(METRICS.breakerCalls);
    const call = (o: CallOutcome): BoundCounter => calls.bind({ ...b, 'leakguard.breaker.outcome': o });
    this.#calls = { success: call('success'), failure: call('failure'), rejected: call('rejected'), timeout: call('timeout') };
    this.#transitionCounter = sink.counter(METRICS.breakerTransitions);
    const byState = STATES.map((s) => [s, { ...b, 'leakguard.breaker.state': s }] as const);
    this.#observation = sink.observe(METRICS.breakerState, (observe) => {
      const current = read();
      for (const [s, attrs] of byState) observe(s === current ? 1 : 0, attrs);
    });
  }

  call(outcome: CallOutcome): void {
    this.#calls[outcome].add(1);
  }

  transition(from: BreakerState, to: BreakerState): void {
    const key = `${from}>${to}`;
    let c = this.#transitions.get(key);
    if (c === undefined) {
      c = this.#transitionCounter.bind({ 'leakguard.breaker.name': this.#name, 'leakguard.breaker.from': from, 'leakguard.breaker.to': to });
      this.#transitions.set(key, c);
    }
    c.add(1);
  }

  /** Stops reporting the state. Idempotent. */
  close(): void {
    this.#observation.unregister();
  }

  /** Also forgets the breaker's call and transition series (a registry evicting it: keys come and go). */
  forget(): void {
    this.close();
    for (const c of Object.values(this.#calls)) c.release();
    for (const c of this.#transitions.values()) c.release();
    this.#transitions.clear();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
