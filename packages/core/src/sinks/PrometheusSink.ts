import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import { MetricDefinitionError } from '../catalog/MetricDefinition.js';
import { prometheusLabel, prometheusName } from '../catalog/prometheusNames.js';
import type { Attributes, CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './MetricSink.js';
import { assertKind, checkAttributes, checkValue } from './MetricSink.js';
import { observationSet } from './observationSet.js';

export interface PrometheusSink extends MetricSink {
  /** The prom-client Registry the metrics are registered on; serve it with `startMetricsServer`. */
  readonly registry: Registry;
}

export interface PrometheusSinkOptions {
  /**
   * The prom-client Registry to register on. Default: a new private Registry. leakguard never
   * touches prom-client's global default registry unless you pass it here.
   */
  readonly registry?: Registry;
}

const sinks = new WeakMap<Registry, PrometheusSink>();

/**
 * A sink that exposes catalog metrics on a prom-client Registry under their translated
 * Prometheus names (see `prometheusName`). Families are registered on first use. Passing
 * the same registry twice returns the same sink.
 */
export function prometheusSink(options: PrometheusSinkOptions = {}): PrometheusSink {
  const registry = options.registry ?? new Registry();
  let sink = sinks.get(registry);
  if (sink === undefined) {
    sink = new PromSink(registry);
    sinks.set(registry, sink);
  }
  return sink;
}

type Labels = Record<string, string | number>;

class PromSink implements PrometheusSink {
  readonly registry: Registry;
  readonly #counters = new Map<string, CounterInstrument>();
  readonly #histograms = new Map<string, HistogramInstrument>();
  readonly #observables = new Map<string, ReturnType<typeof observationSet>>();

  constructor(registry: Registry) {
    this.registry = registry;
  }

  counter(def: MetricDefinition): CounterInstrument {
    assertKind(def, 'counter');
    let c = this.#counters.get(def.name);
    if (c === undefined) {
      const counter = new Counter({ ...this.#config(def), registers: [this.registry] });
      c = {
        add(value, attributes) {
          checkValue(def, value, true);
          checkAttributes(def, attributes);
          if (attributes === undefined) counter.inc(value);
          else counter.inc(toLabels(attributes), value);
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
      const histogram = new Histogram({
        ...this.#config(def),
        ...(def.buckets === undefined ? {} : { buckets: [...def.buckets] }),
        registers: [this.registry],
      });
      h = {
        record(value, attributes) {
          checkValue(def, value, true);
          checkAttributes(def, attributes);
          if (attributes === undefined) histogram.observe(value);
          else histogram.observe(toLabels(attributes), value);
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
      const callbacks = observationSet();
      const monotonic = def.instrument === 'observableCounter';
      const config = { ...this.#config(def), registers: [this.registry] };
      if (monotonic) {
        new Counter({
          ...config,
          collect(this: Counter) {
            this.reset();
            callbacks.run((value, attributes) => {
              checkValue(def, value, true);
              checkAttributes(def, attributes);
              if (attributes === undefined) this.inc(value);
              else this.inc(toLabels(attributes), value);
            });
          },
        });
      } else {
        new Gauge({
          ...config,
          collect(this: Gauge) {
            this.reset();
            callbacks.run((value, attributes) => {
              checkValue(def, value, false);
              checkAttributes(def, attributes);
              if (attributes === undefined) this.set(value);
              else this.set(toLabels(attributes), value);
            });
          },
        });
      }
      set = callbacks;
      this.#observables.set(def.name, set);
    }
    return set.add(callback);
  }

  #config(def: MetricDefinition): { name: string; help: string; labelNames: string[] } {
    const name = prometheusName(def);
    if (this.registry.getSingleMetric(name) !== undefined) {
      throw new MetricDefinitionError(
        `the Prometheus registry already has a metric named ${name} that leakguard did not create; pass leakguard a registry of its own or remove that metric`,
      );
    }
    return { name, help: def.description, labelNames: def.attributes.map((a) => prometheusLabel(a.key)) };
  }
}

const labelCache = new Map<string, string>();

function toLabels(attributes: Attributes): Labels {
  const labels: Labels = {};
  for (const key in attributes) {
    let label = labelCache.get(key);
    if (label === undefined) {
      label = prometheusLabel(key);
      labelCache.set(key, label);
    }
    const v = attributes[key] as string | number | boolean;
    labels[label] = typeof v === 'boolean' ? String(v) : v;
  }
  return labels;
}
