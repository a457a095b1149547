import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { Backend, RecordFn } from './CatalogSink.js';
import { CatalogSink } from './CatalogSink.js';
import type { Attributes } from './MetricSink.js';
import { checkValue } from './MetricSink.js';

/** Prometheus' default buckets, for a histogram whose definition gives none. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface CounterPoint {
  readonly attributes: Attributes;
  value: number;
}

export interface HistogramPoint {
  readonly attributes: Attributes;
  /** counts[i] = observations in (bounds[i-1], bounds[i]]; the last slot is above the last bound. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
  min: number;
  max: number;
}

/** A stable key for an attribute set, in the order given (record sites always pass one order). */
export function attributeKey(attributes: Attributes | undefined): string {
  if (attributes === undefined) return '';
  let key = '';
  for (const k in attributes) key += `${k}\u0000${String(attributes[k])}\u0001`;
  return key;
}

const NO_ATTRIBUTES: Attributes = Object.freeze({});

/** Cumulative sums per attribute set. */
export class CounterAggregate {
  readonly def: MetricDefinition;
  readonly #points = new Map<string, CounterPoint>();

  constructor(def: MetricDefinition) {
    this.def = def;
  }

  point(attributes: Attributes | undefined): CounterPoint {
    const key = attributeKey(attributes);
    let p = this.#points.get(key);
    if (p === undefined) {
      p = { attributes: attributes ?? NO_ATTRIBUTES, value: 0 };
      this.#points.set(key, p);
    }
    return p;
  }

  points(): Iterable<CounterPoint> {
    return this.#points.values();
  }

  remove(attributes: Attributes | undefined): void {
    this.#points.delete(attributeKey(attributes));
  }

  reset(): void {
    this.#points.clear();
  }
}

/** Cumulative explicit-bucket histograms per attribute set. */
export class HistogramAggregate {
  readonly def: MetricDefinition;
  readonly bounds: Float64Array;
  readonly #points = new Map<string, HistogramPoint>();

  constructor(def: MetricDefinition) {
    this.def = def;
    this.bounds = Float64Array.from(def.buckets ?? DEFAULT_BUCKETS);
  }

  point(attributes: Attributes | undefined): HistogramPoint {
    const key = attributeKey(attributes);
    let p = this.#points.get(key);
    if (p === undefined) {
      p = {
        attributes: attributes ?? NO_ATTRIBUTES,
        counts: new Float64Array(this.bounds.length + 1),
        sum: 0,
        count: 0,
        min: Number.POSITIVE_INFINITY,
        max: Number.NEGATIVE_INFINITY,
      };
      this.#points.set(key, p);
    }
    return p;
  }

  observe(p: HistogramPoint, value: number): void {
    const bounds = this.bounds;
    const n = bounds.length;
    let i = 0;
    while (i < n && value > (bounds[i] as number)) i++;
    p.counts[i] = (p.counts[i] as number) + 1;
    p.sum += value;
    p.count++;
    if (value < p.min) p.min = value;
    if (value > p.max) p.max = value;
  }

  points(): Iterable<HistogramPoint> {
    return this.#points.values();
  }

  remove(attributes: Attributes | undefined): void {
    this.#points.delete(attributeKey(attributes));
  }

  reset(): void {
    this.#points.clear();
  }
}

/** An observable metric: nothing is stored; `collect` runs the callbacks at collection time. */
export class ObservedAggregate {
  readonly def: MetricDefinition;
  readonly #collect: (emit: RecordFn) => void;

  constructor(def: MetricDefinition, collect: (emit: RecordFn) => void) {
    this.def = def;
    this.#collect = collect;
  }

  /** Runs the callbacks; the last value wins for a repeated attribute set, as in the OTel SDK. */
  collect(): CounterPoint[] {
    const byKey = new Map<string, CounterPoint>();
    this.#collect((value, attributes) => {
      byKey.set(attributeKey(attributes), { attributes: attributes ?? NO_ATTRIBUTES, value });
    });
    return [...byKey.values()];
  }
}

export type Aggregate = CounterAggregate | HistogramAggregate | ObservedAggregate;

/**
 * A sink that aggregates in process: counters and histograms in plain numbers and typed
 * arrays behind bound handles (a bucket search and a few additions per record), observables
 * as callbacks. Subclasses export the aggregates (to a prom-client Registry, or to an OTel
 * MetricReader) when they are collected.
 */
export abstract class AggregatingSink extends CatalogSink {
  readonly #aggregates: Aggregate[] = [];

  /** The aggregates so far, for exporters (the Prometheus families, the OTel producer). */
  aggregates(): readonly Aggregate[] {
    return this.#aggregates;
  }

  /** Called once per definition, when its aggregate is created. */
  protected added(_aggregate: Aggregate): void {}

  protected makeCounter(def: MetricDefinition): Backend {
    const agg = this.#add(new CounterAggregate(def));
    return {
      unbind: (attributes) => agg.remove(attributes),
      record: (value, attributes) => {
        agg.point(attributes).value += value;
      },
      bind: (attributes) => {
        const p = agg.point(attributes);
        return (value) => {
          if (!(value >= 0)) checkValue(def, value, true);
          p.value += value;
        };
      },
    };
  }

  protected makeHistogram(def: MetricDefinition): Backend {
    const agg = this.#add(new HistogramAggregate(def));
    return {
      unbind: (attributes) => agg.remove(attributes),
      record: (value, attributes) => agg.observe(agg.point(attributes), value),
      bind: (attributes) => {
        const p = agg.point(attributes);
        const bounds = agg.bounds;
        const n = bounds.length;
        const counts = p.counts;
        // The bucket search inlined: this runs twice per pool acquire/release.
        return (value) => {
          if (!(value >= 0)) checkValue(def, value, true);
          let i = 0;
          while (i < n && value > (bounds[i] as number)) i++;
          counts[i] = (counts[i] as number) + 1;
          p.sum += value;
          p.count++;
          if (value < p.min) p.min = value;
          if (value > p.max) p.max = value;
        };
      },
    };
  }

  protected makeObservable(def: MetricDefinition, collect: (emit: RecordFn) => void): void {
    this.#add(new ObservedAggregate(def, collect));
  }

  #add<A extends Aggregate>(agg: A): A {
    this.added(agg);
    this.#aggregates.push(agg);
    return agg;
  }
}

/** An aggregating sink with no exporter of its own (an OTel producer's, when it has no other source). */
export class MemorySink extends AggregatingSink {}
