import type { BoundCounter, BoundHistogram, CounterInstrument, HistogramInstrument, MetricSink, Observation } from '@leakguard/core';

const boundCounter: BoundCounter = { add() {}, release() {} };
const boundHistogram: BoundHistogram = { record() {}, release() {} };
const counter: CounterInstrument = { add() {}, bind: () => boundCounter };
const histogram: HistogramInstrument = { record() {}, bind: () => boundHistogram };
const unregister = (): void => {};
const observation: Observation = { unregister, [Symbol.dispose]: unregister };

const sink: MetricSink = Object.freeze({
  counter: () => counter,
  histogram: () => histogram,
  // The callback is never kept, so nothing is ever read at collect time.
  observe: () => observation,
});

/**
 * A MetricSink whose instruments do nothing: a primitive given it pays only for the calls
 * into its instruments, which is what "metrics off" costs. One shared, frozen instance.
 */
export function noopSink(): MetricSink {
  return sink;
}
