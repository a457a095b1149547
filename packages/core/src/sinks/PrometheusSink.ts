import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import { MetricDefinitionError } from '../catalog/MetricDefinition.js';
import { prometheusLabel, prometheusName } from '../catalog/prometheusNames.js';
import type { RecordFn } from './CatalogSink.js';
import { CatalogSink } from './CatalogSink.js';
import type { Attributes, MetricSink } from './MetricSink.js';

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

class PromSink extends CatalogSink implements PrometheusSink {
  readonly registry: Registry;

  constructor(registry: Registry) {
    super();
    this.registry = registry;
  }

  protected makeCounter(def: MetricDefinition): RecordFn {
    const counter = new Counter(this.#config(def));
    return (value, attributes) => (attributes === undefined ? counter.inc(value) : counter.inc(toLabels(attributes), value));
  }

  protected makeHistogram(def: MetricDefinition): RecordFn {
    const histogram = new Histogram({ ...this.#config(def), ...(def.buckets === undefined ? {} : { buckets: [...def.buckets] }) });
    return (value, attributes) => (attributes === undefined ? histogram.observe(value) : histogram.observe(toLabels(attributes), value));
  }

  protected makeObservable(def: MetricDefinition, collect: (emit: RecordFn) => void): void {
    // prom-client calls collect() on every scrape; each scrape starts from an empty family,
    // so a series whose owner has gone (a closed pool) disappears.
    if (def.instrument === 'observableCounter') {
      new Counter({
        ...this.#config(def),
        collect(this: Counter) {
          this.reset();
          collect((value, attributes) => (attributes === undefined ? this.inc(value) : this.inc(toLabels(attributes), value)));
        },
      });
    } else {
      new Gauge({
        ...this.#config(def),
        collect(this: Gauge) {
          this.reset();
          collect((value, attributes) => (attributes === undefined ? this.set(value) : this.set(toLabels(attributes), value)));
        },
      });
    }
  }

  #config(def: MetricDefinition): { name: string; help: string; labelNames: string[]; registers: Registry[] } {
    const name = prometheusName(def);
    if (this.registry.getSingleMetric(name) !== undefined) {
      throw new MetricDefinitionError(
        `the Prometheus registry already has a metric named ${name} that leakguard did not create; pass leakguard a registry of its own or remove that metric`,
      );
    }
    return { name, help: def.description, labelNames: def.attributes.map((a) => prometheusLabel(a.key)), registers: [this.registry] };
  }
}

const labelCache = new Map<string, string>();

function toLabels(attributes: Attributes): { [label: string]: string | number } {
  const labels: { [label: string]: string | number } = {};
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
