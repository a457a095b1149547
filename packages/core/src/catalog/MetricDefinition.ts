import { LeakguardError } from '../errors.js';

/**
 * How a metric is measured. Synchronous up-down counters are deliberately absent:
 * levels (pool usage, queue depth) are read at collect time by observable instruments,
 * never kept by +1/-1 bookkeeping that drifts when a path forgets its -1.
 */
export type InstrumentKind =
  | 'counter'
  | 'histogram'
  | 'observableCounter'
  | 'observableUpDownCounter'
  | 'observableGauge';

export const INSTRUMENT_KINDS: readonly InstrumentKind[] = [
  'counter',
  'histogram',
  'observableCounter',
  'observableUpDownCounter',
  'observableGauge',
];

/** One attribute (Prometheus label) a metric may carry. */
export interface AttributeDefinition {
  /** OTel attribute key, e.g. `db.client.connection.pool.name`. */
  readonly key: string;
  readonly description: string;
  /** The closed set of allowed values; absent when the set is open (e.g. user-chosen names). */
  readonly values?: readonly string[];
  /** Whether every data point must carry it. Default false. */
  readonly required?: boolean;
}

export interface MetricDefinition {
  /** OTel instrument name, e.g. `db.client.connection.count`. */
  readonly name: string;
  readonly instrument: InstrumentKind;
  /** UCUM unit: `s`, `By`, `1`, or an annotation such as `{connection}`. */
  readonly unit: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
  /** Histogram bucket boundaries (in `unit`), passed to OTel as advice and to prom-client as buckets. */
  readonly buckets?: readonly number[];
  /** Where the name comes from: an OTel semantic convention, or leakguard's own namespace. */
  readonly origin: 'semconv' | 'leakguard';
  /**
   * The Prometheus name, only when the translation would break Prometheus' own conventions
   * (a non-histogram whose name ends in `_count`, `_sum` or `_bucket`, which Prometheus
   * reserves for histogram series). Must itself follow them. Normally absent.
   */
  readonly prometheusName?: string;
  /** The area of leakguard that emits it (`core`, `pool`, ...), used to group docs and dashboards. */
  readonly area: string;
}

/** A metric definition was rejected when it was added to a catalog. */
export class MetricDefinitionError extends LeakguardError {
  constructor(message: string) {
    super('LEAKGUARD_METRIC_DEFINITION', message);
  }
}

/**
 * A data point was refused at record (or collect) time: an attribute its metric does not
 * declare, an attribute value outside its closed set, a missing required attribute, or a
 * value that is NaN (or negative on a counter or histogram).
 */
export class MetricAttributeError extends LeakguardError {
  constructor(message: string) {
    super('LEAKGUARD_METRIC_ATTRIBUTE', message);
  }
}

/**
 * UCUM units leakguard accepts, with the word the OTel→Prometheus translation appends.
 * `1` maps to `ratio` for gauges only (the spec's rule); `{annotation}` units add nothing.
 */
export const UNIT_WORDS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  '%': 'percent',
  '1': 'ratio',
};

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const ANNOTATION = /^\{[a-z][a-z0-9_.]*\}$/;
const SEMCONV_NAMESPACES = ['db.client.connection.', 'http.client.', 'v8js.'];

export function isValidUnit(unit: string): boolean {
  if (ANNOTATION.test(unit) || unit in UNIT_WORDS) return true;
  const parts = unit.split('/');
  return parts.length === 2 && parts.every((p) => p in UNIT_WORDS || ANNOTATION.test(p)) && parts[1] !== '1';
}

/** Checks one definition on its own; MetricCatalog adds the checks across definitions. */
export function validateDefinition(def: MetricDefinition): void {
  const where = `metric ${JSON.stringify(def.name)}`;
  if (typeof def.name !== 'string' || !NAME.test(def.name) || def.name.length > 255) {
    throw new MetricDefinitionError(
      `${where}: name must be lower-case dot-separated words (letters, digits, "_"), e.g. "leakguard.queue.depth"`,
    );
  }
  if (def.origin === 'leakguard' && !def.name.startsWith('leakguard.')) {
    throw new MetricDefinitionError(`${where}: leakguard's own metrics live under "leakguard.<area>.<thing>"; mark it origin "semconv" only if an OTel semantic convention defines it`);
  }
  if (def.origin === 'semconv' && !SEMCONV_NAMESPACES.some((ns) => def.name.startsWith(ns))) {
    throw new MetricDefinitionError(`${where}: origin "semconv" is for names from OTel semantic conventions (${SEMCONV_NAMESPACES.join(', ')}); use "leakguard.<area>.<thing>" otherwise`);
  }
  if (!INSTRUMENT_KINDS.includes(def.instrument)) {
    throw new MetricDefinitionError(`${where}: instrument must be one of ${INSTRUMENT_KINDS.join(', ')}, got ${JSON.stringify(def.instrument)}`);
  }
  if (typeof def.unit !== 'string' || !isValidUnit(def.unit)) {
    throw new MetricDefinitionError(
      `${where}: unit ${JSON.stringify(def.unit)} is not a UCUM unit leakguard knows; use one of ${Object.keys(UNIT_WORDS).join(', ')}, a ratio of two of them (By/s), or an annotation such as {connection}`,
    );
  }
  if (typeof def.description !== 'string' || def.description.trim() === '') {
    throw new MetricDefinitionError(`${where}: description is required`);
  }
  if (typeof def.area !== 'string' || !/^[a-z]+$/.test(def.area)) {
    throw new MetricDefinitionError(`${where}: area must be a lower-case word such as "pool"`);
  }
  const seen = new Set<string>();
  for (const attr of def.attributes) {
    if (!ATTRIBUTE_KEY.test(attr.key)) {
      throw new MetricDefinitionError(`${where}: attribute key ${JSON.stringify(attr.key)} must be lower-case dot-separated words`);
    }
    if (seen.has(attr.key)) throw new MetricDefinitionError(`${where}: attribute ${JSON.stringify(attr.key)} is declared twice`);
    seen.add(attr.key);
    if (attr.values !== undefined) {
      if (attr.values.length === 0 || new Set(attr.values).size !== attr.values.length || attr.values.some((v) => typeof v !== 'string' || v === '')) {
        throw new MetricDefinitionError(`${where}: attribute ${JSON.stringify(attr.key)} must list distinct non-empty values, or none for an open set`);
      }
    }
  }
  if (def.buckets !== undefined) {
    if (def.instrument !== 'histogram') {
      throw new MetricDefinitionError(`${where}: buckets apply to histograms only`);
    }
    const b = def.buckets;
    if (b.length === 0 || b.some((v, i) => !Number.isFinite(v) || (i > 0 && v <= (b[i - 1] as number)))) {
      throw new MetricDefinitionError(`${where}: buckets must be finite and strictly increasing`);
    }
  }
}
