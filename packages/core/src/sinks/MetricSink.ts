import type { InstrumentKind, MetricDefinition } from '../catalog/MetricDefinition.js';
import { MetricAttributeError, MetricDefinitionError } from '../catalog/MetricDefinition.js';

export type AttributeValue = string | number | boolean;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface CounterInstrument {
  /** Adds a non-negative amount. */
  add(value: number, attributes?: Attributes): void;
  /**
   * A handle for one attribute set, checked once here instead of at every `add`: the form
   * hot paths (a pool's acquire and release) use.
   */
  bind(attributes?: Attributes): BoundCounter;
}

export interface BoundCounter {
  add(value: number): void;
  /**
   * Forgets this attribute set's series where the sink keeps one (the Prometheus sink): for
   * short-lived names (a registry's evicted breakers) so series do not pile up. Recording
   * through the handle afterwards starts a new series.
   */
  release(): void;
}

export interface HistogramInstrument {
  record(value: number, attributes?: Attributes): void;
  /** A handle for one attribute set, checked once (see CounterInstrument.bind). */
  bind(attributes?: Attributes): BoundHistogram;
}

export interface BoundHistogram {
  record(value: number): void;
  /** See BoundCounter.release. */
  release(): void;
}

/** Reports one data point of an observable metric during a collection. */
export type Observe = (value: number, attributes?: Attributes) => void;

/** A callback registered with `observe`; removing it (dispose) stops reporting. */
export interface Observation extends Disposable {
  unregister(): void;
}

/**
 * Where leakguard's metrics go. Instruments are created from catalog definitions only;
 * attributes are checked against the definition when a value is recorded (record time):
 * an undeclared key, a value outside a closed set or a missing required attribute throws
 * MetricAttributeError. Observable callbacks run at collect time and read live state.
 */
export interface MetricSink {
  counter(def: MetricDefinition): CounterInstrument;
  histogram(def: MetricDefinition): HistogramInstrument;
  observe(def: MetricDefinition, callback: (observe: Observe) => void): Observation;
}

const OBSERVABLE: readonly InstrumentKind[] = ['observableCounter', 'observableUpDownCounter', 'observableGauge'];

/** Throws unless `def` may be used through `method`. */
export function assertKind(def: MetricDefinition, method: 'counter' | 'histogram' | 'observe'): void {
  const ok = method === 'observe' ? OBSERVABLE.includes(def.instrument) : def.instrument === method;
  if (!ok) {
    throw new MetricDefinitionError(`metric ${JSON.stringify(def.name)} is a ${def.instrument}; it cannot be used through ${method}()`);
  }
}

interface CompiledAttributes {
  readonly allowed: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  readonly required: readonly string[];
}

const compiled = new WeakMap<MetricDefinition, CompiledAttributes>();

function compile(def: MetricDefinition): CompiledAttributes {
  let c = compiled.get(def);
  if (c === undefined) {
    c = {
      allowed: new Map(def.attributes.map((a) => [a.key, a.values === undefined ? undefined : new Set(a.values)])),
      required: def.attributes.filter((a) => a.required === true).map((a) => a.key),
    };
    compiled.set(def, c);
  }
  return c;
}

/** Record-time attribute check shared by every sink. */
export function checkAttributes(def: MetricDefinition, attributes: Attributes | undefined): void {
  const { allowed, required } = compile(def);
  if (attributes !== undefined) {
    for (const key in attributes) {
      if (!allowed.has(key)) {
        const declared = [...allowed.keys()];
        throw new MetricAttributeError(
          `metric ${JSON.stringify(def.name)} has no attribute ${JSON.stringify(key)}; declared: ${declared.length === 0 ? 'none' : declared.join(', ')}. Add it to the catalog entry first`,
        );
      }
      const values = allowed.get(key);
      const value = attributes[key];
      if (values !== undefined && !values.has(String(value))) {
        throw new MetricAttributeError(
          `metric ${JSON.stringify(def.name)}: attribute ${JSON.stringify(key)} must be one of ${[...values].join(', ')}, got ${JSON.stringify(value)}`,
        );
      }
    }
  }
  for (const key of required) {
    if (attributes === undefined || !(key in attributes)) {
      throw new MetricAttributeError(`metric ${JSON.stringify(def.name)} requires attribute ${JSON.stringify(key)}`);
    }
  }
}

export function checkValue(def: MetricDefinition, value: number, monotonic: boolean): void {
  // `!(value >= 0)` is true for negatives, NaN and non-numbers alike: one comparison on the hot path.
  if (monotonic ? !(value >= 0) : typeof value !== 'number' || Number.isNaN(value)) {
    throw new MetricAttributeError(
      `metric ${JSON.stringify(def.name)}: value must be a ${monotonic ? 'non-negative ' : ''}number, got ${String(value)}`,
    );
  }
}
