import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { Attributes, CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './MetricSink.js';
import { assertKind, checkAttributes, checkValue } from './MetricSink.js';
import { observationSet } from './observationSet.js';

/** Records one value on a backend instrument, attributes already checked. */
export type RecordFn = (value: number, attributes?: Attributes) => void;

/**
 * What every sink shares: one backend instrument per definition (created on first use and
 * cached), the record-time checks, and the set of observable callbacks run at collect time.
 * A backend only says how to create its instruments.
 */
export abstract class CatalogSink implements MetricSink {
  readonly #counters = new Map<string, CounterInstrument>();
  readonly #histograms = new Map<string, HistogramInstrument>();
  readonly #observables = new Map<string, ReturnType<typeof observationSet>>();

  protected abstract makeCounter(def: MetricDefinition): RecordFn;
  protected abstract makeHistogram(def: MetricDefinition): RecordFn;
  /** Creates the observable instrument; the backend calls `collect` each time it collects. */
  protected abstract makeObservable(def: MetricDefinition, collect: (emit: RecordFn) => void): void;

  counter(def: MetricDefinition): CounterInstrument {
    assertKind(def, 'counter');
    let c = this.#counters.get(def.name);
    if (c === undefined) {
      const add = this.makeCounter(def);
      c = {
        add(value, attributes) {
          checkValue(def, value, true);
          checkAttributes(def, attributes);
          add(value, attributes);
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
      const record = this.makeHistogram(def);
      h = {
        record(value, attributes) {
          checkValue(def, value, true);
          checkAttributes(def, attributes);
          record(value, attributes);
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
      this.makeObservable(def, (emit) => {
        callbacks.run((value, attributes) => {
          checkValue(def, value, monotonic);
          checkAttributes(def, attributes);
          emit(value, attributes);
        });
      });
      set = callbacks;
      this.#observables.set(def.name, set);
    }
    return set.add(callback);
  }
}
