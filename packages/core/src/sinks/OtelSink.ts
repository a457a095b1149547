import type { Meter, ObservableResult } from '@opentelemetry/api';
import { metrics } from '@opentelemetry/api';
import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { Backend, RecordFn } from './CatalogSink.js';
import { CatalogSink } from './CatalogSink.js';
import type { MetricSink } from './MetricSink.js';
import { checkValue } from './MetricSink.js';

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

class OtelSink extends CatalogSink {
  readonly #meter: Meter;

  constructor(meter: Meter) {
    super();
    this.#meter = meter;
  }

  protected makeCounter(def: MetricDefinition): Backend {
    const counter = this.#meter.createCounter(def.name, { unit: def.unit, description: def.description });
    return {
      record: (value, attributes) => counter.add(value, attributes),
      bind: (attributes) => (value) => {
        checkValue(def, value, true);
        counter.add(value, attributes);
      },
    };
  }

  protected makeHistogram(def: MetricDefinition): Backend {
    const histogram = this.#meter.createHistogram(def.name, {
      unit: def.unit,
      description: def.description,
      ...(def.buckets === undefined ? {} : { advice: { explicitBucketBoundaries: [...def.buckets] } }),
    });
    return {
      record: (value, attributes) => histogram.record(value, attributes),
      bind: (attributes) => (value) => {
        checkValue(def, value, true);
        histogram.record(value, attributes);
      },
    };
  }

  protected makeObservable(def: MetricDefinition, collect: (emit: RecordFn) => void): void {
    const options = { unit: def.unit, description: def.description };
    const instrument =
      def.instrument === 'observableCounter'
        ? this.#meter.createObservableCounter(def.name, options)
        : def.instrument === 'observableUpDownCounter'
          ? this.#meter.createObservableUpDownCounter(def.name, options)
          : this.#meter.createObservableGauge(def.name, options);
    instrument.addCallback((result: ObservableResult) => {
      collect((value, attributes) => result.observe(value, attributes));
    });
  }
}
