import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './MetricSink.js';

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
          return {
            add(value) {
              for (const b of bound) b.add(value);
            },
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
          return {
            record(value) {
              for (const b of bound) b.record(value);
            },
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
