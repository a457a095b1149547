import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { BoundCounter, BoundHistogram, CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './MetricSink.js';

/** A sink that forwards every instrument to each of `sinks` (e.g. OTel and Prometheus at once). */
export function fanoutSink(...sinks: readonly MetricSink[]): MetricSink {
  if (sinks.length === 1) return sinks[0] as MetricSink;
  return {
    counter(def: MetricDefinition): CounterInstrument {
      const all = sinks.map((s) => s.counter(def));
      return {
        add(value, attributes) {
          for (const c of all) c.add(value, attributes);
        },
        bind(attributes) {
          const bound = all.map((c) => c.bind(attributes));
          // Two sinks (Prometheus and OTel) is the common case on hot paths: no loop.
          const [a, b] = bound as [BoundCounter, BoundCounter];
          const release = (): void => bound.forEach((x) => x.release());
          if (bound.length === 2) return { add: (value) => (a.add(value), b.add(value)), release };
          return {
            add(value) {
              for (const x of bound) x.add(value);
            },
            release,
          };
        },
      };
    },
    histogram(def: MetricDefinition): HistogramInstrument {
      const all = sinks.map((s) => s.histogram(def));
      return {
        record(value, attributes) {
          for (const h of all) h.record(value, attributes);
        },
        bind(attributes) {
          const bound = all.map((h) => h.bind(attributes));
          const [a, b] = bound as [BoundHistogram, BoundHistogram];
          const release = (): void => bound.forEach((x) => x.release());
          if (bound.length === 2) return { record: (value) => (a.record(value), b.record(value)), release };
          return {
            record(value) {
              for (const x of bound) x.record(value);
            },
            release,
          };
        },
      };
    },
    observe(def: MetricDefinition, callback: (observe: Observe) => void): Observation {
      const all = sinks.map((s) => s.observe(def, callback));
      const unregister = (): void => {
        for (const o of all) o.unregister();
      };
      return { unregister, [Symbol.dispose]: unregister };
    },
  };
}
