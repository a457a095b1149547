import type { MetricDefinition } from '../catalog/MetricDefinition.js';
import type { Attributes, BoundCounter, BoundHistogram, CounterInstrument, HistogramInstrument, MetricSink, Observation, Observe } from './MetricSink.js';
import { assertKind, checkAttributes, checkValue } from './MetricSink.js';
import { observationSet } from './observationSet.js';

/** Records one value on a backend instrument, attributes already checked. */
export type RecordFn = (value: number, attributes?: Attributes) => void;
/** Records one value for an attribute set fixed (and checked) when it was bound; checks the value itself. */
export type BoundFn = (value: number) => void;

/** What a backend provides per instrument: record, bind, and (where it keeps series) forget one. */
export interface Backend {
  readonly record: RecordFn;
  readonly bind: (attributes: Attributes) => BoundFn;
  readonly unbind?: (attributes: Attributes) => void;
}

const EMPTY: Attributes = Object.freeze({});

/**
 * What every sink shares: one backend instrument per definition (created on first use and
 * cached), the record-time checks, bound handles, and the set of observable callbacks run
 * at collect time. A backend only says how to create its instruments.
 */
export abstract class CatalogSink implements MetricSink {
  readonly #counters = new Map<string, CounterInstrument>();
  readonly #histograms = new Map<string, HistogramInstrument>();
  readonly #observables = new Map<string, ReturnType<typeof observationSet>>();

  protected abstract makeCounter(def: MetricDefinition): Backend;
  protected abstract makeHistogram(def: MetricDefinition): Backend;
  /** Creates the observable instrument; the backend calls `collect` each time it collects. */
  protected abstract makeObservable(def: MetricDefinition, collect: (emit: RecordFn) => void): void;

  counter(def: MetricDefinition): CounterInstrument {
    assertKind(def, 'counter');
    let c = this.#counters.get(def.name);
    if (c === undefined) {
      c = checked(def, this.makeCounter(def), (record, bind) => ({
        add: record,
        bind: (attributes?: Attributes): BoundCounter => {
          const b = bind(attributes);
          return { add: b.fn, release: b.release };
        },
      }));
      this.#counters.set(def.name, c);
    }
    return c;
  }

  histogram(def: MetricDefinition): HistogramInstrument {
    assertKind(def, 'histogram');
    let h = this.#histograms.get(def.name);
    if (h === undefined) {
      h = checked(def, this.makeHistogram(def), (record, bind) => ({
        record,
        bind: (attributes?: Attributes): BoundHistogram => {
          const b = bind(attributes);
          return { record: b.fn, release: b.release };
        },
      }));
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

/**
 * Wraps a backend's record with the definition's checks, and checks a bound handle's
 * attributes once. A backend's bound function checks its own values (`checkValue`), so a hot
 * path pays one call per value, not two.
 */
function checked<I>(
  def: MetricDefinition,
  backend: Backend,
  build: (record: RecordFn, bind: (attributes?: Attributes) => { fn: BoundFn; release: () => void }) => I,
): I {
  return build(
    (value, attributes) => {
      checkValue(def, value, true);
      checkAttributes(def, attributes);
      backend.record(value, attributes);
    },
    (attributes) => {
      checkAttributes(def, attributes);
      const frozen = attributes === undefined ? EMPTY : Object.freeze({ ...attributes });
      const unbind = backend.unbind;
      return { fn: backend.bind(frozen), release: unbind === undefined ? () => {} : () => unbind(frozen) };
    },
  );
}
