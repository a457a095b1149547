import type { Meter, ObservableResult } from '@opentelemetry/api';
import { metrics } from '@opentelemetry/api';
import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './MetricSink.js';
import { assertKind, checkAttributes, checkValue } from './MetricSink.js';
import { observationSet } from './observationSet.js';

/** Instrumentation scope name leakguard reports under. */
export const METER_NAME = '@leakguard/core';

const sinks = new WeakMap<Meter, MetricSink>();

/**
 * A sink that creates OpenTelemetry instruments from catalog definitions on `meter`
 * (default: `metrics.getMeter('@leakguard/core')` from @opentelemetry/api — the SDK the
 * application registered, or a no-op when there is none; register it before creating
 * leakguard primitives). One sink per meter: asking twice returns the same sink, so an
 * instrument is created once however many pools or queues report through it.
 */
export function otelSink(meter?: Meter): MetricSink {
  const m = meter ?? metrics.getMeter(METER_NAME);
  let sink = sinks.get(m);
  if (sink === undefined) {
    sink = new OtelSink(m);
    sinks.set(m, sink);
  }
  return sink;
}

class OtelSink implements MetricSink {
  readonly #meter: Meter;
  readonly #counters = new Map<string, CounterInstrument>();
  readonly #histograms = new Map<string, HistogramInstrument>();
  readonly #observables = new Map<string, ReturnType<typeof observationSet>>();

  constructor(meter: Meter) {
    this.#meter = meter;
  }

  counter(def: MetricDefinition): CounterInstrument {
    assertKind(def, 'counter');
    let c = this.#counters.get(def.name);
    if (c === undefined) {
      const counter = this.#meter.createCounter(def.name, { unit: def.unit, description: def.description });
      c = {
        add(value, attributes) {
          checkValue(def, value, true);
          checkAttributes(def, attributes);
          counter.add(value, attributes);
        },
      };
      this.#counters.set(def.name, c);
    }
    return c;
  }

  histogram(def: MetricDefinition): HistogramInstrument {
    assertKind(def, 'histogram');
    let h = this.#histograms.get(def.name);
    if (h === undefined) {
      const histogram = this.#meter.createHistogram(def.name, {
        unit: def.unit,
        description: def.description,
        ...(def.buckets === undefined ? {} : { advice: { explicitBucketBoundaries: [...def.buckets] } }),
      });
      h = {
        record(value, attributes) {
          checkValue(def, value, true);
          checkAttributes(def, attributes);
          histogram.record(value, attributes);
        },
      };
      this.#histograms.set(def.name, h);
    }
    return h;
  }

  observe(def: MetricDefinition, callback: (observe: Observe) => void): Observation {
    assertKind(def, 'observe');
    let set = this.#observables.get(def.name);
    if (set === undefined) {
      const options = { unit: def.unit, description: def.description };
      const instrument =
        def.instrument === 'observableCounter'
          ? this.#meter.createObservableCounter(def.name, options)
          : def.instrument === 'observableUpDownCounter'
            ? this.#meter.createObservableUpDownCounter(def.name, options)
            : this.#meter.createObservableGauge(def.name, options);
      const callbacks = observationSet();
      const monotonic = def.instrument === 'observableCounter';
      instrument.addCallback((result: ObservableResult) => {
        callbacks.run((value, attributes) => {
          checkValue(def, value, monotonic);
          checkAttributes(def, attributes);
          result.observe(value, attributes);
        });
      });
      set = callbacks;
      this.#observables.set(def.name, set);
    }
    return set.add(callback);
  }
}
